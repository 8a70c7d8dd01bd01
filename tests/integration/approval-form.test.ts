// The printed approval form (decision 22), read back the way a person would: its text through
// poppler's pdftotext (Chinese characters, not boxes), its QR code decoded from the rendered page
// (pdftoppm, then jsQR), and the verification page that code opens, public and showing only the
// reference, the student's name and college, the mobility and its status.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { applicationReference } from '~/domain/reference'
import { prisma } from '~/lib/db.server'
import { createApplication, createCollege, createPartner, createProgram, createStudent, createUser } from '../factories'
import { sessionCookie, startAppServer, type AppServer } from '../support/app-server'
import { resetDatabase } from '../support/db'
import { uniqueEmail } from '../support/mail-catcher'

let app: AppServer
beforeAll(async () => {
  app = await startAppServer()
})
afterAll(() => app?.close())

const dir = mkdtempSync(path.join(tmpdir(), 'approval-form-'))

/** The PDF's text as pdftotext reads it (layout kept, so a row's label and value stay on one line). */
function pdfText(bytes: Uint8Array, name: string): string {
  const file = path.join(dir, `${name}.pdf`)
  writeFileSync(file, bytes)
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
}

/** The first page rendered at 150 dpi, and the QR code found on it. */
function qrOf(bytes: Uint8Array, name: string): string | null {
  const file = path.join(dir, `${name}.pdf`)
  writeFileSync(file, bytes)
  execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', '-singlefile', file, path.join(dir, name)])
  const png = PNG.sync.read(readFileSync(path.join(dir, `${name}.png`)))
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null
}

async function world() {
  await resetDatabase()
  const college = await createCollege(prisma, { nameZh: '机械工程学院', nameEn: 'School of Mechanical Engineering' })
  const other = await createCollege(prisma)
  const student = await createStudent(prisma, {
    collegeId: college.id,
    email: uniqueEmail('student'),
    nameZh: '欧阳鑫垚',
    nameEn: 'OUYANG Xinyao',
    studentNumber: '2023011234',
    level: 'undergraduate',
  })
  const partner = await createPartner(prisma, { nameZh: '慕尼黑工业大学', nameEn: 'Technical University of Munich', countryCode: 'DE' })
  const program = await createProgram(prisma, {
    kind: 'exchange',
    partnerId: partner.id,
    titleZh: '慕尼黑工业大学春季交换',
    titleEn: 'TUM spring exchange',
  })
  const office = await createUser(prisma, {
    email: uniqueEmail('office'),
    roles: ['office_reviewer'],
    nameZh: '国际处刘老师',
    nameEn: 'LIU Yang',
  })
  const application = await createApplication(prisma, {
    applicantId: student.id,
    programId: program.id,
    status: 'approved',
    submittedAt: new Date(),
    details: { startDate: '2027-03-01', endDate: '2027-07-31' },
    requestedFen: 1_234_500,
  })
  await prisma.auditEvent.create({
    data: {
      actorId: office.id,
      action: 'application.office_approve',
      entityType: 'application',
      entityId: application.id,
      applicationId: application.id,
      after: { status: 'approved' },
    },
  })
  const outsider = await createStudent(prisma, { collegeId: other.id, email: uniqueEmail('outsider') })
  const collegeReviewer = await createUser(prisma, { email: uniqueEmail('cr'), roles: ['college_reviewer'], collegeId: other.id })
  return {
    student,
    office,
    application,
    outsider,
    collegeReviewer,
    reference: applicationReference(application.id, application.academicYear),
  }
}

describe('the approval form', () => {
  test('prints the student, the mobility and each decision in Chinese, with a QR code to the verification page', async () => {
    const w = await world()
    const response = await app.request(`/applications/${w.application.id}/approval.pdf`, { cookie: await sessionCookie(w.student.id) })
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('application/pdf')
    const bytes = new Uint8Array(await response.arrayBuffer())
    const text = pdfText(bytes, 'zh')
    for (const expected of [
      '学生出国（境）学习交流审批表',
      w.reference,
      '欧阳鑫垚',
      '2023011234',
      '机械工程学院',
      '本科生',
      '慕尼黑工业大学春季交换',
      '慕尼黑工业大学',
      '德国',
      '2027年3月1日',
      '国际处刘老师',
      '学院意见（签字、盖章）',
      '国际合作交流处意见（签字、盖章）',
    ]) {
      expect(text).toContain(expected)
    }
    // Approved by the office, named with its step.
    expect(text).toMatch(/批准.*国际处刘老师/)
    // The amount requested, its currency sign once (it printed "¥¥12,345.00").
    expect(text).toMatch(/[^¥]¥12,345\.00/)

    const url = qrOf(bytes, 'zh')
    expect(url).toMatch(/\/verify\/[\w-]{40,}$/)
    expect(url).not.toContain(w.application.id)
    const page = await app.request(new URL(url!).pathname)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain(w.reference)
    expect(html).toContain('欧阳鑫垚')
    expect(html).toContain('机械工程学院')
    expect(html).toContain('慕尼黑工业大学春季交换')
    expect(html).toContain('已批准')
    // Only those: no student number, no reviewer.
    expect(html).not.toContain('2023011234')
    expect(html).not.toContain('国际处刘老师')

    // Printed again (by the office, in English): the same verification code.
    const english = await app.request(`/applications/${w.application.id}/approval.pdf?lang=en`, {
      cookie: await sessionCookie(w.office.id),
    })
    expect(english.status).toBe(200)
    const enBytes = new Uint8Array(await english.arrayBuffer())
    const enText = pdfText(enBytes, 'en')
    expect(enText).toContain('Approval form for study abroad')
    expect(enText).toContain('OUYANG Xinyao (欧阳鑫垚)')
    expect(enText).toContain('Technical University of Munich')
    expect(qrOf(enBytes, 'en')).toBe(url)
  })

  test('is for those who may read the application, once approved; an unknown code verifies nothing', async () => {
    const w = await world()
    for (const who of [w.outsider, w.collegeReviewer]) {
      const response = await app.request(`/applications/${w.application.id}/approval.pdf`, { cookie: await sessionCookie(who.id) })
      expect(response.status).toBe(404)
    }
    await prisma.application.update({ where: { id: w.application.id }, data: { status: 'college_endorsed' } })
    const early = await app.request(`/applications/${w.application.id}/approval.pdf`, { cookie: await sessionCookie(w.student.id) })
    expect(early.status).toBe(409)
    expect((await app.request('/verify/not-a-real-token-not-a-real-token')).status).toBe(404)
  })
})
