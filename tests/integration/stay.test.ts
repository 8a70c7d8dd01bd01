// The stay (decision 22) against the real database and S3: approval opens it; the checklist's
// items (quiz failed then passed, the pledge, a guardian's single-use link); the departure blocked
// until every required item is done; a student abroad cannot withdraw; arrival and return in order.
import { beforeEach, describe, expect, test } from 'vitest'
import type { Result } from '~/domain/result'
import { toSessionUser, type SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { applyCommand } from '~/models/status-change.server'
import { consentAsGuardian, guardianLinkView, stayPageData, studentStayAction, takeStep } from '~/models/stay.server'
import { createApplication, createCollege, createProgram, createStudent, createUser } from '../factories'
import { uploadPdf } from '../factories/documents'
import { resetDatabase } from '../support/db'
import { uniqueEmail } from '../support/mail-catcher'

const questions = [
  {
    promptZh: '遇紧急情况先联系谁？',
    promptEn: 'Whom do you call first?',
    choicesZh: ['使馆', '朋友'],
    choicesEn: ['The embassy', 'A friend'],
    answer: 0,
  },
  {
    promptZh: '护照应当？',
    promptEn: 'Your passport should be?',
    choicesZh: ['妥善保管', '交给他人'],
    choicesEn: ['Kept safe', 'Given away'],
    answer: 0,
  },
]

async function world(level: 'undergraduate' | 'master' = 'undergraduate') {
  const college = await createCollege(prisma)
  const student = toSessionUser(
    await createStudent(prisma, { collegeId: college.id, email: uniqueEmail('student'), level, nameZh: '王小明', nameEn: 'WANG Xiaoming' }),
  )
  const office = toSessionUser(await createUser(prisma, { email: uniqueEmail('office'), roles: ['office_reviewer'] }))
  const program = await createProgram(prisma, { kind: 'exchange', levels: ['undergraduate', 'master'] })
  const application = await createApplication(prisma, {
    applicantId: student.id,
    programId: program.id,
    status: 'college_endorsed',
    submittedAt: new Date(),
    details: { startDate: '2027-03-01', endDate: '2027-07-31' },
  })
  await prisma.departureEducation.create({
    data: { programKind: 'exchange', materialZh: '行前须知', materialEn: 'Before you go', questions, passPercent: 100 },
  })
  return { student, office, application }
}

const ok = (result: Result) => expect(result).toMatchObject({ ok: true })

async function approve(office: SessionUser, application: { id: string; status: 'college_endorsed'; version: number }) {
  const approved = await prisma.$transaction((tx) => applyCommand(tx, { actor: office, application, command: 'office_approve' }))
  expect(approved).toMatchObject({ ok: true, status: 'approved' })
}

/** Every item but the guardian's consent. */
async function completeOwnItems(student: SessionUser, id: string) {
  ok(
    await studentStayAction(student, id, {
      intent: 'itinerary',
      flight: 'LH723',
      departOn: '2027-02-27',
      returnOn: '2027-08-01',
      countryCode: 'DE',
      city: 'München',
      address: 'Arcisstraße 21',
    }),
  )
  ok(await studentStayAction(student, id, { intent: 'contact', name: '王大明', relation: '父亲', phone: '+86 139 0000 0000' }))
  ok(await studentStayAction(student, id, { intent: 'visa', visaStatus: 'not_needed' }))
  await uploadPdf(student, id, 'insurance_policy')
  ok(await studentStayAction(student, id, { intent: 'quiz', answer: [0, 0] }))
  ok(await studentStayAction(student, id, { intent: 'pledge', name: '王小明' }))
}

async function guardianToken(applicationId: string): Promise<string> {
  const message = await prisma.outboxMessage.findFirstOrThrow({ where: { template: 'guardian-consent' }, orderBy: { createdAt: 'desc' } })
  const url = (message.payload as { consentUrl: string }).consentUrl
  expect(url).toMatch(/\/guardian\/[\w-]{40,}$/)
  expect(url).not.toContain(applicationId)
  return url.split('/').pop()!
}

beforeEach(resetDatabase)

describe('the stay', () => {
  test('approval opens the stay with the application’s dates; the departure waits for every required item', async () => {
    const { student, office, application } = await world()
    await approve(office, { id: application.id, status: 'college_endorsed', version: application.version })
    const stay = await prisma.stay.findUniqueOrThrow({ where: { applicationId: application.id } })
    expect(stay.startsOn.toISOString().slice(0, 10)).toBe('2027-03-01')
    expect(stay.endsOn.toISOString().slice(0, 10)).toBe('2027-07-31')

    const blocked = await takeStep(student, application.id, 'depart', false)
    expect(blocked).toMatchObject({ ok: false, error: 'stay.error.blocked' })
    expect(blocked.ok ? '' : blocked.params?.items).toContain('监护人知情同意')

    await completeOwnItems(student, application.id)
    // An undergraduate also needs the guardian's consent: still blocked, on that alone.
    const still = await takeStep({ ...student, locale: 'en' }, application.id, 'depart', false)
    expect(still.ok ? null : still.params).toEqual({ items: "Guardian's consent" })

    ok(await studentStayAction(student, application.id, { intent: 'guardian', guardianEmail: 'parent@example.com' }))
    ok(await consentAsGuardian(await guardianToken(application.id)))
    ok(await takeStep(student, application.id, 'depart', false))
    // Abroad, the student no longer withdraws (the office would cancel).
    const current = await prisma.application.findUniqueOrThrow({ where: { id: application.id } })
    const withdrawn = await prisma.$transaction((tx) => applyCommand(tx, { actor: student, application: current, command: 'withdraw' }))
    expect(withdrawn).toEqual({ ok: false, error: 'stay.error.abroad' })
    expect(await takeStep(student, application.id, 'depart', false)).toEqual({ ok: false, error: 'stay.error.order' })
    expect(await takeStep(student, application.id, 'return', false)).toEqual({ ok: false, error: 'stay.error.order' })
    // The office records the arrival; the student confirms the return.
    ok(await takeStep(office, application.id, 'arrive', true))
    ok(await takeStep(student, application.id, 'return', false))
    const steps = await prisma.auditEvent.findMany({ where: { applicationId: application.id, entityType: 'stay' }, orderBy: { id: 'asc' } })
    expect(steps.map((s) => s.action)).toEqual([
      'stay.itinerary',
      'stay.emergency_contact',
      'stay.visa',
      'stay.quiz',
      'stay.pledge',
      'stay.guardian_link',
      'stay.guardian_consent',
      'stay.depart',
      'stay.arrive',
      'stay.return',
    ])
  })

  test('a graduate needs no guardian; a quiz failed is recorded and may be retried', async () => {
    const { student, office, application } = await world('master')
    await approve(office, { id: application.id, status: 'college_endorsed', version: application.version })
    const failed = await studentStayAction(student, application.id, { intent: 'quiz', answer: [0, 1] })
    expect(failed).toEqual({ ok: true, score: 50, passed: false })
    expect(await studentStayAction(student, application.id, { intent: 'quiz', answer: [0] })).toEqual({
      ok: false,
      error: 'stay.error.quizAnswers',
    })
    await completeOwnItems(student, application.id)
    const stay = await prisma.stay.findUniqueOrThrow({ where: { applicationId: application.id } })
    expect(stay).toMatchObject({ quizAttempts: 2, educationScore: 100 })
    expect(await studentStayAction(student, application.id, { intent: 'quiz', answer: [0, 0] })).toEqual({
      ok: false,
      error: 'stay.error.alreadyPassed',
    })
    const page = await stayPageData(student.id, application.id)
    expect(page?.lines.map((l) => l.item)).not.toContain('guardian_consent')
    expect(page?.lines.every((l) => l.done)).toBe(true)
    ok(await takeStep(student, application.id, 'depart', false))
  })

  test('the pledge needs the student’s own name and keeps the text’s hash in the audit', async () => {
    const { student, office, application } = await world()
    await approve(office, { id: application.id, status: 'college_endorsed', version: application.version })
    expect(await studentStayAction(student, application.id, { intent: 'pledge', name: '李四' })).toMatchObject({
      ok: false,
      fields: { name: 'stay.error.pledgeName' },
    })
    ok(await studentStayAction(student, application.id, { intent: 'pledge', name: 'wang xiaoming' }))
    const row = await prisma.auditEvent.findFirstOrThrow({ where: { applicationId: application.id, action: 'stay.pledge' } })
    expect(row.after).toMatchObject({ name: 'wang xiaoming', version: 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/) })
    expect(await studentStayAction(student, application.id, { intent: 'pledge', name: '王小明' })).toEqual({
      ok: false,
      error: 'stay.error.pledgeSigned',
    })
  })

  test('a guardian’s link works once, not after it expires, and not after a newer one is sent', async () => {
    const { student, office, application } = await world()
    await approve(office, { id: application.id, status: 'college_endorsed', version: application.version })
    const now = new Date()
    ok(await studentStayAction(student, application.id, { intent: 'guardian', guardianEmail: 'old@example.com' }, now))
    const first = await guardianToken(application.id)
    ok(await studentStayAction(student, application.id, { intent: 'guardian', guardianEmail: 'Parent@Example.com' }, now))
    const second = await guardianToken(application.id)
    expect(await consentAsGuardian(first)).toEqual({ ok: false, error: 'stay.error.linkInvalid' })
    // Eight days on, the link has expired.
    expect(await consentAsGuardian(second, new Date(now.getTime() + 8 * 86_400_000))).toEqual({
      ok: false,
      error: 'stay.error.linkInvalid',
    })
    expect(await guardianLinkView(second)).toMatchObject({ name: { nameZh: '王小明' }, startsOn: '2027-03-01' })
    ok(await consentAsGuardian(second))
    expect(await consentAsGuardian(second)).toEqual({ ok: false, error: 'stay.error.linkInvalid' })
    expect(await guardianLinkView(second)).toBeNull()
    const stay = await prisma.stay.findUniqueOrThrow({ where: { applicationId: application.id } })
    expect(stay.guardianEmail).toBe('parent@example.com')
    const consent = await prisma.auditEvent.findFirstOrThrow({ where: { applicationId: application.id, action: 'stay.guardian_consent' } })
    expect(consent).toMatchObject({ actorId: null, after: { source: 'parent@example.com' } })
  })

  test('nobody else acts on a student’s stay, and nothing before approval', async () => {
    const { student, office, application } = await world()
    const other = toSessionUser(await createStudent(prisma, { collegeId: student.collegeId!, email: uniqueEmail('other') }))
    expect(await studentStayAction(student, application.id, { intent: 'visa', visaStatus: 'applied' })).toEqual({
      ok: false,
      error: 'stay.error.notApproved',
    })
    await approve(office, { id: application.id, status: 'college_endorsed', version: application.version })
    expect(await studentStayAction(other, application.id, { intent: 'visa', visaStatus: 'applied' })).toEqual({
      ok: false,
      error: 'error.notFound.body',
    })
    expect(await takeStep(student, application.id, 'arrive', true)).toEqual({ ok: false, error: 'error.notFound.body' })
    expect(await prisma.auditEvent.count({ where: { entityType: 'stay' } })).toBe(0)
  })
})
