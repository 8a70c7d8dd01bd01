// A request for changes opens only what the reviewer named (app/domain/requested-changes.ts):
// through the models and the student's route actions, against a real database, S3 and MailDev.
// The resubmission goes back to whoever asked: the college, or the office.
import { Readable } from 'node:stream'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { beforeEach, describe, expect, test } from 'vitest'
import { checklist, type DocumentKind } from '~/domain/documents'
import { translateError, translator } from '~/i18n'
import { toSessionUser, type SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { createSession } from '~/lib/session.server'
import { saveDraft, startApplication, submitApplication, type Readiness } from '~/models/application.server'
import type { Refusal, Result } from '~/domain/result'
import { deleteDocument, uploadDocument } from '~/models/document.server'
import { decide } from '~/models/review-decisions.server'
import type { RequestedChanges } from '~/models/status-change.server'
import { action as applicationAction, loader as applicationLoader } from '~/routes/student.applications.$applicationId._index'
import { action as documentsAction } from '~/routes/student.applications.$applicationId.documents'
import { action as submitAction } from '~/routes/student.applications.$applicationId.submit'
import { applicationDraftSchema } from '~/schemas/application'
import { createCollege, createProgram, createStudent, createUser } from '../factories'
import { completeAnswers } from '../factories/answers'
import { uploadPdf } from '../factories/documents'
import { resetDatabase } from '../support/db'
import { pdf } from '../support/files'
import { uniqueEmail } from '../support/mail-catcher'

const context = { cspNonce: '', clientIp: '127.0.0.1' }

const answers = completeAnswers.exchange

const asked: RequestedChanges = { fields: ['motivation'], documents: ['transcript'] }

type World = Awaited<ReturnType<typeof world>>
async function world() {
  const college = await createCollege(prisma, { nameEn: 'College X' })
  const staff = async (roles: ('college_reviewer' | 'office_reviewer')[]) =>
    toSessionUser(await createUser(prisma, { email: uniqueEmail(roles.join('-')), roles, collegeId: college.id }))
  return {
    student: toSessionUser(await createStudent(prisma, { collegeId: college.id, email: uniqueEmail('student'), locale: 'en' })),
    college: await staff(['college_reviewer']),
    office: await staff(['office_reviewer']),
    program: await createProgram(prisma, {
      kind: 'exchange',
      levels: ['undergraduate', 'master'],
      requirements: { minGpa: 3.3, language: { ielts: 6.5 } },
    }),
  }
}

let w: World
beforeEach(async () => {
  await resetDatabase()
  w = await world()
})

function attempt(user: SessionUser, applicationId: string, kind: DocumentKind, text = `${kind} of ${user.email}`) {
  return uploadDocument({ user, applicationId, kind, fileName: `${kind}.pdf`, stream: Readable.from([pdf({ text })]) })
}

const upload = (user: SessionUser, applicationId: string, kind: DocumentKind, text = `${kind} of ${user.email}`) =>
  uploadPdf(user, applicationId, kind, text)

async function refusal(promise: Promise<Result<object>>): Promise<Refusal> {
  const result = await promise
  if (result.ok) throw new Error('not refused')
  return result
}

const row = (id: string) => prisma.application.findUniqueOrThrow({ where: { id } })
const decided = async (actor: SessionUser, applicationId: string, command: Parameters<typeof decide>[1]['command'], extra = {}) => {
  const { version } = await row(applicationId)
  const result = await decide(actor, { applicationId, version, command, reason: 'Please fix.', ...extra })
  expect(result, command).toMatchObject({ ok: true })
}

/** A complete exchange application, submitted, then sent back by `by` asking for `changes`. */
async function sentBack(by: 'college' | 'office', changes: RequestedChanges = asked) {
  const started = await startApplication(w.student, w.program.id)
  if (!started.ok) throw new Error(started.error)
  const applicationId = started.applicationId
  expect((await saveDraft(w.student, applicationId, applicationDraftSchema.parse({ ...answers, programId: w.program.id }))).ok).toBe(true)
  for (const item of checklist('exchange').filter((i) => i.required)) await upload(w.student, applicationId, item.kind)
  expect(await submitApplication(w.student, applicationId)).toEqual({ ok: true })
  if (by === 'office') {
    await decided(w.college, applicationId, 'college_endorse')
    await decided(w.office, applicationId, 'office_request_changes', { requestedChanges: changes })
  } else {
    await decided(w.college, applicationId, 'college_request_changes', { requestedChanges: changes })
  }
  expect((await row(applicationId)).status).toBe('changes_requested')
  return applicationId
}

const draft = (values: Record<string, unknown>) => applicationDraftSchema.parse({ ...answers, ...values, programId: w.program.id })

// ---- the route actions, as Remix calls them, signed in through a real session ----------------

async function cookie(user: SessionUser) {
  return (await createSession(user.id, new Request('http://localhost/login'))).split(';')[0]
}

/** The application form as a browser posts it (every answer, the locked ones read-only but sent). */
function formOf(values: Record<string, unknown>, intent = 'save') {
  const form = new URLSearchParams({ intent, programId: w.program.id })
  const put = (name: string, value: unknown) => {
    if (Array.isArray(value)) value.forEach((v, i) => put(`${name}[${i}]`, v))
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) put(`${name}.${k}`, v)
    else form.append(name, String(value))
  }
  for (const [name, value] of Object.entries({ ...answers, ...values })) put(name, value)
  return form
}

async function call<T>(
  fn: (args: never) => Promise<T>,
  user: SessionUser,
  path: string,
  applicationId: string,
  init?: RequestInit,
): Promise<T> {
  const headers = new Headers(init?.headers)
  headers.set('Cookie', await cookie(user))
  const request = new Request(`http://localhost${path}`, { ...init, headers })
  try {
    return await fn({ request, params: { applicationId }, context } as never)
  } catch (thrown) {
    if (thrown instanceof Response) return thrown as T
    throw thrown
  }
}

type FormAnswer = {
  data?: { kind: string; result?: { error?: Record<string, string[] | null> }; savedAt?: string | null }
  init?: { status?: number } | null
}

function postForm(applicationId: string, form: URLSearchParams) {
  return call(
    applicationAction as (args: ActionFunctionArgs) => Promise<unknown>,
    w.student,
    `/student/applications/${applicationId}`,
    applicationId,
    {
      method: 'POST',
      body: form,
    },
  ) as Promise<FormAnswer>
}

async function postFile(applicationId: string, kind: DocumentKind) {
  const form = new FormData()
  form.set('kind', kind)
  form.append('file', new Blob([new Uint8Array(pdf({ text: `new ${kind}` }))]), `new-${kind}.pdf`)
  const res = await call(
    documentsAction as (args: ActionFunctionArgs) => Promise<Response>,
    w.student,
    `/student/applications/${applicationId}/documents`,
    applicationId,
    {
      method: 'POST',
      body: form,
    },
  )
  return Object.fromEntries(new URL(res.headers.get('location')!, 'http://localhost').searchParams)
}

// ---- answers ------------------------------------------------------------------------------------

describe('answers while changes are requested', () => {
  test('the model refuses an answer nobody asked about (the GPA) and changes nothing', async () => {
    const applicationId = await sentBack('college')
    const before = await row(applicationId)
    const result = await saveDraft(w.student, applicationId, draft({ gpa: 3.95, motivation: '补充了动机。' }))
    expect(result).toEqual({ ok: false, error: 'application.error.notRequested', unrequested: ['gpa'] })
    const after = await row(applicationId)
    expect(after.details).toEqual(before.details)
    expect(after.version).toBe(before.version)
  })

  test('the model saves a requested answer; answers left out of the post keep their stored value', async () => {
    const applicationId = await sentBack('college')
    expect(await saveDraft(w.student, applicationId, draft({ motivation: '补充了动机。' }))).toMatchObject({ ok: true })
    expect((await row(applicationId)).details).toMatchObject({ motivation: '补充了动机。', gpa: 3.62 })
    // Read-only inputs a browser did not send (or a crafted post without them) take nothing away.
    const only = applicationDraftSchema.parse({ kind: 'exchange', programId: w.program.id, motivation: '再次补充。' })
    expect(await saveDraft(w.student, applicationId, only)).toMatchObject({ ok: true })
    expect((await row(applicationId)).details).toMatchObject({ ...answers, motivation: '再次补充。' })
  })

  test('a named field covers its rows, and the GPA its scale', async () => {
    const applicationId = await sentBack('college', { fields: ['courses', 'gpa'], documents: [] })
    const courses = [{ homeCourse: '数据库', hostCourse: 'Databases (IN2031)', credits: 4 }]
    expect(await saveDraft(w.student, applicationId, draft({ courses, gpa: 88, gpaScale: '100' }))).toMatchObject({ ok: true })
    expect((await row(applicationId)).details).toMatchObject({ courses, gpa: 88, gpaScale: '100' })
    expect(await saveDraft(w.student, applicationId, draft({ courses, gpa: 88, gpaScale: '100', studyPlan: '改了计划。' }))).toMatchObject({
      ok: false,
      unrequested: ['studyPlan'],
    })
  })

  test('the route action refuses an unrequested GPA change (400), naming it in the student’s language', async () => {
    const applicationId = await sentBack('college')
    const answer = await postForm(applicationId, formOf({ gpa: '3.95', motivation: '补充了动机。' }))
    expect(answer.init?.status).toBe(400)
    expect(answer.data?.savedAt).toBeNull()
    const [message] = answer.data?.result?.error?.[''] ?? []
    expect(translateError(translator('en'), message)).toContain('GPA')
    expect((await row(applicationId)).details).toMatchObject({ gpa: 3.62, motivation: answers.motivation })

    // The autosave answers with a plain object: the form shows its error instead of "Saved".
    const autosave = (await postForm(applicationId, formOf({ gpa: '3.95' }, 'autosave'))) as unknown
    expect(autosave).toMatchObject({ kind: 'autosave', savedAt: null, error: expect.stringContaining('application.error.notRequested') })
  })

  test('the route action saves the requested answer, the read-only ones sent back unchanged', async () => {
    const applicationId = await sentBack('college')
    const answer = await postForm(applicationId, formOf({ motivation: '补充了动机。' }))
    expect(answer.init?.status ?? 200).toBe(200)
    expect(answer.data?.savedAt).toEqual(expect.any(String))
    expect((await row(applicationId)).details).toMatchObject({ motivation: '补充了动机。', gpa: 3.62 })
  })

  test('the page tells the form what was asked, and nothing of the stored copy', async () => {
    const applicationId = await sentBack('office')
    const page = (await call(
      applicationLoader as (args: LoaderFunctionArgs) => Promise<unknown>,
      w.student,
      `/student/applications/${applicationId}`,
      applicationId,
    )) as {
      application: { requestedChanges: unknown }
    }
    expect(page.application.requestedChanges).toEqual({ fields: ['motivation'], documents: ['transcript'], by: 'office' })
  })
})

// ---- documents ----------------------------------------------------------------------------------

describe('documents while changes are requested', () => {
  test('the model refuses a kind nobody asked about, upload and delete alike, and takes the requested one', async () => {
    const applicationId = await sentBack('college')
    expect((await refusal(attempt(w.student, applicationId, 'passport'))).error).toBe('documents.error.notRequested')
    const passport = await prisma.document.findFirstOrThrow({ where: { applicationId, kind: 'passport', supersededAt: null } })
    expect((await refusal(deleteDocument({ user: w.student, documentId: passport.id }))).error).toBe('documents.error.notRequested')

    await expect(upload(w.student, applicationId, 'transcript', 'a corrected transcript')).resolves.toMatchObject({
      kind: 'transcript',
      version: 2,
    })
    const live = await prisma.document.findMany({ where: { applicationId, deletedAt: null, supersededAt: null } })
    expect(live.filter((d) => d.kind === 'passport').map((d) => d.id)).toEqual([passport.id])
  })

  test('the upload route refuses an unrequested kind and takes a requested one', async () => {
    const applicationId = await sentBack('college')
    expect(await postFile(applicationId, 'passport')).toMatchObject({ docKind: 'passport', docError: 'documents.error.notRequested' })
    expect(await postFile(applicationId, 'transcript')).toEqual({ docKind: 'transcript', docUploaded: '1' })
    expect(await prisma.document.count({ where: { applicationId, kind: 'passport' } })).toBe(1)
    expect(await prisma.document.count({ where: { applicationId, kind: 'transcript' } })).toBe(2)
  })
})

// ---- resubmission -------------------------------------------------------------------------------

describe('resubmission goes back to whoever asked', () => {
  test('asked by the college: back to the college (submitted)', async () => {
    const applicationId = await sentBack('college')
    expect((await row(applicationId)).requestedChanges).toMatchObject({ ...asked, by: 'college' })
    await saveDraft(w.student, applicationId, draft({ motivation: '补充了动机。' }))
    expect(await submitApplication(w.student, applicationId)).toEqual({ ok: true })
    const after = await row(applicationId)
    expect(after).toMatchObject({ status: 'submitted', requestedChanges: null })
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { applicationId, action: 'application.resubmit' } })
    expect(audit).toMatchObject({ before: { status: 'changes_requested' }, after: { status: 'submitted' } })
  })

  test('asked by the office: back to the office (college_endorsed), through the submit page', async () => {
    const applicationId = await sentBack('office')
    expect((await row(applicationId)).requestedChanges).toMatchObject({ ...asked, by: 'office' })
    await saveDraft(w.student, applicationId, draft({ motivation: '补充了动机。' }))
    await upload(w.student, applicationId, 'transcript', 'a corrected transcript')
    const res = await call(
      submitAction as (args: ActionFunctionArgs) => Promise<Response>,
      w.student,
      `/student/applications/${applicationId}/submit`,
      applicationId,
      {
        method: 'POST',
        body: new URLSearchParams(),
      },
    )
    expect(res.headers.get('location')).toBe(`/student/applications/${applicationId}?submitted=1`)
    const after = await row(applicationId)
    expect(after).toMatchObject({
      status: 'college_endorsed',
      requestedChanges: null,
      details: expect.objectContaining({ motivation: '补充了动机。' }),
    })
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { applicationId, action: 'application.resubmit' } })
    expect(audit).toMatchObject({ before: { status: 'changes_requested' }, after: { status: 'college_endorsed' } })
    // The office decides on it again; the college is not asked twice.
    await decided(w.office, applicationId, 'office_approve')
    expect((await row(applicationId)).status).toBe('approved')
  })

  test('submit refuses answers and documents changed outside the request since it was made', async () => {
    const applicationId = await sentBack('college')
    // Written behind the models' backs (an old tab's save before this rule, a script): the submit catches it.
    const { details } = await row(applicationId)
    await prisma.application.update({ where: { id: applicationId }, data: { details: { ...(details as object), gpa: 3.99 } } })
    const passport = await prisma.document.findFirstOrThrow({ where: { applicationId, kind: 'passport' } })
    await prisma.document.update({ where: { id: passport.id }, data: { deletedAt: new Date() } })

    const result = await submitApplication(w.student, applicationId)
    expect(result).toMatchObject({ ok: false, error: 'form.fixErrors' })
    const readiness = (result as { readiness: Readiness }).readiness
    expect(readiness.outsideRequest).toEqual({ fields: ['gpa'], documents: ['passport'] })
    expect((await row(applicationId)).status).toBe('changes_requested')
  })
})
