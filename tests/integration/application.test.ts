// The student's application commands (app/models/application.server.ts) against a real database,
// S3 (documents are uploaded through uploadDocument) and MailDev (the receipt is really sent).
import { Readable } from 'node:stream'
import { beforeEach, describe, expect, test } from 'vitest'
import { academicYearOf } from '~/domain/academic-year'
import { checklist, type DocumentKind } from '~/domain/documents'
import type { ProgramKind } from '~/domain/program'
import { fromDbLocale, translator } from '~/i18n'
import { toSessionUser, type SessionUser } from '~/lib/auth.server'
import { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/lib/db.server'
import { processOutboxBatch } from '~/lib/outbox.server'
import {
  findOwnApplication,
  saveDraft,
  startApplication,
  studentTimeline,
  submitApplication,
  withdrawApplication,
  type Readiness,
} from '~/models/application.server'
import { applicantDocuments, findDocumentForDownload, uploadDocument } from '~/models/document.server'
import { applicationDraftSchema, type ApplicationDraft } from '~/schemas/application'
import { createSession } from '~/lib/session.server'
import { loader as applicationPage } from '~/routes/student.applications.$applicationId._index'
import { loader as submitPage } from '~/routes/student.applications.$applicationId.submit'
import { loader as reviewPage } from '~/routes/review.$applicationId'
import { createApplication, createCollege, createProgram, createStudent, createUser } from '../factories'
import { completeAnswers } from '../factories/answers'
import { uploadPdf } from '../factories/documents'
import { resetDatabase } from '../support/db'
import { pdf } from '../support/files'
import { waitForEmail, uniqueEmail } from '../support/mail-catcher'

const DAY = 24 * 3600 * 1000
const year = academicYearOf(new Date())

async function newStudent(data: Parameters<typeof createStudent>[1] = {}): Promise<SessionUser> {
  return toSessionUser(await createStudent(prisma, { email: uniqueEmail('student'), ...data }))
}

// ---- programs and complete answers of each kind ---------------------------------------------

function exchangeProgram(data: Parameters<typeof createProgram>[1] = {}) {
  return createProgram(prisma, {
    kind: 'exchange',
    titleZh: '慕尼黑工业大学春季学期交换',
    titleEn: 'TU Munich exchange, spring semester',
    levels: ['undergraduate', 'master'],
    requirements: { minGpa: 3.3, language: { ielts: 6.5, toefl: 90 } },
    ...data,
  })
}

function jointTrainingProgram(data: Parameters<typeof createProgram>[1] = {}) {
  return createProgram(prisma, {
    kind: 'joint_training',
    titleZh: '莫斯科国立大学研究生联合培养',
    titleEn: 'Joint training at Moscow State University',
    levels: ['master', 'doctoral'],
    requirements: { language: { ielts: 6, toefl: 80 } },
    ...data,
  })
}

function conferenceProgram(data: Parameters<typeof createProgram>[1] = {}) {
  return createProgram(prisma, {
    kind: 'conference',
    titleZh: '研究生参加国际学术会议资助',
    titleEn: 'Graduate conference travel funding',
    levels: ['master', 'doctoral'],
    quota: null,
    ...data,
  })
}

const draftOf = (programId: string, values: Record<string, unknown>): ApplicationDraft =>
  applicationDraftSchema.parse({ ...values, programId })

/** One small PDF per document kind, through the real upload path (S3 and all). */
async function uploadAll(user: SessionUser, applicationId: string, kinds: readonly DocumentKind[]) {
  for (const kind of kinds) await uploadPdf(user, applicationId, kind, `${kind} of ${user.email}`)
}

const requiredKinds = (kind: ProgramKind) =>
  checklist(kind)
    .filter((i) => i.required)
    .map((i) => i.kind)

/** A draft of `kind` with every answer filled in and every required document uploaded. */
async function readyDraft(user: SessionUser, program: { id: string; kind: ProgramKind }, answers: Record<string, unknown> = {}) {
  const started = await startApplication(user, program.id)
  // A second active application of a kind cannot be started; it can still exist (a draft opened
  // in another tab at the same moment, or before the rule was checked at the start): make one so.
  const applicationId = started.ok
    ? started.applicationId
    : started.error === 'apply.alreadyActive' || started.error === 'apply.conferenceAlreadyFunded'
      ? (
          await createApplication(prisma, {
            applicantId: user.id,
            programId: program.id,
            details: { kind: program.kind, programId: program.id },
          })
        ).id
      : undefined
  if (!applicationId) throw new Error(`could not start: ${!started.ok && started.error}`)
  const saved = await saveDraft(user, applicationId, draftOf(program.id, { ...completeAnswers[program.kind], ...answers }))
  expect(saved.ok).toBe(true)
  await uploadAll(user, applicationId, requiredKinds(program.kind))
  return applicationId
}

/**
 * Runs `command` while another transaction (the autosave) has updated the application and not yet
 * committed: the command reads the old row, then meets the new one. Returns the command's result.
 */
async function whileADraftSaveHoldsTheRow<T>(applicationId: string, details: Record<string, string>, command: () => Promise<T>) {
  let commitSave!: () => void
  let saving!: Promise<unknown>
  await new Promise<void>((updated) => {
    saving = prisma.$transaction(async (tx) => {
      const { details: before } = await tx.application.findUniqueOrThrow({ where: { id: applicationId } })
      const after = { ...(before as Record<string, string>), ...details }
      await tx.application.update({ where: { id: applicationId }, data: { details: after, version: { increment: 1 } } })
      updated()
      await new Promise<void>((release) => (commitSave = release))
    })
  })
  const running = command()
  await new Promise((r) => setTimeout(r, 200)) // the command has read the old version and waits on the row
  commitSave()
  await saving
  return running
}

const application = (id: string) => prisma.application.findUniqueOrThrow({ where: { id } })
const auditOf = (applicationId: string, action: string) =>
  prisma.auditEvent.findMany({ where: { applicationId, entityType: 'application', action } })
const receiptsTo = (to: string) => prisma.outboxMessage.findMany({ where: { template: 'submission-receipt', toAddress: to } })

function notReady(result: Awaited<ReturnType<typeof submitApplication>>): Readiness {
  expect(result).toMatchObject({ ok: false, error: 'form.fixErrors' })
  return (result as { readiness: Readiness }).readiness
}

const failureCodes = (readiness: Readiness) => readiness.eligibility.failures.map((f) => f.code)

beforeEach(async () => {
  await resetDatabase()
})

describe('startApplication', () => {
  test('opens a draft for an open program, in the student’s college and the program’s year, with an audit row', async () => {
    const student = await newStudent()
    const program = await exchangeProgram()
    const result = await startApplication(student, program.id)
    expect(result.ok).toBe(true)
    const id = (result as { applicationId: string }).applicationId
    expect(await application(id)).toMatchObject({
      status: 'draft',
      kind: 'exchange',
      programId: program.id,
      applicantId: student.id,
      collegeId: student.collegeId,
      academicYear: program.academicYear,
      details: { kind: 'exchange', programId: program.id },
    })
    expect(await auditOf(id, 'application.create')).toHaveLength(1)
  })

  test('refuses a closed program and one not open yet, and creates nothing', async () => {
    const student = await newStudent()
    const closed = await exchangeProgram({ opensAt: new Date(Date.now() - 60 * DAY), closesAt: new Date(Date.now() - DAY) })
    const later = await exchangeProgram({ opensAt: new Date(Date.now() + DAY), closesAt: new Date(Date.now() + 60 * DAY) })
    expect(await startApplication(student, closed.id)).toEqual({ ok: false, error: 'apply.closed' })
    expect(await startApplication(student, later.id)).toEqual({ ok: false, error: 'apply.notOpen' })
    expect(await prisma.application.count()).toBe(0)
  })

  test('refuses a retired or unknown program', async () => {
    const student = await newStudent()
    const retired = await exchangeProgram({ retiredAt: new Date() })
    expect(await startApplication(student, retired.id)).toEqual({ ok: false, error: 'apply.notFound' })
    expect(await startApplication(student, 'no-such-program')).toEqual({ ok: false, error: 'apply.notFound' })
  })

  test('returns the open application instead of making a second one, even twice at once', async () => {
    const student = await newStudent()
    const program = await exchangeProgram()
    const first = await startApplication(student, program.id)
    const again = await startApplication(student, program.id)
    expect(again).toEqual(first)
    expect(await prisma.application.count({ where: { applicantId: student.id } })).toBe(1)

    // A double click on "Apply" (two requests at once) makes one application too.
    const clicker = await newStudent()
    const all = await Promise.all([1, 2, 3].map(() => startApplication(clicker, program.id)))
    expect(all[1]).toEqual(all[0])
    expect(all[2]).toEqual(all[0])
    expect(await prisma.application.count({ where: { applicantId: clicker.id, programId: program.id } })).toBe(1)

    // Still returned once submitted (it is the student's application for this program)…
    await prisma.application.update({ where: { id: (first as { applicationId: string }).applicationId }, data: { status: 'submitted' } })
    expect(await startApplication(student, program.id)).toEqual(first)
    // …but a withdrawn one leaves room for a new start.
    await prisma.application.update({ where: { id: (first as { applicationId: string }).applicationId }, data: { status: 'withdrawn' } })
    const fresh = await startApplication(student, program.id)
    expect(fresh.ok && fresh.applicationId).not.toBe((first as { applicationId: string }).applicationId)
  })
})

describe('one application of a kind per academic year, said before the student starts', () => {
  const programPage = async (user: SessionUser, programId: string) => {
    const { loader } = await import('~/routes/programs.$programId')
    const cookie = (await createSession(user.id, new Request('http://localhost/login'))).split(';')[0]!
    const request = new Request(`http://localhost/programs/${programId}`, { headers: { Cookie: cookie } })
    return loader({ request, params: { programId }, context: {} as never })
  }

  test('the program page names and links the application in the way, and starting is refused', async () => {
    const student = await newStudent()
    const first = await exchangeProgram({ titleZh: '慕尼黑春季交换', titleEn: 'Munich spring exchange' })
    const active = await createApplication(prisma, { applicantId: student.id, programId: first.id, status: 'submitted' })
    const second = await exchangeProgram()

    const page = await programPage(student, second.id)
    expect(page.mine).toBeNull()
    expect(page.inTheWay).toMatchObject({
      reason: 'eligibility.alreadyActive',
      id: active.id,
      status: 'submitted',
      academicYear: second.academicYear,
      program: { titleZh: '慕尼黑春季交换', titleEn: 'Munich spring exchange' },
    })
    expect(await startApplication(student, second.id)).toEqual({ ok: false, error: 'apply.alreadyActive' })
    expect(await prisma.application.count({ where: { applicantId: student.id } })).toBe(1)

    // Its own program's page offers to continue; another kind is not in the way; a withdrawal frees the way.
    expect((await programPage(student, first.id)).mine).toMatchObject({ id: active.id })
    expect((await programPage(student, (await conferenceProgram()).id)).inTheWay).toBeNull()
    await prisma.application.update({ where: { id: active.id }, data: { status: 'withdrawn' } })
    expect((await programPage(student, second.id)).inTheWay).toBeNull()
    expect((await startApplication(student, second.id)).ok).toBe(true)
  })

  test('conference funding granted this year is named as the reason', async () => {
    const student = await newStudent({ level: 'doctoral' })
    const funded = await createApplication(prisma, {
      applicantId: student.id,
      programId: (await conferenceProgram()).id,
      status: 'completed',
    })
    const program = await conferenceProgram()
    expect((await programPage(student, program.id)).inTheWay).toMatchObject({
      reason: 'eligibility.conferenceAlreadyFunded',
      id: funded.id,
    })
    expect(await startApplication(student, program.id)).toEqual({ ok: false, error: 'apply.conferenceAlreadyFunded' })
  })
})

describe('saveDraft', () => {
  test('keeps partial answers, stamps the program and bumps the version', async () => {
    const student = await newStudent()
    const program = await exchangeProgram()
    const { applicationId } = (await startApplication(student, program.id)) as { applicationId: string }
    const result = await saveDraft(student, applicationId, draftOf(program.id, { kind: 'exchange', gpa: 3.5, gpaScale: '4.0' }))
    expect(result).toEqual({ ok: true, version: 2 })
    const row = await application(applicationId)
    expect(row.details).toEqual({ kind: 'exchange', programId: program.id, gpa: 3.5, gpaScale: '4.0' })
    expect(row.requestedFen).toBeNull()
    expect(row.version).toBe(2)
  })

  test('computes requestedFen from the conference budget lines', async () => {
    const student = await newStudent({ level: 'doctoral' })
    const program = await conferenceProgram()
    const { applicationId } = (await startApplication(student, program.id)) as { applicationId: string }
    const budget = { registration: '4500', airfare: '9800.50', visa: '600' }
    await saveDraft(student, applicationId, draftOf(program.id, { kind: 'conference', budget }))
    // 4500 + 9800.50 + 600 yuan
    expect((await application(applicationId)).requestedFen).toBe(1_490_050)

    await saveDraft(student, applicationId, draftOf(program.id, { kind: 'conference', budget: { registration: '' } }))
    expect((await application(applicationId)).requestedFen).toBeNull()
  })

  test('refuses another kind’s answers and an application no longer editable', async () => {
    const student = await newStudent()
    const program = await exchangeProgram()
    const { applicationId } = (await startApplication(student, program.id)) as { applicationId: string }
    expect(await saveDraft(student, applicationId, draftOf(program.id, { kind: 'conference', city: 'Vienna' }))).toEqual({
      ok: false,
      error: 'app.notEditable',
    })
    for (const status of ['submitted', 'college_endorsed', 'approved', 'rejected', 'withdrawn'] as const) {
      await prisma.application.update({ where: { id: applicationId }, data: { status } })
      expect(await saveDraft(student, applicationId, draftOf(program.id, { kind: 'exchange', gpa: 3.9 })), status).toEqual({
        ok: false,
        error: 'app.notEditable',
      })
    }
    expect((await application(applicationId)).details).toEqual({ kind: 'exchange', programId: program.id })
  })

  test('saves the requested answers while changes are requested, and only those', async () => {
    const student = await newStudent()
    const program = await exchangeProgram()
    const { applicationId } = (await startApplication(student, program.id)) as { applicationId: string }
    await prisma.application.update({
      where: { id: applicationId },
      data: { status: 'changes_requested', requestedChanges: { fields: ['gpa'] } },
    })
    expect((await saveDraft(student, applicationId, draftOf(program.id, { kind: 'exchange', gpa: 3.9 }))).ok).toBe(true)
    expect(await saveDraft(student, applicationId, draftOf(program.id, { kind: 'exchange', gpa: 3.9, motivation: '新的' }))).toEqual({
      ok: false,
      error: 'application.error.notRequested',
      unrequested: ['motivation'],
    })
    // A request the application does not carry (or cannot be read) opens nothing.
    await prisma.application.update({ where: { id: applicationId }, data: { requestedChanges: Prisma.DbNull } })
    expect(await saveDraft(student, applicationId, draftOf(program.id, { kind: 'exchange', gpa: 3.5 }))).toMatchObject({
      ok: false,
      error: 'application.error.notRequested',
    })
    expect((await application(applicationId)).details).toEqual({ kind: 'exchange', programId: program.id, gpa: 3.9 })
  })
})

describe('submitApplication refuses, saying why, and changes nothing', () => {
  async function expectUnchanged(applicationId: string, student: SessionUser) {
    expect((await application(applicationId)).status).toBe('draft')
    expect(await auditOf(applicationId, 'application.submit')).toHaveLength(0)
    expect(await receiptsTo(student.email)).toHaveLength(0)
  }

  test('incomplete answers: each missing field named', async () => {
    const student = await newStudent()
    const program = await exchangeProgram()
    const { applicationId } = (await startApplication(student, program.id)) as { applicationId: string }
    const { courses: _courses, motivation: _motivation, passportExpiry: _expiry, ...partial } = completeAnswers.exchange
    await saveDraft(student, applicationId, draftOf(program.id, partial))
    await uploadAll(student, applicationId, requiredKinds('exchange'))

    const readiness = notReady(await submitApplication(student, applicationId))
    expect(readiness.details).toBeNull()
    expect(Object.keys(readiness.fieldErrors).sort()).toEqual(['courses', 'motivation', 'passportExpiry'])
    expect(readiness.fieldErrors.motivation).toEqual(['form.required'])
    expect(readiness.fieldErrors.courses).toEqual(['application.error.coursesMin'])
    expect(readiness.missingDocuments).toEqual([])
    await expectUnchanged(applicationId, student)
  })

  test('missing documents: the required ones not uploaded, in checklist order', async () => {
    const student = await newStudent()
    const program = await exchangeProgram()
    const { applicationId } = (await startApplication(student, program.id)) as { applicationId: string }
    await saveDraft(student, applicationId, draftOf(program.id, completeAnswers.exchange))
    await uploadAll(student, applicationId, ['passport', 'admission_letter'])

    const readiness = notReady(await submitApplication(student, applicationId))
    expect(readiness.fieldErrors).toEqual({})
    expect(readiness.missingDocuments).toEqual(['transcript', 'language_certificate', 'study_plan'])
    expect(readiness.eligibility.ok).toBe(true)
    await expectUnchanged(applicationId, student)
  })

  test('a paper under review needs no acceptance letter; an accepted one does', async () => {
    const student = await newStudent({ level: 'doctoral' })
    const program = await conferenceProgram()
    const { applicationId } = (await startApplication(student, program.id)) as { applicationId: string }
    await saveDraft(student, applicationId, draftOf(program.id, completeAnswers.conference))
    await uploadAll(
      student,
      applicationId,
      requiredKinds('conference').filter((k) => k !== 'acceptance_letter'),
    )
    expect(notReady(await submitApplication(student, applicationId)).missingDocuments).toEqual(['acceptance_letter'])

    await saveDraft(student, applicationId, draftOf(program.id, { ...completeAnswers.conference, acceptanceStatus: 'under_review' }))
    expect(await submitApplication(student, applicationId)).toEqual({ ok: true })
  })

  test('level not allowed', async () => {
    const student = await newStudent({ level: 'doctoral' })
    const program = await exchangeProgram()
    // A doctoral student cannot start an undergraduate/master program's draft in the UI, but the
    // submit check must hold on its own (e.g. the level changed after the draft was made).
    const applicationId = await readyDraft(student, program)
    const readiness = notReady(await submitApplication(student, applicationId))
    expect(readiness.eligibility.failures).toEqual([{ code: 'eligibility.levelNotAllowed', params: { level: 'doctoral' } }])
    await expectUnchanged(applicationId, student)
  })

  test('GPA below the minimum (after conversion from the percentage scale)', async () => {
    const student = await newStudent()
    const program = await exchangeProgram()
    const applicationId = await readyDraft(student, program, { gpa: 82, gpaScale: '100' })
    const readiness = notReady(await submitApplication(student, applicationId))
    expect(readiness.eligibility.failures).toEqual([{ code: 'eligibility.gpaTooLow', params: { gpa: 3.2, min: 3.3 } }])
    await expectUnchanged(applicationId, student)
  })

  test('language score below the requirement, and a test the program does not accept', async () => {
    const student = await newStudent()
    const program = await exchangeProgram()
    const applicationId = await readyDraft(student, program, { languageTest: 'ielts', languageScore: 6 })
    expect(failureCodes(notReady(await submitApplication(student, applicationId)))).toEqual(['eligibility.languageTooLow'])

    await saveDraft(student, applicationId, draftOf(program.id, { ...completeAnswers.exchange, languageTest: 'cet6', languageScore: 600 }))
    expect(failureCodes(notReady(await submitApplication(student, applicationId)))).toEqual(['eligibility.languageTestNotAccepted'])
    await expectUnchanged(applicationId, student)
  })

  test('deadline passed', async () => {
    const student = await newStudent()
    const program = await exchangeProgram()
    const applicationId = await readyDraft(student, program)
    const afterDeadline = new Date(program.closesAt.getTime() + 1000)
    const readiness = notReady(await submitApplication(student, applicationId, afterDeadline))
    expect(failureCodes(readiness)).toEqual(['eligibility.deadlinePassed'])
    await expectUnchanged(applicationId, student)
    // At the deadline itself it is still in time.
    expect(await submitApplication(student, applicationId, program.closesAt)).toEqual({ ok: true })
  })

  test('one active application per kind and academic year', async () => {
    const student = await newStudent()
    const other = await exchangeProgram()
    await createApplication(prisma, { applicantId: student.id, programId: other.id, status: 'submitted' })
    const program = await exchangeProgram()
    const applicationId = await readyDraft(student, program)
    const readiness = notReady(await submitApplication(student, applicationId))
    expect(readiness.eligibility.failures).toEqual([
      { code: 'eligibility.alreadyActive', params: expect.objectContaining({ status: 'submitted', academicYear: year }) },
    ])
    await expectUnchanged(applicationId, student)

    // Another kind, or a finished application of the same kind, does not count.
    await prisma.application.updateMany({ where: { programId: other.id }, data: { status: 'rejected' } })
    expect(await submitApplication(student, applicationId)).toEqual({ ok: true })
  })

  test('conference funding already granted this academic year', async () => {
    const student = await newStudent({ level: 'doctoral' })
    const funded = await conferenceProgram()
    await createApplication(prisma, { applicantId: student.id, programId: funded.id, status: 'approved' })
    const program = await conferenceProgram()
    const applicationId = await readyDraft(student, program)
    const readiness = notReady(await submitApplication(student, applicationId))
    expect(readiness.eligibility.failures).toEqual([
      { code: 'eligibility.conferenceAlreadyFunded', params: expect.objectContaining({ academicYear: year }) },
    ])
    await expectUnchanged(applicationId, student)
  })
})

describe('submitApplication succeeds', () => {
  test.each([
    ['exchange', 'undergraduate', 'zh_CN'],
    ['joint_training', 'master', 'en'],
    ['conference', 'doctoral', 'zh_CN'],
  ] as const)('%s (%s, %s): submitted, audited, receipt queued and sent in the student’s language', async (kind, level, locale) => {
    const student = await newStudent({ level, locale })
    const program = await { exchange: exchangeProgram, joint_training: jointTrainingProgram, conference: conferenceProgram }[kind]()
    const applicationId = await readyDraft(student, program)
    const before = await application(applicationId)

    expect(await submitApplication(student, applicationId)).toEqual({ ok: true })

    const row = await application(applicationId)
    expect(row).toMatchObject({ status: 'submitted', version: before.version + 1 })
    expect(row.submittedAt).toBeInstanceOf(Date)
    expect(row.statusChangedAt.getTime()).toBe(row.submittedAt!.getTime())
    expect(row.requestedFen).toBe(kind === 'conference' ? 2_090_050 : null)

    const [audit] = await auditOf(applicationId, 'application.submit')
    expect(audit).toMatchObject({
      actorId: student.id,
      entityId: applicationId,
      before: { status: 'draft' },
      after: { status: 'submitted' },
    })

    const title = locale === 'en' ? program.titleEn : program.titleZh
    const [receipt] = await receiptsTo(student.email)
    expect(receipt).toMatchObject({
      locale,
      status: 'pending',
      payload: expect.objectContaining({
        programTitle: title,
        applicationUrl: expect.stringMatching(new RegExp(`/student/applications/${applicationId}$`)),
      }),
    })

    // The outbox worker's batch sends it through real SMTP to the catcher.
    await processOutboxBatch()
    const t = translator(fromDbLocale(locale))
    const email = await waitForEmail(process.env.MAIL_CATCHER_URL!, { to: student.email, subjectIncludes: title })
    expect(email.subject).toBe(t('email.receipt.subject', { program: title }))
    expect(email.text).toContain(locale === 'en' ? student.nameEn : student.nameZh)
    expect((await prisma.outboxMessage.findUniqueOrThrow({ where: { id: receipt.id } })).status).toBe('sent')
  })

  test('a double submit (two at once) submits once: one audit row, one receipt', async () => {
    const student = await newStudent()
    const program = await exchangeProgram()
    const applicationId = await readyDraft(student, program)

    const results = await Promise.all([submitApplication(student, applicationId), submitApplication(student, applicationId)])
    expect(results).toContainEqual({ ok: true })
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results).toContainEqual({ ok: false, error: 'app.staleStatus' })

    expect((await application(applicationId)).status).toBe('submitted')
    expect(await auditOf(applicationId, 'application.submit')).toHaveLength(1)
    expect(await receiptsTo(student.email)).toHaveLength(1)

    // And a third, later click changes nothing either.
    expect(await submitApplication(student, applicationId)).toEqual({ ok: false, error: 'app.staleStatus' })
    expect(await receiptsTo(student.email)).toHaveLength(1)
  })

  test('two drafts of the same kind submitted at once (two tabs): only one goes through', async () => {
    const student = await newStudent()
    const first = await readyDraft(student, await exchangeProgram())
    const second = await readyDraft(student, await exchangeProgram())

    const results = await Promise.all([submitApplication(student, first), submitApplication(student, second)])
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    const refused = results.find((r) => !r.ok)!
    expect(failureCodes(notReady(refused))).toEqual(['eligibility.alreadyActive'])
    expect(await prisma.application.count({ where: { applicantId: student.id, status: 'submitted' } })).toBe(1)
  })

  test('resubmits after changes were requested: back to submitted, the request cleared, a new receipt', async () => {
    const student = await newStudent()
    const program = await exchangeProgram()
    const applicationId = await readyDraft(student, program)
    expect(await submitApplication(student, applicationId)).toEqual({ ok: true })
    await prisma.application.update({
      where: { id: applicationId },
      data: { status: 'changes_requested', requestedChanges: { fields: ['motivation'], documents: ['transcript'] } },
    })

    await saveDraft(
      student,
      applicationId,
      draftOf(program.id, { ...completeAnswers.exchange, motivation: '补充：已联系对方课程负责人。' }),
    )
    await uploadAll(student, applicationId, ['transcript'])
    expect(await submitApplication(student, applicationId)).toEqual({ ok: true })

    const row = await application(applicationId)
    expect(row.status).toBe('submitted')
    expect(row.requestedChanges).toBeNull()
    expect(row.details).toMatchObject({ motivation: '补充：已联系对方课程负责人。' })
    const [audit] = await auditOf(applicationId, 'application.resubmit')
    expect(audit).toMatchObject({ before: { status: 'changes_requested' }, after: { status: 'submitted' } })
    expect(await receiptsTo(student.email)).toHaveLength(2)
  })

  test('a draft saved while the submission runs (the autosave in flight) is submitted, not refused as stale', async () => {
    const student = await newStudent()
    const program = await exchangeProgram()
    const applicationId = await readyDraft(student, program)
    const motivation = '自动保存的最后一句'.repeat(30)
    const result = await whileADraftSaveHoldsTheRow(applicationId, { motivation }, () => submitApplication(student, applicationId))
    expect(result).toEqual({ ok: true })
    const submitted = await application(applicationId)
    expect(submitted.status).toBe('submitted')
    expect(submitted.details).toMatchObject({ motivation })
  })
})

describe('after the deadline', () => {
  /** A page's loader as Remix calls it for a signed-in user. */
  async function load<T>(loader: (args: never) => Promise<T>, userId: string, applicationId: string): Promise<T> {
    const cookie = (await createSession(userId, new Request('http://localhost/login'))).split(';')[0]
    const request = new Request(`http://localhost/x/${applicationId}`, { headers: { Cookie: cookie } })
    return loader({ request, params: { applicationId }, context: { cspNonce: '', clientIp: '127.0.0.1' } } as never)
  }

  /** An application submitted in time, then sent back for changes; the program has closed since. */
  async function sentBackAfterClosing() {
    const student = await newStudent()
    const program = await exchangeProgram()
    const applicationId = await readyDraft(student, program)
    expect(await submitApplication(student, applicationId)).toEqual({ ok: true })
    await prisma.program.update({ where: { id: program.id }, data: { closesAt: new Date(Date.now() - DAY) } })
    await prisma.application.update({
      where: { id: applicationId },
      data: { status: 'changes_requested', requestedChanges: { fields: ['motivation'] } },
    })
    return { student, program: await prisma.program.findUniqueOrThrow({ where: { id: program.id } }), applicationId }
  }

  test('changes requested after the window closed can be resubmitted: the deadline binds the first submission only', async () => {
    const { student, program, applicationId } = await sentBackAfterClosing()
    await saveDraft(student, applicationId, draftOf(program.id, { ...completeAnswers.exchange, motivation: '已按要求补充。' }))
    const monthsLater = new Date(program.closesAt.getTime() + 90 * DAY)
    expect(await submitApplication(student, applicationId, monthsLater)).toEqual({ ok: true })
    expect((await application(applicationId)).status).toBe('submitted')
    expect(await auditOf(applicationId, 'application.resubmit')).toHaveLength(1)
  })

  test('the page that checks everything before submitting lists the documents to be sent, current versions only', async () => {
    const student = await newStudent()
    const program = await exchangeProgram()
    const applicationId = await readyDraft(student, program)
    await uploadAll(student, applicationId, ['transcript']) // a newer transcript supersedes the first
    const page = await load(submitPage, student.id, applicationId)
    const current = await prisma.document.findMany({ where: { applicationId, supersededAt: null, deletedAt: null } })
    expect(page.documents.map((d) => d.id).sort()).toEqual(current.map((d) => d.id).sort())
    expect(page.documents.filter((d) => d.kind === 'transcript')).toHaveLength(1)
    expect(page.readiness.checklist.map((i) => i.kind)).toEqual(checklist('exchange').map((i) => i.kind))
    expect(Object.keys(page.documents[0]!).sort()).toEqual(['id', 'kind', 'originalName', 'size'])
  })

  test('a first submission after the window is still refused', async () => {
    const student = await newStudent()
    const program = await exchangeProgram()
    const applicationId = await readyDraft(student, program)
    await prisma.program.update({ where: { id: program.id }, data: { closesAt: new Date(Date.now() - DAY) } })
    expect(failureCodes(notReady(await submitApplication(student, applicationId)))).toEqual(['eligibility.deadlinePassed'])
    const submit = await load(submitPage, student.id, applicationId)
    expect(failureCodes(submit.readiness)).toEqual(['eligibility.deadlinePassed'])
    expect((await load(applicationPage, student.id, applicationId)).submissionWindow).toBe(true)
  })

  test('the pages do not tell a student asked for changes, nor a reviewer, that the deadline has passed', async () => {
    const { student, applicationId } = await sentBackAfterClosing()
    const submit = await load(submitPage, student.id, applicationId)
    expect(submit.readiness.eligibility).toMatchObject({ ok: true, failures: [] })
    // The application page shows no countdown ("closed") for a resubmission.
    expect((await load(applicationPage, student.id, applicationId)).submissionWindow).toBe(false)

    // Once resubmitted, the reviewer's eligibility panel does not call it late either.
    expect(await submitApplication(student, applicationId)).toEqual({ ok: true })
    const office = await createUser(prisma, { roles: ['office_reviewer'] })
    const review = await load(reviewPage, office.id, applicationId)
    expect(review).toMatchObject({ conflict: false })
    expect((review as { eligibility: Readiness['eligibility'] }).eligibility.failures).toEqual([])
  })
})

describe('withdrawApplication', () => {
  test('from submitted: withdrawn, with the reason in the audit row', async () => {
    const student = await newStudent()
    const program = await exchangeProgram()
    const applicationId = await readyDraft(student, program)
    await submitApplication(student, applicationId)

    expect(await withdrawApplication(student, applicationId, '已获得其他项目录取')).toEqual({ ok: true })
    expect((await application(applicationId)).status).toBe('withdrawn')
    const [audit] = await auditOf(applicationId, 'application.withdraw')
    expect(audit).toMatchObject({
      actorId: student.id,
      reason: '已获得其他项目录取',
      before: { status: 'submitted' },
      after: { status: 'withdrawn' },
    })
    // Once withdrawn, it stays withdrawn.
    expect(await withdrawApplication(student, applicationId, '')).toEqual({ ok: false, error: 'app.staleStatus' })
  })

  test('without a reason, none is recorded', async () => {
    const student = await newStudent()
    const program = await exchangeProgram()
    const { applicationId } = (await startApplication(student, program.id)) as { applicationId: string }
    expect(await withdrawApplication(student, applicationId, '')).toEqual({ ok: true })
    const [audit] = await auditOf(applicationId, 'application.withdraw')
    expect(audit.reason).toBeNull()
  })

  test('a draft saved while the withdrawal runs (the autosave in flight) does not make it stale', async () => {
    const student = await newStudent()
    const program = await exchangeProgram()
    const { applicationId } = (await startApplication(student, program.id)) as { applicationId: string }
    const result = await whileADraftSaveHoldsTheRow(applicationId, {}, () => withdrawApplication(student, applicationId, ''))
    expect(result).toEqual({ ok: true })
    expect((await application(applicationId)).status).toBe('withdrawn')
  })

  test.each(['rejected', 'cancelled', 'completed'] as const)('refused once %s', async (status) => {
    const student = await newStudent()
    const program = await exchangeProgram()
    const { id } = await createApplication(prisma, { applicantId: student.id, programId: program.id, status })
    expect(await withdrawApplication(student, id, 'changed my mind')).toEqual({ ok: false, error: 'app.staleStatus' })
    expect((await application(id)).status).toBe(status)
    expect(await auditOf(id, 'application.withdraw')).toHaveLength(0)
  })
})

describe("another student cannot touch A's application", () => {
  test('every command answers notFound, as for an id that does not exist', async () => {
    const college = await createCollege(prisma)
    const a = await newStudent({ collegeId: college.id })
    const b = await newStudent({ collegeId: college.id })
    const program = await exchangeProgram()
    const applicationId = await readyDraft(a, program)
    const [document] = await prisma.document.findMany({ where: { applicationId } })
    const before = await application(applicationId)

    expect(await findOwnApplication(b.id, applicationId)).toBeNull()
    expect(await applicantDocuments({ user: b, applicationId })).toBeNull()
    expect(await findDocumentForDownload({ user: b, documentId: document.id })).toBeNull()
    expect(await saveDraft(b, applicationId, draftOf(program.id, { kind: 'exchange', gpa: 1 }))).toEqual({
      ok: false,
      error: 'error.notFound.body',
    })
    expect(await submitApplication(b, applicationId)).toEqual({ ok: false, error: 'error.notFound.body' })
    expect(await withdrawApplication(b, applicationId, 'hostile')).toEqual({ ok: false, error: 'error.notFound.body' })
    expect(await uploadDocument({ user: b, applicationId, kind: 'transcript', fileName: 'x.pdf', stream: Readable.from([pdf()]) })).toEqual(
      {
        ok: false,
        error: 'documents.error.notFound',
      },
    )

    // B starting the same program gets an application of their own.
    const own = await startApplication(b, program.id)
    expect(own.ok && own.applicationId).not.toBe(applicationId)

    const after = await application(applicationId)
    expect(after).toEqual(before)
    expect(await prisma.document.count({ where: { applicationId } })).toBe(requiredKinds('exchange').length)
  })

  test('reviewers of another college cannot download the documents; the right college can once it is submitted', async () => {
    const student = await newStudent()
    const program = await exchangeProgram()
    const applicationId = await readyDraft(student, program)
    const [document] = await prisma.document.findMany({ where: { applicationId } })
    const reviewer = async (collegeId: string) =>
      toSessionUser(await createUser(prisma, { roles: ['college_reviewer'], collegeId, email: uniqueEmail('reviewer') }))
    const otherCollege = await createCollege(prisma)
    const [other, own] = [await reviewer(otherCollege.id), await reviewer(student.collegeId!)]
    // A draft is the student's alone.
    expect(await findDocumentForDownload({ user: own, documentId: document.id })).toBeNull()
    expect(await submitApplication(student, applicationId)).toMatchObject({ ok: true })
    expect(await findDocumentForDownload({ user: other, documentId: document.id })).toBeNull()
    expect(await findDocumentForDownload({ user: own, documentId: document.id })).not.toBeNull()
  })
})

describe('studentTimeline', () => {
  test('lists every step with its status and the comments meant for the student, oldest first', async () => {
    const student = await newStudent()
    const program = await exchangeProgram()
    const applicationId = await readyDraft(student, program)
    await submitApplication(student, applicationId)
    const reviewer = await createUser(prisma, { roles: ['college_reviewer'], collegeId: student.collegeId })
    await prisma.comment.create({ data: { applicationId, authorId: reviewer.id, visibility: 'student', body: '请补充课程对照表。' } })
    await prisma.comment.create({ data: { applicationId, authorId: reviewer.id, visibility: 'internal', body: '内部备注：GPA 偏低' } })
    await withdrawApplication(student, applicationId, '改申其他项目')

    const timeline = await studentTimeline(applicationId)
    expect(timeline.map((s) => [s.kind, s.action, s.status, s.text])).toEqual([
      ['event', 'application.create', 'draft', null],
      ['event', 'application.submit', 'submitted', null],
      ['comment', 'comment', null, '请补充课程对照表。'],
      ['event', 'application.withdraw', 'withdrawn', '改申其他项目'],
    ])
    const times = timeline.map((s) => s.at.getTime())
    expect(times).toEqual([...times].sort((x, y) => x - y))
    // Document uploads are not steps of the application's status.
    expect(timeline.some((s) => s.action.startsWith('document.'))).toBe(false)
  })
})
