// The office's side of the stays (decision 22) against the real database: where our students are
// on a day (within the stay, not after, filtered by college and kind, as xlsx), incident messages
// answered through their single-use links (the public page, a reused and an expired link refused),
// bulk reminders to those blocked before departure, the arrival and return reminders job, and the
// dashboard's figures.
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { sendStayReminders } from '~/jobs/stay-reminders.server'
import { toSessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import {
  answerIncident,
  blockedStudents,
  remindBlocked,
  sendIncident,
  stayFigures,
  whereAreStudents,
  whereWorkbook,
} from '~/models/stay-office.server'
import { openStay } from '~/models/stay-record.server'
import { createApplication, createCollege, createPartner, createProgram, createStudent, createUser } from '../factories'
import { sessionCookie, startAppServer, type AppServer } from '../support/app-server'
import { resetDatabase } from '../support/db'
import { uniqueEmail } from '../support/mail-catcher'

let app: AppServer
beforeAll(async () => {
  app = await startAppServer()
})
afterAll(() => app?.close())
beforeEach(resetDatabase)

async function abroad(opts: {
  college: string
  kind?: 'exchange' | 'conference'
  country: string
  city: string
  start: string
  end: string
  name: string
}) {
  const student = await createStudent(prisma, {
    collegeId: opts.college,
    email: uniqueEmail('s'),
    nameZh: opts.name,
    nameEn: opts.name,
    level: 'master',
  })
  const partner = await createPartner(prisma, { countryCode: opts.country })
  const program = await createProgram(prisma, { kind: opts.kind ?? 'exchange', partnerId: partner.id, levels: ['master'] })
  const application = await createApplication(prisma, {
    applicantId: student.id,
    programId: program.id,
    status: 'approved',
    submittedAt: new Date(),
    details: { startDate: opts.start, endDate: opts.end },
  })
  await prisma.$transaction((tx) => openStay(tx, application.id))
  await prisma.stay.update({
    where: { applicationId: application.id },
    data: { city: opts.city, departedAt: new Date(`${opts.start}T08:00:00+08:00`) },
  })
  return { student, application }
}

async function world() {
  const c1 = await createCollege(prisma, { nameZh: '物理学院', nameEn: 'Physics' })
  const c2 = await createCollege(prisma, { nameZh: '化学学院', nameEn: 'Chemistry' })
  const office = toSessionUser(await createUser(prisma, { email: uniqueEmail('office'), roles: ['office_reviewer'] }))
  const a = await abroad({ college: c1.id, country: 'DE', city: 'München', start: '2027-03-01', end: '2027-07-31', name: '甲' })
  const b = await abroad({
    college: c2.id,
    country: 'DE',
    city: 'Berlin',
    start: '2027-04-01',
    end: '2027-04-10',
    name: '乙',
    kind: 'conference',
  })
  const c = await abroad({ college: c1.id, country: 'JP', city: 'Tokyo', start: '2027-03-15', end: '2027-06-30', name: '丙' })
  return { c1, c2, office, a, b, c }
}

describe('where are our students', () => {
  test('lists and counts those whose stay covers the day, not after it, by college and kind', async () => {
    const w = await world()
    const on = async (day: string, filter = {}) => (await whereAreStudents(w.office, day, filter)).rows.map((r) => r.nameZh).sort()
    expect(await on('2027-04-05')).toEqual(['丙', '乙', '甲'])
    expect(await on('2027-04-11')).toEqual(['丙', '甲'])
    expect(await on('2027-08-01')).toEqual([])
    expect(await on('2027-02-28')).toEqual([])
    expect(await on('2027-04-05', { college: w.c1.id })).toEqual(['丙', '甲'])
    expect(await on('2027-04-05', { kind: 'conference' })).toEqual(['乙'])
    // Back early: not abroad after the day of the return.
    await prisma.stay.update({
      where: { applicationId: w.a.application.id },
      data: { arrivedAt: new Date('2027-03-02T00:00:00Z'), returnedAt: new Date('2027-05-01T10:00:00+08:00') },
    })
    expect(await on('2027-05-01')).toEqual(['丙', '甲'])
    expect(await on('2027-05-02')).toEqual(['丙'])
    const { counts } = await whereAreStudents(w.office, '2027-04-05')
    expect(counts).toEqual(
      expect.arrayContaining([
        { countryCode: 'DE', city: 'München', count: 1 },
        { countryCode: 'DE', city: 'Berlin', count: 1 },
        { countryCode: 'JP', city: 'Tokyo', count: 1 },
      ]),
    )
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(await whereWorkbook(w.office, '2027-04-05', {}, 'zh-CN')) as unknown as ArrayBuffer)
    const names = workbook.worksheets[0]!.getColumn(1).values.slice(2)
    expect(names.sort()).toEqual(['丙', '乙', '甲'])
    expect(workbook.worksheets[0]!.getRow(2).values).toContain('德国')
  })

  test('the page and its xlsx are the office’s: a student or a college reviewer is refused', async () => {
    const w = await world()
    const reviewer = await createUser(prisma, { email: uniqueEmail('cr'), roles: ['college_reviewer'], collegeId: w.c1.id })
    for (const path of ['/office/stays?on=2027-04-05', '/office/stays.xlsx?on=2027-04-05']) {
      expect((await app.request(path, { cookie: await sessionCookie(w.a.student.id) })).status).toBe(403)
      expect((await app.request(path, { cookie: await sessionCookie(reviewer.id) })).status).toBe(403)
    }
    const page = await app.request('/office/stays?on=2027-04-05', { cookie: await sessionCookie(w.office.id) })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('München')
    expect(html).toContain('Tokyo')
    const xlsx = await app.request('/office/stays.xlsx?on=2027-04-05', { cookie: await sessionCookie(w.office.id) })
    expect(xlsx.headers.get('Content-Type')).toContain('spreadsheetml')
    // The dashboard shows the office students abroad now and returns overdue; a college reviewer not.
    const dashboard = await (await app.request('/dashboard', { cookie: await sessionCookie(w.office.id) })).text()
    expect(dashboard).toContain('data-testid="stay-figures"')
    const collegeDashboard = await (await app.request('/dashboard', { cookie: await sessionCookie(reviewer.id) })).text()
    expect(collegeDashboard).not.toContain('data-testid="stay-figures"')
  })
})

describe('incident messages', () => {
  test('reach everyone in the country on the day; an answer through a link counts once; links are single-use and expire', async () => {
    const w = await world()
    const now = new Date('2027-04-05T04:00:00Z')
    const sent = await sendIncident(
      w.office,
      { countryCode: 'DE', onDate: '2027-04-05', messageZh: '请报平安', messageEn: 'Are you safe?' },
      now,
    )
    expect(sent).toMatchObject({ ok: true, count: 2 })
    expect(
      await sendIncident(w.office, { countryCode: 'FR', onDate: '2027-04-05', messageZh: '请报平安', messageEn: 'Are you safe?' }, now),
    ).toEqual({
      ok: false,
      error: 'office.stays.error.noRecipients',
    })
    const emails = await prisma.outboxMessage.findMany({ where: { template: 'incident-check' } })
    expect(emails).toHaveLength(2)
    const links = (to: string) => emails.find((e) => e.toAddress === to)!.payload as { safeUrl: string; helpUrl: string }
    const aLinks = links(w.a.student.email)
    const bLinks = links(w.b.student.email)
    const token = (url: string) => new URL(url).pathname.split('/').pop()!

    // The student answers "safe" on the public page: a GET only asks to confirm.
    const page = await app.request(new URL(aLinks.safeUrl).pathname)
    expect(page.status).toBe(200)
    expect(await prisma.incidentRecipient.count({ where: { answer: { not: null } } })).toBe(0)
    const confirmed = await app.request(new URL(aLinks.safeUrl).pathname, { form: { confirm: '1' } })
    expect(confirmed.status).toBe(200)
    // Reused, or the other link after answering: refused.
    expect((await app.request(new URL(aLinks.safeUrl).pathname, { form: { confirm: '1' } })).status).toBe(410)
    expect(await answerIncident(token(aLinks.helpUrl))).toEqual({ ok: false, error: 'stay.error.linkInvalid' })
    // Expired after 14 days.
    expect(await answerIncident(token(bLinks.helpUrl), new Date('2027-04-20T04:00:00Z'))).toEqual({
      ok: false,
      error: 'stay.error.linkInvalid',
    })
    expect(await answerIncident(token(bLinks.helpUrl), new Date('2027-04-06T04:00:00Z'))).toEqual({ ok: true, answer: 'help' })

    const answers = await prisma.incidentRecipient.findMany({ include: { stay: { select: { applicationId: true } } } })
    expect(Object.fromEntries(answers.map((r) => [r.stay.applicationId, r.answer]))).toEqual({
      [w.a.application.id]: 'safe',
      [w.b.application.id]: 'help',
    })
  })
})

describe('reminders and figures', () => {
  test('the office reminds those blocked before departure, in bulk', async () => {
    const w = await world()
    const waiting = await abroad({ college: w.c1.id, country: 'FR', city: 'Paris', start: '2027-09-01', end: '2027-12-20', name: '丁' })
    await prisma.stay.update({ where: { applicationId: waiting.application.id }, data: { departedAt: null } })
    const blocked = await blockedStudents(w.office, new Date('2027-08-01T00:00:00Z'))
    expect(blocked.map((b) => b.nameZh)).toEqual(['丁'])
    expect(blocked[0]!.missing).toEqual(['itinerary', 'insurance', 'visa', 'emergency_contact', 'pledge', 'education'])
    expect(await remindBlocked(w.office, [waiting.application.id, w.a.application.id])).toEqual({ ok: true, count: 1 })
    const reminder = await prisma.outboxMessage.findFirstOrThrow({ where: { template: 'stay-reminder' } })
    expect(reminder.toAddress).toBe(waiting.student.email)
    expect(reminder.payload).toMatchObject({ about: 'checklist', date: '2027-09-01' })
  })

  test('arrival and return reminders go out once a week; the dashboard counts abroad now and returns overdue', async () => {
    const w = await world()
    // 2027-04-20: a (departed 03-01) has not confirmed arrival; b ended on 04-10 and has not returned.
    const now = new Date('2027-04-20T02:00:00Z')
    expect(await sendStayReminders({ now })).toBe(3)
    expect(await sendStayReminders({ now })).toBe(0)
    const sent = await prisma.outboxMessage.findMany({ where: { template: 'stay-reminder' } })
    const about = Object.fromEntries(sent.map((m) => [m.toAddress, (m.payload as { about: string }).about]))
    expect(about).toEqual({ [w.a.student.email]: 'arrival', [w.b.student.email]: 'return', [w.c.student.email]: 'arrival' })
    await prisma.stay.update({ where: { applicationId: w.a.application.id }, data: { arrivedAt: now } })
    expect(await stayFigures(w.office, now)).toEqual({ abroad: 2, overdue: 1 })
    await prisma.stay.update({ where: { applicationId: w.b.application.id }, data: { arrivedAt: now, returnedAt: now } })
    expect(await stayFigures(w.office, now)).toEqual({ abroad: 2, overdue: 0 })
  })
})
