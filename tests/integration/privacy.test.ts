// Personal information (PIPL, issue 20) on the real database and S3: masked passport numbers and
// logged reveals, the read log, exports without sensitive columns unless ticked, the consent asked
// again after the notice changes, retention that keeps the dashboard's totals, a student's own
// archive, and deletion requests.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SCORE_FORMULA } from '~/domain/selection-score'
import { toSessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { headObject } from '~/lib/storage.server'
import { retention } from '~/jobs/retention.server'
import { awardPageData } from '~/models/award-page.server'
import { dashboardFigures } from '~/models/dashboard.server'
import { completeDeletion, deletionRequestsOf, refuseDeletion, requestDeletion } from '~/models/deletion-request.server'
import { findDocumentForDownload } from '~/models/document.server'
import { awardsCsv } from '~/models/finance-export.server'
import { type myData, myDataArchive } from '~/models/my-data.server'
import { consentNeeded, giveConsent, publishNotice } from '~/models/privacy-notice.server'
import { accessLogOf } from '~/models/read-log.server'
import { applyRetention, saveRetention } from '~/models/retention.server'
import { reviewPageData } from '~/models/review-page.server'
import { nominationCsv } from '~/models/round-nominations.server'
import { openRound } from '~/models/rounds.server'
import { revealAnswer } from '~/models/sensitive-answers.server'
import { completeAnswers } from '../factories/answers'
import { uploadPdf } from '../factories/documents'
import { createApplication, createFund, createPartner, createProgram, createStudent } from '../factories'
import { applicationIn, reviewWorld, type ReviewWorld } from '../factories/review-world'
import { sessionCookie, startAppServer, type AppServer } from '../support/app-server'
import { resetDatabase } from '../support/db'
import { uniqueEmail } from '../support/mail-catcher'
import { unzip } from '../support/zip'

const PASSPORT = 'E12345678'
/** Where the upload is stored (the model's view of a document does not say). */
const keyOf = async (documentId: string) => (await prisma.document.findUniqueOrThrow({ where: { id: documentId } })).objectKey

const exchangeAnswers = (programId: string) => ({ ...completeAnswers.exchange, programId, passportNumber: PASSPORT })

let w: ReviewWorld
beforeEach(async () => {
  await resetDatabase()
  w = await reviewWorld()
})
// Later test files of this worker must not find a published notice asking their students again.
afterAll(() => prisma.privacyNotice.deleteMany())

describe('least exposure', () => {
  it('shows a college reviewer a masked passport number, the office the full one; a reveal is logged with its reason', async () => {
    const application = await applicationIn(w, 'submitted', { details: exchangeAnswers(w.program.id) })
    const college = await reviewPageData(w.collegeX, application.id)
    if (!college || college.conflict) throw new Error('the college reviewer should open it')
    // The loader's JSON, not only the screen: nothing of the number's second half reaches the browser.
    expect(college.application.details.passportNumber).toBe('E1234****')
    expect(JSON.stringify(college)).not.toContain(PASSPORT)
    expect(college.masked).toEqual(['passportNumber'])

    const office = await reviewPageData(w.office, application.id)
    if (!office || office.conflict) throw new Error('the office should open it')
    expect(office.application.details.passportNumber).toBe(PASSPORT)
    expect(office.masked).toEqual([])

    expect(await revealAnswer(w.collegeX, application.id, 'passportNumber', 'Visa letter for the host')).toEqual({
      ok: true,
      field: 'passportNumber',
      value: PASSPORT,
    })
    // Another college's reviewer cannot, and nothing is logged for them.
    expect(await revealAnswer(w.collegeY, application.id, 'passportNumber', 'curious')).toMatchObject({
      ok: false,
      error: 'error.notFound.body',
    })
    const reads = await prisma.readEvent.findMany({ where: { subjectId: w.studentX.id }, orderBy: { id: 'asc' } })
    expect(reads.map((r) => [r.actorId, r.kind, r.detail, r.reason])).toEqual([
      [w.collegeX.id, 'application', null, null],
      [w.office.id, 'application', null, null],
      [w.collegeX.id, 'reveal', 'passportNumber', 'Visa letter for the host'],
    ])
  })

  it('lets the admin see per student who read their data (opened, downloaded, revealed); nobody else', async () => {
    const application = await applicationIn(w, 'draft', { details: exchangeAnswers(w.program.id) })
    const document = await uploadPdf(w.studentX, application.id, 'passport')
    await prisma.application.update({ where: { id: application.id }, data: { status: 'submitted', submittedAt: new Date() } })
    // The student's own download is not a read of someone else's data.
    expect(await findDocumentForDownload({ user: toSessionUser(w.studentX), documentId: document.id })).not.toBeNull()
    expect(await findDocumentForDownload({ user: w.finance, documentId: document.id })).not.toBeNull()
    await revealAnswer(w.finance, application.id, 'passportNumber', 'Insurance form')
    const log = await accessLogOf(w.admin, w.studentX.id)
    expect(log.map((r) => [r.actor.nameEn, r.kind, r.reason])).toEqual([
      [w.finance.nameEn, 'reveal', 'Insurance form'],
      [w.finance.nameEn, 'document', null],
    ])
    expect(await accessLogOf(w.office, w.studentX.id)).toEqual([])
    expect(await accessLogOf(w.admin, w.studentY.id)).toEqual([])
  })

  it("logs finance's export and award page as reads of each student named", async () => {
    const fund = await createFund(prisma, { academicYear: w.program.academicYear })
    const application = await applicationIn(w, 'funding_check', { details: exchangeAnswers(w.program.id) })
    const award = await prisma.award.create({
      data: { applicationId: application.id, fundId: fund.id, collegeId: w.x.id, requestedFen: 100_000 },
    })
    expect(await awardsCsv(w.finance, w.program.academicYear, 'en')).toContain(w.studentX.nameEn)
    expect(await awardPageData(w.finance, award.id)).not.toBeNull()
    const reads = await prisma.readEvent.findMany({ where: { actorId: w.finance.id }, orderBy: { id: 'asc' } })
    expect(reads.map((r) => [r.subjectId, r.kind, r.detail, r.applicationId])).toEqual([
      [w.studentX.id, 'export', 'finance', application.id],
      [w.studentX.id, 'application', null, application.id],
    ])
  })

  it('leaves the passport column out of a nomination export unless the box is ticked, and logs both', async () => {
    const partner = await createPartner(prisma, { nameEn: 'TU Munich' })
    const program = await createProgram(prisma, { academicYear: '2026-2027', partnerId: partner.id, titleEn: 'Munich' })
    const opened = await openRound(w.office, {
      titleZh: '交换',
      titleEn: 'Exchange',
      kind: 'exchange',
      academicYear: '2026-2027',
      opensOn: '2026-09-01',
      closesOn: '2026-09-25',
      offerDeadlineOn: '2027-12-31',
      maxChoices: 1,
      announcementDays: 5,
      formula: DEFAULT_SCORE_FORMULA,
      programIds: [program.id],
    })
    if (!opened.ok) throw new Error(opened.error)
    await createApplication(prisma, {
      applicantId: w.studentX.id,
      programId: program.id,
      roundId: opened.roundId,
      status: 'approved',
      submittedAt: new Date(),
      details: { ...exchangeAnswers(program.id), dateOfBirth: '2004-05-17' },
    })
    const plain = await nominationCsv(w.office, opened.roundId, partner.id, false)
    const header = plain.split(/\r?\n/)[0]
    expect(header).not.toMatch(/Passport/)
    expect(plain).not.toContain(PASSPORT)
    expect(plain).not.toContain('2004-05-17')
    expect(plain).toContain(w.studentX.nameEn)
    const sensitive = await nominationCsv(w.office, opened.roundId, partner.id, true)
    expect(sensitive.split(/\r?\n/)[0]).toMatch(/Passport number,Date of birth$/)
    expect(sensitive).toContain(PASSPORT)
    expect(sensitive).toContain('2004-05-17')
    const exports = await prisma.readEvent.findMany({ where: { kind: 'export' }, orderBy: { id: 'asc' } })
    expect(exports.map((e) => [e.actorId, e.subjectId, e.detail])).toEqual([
      [w.office.id, w.studentX.id, 'nominations'],
      [w.office.id, w.studentX.id, 'nominations+sensitive'],
    ])
  })
})

describe("through the app's pages", () => {
  let app: AppServer
  beforeAll(async () => {
    app = await startAppServer()
  })
  afterAll(() => app.close())

  it("carries no full passport number in any staff page's data but the office's review page", async () => {
    const application = await applicationIn(w, 'submitted', { details: exchangeAnswers(w.program.id) })
    const pages = [
      `/review/${application.id}.data`,
      '/college.data?status=all',
      `/dashboard/applications.data?year=${w.program.academicYear}`,
    ]
    for (const [who, user] of Object.entries({ collegeX: w.collegeX, finance: w.finance, admin: w.admin, office: w.office })) {
      const cookie = await sessionCookie(user.id)
      for (const path of pages) {
        const res = await app.request(path, { cookie })
        const body = await res.text()
        const full = who === 'office' && path.startsWith('/review/')
        expect(body.includes(PASSPORT), `${who} ${path}`).toBe(full)
        if (path.startsWith('/review/') && res.status === 200 && !full) expect(body, `${who} ${path}`).toContain('E1234****')
      }
    }
  })

  it('is asked again after the notice changes, before the student can open anything else', async () => {
    const student = toSessionUser(w.studentX)
    const cookie = await sessionCookie(student.id)
    expect(await consentNeeded(student)).toBe(false)
    expect((await app.request('/student', { cookie })).status).toBe(200)

    const published = await publishNotice(w.admin, { bodyZh: '新版处理规则', bodyEn: 'New rules' })
    expect(published).toEqual({ ok: true, version: 1 })
    expect(await consentNeeded(student)).toBe(true)
    // Staff are not asked: the notice is the students'.
    expect(await consentNeeded(w.collegeX)).toBe(false)
    const gated = await app.request('/student', { cookie })
    expect(gated.status).toBe(302)
    expect(gated.headers.get('location')).toBe('/privacy?redirectTo=%2Fstudent')
    const page = await app.request('/privacy?redirectTo=%2Fstudent', { cookie })
    expect(await page.text()).toContain('新版处理规则')
    // Client-side navigations too: the data request of a page is sent to the notice, the notice's own is not.
    const data = await app.request('/student.data', { cookie })
    expect(`${data.status} ${await data.text()}`).toContain('/privacy?redirectTo=%2Fstudent')
    expect((await app.request('/privacy.data?redirectTo=%2Fstudent', { cookie })).status).toBe(200)

    // Without the separate consent to sensitive information: refused, still asked.
    const partial = await app.request('/privacy', { cookie, form: { version: '1', notice: 'on', redirectTo: '/student' } })
    expect(partial.status).toBe(400)
    expect(await consentNeeded(student)).toBe(true)
    // Consent to the version before: refused (they must read the new one).
    expect(await giveConsent(student, 0)).toEqual({ ok: false, error: 'privacy.consent.stale' })
    const given = await app.request('/privacy', { cookie, form: { version: '1', notice: 'on', sensitive: 'on', redirectTo: '/student' } })
    expect(given.status).toBe(302)
    expect(given.headers.get('location')).toBe('/student')
    expect(await consentNeeded(student)).toBe(false)
    expect(await prisma.consent.findMany({ where: { userId: student.id }, select: { noticeVersion: true, sensitive: true } })).toEqual(
      expect.arrayContaining([
        { noticeVersion: 0, sensitive: true },
        { noticeVersion: 1, sensitive: true },
      ]),
    )
    expect((await app.request('/student', { cookie })).status).toBe(200)
  })
})

describe('retention', () => {
  it("removes an expired application's files from S3 and its personal answers, keeping the dashboard's totals; recent ones stay", async () => {
    const now = new Date()
    const longAgo = new Date(now.getTime() - 7 * 365 * 24 * 3600 * 1000)
    const expired = await applicationIn(w, 'draft', { details: exchangeAnswers(w.program.id) })
    const documentKey = await keyOf((await uploadPdf(w.studentX, expired.id, 'passport')).id)
    const recent = await applicationIn(w, 'draft', { student: w.studentY, details: exchangeAnswers(w.program.id) })
    const keptKey = await keyOf((await uploadPdf(w.studentY, recent.id, 'passport')).id)
    await prisma.application.update({
      where: { id: expired.id },
      data: { status: 'completed', submittedAt: longAgo, statusChangedAt: longAgo },
    })
    await prisma.application.update({ where: { id: recent.id }, data: { status: 'completed', submittedAt: now, statusChangedAt: now } })
    await prisma.auditEvent.create({
      data: {
        actorId: w.office.id,
        action: 'application.office_approve',
        entityType: 'application',
        entityId: expired.id,
        applicationId: expired.id,
        after: { status: 'approved', messageToStudent: '张三，恭喜' },
      },
    })
    await saveRetention(w.admin, { documents: 60, rejected_answers: 24, completed_answers: 60, read_log: 36 })
    const before = await dashboardFigures({ year: w.program.academicYear })
    expect(before.total.count).toBe(2)

    // The daily job: once per Beijing day.
    expect(await retention.run(now)).toMatchObject({ documents: [expired.id], answers: [expired.id], objects: 1 })
    expect(await retention.run(now)).toBeNull()

    expect(await headObject(documentKey)).toBeNull()
    expect(await prisma.document.count({ where: { applicationId: expired.id } })).toBe(0)
    const anonymised = await prisma.application.findUniqueOrThrow({ where: { id: expired.id } })
    expect(anonymised.anonymisedAt).not.toBeNull()
    expect(anonymised.details).toEqual({
      kind: 'exchange',
      programId: w.program.id,
      term: 'semester',
      startDate: completeAnswers.exchange.startDate,
      endDate: completeAnswers.exchange.endDate,
    })
    // The trail keeps its step, not what it quoted.
    const step = await prisma.auditEvent.findFirstOrThrow({ where: { applicationId: expired.id, action: 'application.office_approve' } })
    expect(step.after).toEqual({ status: 'approved' })
    // The recent one keeps everything.
    expect(await headObject(keptKey)).not.toBeNull()
    expect((await prisma.application.findUniqueOrThrow({ where: { id: recent.id } })).details).toMatchObject({ passportNumber: PASSPORT })
    // The dashboard counts the same.
    expect(await dashboardFigures({ year: w.program.academicYear })).toEqual(before)
    // What it removed is recorded.
    const run = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'privacy.retention.run' } })
    expect(run.after).toMatchObject({ documentsOf: [expired.id], answersOf: [expired.id], files: 1 })
    // Nothing left to do.
    expect(await applyRetention(now)).toEqual({ documents: [], answers: [], objects: 0, readEvents: 0 })
  })
})

describe("a student's own copy", () => {
  it('holds their answers and files and nothing of another student', async () => {
    const mine = await applicationIn(w, 'draft', { details: exchangeAnswers(w.program.id) })
    await uploadPdf(w.studentX, mine.id, 'transcript', 'My own transcript')
    const theirs = await applicationIn(w, 'draft', {
      student: w.studentY,
      details: { ...exchangeAnswers(w.program.id), passportNumber: 'G99999999', motivation: 'Somebody else' },
    })
    await uploadPdf(w.studentY, theirs.id, 'transcript', 'Their transcript')

    const chunks: Buffer[] = []
    for await (const chunk of await myDataArchive(w.studentX)) chunks.push(chunk as Buffer)
    const entries = unzip(Buffer.concat(chunks))
    const json = JSON.parse(entries.get('my-data.json')!.toString('utf8')) as Awaited<ReturnType<typeof myData>>['json']
    expect(json.account.email).toBe(w.studentX.email)
    expect(json.applications.map((a) => a.id)).toEqual([mine.id])
    expect(json.applications[0].details).toMatchObject({ passportNumber: PASSPORT, motivation: completeAnswers.exchange.motivation })
    const files = [...entries.keys()].filter((n) => n.startsWith('files/'))
    expect(files).toHaveLength(1)
    expect(files[0]).toMatch(new RegExp(`^files/${mine.id}/transcript-v1-`))
    expect(entries.get(files[0])!.toString('latin1')).toContain('My own transcript')
    const everything = [...entries.values()].map((b) => b.toString('latin1')).join('\n')
    expect(everything).not.toContain('G99999999')
    expect(everything).not.toContain('Somebody else')
    expect(everything).not.toContain('Their transcript')
    expect(everything).not.toContain(theirs.id)
  })
})

describe('deletion requests', () => {
  it('the office refuses with a reason the student reads, or completes: files gone, answers and account anonymised', async () => {
    const student = toSessionUser(w.studentX)
    const application = await applicationIn(w, 'draft', { details: exchangeAnswers(w.program.id) })
    const documentKey = await keyOf((await uploadPdf(w.studentX, application.id, 'passport')).id)
    await prisma.application.update({ where: { id: application.id }, data: { status: 'submitted', submittedAt: new Date() } })

    expect(await requestDeletion(student, 'Please delete')).toEqual({ ok: true })
    expect(await requestDeletion(student, 'Again')).toEqual({ ok: false, error: 'privacy.deletion.alreadyOpen' })
    const [first] = await deletionRequestsOf(student.id)
    // In progress: the office cannot complete it, and a college reviewer cannot answer at all.
    expect(await completeDeletion(w.office, first.id)).toEqual({ ok: false, error: 'privacy.deletion.inProgress' })
    expect(await refuseDeletion(w.collegeX, first.id, 'no')).toEqual({ ok: false, error: 'error.forbidden.body' })
    expect(await refuseDeletion(w.office, first.id, 'Your exchange is under review')).toEqual({ ok: true })
    expect(await refuseDeletion(w.office2, first.id, 'twice')).toEqual({ ok: false, error: 'privacy.deletion.answered' })
    expect(await deletionRequestsOf(student.id)).toMatchObject([{ status: 'refused', reason: 'Your exchange is under review' }])
    // And by email, once.
    const emails = await prisma.outboxMessage.findMany({ where: { template: 'deletion-refused' } })
    expect(emails.map((e) => [e.toAddress, (e.payload as { reason: string }).reason])).toEqual([
      [w.studentX.email, 'Your exchange is under review'],
    ])

    await prisma.application.update({ where: { id: application.id }, data: { status: 'rejected' } })
    expect(await requestDeletion(student, '')).toEqual({ ok: true })
    const [second] = await deletionRequestsOf(student.id)
    const before = await dashboardFigures({ year: w.program.academicYear })
    expect(await completeDeletion(w.office, second.id)).toEqual({ ok: true })
    expect(await headObject(documentKey)).toBeNull()
    const user = await prisma.user.findUniqueOrThrow({ where: { id: student.id } })
    expect(user).toMatchObject({ nameEn: 'Deleted', studentNumber: null, collegeId: w.x.id })
    expect(user.deactivatedAt).not.toBeNull()
    expect(user.email).not.toBe(w.studentX.email)
    const anonymised = await prisma.application.findUniqueOrThrow({ where: { id: application.id } })
    expect(anonymised.details).not.toHaveProperty('passportNumber')
    // The application's copy of the student's names for the queues' search (decision 42) is erased with them.
    expect(
      await prisma.$queryRaw`SELECT "applicantNameZh", "applicantNameEn", "applicantNumber" FROM "Application" WHERE id = ${application.id}`,
    ).toEqual([{ applicantNameZh: '已删除', applicantNameEn: 'Deleted', applicantNumber: null }])
    expect(await dashboardFigures({ year: w.program.academicYear })).toEqual(before)
  })

  it('keeps to one open request for two at once', async () => {
    const student = await createStudent(prisma, { email: uniqueEmail('twice') })
    const results = await Promise.all([requestDeletion(toSessionUser(student), 'a'), requestDeletion(toSessionUser(student), 'b')])
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(await prisma.deletionRequest.count({ where: { userId: student.id } })).toBe(1)
  })
})
