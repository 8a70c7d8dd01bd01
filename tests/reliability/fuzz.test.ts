// Fuzzing every action (and the loaders that read filters from the URL) with fast-check: random
// strings (Chinese, NUL, very long, HTML, SQL-ish), numbers where text is expected, missing and
// extra fields, repeated fields. The route functions are called directly with real Request
// objects (as Remix calls them), one signed-in session per role reused across runs: thousands of
// inputs in seconds, where HTTP would add nothing but time (tests/reliability/authorization.test.ts
// and tests/e2e/security.spec.ts cover the server around them).
//
// Every input: no 5xx and nothing thrown but a Response. Every refusal (4xx or an error payload)
// says what was wrong: for the conform forms, each error is on a field of the form (or on the
// form) with a message that has a translation; and when a valid form has one field spoiled, the
// refusal names that field.
import fc from 'fast-check'
import { beforeAll, describe, expect, test } from 'vitest'
import { isMessageKey } from '~/i18n'
import { prisma } from '~/lib/db.server'
import { createApplication, createCollege, createFund, createProgram, createStudent, createUser, DEMO_PASSWORD } from '../factories'
import { sessionCookie, startAppServer } from '../support/app-server'
import { resetDatabase } from '../support/db'
import * as adminEmails from '~/routes/admin.emails'
import * as college from '~/routes/college._index'
import * as forgotPassword from '~/routes/forgot-password'
import * as login from '~/routes/login'
import * as logout from '~/routes/logout'
import * as office from '~/routes/office._index'
import * as program from '~/routes/programs.$programId'
import * as programs from '~/routes/programs._index'
import * as resetPassword from '~/routes/reset-password'
import * as review from '~/routes/review.$applicationId'
import * as setLocale from '~/routes/set-locale'
import * as signup from '~/routes/signup'
import * as applicationPage from '~/routes/student.applications.$applicationId._index'
import * as documents from '~/routes/student.applications.$applicationId.documents'
import * as submit from '~/routes/student.applications.$applicationId.submit'
import * as report from '~/routes/student.applications.$applicationId.report'
import * as adminCollege from '~/routes/admin.colleges.$collegeId'
import * as adminPartner from '~/routes/admin.partners.$partnerId'
import * as adminProgram from '~/routes/admin.programs.$programId'
import * as adminFund from '~/routes/admin.funds.$fundId'
import * as adminUser from '~/routes/admin.users.$userId'
import * as adminTargets from '~/routes/admin.targets'
import * as dashboard from '~/routes/dashboard._index'
import * as dashboardApplications from '~/routes/dashboard.applications'
import * as financeHome from '~/routes/finance._index'
import * as financeAwards from '~/routes/finance.awards._index'
import * as financeAward from '~/routes/finance.awards.$awardId'

const RUNS = Number(process.env.FUZZ_RUNS ?? 500)
// A conform form gets RUNS inputs in all: half junk, half valid forms with one field spoiled.
const HALF = Math.ceil(RUNS / 2)
// The properties run side by side (describe.concurrent): each waits mostly on the database.
const LONG = 240_000

// ---- inputs ---------------------------------------------------------------------------------

const nasty = fc.constantFrom(
  '', ' ', '\0', 'a\0b', '\u202ereport.exe', '\r\n', '张三', '𠮷野家', '中文'.repeat(200), '😀'.repeat(40),
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', "' OR '1'='1", "1'; DROP TABLE \"User\"; --",
  '%00', '../../etc/passwd', 'NaN', 'Infinity', '-1', '0', '1e309', '0x1f', '9'.repeat(400), 'null', 'undefined',
  'true', '[]', '{"__proto__":{"x":1}}', 'constructor', 'x'.repeat(20_000),
)
const junk: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: nasty },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 200, maxLength: 2000 }) },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double()).map(String) },
)
const extraName = fc.constantFrom('isAdmin', 'roles', 'id', 'applicantId', 'status', '__proto__', 'constructor', 'a.b[0]', '')

type Form = [string, string][]
/** Each of `fields` absent, once or twice with junk; plus up to three extra fields. */
const junkForm = (fields: readonly string[]): fc.Arbitrary<Form> =>
  fc
    .tuple(
      fc.tuple(...fields.map((name) => fc.array(junk, { maxLength: 2 }).map((values) => values.map((v): [string, string] => [name, v])))),
      fc.array(fc.tuple(extraName, junk), { maxLength: 3 }),
    )
    .map(([known, extra]) => [...known.flat(), ...extra])

/** A valid form with one field removed, emptied or replaced by junk. */
const spoiled = (valid: () => Record<string, string>) =>
  fc.tuple(fc.constantFrom(...Object.keys(valid())), fc.option(junk, { nil: undefined })).map(([field, value]) => {
    const form = Object.entries(valid()).filter(([name]) => name !== field)
    if (value !== undefined) form.push([field, value])
    return { field, form }
  })

// ---- calling the route functions ------------------------------------------------------------

type RouteFunction = (args: { request: Request; params: Record<string, string>; context: { clientIp: string; cspNonce: string } }) => unknown
type Outcome = { status: number; body: unknown; location: string | null }

let ipCounter = 0
/** Runs a loader or action as Remix would; a thrown Response is an answer, anything else fails. */
async function call(fn: RouteFunction, request: Request, params: Record<string, string> = {}): Promise<Outcome> {
  let result: unknown
  try {
    result = await fn({ request, params, context: { clientIp: `10.0.${(ipCounter >> 8) & 255}.${ipCounter++ & 255}`, cspNonce: '' } })
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown
    result = thrown
  }
  if (result instanceof Response) {
    const type = result.headers.get('Content-Type') ?? ''
    const body = type.includes('json') ? await result.json() : await result.text()
    return { status: result.status, body, location: result.headers.get('Location') }
  }
  // data(value, init) from @remix-run/node
  if (result && typeof result === 'object' && 'type' in result && result.type === 'DataWithResponseInit') {
    const { data, init } = result as unknown as { data: unknown; init: ResponseInit | null }
    return { status: init?.status ?? 200, body: data, location: null }
  }
  return { status: 200, body: result, location: null }
}

const post = (path: string, form: Form, cookie?: string) =>
  new Request(`http://localhost${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(form),
  })
const get = (path: string, query: Form, cookie?: string) =>
  new Request(`http://localhost${path}?${new URLSearchParams(query)}`, { headers: cookie ? { Cookie: cookie } : {} })

/** Field errors of a conform reply (also when nested as `result`, as the application page does). */
function conformErrors(body: unknown): Record<string, string[] | null> | null {
  const reply = (body as { result?: unknown })?.result ?? body
  const error = (reply as { error?: unknown } | null)?.error
  return error && typeof error === 'object' ? (error as Record<string, string[] | null>) : null
}

function expectNoServerError(outcome: Outcome, what: string) {
  expect(outcome.status, `${what}: ${JSON.stringify(outcome.body)?.slice(0, 300)}`).toBeLessThan(500)
}

/** A refused conform form: errors only on the form's fields (or '' for the form), each translatable. */
function expectExplainedRefusal(outcome: Outcome, fields: readonly string[]) {
  const errors = conformErrors(outcome.body)
  expect(errors, `a ${outcome.status} without errors: ${JSON.stringify(outcome.body)?.slice(0, 300)}`).toBeTruthy()
  const entries = Object.entries(errors!).filter(([, messages]) => messages?.length)
  expect(entries.length, 'a refusal with no message').toBeGreaterThan(0)
  for (const [name, messages] of entries) {
    const top = name.split(/[.[]/)[0]
    expect(['', ...fields], `an error on "${name}", not a field of the form`).toContain(top)
    for (const m of messages!) expect(isMessageKey(m.split('|')[0]), `"${m}" on ${name} has no translation`).toBe(true)
  }
}

// ---- the world --------------------------------------------------------------------------------

let w: {
  collegeId: string
  studentEmail: string
  student: string
  office: string
  collegeReviewer: string
  admin: string
  draftId: string
  submittedId: string
  programId: string
  finance: string
  awardId: string
  approvedId: string
}

beforeAll(async () => {
  await resetDatabase()
  const x = await createCollege(prisma)
  const student = await createStudent(prisma, { collegeId: x.id })
  const p = await createProgram(prisma)
  const owner = { applicantId: student.id, programId: p.id, details: { kind: 'exchange', programId: p.id } }
  const draft = await createApplication(prisma, owner)
  // Another student's submitted application for the reviewers to fuzz.
  const other = await createStudent(prisma, { collegeId: x.id })
  const submitted = await createApplication(prisma, { ...owner, applicantId: other.id, status: 'submitted', submittedAt: new Date() })
  w = {
    collegeId: x.id,
    studentEmail: student.email,
    student: await sessionCookie(student.id),
    office: await sessionCookie((await createUser(prisma, { roles: ['office_reviewer'] })).id),
    collegeReviewer: await sessionCookie((await createUser(prisma, { roles: ['college_reviewer'], collegeId: x.id })).id),
    admin: await sessionCookie((await createUser(prisma, { roles: ['admin'] })).id),
    draftId: draft.id,
    submittedId: submitted.id,
    programId: p.id,
    finance: await sessionCookie((await createUser(prisma, { roles: ['finance'] })).id),
    // A conference proposal waiting for finance, and the student's approved application to report on.
    awardId: (await fundingCheckAward(x.id)).id,
    approvedId: (await createApplication(prisma, { ...owner, status: 'approved', submittedAt: new Date() })).id,
  }
})

async function fundingCheckAward(collegeId: string) {
  const fund = await createFund(prisma)
  const conference = await createProgram(prisma, { kind: 'conference', fundId: fund.id })
  const applicant = await createStudent(prisma, { collegeId })
  const app = await createApplication(prisma, { applicantId: applicant.id, programId: conference.id, status: 'funding_check', submittedAt: new Date() })
  return prisma.award.create({ data: { applicationId: app.id, fundId: fund.id, collegeId, requestedFen: 300_000, lines: { registration: { requestedFen: 300_000 } } } })
}

// ---- the conform forms ------------------------------------------------------------------------

type FormSpec = {
  path: () => string
  fn: RouteFunction
  fields: readonly string[]
  cookie?: () => string
  valid: () => Record<string, string>
  params?: () => Record<string, string>
  /** Refusals of the whole form that a valid-looking one may get (wrong password, …). */
  formLevel?: string[]
  /** Fields whose error may be reported on another (a changed password: on its confirmation). */
  linked?: Record<string, string>
}

let unique = 0
const conformForms: Record<string, FormSpec> = {
  signup: {
    path: () => '/signup',
    fn: signup.action,
    fields: ['nameZh', 'nameEn', 'studentNumber', 'collegeId', 'level', 'email', 'password', 'confirmPassword'],
    linked: { password: 'confirmPassword' },
    valid: () => ({
      nameZh: '张三',
      nameEn: 'ZHANG San',
      studentNumber: `F${Date.now().toString(36)}${unique++}`.slice(0, 20),
      collegeId: w.collegeId,
      level: 'master',
      email: `fuzz-${Date.now().toString(36)}-${unique++}@example.edu.cn`,
      password: 'Long-enough-1',
      confirmPassword: 'Long-enough-1',
    }),
  },
  login: {
    path: () => '/login',
    fn: login.action,
    fields: ['email', 'password', 'redirectTo'],
    valid: () => ({ email: w.studentEmail, password: DEMO_PASSWORD, redirectTo: '/student' }),
    // A well-formed but wrong email or password is one answer for both, by design.
    formLevel: ['login.invalid', 'login.locked'],
  },
  'forgot-password': {
    path: () => '/forgot-password',
    fn: forgotPassword.action,
    fields: ['email'],
    valid: () => ({ email: `nobody-${unique++}@example.edu.cn` }),
  },
  'reset-password': {
    path: () => '/reset-password',
    fn: resetPassword.action,
    fields: ['token', 'password', 'confirmPassword'],
    valid: () => ({ token: 'a-made-up-token', password: 'Long-enough-1', confirmPassword: 'Long-enough-1' }),
    formLevel: ['reset.invalidToken'],
    linked: { password: 'confirmPassword' },
  },
  'application save': {
    path: () => `/student/applications/${w.draftId}`,
    fn: applicationPage.action,
    cookie: () => w.student,
    params: () => ({ applicationId: w.draftId }),
    fields: ['intent', 'kind', 'languageTest', 'languageScore', 'gpa', 'gpaScale', 'startDate', 'endDate', 'term', 'studyPlan', 'courses', 'passportNumber', 'passportExpiry'],
    valid: () => ({ intent: 'save', kind: 'exchange', gpa: '3.5', gpaScale: '4.0', startDate: '2027-02-20', endDate: '2027-07-10' }),
  },
}

describe.concurrent.each(Object.entries(conformForms))('%s', (_, spec) => {
  const request = (form: Form) => post(spec.path(), form, spec.cookie?.())

  test(`${HALF} junk forms: no server error; every refusal names fields of the form, translatably`, { timeout: LONG }, async () => {
    await fc.assert(
      fc.asyncProperty(junkForm(spec.fields), async (form) => {
        const outcome = await call(spec.fn, request(form), spec.params?.())
        expectNoServerError(outcome, JSON.stringify(form).slice(0, 200))
        if (outcome.status >= 400) expectExplainedRefusal(outcome, spec.fields)
      }),
      { numRuns: HALF },
    )
  })

  test(`${HALF} valid forms with one field spoiled: a refusal names that field`, { timeout: LONG }, async () => {
    await fc.assert(
      fc.asyncProperty(spoiled(spec.valid), async ({ field, form }) => {
        const outcome = await call(spec.fn, request(form), spec.params?.())
        expectNoServerError(outcome, JSON.stringify(form).slice(0, 200))
        if (outcome.status < 400) return
        expectExplainedRefusal(outcome, spec.fields)
        const errors = conformErrors(outcome.body)!
        const named = Object.keys(errors).filter((k) => errors[k]?.length).map((k) => k.split(/[.[]/)[0])
        const formLevel = (errors[''] ?? []).some((m) => spec.formLevel?.includes(m.split('|')[0]))
        const accepted = [field, spec.linked?.[field]]
        const value = JSON.stringify(form.find(([n]) => n === field)?.[1])?.slice(0, 80)
        if (!formLevel) expect(named.some((n) => accepted.includes(n)), `spoiled ${field}=${value}, errors on ${named}`).toBe(true)
      }),
      { numRuns: HALF },
    )
  })
})

// ---- the other actions and the filter loaders ---------------------------------------------------

type OtherSpec = {
  method: 'GET' | 'POST'
  path: () => string
  fn: RouteFunction
  fields: readonly string[]
  cookie?: () => string
  params?: () => Record<string, string>
  /** What a refusal must carry to say what was wrong. */
  explains?: (body: unknown) => boolean
  /** Fewer runs for an action that reads no field of the form (only its id, fuzzed below). */
  runs?: number
}

const hasError = (body: unknown) => {
  const b = body as { ok?: boolean; error?: unknown; errors?: unknown[]; refused?: boolean; resent?: boolean }
  return b?.ok === false || Boolean(b?.error) || Boolean(b?.errors?.length) || b?.refused === true || b?.resent === false
}

const others: Record<string, OtherSpec> = {
  'set-locale': { method: 'POST', path: () => '/set-locale', fn: setLocale.action, fields: ['locale', 'redirectTo'] },
  logout: { method: 'POST', path: () => '/logout', fn: logout.action, fields: ['redirectTo'] },
  'application submit': {
    method: 'POST',
    path: () => `/student/applications/${w.draftId}/submit`,
    fn: submit.action,
    cookie: () => w.student,
    params: () => ({ applicationId: w.draftId }),
    fields: ['intent', 'confirm'],
    explains: hasError,
    runs: Math.ceil(RUNS / 10),
  },
  'application withdraw': {
    method: 'POST',
    path: () => `/student/applications/${w.submittedId}`,
    fn: applicationPage.action,
    cookie: () => w.student,
    // The student's own draft: withdrawing a draft is refused, whatever the reason says.
    params: () => ({ applicationId: w.draftId }),
    fields: ['intent', 'reason'],
  },
  'start application': {
    method: 'POST',
    path: () => `/programs/${w.programId}`,
    fn: program.action,
    cookie: () => w.student,
    params: () => ({ programId: w.programId }),
    fields: ['intent'],
  },
  'document form fields': {
    method: 'POST',
    path: () => `/student/applications/${w.draftId}/documents`,
    fn: (args) => documents.action({ ...args, request: withAccept(args.request) } as never),
    cookie: () => w.student,
    params: () => ({ applicationId: w.draftId }),
    fields: ['kind', 'intent', 'documentId', 'fileName'],
    explains: (body) => {
      const errors = (body as { errors?: { code: string; message: string }[] }).errors ?? []
      return errors.length > 0 && errors.every((e) => isMessageKey(e.code) && e.message && e.message !== e.code)
    },
  },
  'review decide/comment/review/conflict': {
    method: 'POST',
    path: () => `/review/${w.submittedId}`,
    fn: review.action,
    cookie: () => w.office,
    params: () => ({ applicationId: w.submittedId }),
    fields: ['intent', 'command', 'version', 'reason', 'fields', 'documents', 'messageToStudent', 'confirmOverQuota', 'body', 'visibility', 'comment', 'score.overall'],
    explains: hasError,
  },
  'office bulk decide': {
    method: 'POST',
    path: () => '/office',
    fn: office.action,
    cookie: () => w.office,
    fields: ['intent', 'command', 'ids', 'reason', 'versions', 'confirmOverQuota'],
  },
  'college bulk decide': {
    method: 'POST',
    path: () => '/college',
    fn: college.action,
    cookie: () => w.collegeReviewer,
    fields: ['intent', 'command', 'ids', 'reason', 'versions', 'confirmOverQuota'],
  },
  'email resend': { method: 'POST', path: () => '/admin/emails', fn: adminEmails.action, cookie: () => w.admin, fields: ['messageId'], explains: hasError },
  'office queue filters': {
    method: 'GET',
    path: () => '/office',
    fn: office.loader,
    cookie: () => w.office,
    fields: ['q', 'status', 'kind', 'level', 'programId', 'collegeId', 'closesWithinDays', 'sort', 'page'],
  },
  'college queue filters': {
    method: 'GET',
    path: () => '/college',
    fn: college.loader,
    cookie: () => w.collegeReviewer,
    fields: ['q', 'status', 'kind', 'level', 'programId', 'closesWithinDays', 'sort', 'page'],
  },
  'catalogue filters': {
    method: 'GET',
    path: () => '/programs',
    fn: programs.loader,
    cookie: () => w.student,
    fields: ['q', 'kind', 'region', 'level', 'beltAndRoad', 'openNow', 'page', 'sort'],
  },
  'email log filters': { method: 'GET', path: () => '/admin/emails', fn: adminEmails.loader, cookie: () => w.admin, fields: ['status', 'page', 'q'] },
  'reset link': { method: 'GET', path: () => '/reset-password', fn: resetPassword.loader, fields: ['token'] },
  'finance award confirm/return/pay': {
    method: 'POST',
    path: () => `/finance/awards/${w.awardId}`,
    fn: financeAward.action,
    cookie: () => w.finance,
    params: () => ({ awardId: w.awardId }),
    fields: ['intent', 'version', 'approved.registration', 'note', 'splitFundId', 'splitAmount', 'reason', 'paidAmount', 'voucherNumber', 'paidOn'],
    explains: namesAField,
  },
  'return report': {
    method: 'POST',
    path: () => `/student/applications/${w.approvedId}/report`,
    fn: report.action,
    cookie: () => w.student,
    params: () => ({ applicationId: w.approvedId }),
    fields: ['summary', 'credits', 'actual.airfare'],
    explains: namesAField,
  },
  'admin college': adminForm(adminCollege.action, 'colleges', 'collegeId', ['intent', 'code', 'nameZh', 'nameEn']),
  'admin partner': adminForm(adminPartner.action, 'partners', 'partnerId', ['intent', 'nameZh', 'nameEn', 'countryCode', 'countryZh', 'countryEn', 'region', 'tier', 'beltAndRoad', 'agreementStart', 'agreementEnd', 'placesPerYear']),
  'admin program': adminForm(adminProgram.action, 'programs', 'programId', ['intent', 'kind', 'partnerId', 'academicYear', 'titleZh', 'titleEn', 'levels', 'quota', 'opensOn', 'closesOn', 'fundId', 'minGpa']),
  'admin fund': adminForm(adminFund.action, 'funds', 'fundId', ['intent', 'academicYear', 'nameZh', 'nameEn', 'purpose', 'budget', 'perPersonCap', 'kinds']),
  'admin user': adminForm(adminUser.action, 'users', 'userId', ['intent', 'email', 'nameZh', 'nameEn', 'roles', 'collegeId']),
  'admin targets': { method: 'POST', path: () => '/admin/targets', fn: adminTargets.action, cookie: () => w.admin, fields: ['intent', 'year', 'university.undergraduate_abroad', 'college.x.graduate_conference'] },
  'dashboard filters': { method: 'GET', path: () => '/dashboard', fn: dashboard.loader, cookie: () => w.office, fields: ['year', 'college'] },
  'dashboard drill-down filters': { method: 'GET', path: () => '/dashboard/applications', fn: dashboardApplications.loader, cookie: () => w.office, fields: ['year', 'college', 'measure', 'kind', 'tier', 'region', 'country', 'page'] },
  'finance dashboard filters': { method: 'GET', path: () => '/finance', fn: financeHome.loader, cookie: () => w.finance, fields: ['year'] },
  'finance drill-down filters': { method: 'GET', path: () => '/finance/awards', fn: financeAwards.loader, cookie: () => w.finance, fields: ['year', 'fund', 'college', 'view', 'page'] },
}

/** A conform reply with its errors: the refusal names what was wrong. */
function namesAField(body: unknown) {
  return conformErrors(body) !== null
}

/** An admin editor's "new" form (its id parameter is `new`). */
function adminForm(fn: RouteFunction, list: string, param: string, fields: string[]): OtherSpec {
  return { method: 'POST', path: () => `/admin/${list}/new`, fn, cookie: () => w.admin, params: () => ({ [param]: 'new' }), fields, explains: namesAField }
}

// Ids in the URL path, over HTTP: Remix decodes %00 and friends before a loader sees them, and
// the server refuses a NUL before that (PostgreSQL text cannot hold one).
const idPaths = [
  '/review/:id', '/documents/:id', '/programs/:id', '/student/applications/:id', '/student/applications/:id/submit',
  '/student/applications/:id/documents',
]

test(`${RUNS} junk ids in URL paths, GET and POST, signed in: no server error`, { timeout: LONG }, async () => {
  const app = await startAppServer()
  try {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...idPaths), junk.filter((id) => id !== ''), fc.boolean(), fc.boolean(), async (path, id, asStudent, postIt) => {
        const url = path.replace(':id', encodeURIComponent(id.slice(0, 2000)))
        const res = await app.request(url, {
          cookie: asStudent ? w.student : w.office,
          ...(postIt ? { form: { intent: 'save', kind: 'exchange' } } : {}),
        })
        await res.arrayBuffer()
        expect(res.status, `${postIt ? 'POST' : 'GET'} ${url.slice(0, 120)}`).toBeLessThan(500)
      }),
      { numRuns: RUNS },
    )
  } finally {
    await app.close()
  }
})

const withAccept = (request: Request) => {
  const headers = new Headers(request.headers)
  headers.set('Accept', 'application/json')
  return new Request(request, { headers })
}

describe.concurrent.each(Object.entries(others))('%s', (_, spec) => {
  test(`${spec.runs ?? RUNS} junk inputs: no server error; every refusal says what was wrong`, { timeout: LONG }, async () => {
    await fc.assert(
      fc.asyncProperty(junkForm(spec.fields), async (form) => {
        const request = spec.method === 'GET' ? get(spec.path(), form, spec.cookie?.()) : post(spec.path(), form, spec.cookie?.())
        const outcome = await call(spec.fn, request, spec.params?.())
        expectNoServerError(outcome, JSON.stringify(form).slice(0, 200))
        // A redirect stays on the portal (set-locale's redirectTo, login's redirectTo).
        if (outcome.location) expect(outcome.location).toMatch(/^\/(?![/\\])/)
        if (outcome.status >= 400 && outcome.status !== 404 && spec.explains) {
          expect(spec.explains(outcome.body), `refusal without a reason: ${JSON.stringify(outcome.body)?.slice(0, 300)}`).toBe(true)
        }
      }),
      { numRuns: spec.runs ?? RUNS },
    )
  })
})
