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
// refusal names that field. Most forms are spoiled only with values that field cannot take (each
// kind of field has its spoilers below): then the spoiled form must be refused, with errors on that
// field alone, a dynamic field (an award's line, a region's stipend, a target's cell) by its name.
import fc from 'fast-check'
import { beforeAll, describe, expect, test } from 'vitest'
import { academicYearOf } from '~/domain/academic-year'
import { isCountryCode } from '~/domain/countries'
import { addDays, isIsoDate, shanghaiDate } from '~/domain/dates'
import { documentKinds } from '~/domain/documents'
import { isValidScore } from '~/domain/language'
import { fenToYuanInput, MAX_AMOUNT_FEN, parseYuan } from '~/domain/money'
import { actualSpendingLimits, ACTUAL_SPENDING_BOUNDS } from '~/domain/plausibility'
import { RETENTION_MONTHS, retentionKinds } from '~/domain/personal-data'
import { previousAcademicYear, targetKinds } from '~/domain/policy'
import { programKinds } from '~/domain/program'
import { levels } from '~/domain/roles'
import { textLength } from '~/domain/text'
import { isMessageKey } from '~/i18n'
import { prisma } from '~/lib/db.server'
import { fundPurposes, MAX_BUDGET_FEN, staffRoles } from '~/schemas/admin'
import { partnerTiers, regions } from '~/domain/policy'
import { agreementTypes, partnerMemberships } from '~/domain/agreements'
import { MAX_TARGET } from '~/schemas/targets'
import { MAX_CALENDAR_NOTE } from '~/schemas/calendar'
import { MAX_PRIVACY_TEXT } from '~/schemas/privacy'
import {
  createApplication,
  createCollege,
  createFund,
  createPartner,
  createProgram,
  createStudent,
  createUser,
  DEMO_PASSWORD,
} from '../factories'
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
import * as signupConfirm from '~/routes/signup_.confirm'
import * as review from '~/routes/review.$applicationId'
import * as setLocale from '~/routes/set-locale'
import * as signup from '~/routes/signup'
import * as applicationPage from '~/routes/student.applications.$applicationId._index'
import * as documents from '~/routes/student.applications.$applicationId.documents'
import * as submit from '~/routes/student.applications.$applicationId.submit'
import * as report from '~/routes/student.applications.$applicationId.report'
import * as adminCollege from '~/routes/admin.colleges.$collegeId'
import * as adminPartner from '~/routes/admin.partners.$partnerId'
import * as adminAgreement from '~/routes/admin.agreements.$agreementId'
import * as adminProgram from '~/routes/admin.programs.$programId'
import * as adminFund from '~/routes/admin.funds.$fundId'
import * as adminUser from '~/routes/admin.users.$userId'
import * as adminTargets from '~/routes/admin.targets'
import * as adminCalendar from '~/routes/admin.calendar'
import * as adminPrivacy from '~/routes/admin.privacy'
import * as officeDeletionRequests from '~/routes/office.deletion-requests'
import * as privacyNotice from '~/routes/privacy'
import * as studentPrivacy from '~/routes/student.privacy'
import * as financeRates from '~/routes/finance.rates'
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
  '',
  ' ',
  '\0',
  'a\0b',
  '\u202ereport.exe',
  '\r\n',
  '张三',
  '𠮷野家',
  '中文'.repeat(200),
  '😀'.repeat(40),
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  "' OR '1'='1",
  '1\'; DROP TABLE "User"; --',
  '%00',
  '../../etc/passwd',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1e309',
  '0x1f',
  '9'.repeat(400),
  'null',
  'undefined',
  'true',
  '[]',
  '{"__proto__":{"x":1}}',
  'constructor',
  'x'.repeat(20_000),
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

// ---- valid values and spoilers, by kind of field ----------------------------------------------

type Value = string | readonly string[]
/** A form by field name: an array repeats the field, undefined leaves it out. */
type Fields = Record<string, Value | undefined>
const toForm = (fields: Fields): Form =>
  Object.entries(fields).flatMap(([name, value]) => [value ?? []].flat().map((v): [string, string] => [name, v]))

const word = fc.constantFrom(
  '张三',
  '北京师范大学',
  'Zhang',
  "O'Brien",
  'École',
  '𠮷野家',
  '😀',
  '<b>bold</b>',
  '&amp;',
  "'; DROP TABLE x; --",
  '%00',
  '—',
)
/** Text a person may type (Chinese, emoji, markup, printable ASCII), at most `max` long once trimmed. */
const someText = (max: number) =>
  fc
    .oneof(
      fc.array(word, { minLength: 1, maxLength: 6 }).map((words) => words.join(' ')),
      fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 60 }),
    )
    .filter((v) => v.trim() !== '' && textLength(v.trim()) <= max)

/** An amount of fen typed as yuan the ways people type one: "1234.5", "1,234.50", full-width digits, spaces. */
const amount = (minFen: number, maxFen: number) =>
  fc.integer({ min: minFen, max: maxFen }).chain((fen) => {
    const plain = fenToYuanInput(fen)
    const [yuan, cents] = plain.split('.')
    const wide = plain.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))
    return fc.constantFrom(plain, `${Number(yuan).toLocaleString('en-US')}.${cents}`, wide, ` ${plain} `, fen % 100 ? plain : yuan)
  })

const DAY_MS = 86_400_000
const dayNumber = (iso: string) => Date.parse(iso) / DAY_MS
const isoDay = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10)
/** A calendar day yyyy-mm-dd from `from` to `to`. */
const day = (from: string, to: string) => fc.integer({ min: dayNumber(from), max: dayNumber(to) }).map(isoDay)
const whole = (min: number, max: number) => fc.integer({ min, max }).map(String)

// Spoilers: each value is invalid for its kind of field, whatever the rest of the form says.

/** Left out, empty, or spaces. */
const blank = fc.constantFrom(undefined, '', ' ', ' \t\n ')
/** Present (conform reads an empty string as left out). */
const present = junk.filter((v) => v !== '')
// Lengths are in characters (code points), as zod and the models count them (domain/text.ts).
const tooLong = (max: number) => someText(60).map((t) => t.trim().repeat(Math.floor(max / textLength(t.trim())) + 1))
const withControlChar = fc
  .tuple(someText(30), fc.constantFrom('\0', '\u0007', '\u001b', '\u202e', '\u200b', '\u2028'), someText(30))
  .map(([a, c, b]) => `${a}${c}${b}`)
/** For required text of at most `max` characters. */
const badText = (max: number) => fc.oneof(blank, tooLong(max), withControlChar)
/** For free text that may be blank: too long, or with a NUL (PostgreSQL cannot store one). */
const badFreeText = (max: number) =>
  fc.oneof(
    tooLong(max),
    someText(30).map((t) => `${t}\0${t}`),
  )
const notOneOf = (values: readonly string[]) => present.filter((v) => !values.includes(v))
const badChoice = (values: readonly string[]) => fc.oneof(blank, notOneOf(values))
/** An amount parseYuan refuses: format, sign, a third decimal, too large. */
const badAmount = (maxFen = MAX_AMOUNT_FEN) =>
  fc.oneof(
    fc.constantFrom('-1', '-0.01', '1.234', '1e3', '0x10', '¥100', '12,34', 'abc', fenToYuanInput(maxFen + 1)),
    present.filter((v) => v.trim() !== '' && !parseYuan(v, maxFen).ok),
  )
const badRequiredAmount = (maxFen?: number) => fc.oneof(blank, badAmount(maxFen))
/** Not a day from `from` to `to` (nor blank, when one is required). */
const badDay = (from: string, to: string, required = true) =>
  fc.oneof(
    ...(required ? [blank] : []),
    fc.constantFrom(
      '2027-02-30',
      '2027-13-01',
      '2027-1-5',
      '2027/01/05',
      '20270105',
      isoDay(dayNumber(from) - 1),
      isoDay(dayNumber(to) + 1),
    ),
    present.filter((v) => v.trim() !== '' && !isIsoDate(v.trim())),
  )
/** Not a whole number from 0 to `max`. */
const badCount = (max: number) =>
  fc.oneof(
    fc.constantFrom('-1', '1.5', 'abc', '1e400', String(max + 1)),
    fc.integer({ min: max + 1 }).map(String),
    fc.integer({ max: -1 }).map(String),
    fc
      .double({ noNaN: true, noDefaultInfinity: true })
      .filter((n) => !Number.isInteger(n))
      .map(String),
  )
const badYear = fc.oneof(
  blank,
  fc.constantFrom('2026', '2026-2028', '2026-2026', '2026/2027', '26-27', '２０２６-２０２７'),
  fc.integer({ min: 2000, max: 2098 }).map((y) => `${y}-${y + 2}`),
  present.filter((v) => v.trim() !== '' && !/^\d{4}-\d{4}$/.test(v.trim())),
)
/** Not an id (ids are 10 to 40 lower-case letters and digits). */
const badId = fc.oneof(
  fc.constantFrom('x', 'ABCDEFGHIJKLMN', 'a'.repeat(41), 'abcde fghij'),
  present.filter((v) => !/^[a-z0-9]{10,40}$/.test(v)),
)
/** A well-formed id of nothing. */
const unknownId = fc.stringMatching(/^[a-z0-9]{25}$/)
/** A form's version (a hidden field): not a whole number from 0. */
const badVersion = fc.oneof(
  fc.constantFrom(undefined, '-1', '1.5', 'abc'),
  present.filter((v) => !(Number.isInteger(Number(v)) && Number(v) >= 0)),
)

// ---- calling the route functions ------------------------------------------------------------

type RouteFunction = (args: {
  request: Request
  params: Record<string, string>
  context: { clientIp: string; cspNonce: string }
}) => unknown
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

const topName = (name: string) => name.split(/[.[]/)[0]

/** A refused conform form: errors only on the form's visible fields (or '' for the form), each translatable. */
function expectExplainedRefusal(outcome: Outcome, fields: readonly string[], hidden: readonly string[] = []) {
  const errors = conformErrors(outcome.body)
  expect(errors, `a ${outcome.status} without errors: ${JSON.stringify(outcome.body)?.slice(0, 300)}`).toBeTruthy()
  const entries = Object.entries(errors!).filter(([, messages]) => messages?.length)
  expect(entries.length, 'a refusal with no message').toBeGreaterThan(0)
  for (const [name, messages] of entries) {
    expect(['', ...fields.map(topName)], `an error on "${name}", not a field of the form`).toContain(topName(name))
    expect(hidden, `an error on the hidden "${name}", where nobody sees it`).not.toContain(name)
    for (const m of messages!) expect(isMessageKey(m.split('|')[0]), `"${m}" on ${name} has no translation`).toBe(true)
  }
}

// ---- the world --------------------------------------------------------------------------------

const YEAR = academicYearOf(new Date())
// The college's id is in field names (targets per college, fund allocations): fixed, so the
// specs below can name those fields before the world exists.
const COLLEGE = 'fuzzcollege00000000001'
const targetCells = ['university', COLLEGE].flatMap((scope) => targetKinds.map((kind) => `targets.${scope}.${kind}`))
// The budget lines of the award finance confirms, in fen.
const REQUESTED = { registration: 300_000, airfare: 600_000 }

let w: {
  collegeId: string
  collegeCode: string
  studentEmail: string
  student: string
  office: string
  officeId: string
  collegeReviewer: string
  admin: string
  draftId: string
  submittedId: string
  programId: string
  finance: string
  partnerId: string
  retiredPartnerId: string
  funds: Record<'conference' | 'split' | 'exchange' | 'otherYear' | 'retired', string>
  /** A conference proposal waiting for finance (its application's version). */
  proposed: { id: string; version: number }
  /** An award committed to an exchange, waiting for payment. */
  committed: { id: string; version: number; approvedFen: number }
  /** The student's applications due a return report: one for the spoiled forms, one for junk. */
  exchangeReport: string
  exchangeReportJunk: string
  conferenceReport: string
  conferenceReportJunk: string
}

beforeAll(async () => {
  await resetDatabase()
  const x = await createCollege(prisma, { id: COLLEGE, code: 'FUZZ' })
  const student = await createStudent(prisma, { collegeId: x.id })
  const p = await createProgram(prisma)
  const owner = { applicantId: student.id, programId: p.id, details: { kind: 'exchange', programId: p.id } }
  const draft = await createApplication(prisma, owner)
  // Another student's submitted application for the reviewers to fuzz.
  const other = await createStudent(prisma, { collegeId: x.id })
  const submitted = await createApplication(prisma, { ...owner, applicantId: other.id, status: 'submitted', submittedAt: new Date() })
  const office = await createUser(prisma, { roles: ['office_reviewer'] })
  const funds = {
    conference: (await createFund(prisma)).id,
    split: (await createFund(prisma)).id,
    exchange: (await createFund(prisma, { purpose: 'exchange_scholarship', kinds: ['exchange', 'joint_training'] })).id,
    otherYear: (await createFund(prisma, { academicYear: previousAcademicYear(YEAR), kinds: [...programKinds] })).id,
    retired: (await createFund(prisma, { kinds: [...programKinds], retiredAt: new Date() })).id,
  }
  const dueReport = (kind: 'exchange' | 'conference') =>
    approvedWithReportDue(student.id, x.id, kind, kind === 'exchange' ? funds.exchange : funds.conference)
  w = {
    collegeId: x.id,
    collegeCode: x.code,
    studentEmail: student.email,
    student: await sessionCookie(student.id),
    office: await sessionCookie(office.id),
    officeId: office.id,
    collegeReviewer: await sessionCookie((await createUser(prisma, { roles: ['college_reviewer'], collegeId: x.id })).id),
    admin: await sessionCookie((await createUser(prisma, { roles: ['admin'] })).id),
    draftId: draft.id,
    submittedId: submitted.id,
    programId: p.id,
    finance: await sessionCookie((await createUser(prisma, { roles: ['finance'] })).id),
    partnerId: (await createPartner(prisma)).id,
    retiredPartnerId: (await createPartner(prisma, { retiredAt: new Date() })).id,
    funds,
    proposed: await proposedAward(x.id, funds.conference),
    committed: await committedAward(x.id, funds.exchange),
    exchangeReport: await dueReport('exchange'),
    exchangeReportJunk: await dueReport('exchange'),
    conferenceReport: await dueReport('conference'),
    conferenceReportJunk: await dueReport('conference'),
  }
})

async function proposedAward(collegeId: string, fundId: string) {
  const conference = await createProgram(prisma, { kind: 'conference', fundId })
  const applicant = await createStudent(prisma, { collegeId })
  const app = await createApplication(prisma, {
    applicantId: applicant.id,
    programId: conference.id,
    status: 'funding_check',
    submittedAt: new Date(),
  })
  const lines = Object.fromEntries(Object.entries(REQUESTED).map(([line, requestedFen]) => [line, { requestedFen }]))
  const award = await prisma.award.create({
    data: { applicationId: app.id, fundId, collegeId, requestedFen: REQUESTED.registration + REQUESTED.airfare, lines },
  })
  return { id: award.id, version: app.version }
}

async function committedAward(collegeId: string, fundId: string) {
  const applicant = await createStudent(prisma, { collegeId })
  const app = await createApplication(prisma, {
    applicantId: applicant.id,
    programId: (await createProgram(prisma)).id,
    status: 'approved',
    submittedAt: new Date(),
  })
  const award = await prisma.award.create({
    data: { applicationId: app.id, fundId, collegeId, status: 'committed', requestedFen: 500_000, approvedFen: 500_000 },
  })
  return { id: award.id, version: award.version, approvedFen: award.approvedFen }
}

/** The student's approved application, back from the mobility; a conference one has approved lines and a receipt. */
async function approvedWithReportDue(applicantId: string, collegeId: string, kind: 'exchange' | 'conference', fundId: string) {
  const program = await createProgram(prisma, { kind, ...(kind === 'conference' && { fundId }) })
  const app = await createApplication(prisma, { applicantId, programId: program.id, status: 'approved', submittedAt: new Date() })
  if (kind === 'conference') {
    const lines = Object.fromEntries(Object.entries(REQUESTED).map(([line, fen]) => [line, { requestedFen: fen, approvedFen: fen }]))
    await prisma.award.create({
      data: { applicationId: app.id, fundId, collegeId, status: 'committed', requestedFen: 900_000, approvedFen: 900_000, lines },
    })
    await prisma.document.create({
      data: {
        applicationId: app.id,
        kind: 'receipt',
        objectKey: `fuzz/${app.id}`,
        size: 1,
        sha256: '0'.repeat(64),
        contentType: 'application/pdf',
        originalName: 'receipt.pdf',
        uploadedById: applicantId,
      },
    })
  }
  return app.id
}

// ---- the conform forms ------------------------------------------------------------------------

type FormSpec = {
  path: () => string
  fn: RouteFunction
  /**
   * The form's fields, a dynamic one by its name (`approved.registration`), and the name of its
   * group alone (`approved`): what junk forms fill.
   */
  fields: readonly string[]
  cookie?: () => string
  params?: () => Record<string, string>
  /** Where junk goes, when a junk form may be accepted and change what the spoiled forms work on. */
  junkParams?: () => Record<string, string>
  /** Valid forms, made once the world exists. */
  valid: () => fc.Arbitrary<Fields>
  /**
   * Values each field must not take (undefined: left out). A field may be one the valid form
   * leaves out, or one the form does not have (`approved.visa`, a line the award lacks). A form
   * spoiled so is refused, with errors on that field alone. Without spoilers, a field of the valid
   * form is left out or given junk, which may be accepted.
   */
  spoilers?: () => Record<string, fc.Arbitrary<Value | undefined>>
  /** Refusals of the whole form that a valid-looking one may get (wrong password, …). */
  formLevel?: string[]
  /** Fields whose error may be reported on another (a changed password: on its confirmation). */
  linked?: Record<string, string>
  /** Hidden inputs (which form, the version shown): their errors must be on the form, where they are seen. */
  hidden?: readonly string[]
}

/** A form made anew for each run (unique emails and numbers). */
const fresh = (make: () => Fields) => fc.constant(null).map(make)

let unique = 0
const conformForms: Record<string, FormSpec> = {
  signup: {
    path: () => '/signup',
    fn: signup.action,
    fields: ['nameZh', 'nameEn', 'studentNumber', 'collegeId', 'level', 'email', 'password', 'confirmPassword'],
    linked: { password: 'confirmPassword' },
    valid: () =>
      fresh(() => ({
        nameZh: '张三',
        nameEn: 'ZHANG San',
        studentNumber: `F${Date.now().toString(36)}${unique++}`.slice(0, 20),
        collegeId: w.collegeId,
        level: 'master',
        email: `fuzz-${Date.now().toString(36)}-${unique++}@example.edu.cn`,
        password: 'Long-enough-1',
        confirmPassword: 'Long-enough-1',
      })),
  },
  login: {
    path: () => '/login',
    fn: login.action,
    fields: ['email', 'password', 'redirectTo'],
    valid: () => fresh(() => ({ email: w.studentEmail, password: DEMO_PASSWORD, redirectTo: '/student' })),
    // A well-formed but wrong email or password is one answer for both, by design.
    formLevel: ['login.invalid', 'login.locked'],
  },
  'forgot-password': {
    path: () => '/forgot-password',
    fn: forgotPassword.action,
    fields: ['email'],
    valid: () => fresh(() => ({ email: `nobody-${unique++}@example.edu.cn` })),
  },
  'reset-password': {
    path: () => '/reset-password',
    fn: resetPassword.action,
    fields: ['token', 'password', 'confirmPassword'],
    valid: () => fresh(() => ({ token: 'a-made-up-token', password: 'Long-enough-1', confirmPassword: 'Long-enough-1' })),
    formLevel: ['reset.invalidToken'],
    linked: { password: 'confirmPassword' },
  },
  'application save': {
    path: () => `/student/applications/${w.draftId}`,
    fn: applicationPage.action,
    cookie: () => w.student,
    params: () => ({ applicationId: w.draftId }),
    fields: [
      'intent',
      'kind',
      'languageTest',
      'languageScore',
      'gpa',
      'gpaScale',
      'startDate',
      'endDate',
      'term',
      'studyPlan',
      'courses',
      'passportNumber',
      'passportExpiry',
    ],
    valid: () =>
      fresh(() => ({ intent: 'save', kind: 'exchange', gpa: '3.5', gpaScale: '4.0', startDate: '2027-02-20', endDate: '2027-07-10' })),
  },
  'finance award: confirm': {
    ...financeAwardForm(() => w.proposed.id),
    fields: ['intent', 'version', 'approved', 'approved.registration', 'approved.airfare', 'note', 'splitFundId', 'splitAmount'],
    // Every line approved (at most what was requested, so no note is needed), part of it split to another fund.
    valid: () =>
      fc
        .tuple(fc.integer({ min: 100, max: REQUESTED.registration }), fc.integer({ min: 0, max: REQUESTED.airfare }))
        .chain(([registration, airfare]) =>
          fc.record({
            intent: fc.constant('confirm'),
            version: fc.constant(String(w.proposed.version)),
            'approved.registration': amount(registration, registration),
            'approved.airfare': amount(airfare, airfare),
            splitFundId: fc.constant(w.funds.split),
            splitAmount: amount(1, registration + airfare - 1),
          }),
        ),
    spoilers: () => ({
      intent: notAnIntent,
      version: badVersion,
      'approved.registration': fc.oneof(badRequiredAmount(), amount(REQUESTED.registration + 1, MAX_AMOUNT_FEN)),
      'approved.airfare': fc.oneof(badRequiredAmount(), amount(REQUESTED.airfare + 1, MAX_AMOUNT_FEN)),
      // Lines the award does not have.
      'approved.visa': amount(0, 100_000),
      [`approved.${'x'.repeat(41)}`]: amount(0, 100_000),
      note: badFreeText(2000),
      // Not another current fund of the year paying for conferences.
      splitFundId: fc.oneof(present, unknownId, fc.constantFrom(w.funds.conference, w.funds.exchange, w.funds.otherYear, w.funds.retired)),
      splitAmount: fc.oneof(blank, badAmount(), fc.constant('0'), amount(REQUESTED.registration + REQUESTED.airfare, MAX_AMOUNT_FEN)),
    }),
  },
  'finance award: return': {
    ...financeAwardForm(() => w.proposed.id),
    fields: ['intent', 'version', 'reason'],
    valid: () => fc.record({ intent: fc.constant('return'), version: fc.constant(String(w.proposed.version)), reason: someText(2000) }),
    spoilers: () => ({ intent: notAnIntent, version: badVersion, reason: badText(2000) }),
  },
  'finance award: pay': {
    ...financeAwardForm(() => w.committed.id),
    fields: ['intent', 'version', 'paidAmount', 'voucherNumber', 'paidOn'],
    valid: () =>
      fc.record({
        intent: fc.constant('pay'),
        version: fc.constant(String(w.committed.version)),
        paidAmount: amount(0, w.committed.approvedFen),
        voucherNumber: someText(64),
        // From the day the award was committed (made today) to today: today.
        paidOn: fc.constant(shanghaiDate(new Date())),
      }),
    spoilers: () => ({
      intent: notAnIntent,
      version: badVersion,
      paidAmount: fc.oneof(badRequiredAmount(), amount(w.committed.approvedFen + 1, MAX_AMOUNT_FEN)),
      voucherNumber: badText(64),
      // Not a day, or a day before the commitment or after today.
      paidOn: fc.oneof(
        badDay('1990-01-01', '2100-12-31'),
        day('1990-01-01', addDays(shanghaiDate(new Date()), -1)),
        day(addDays(shanghaiDate(new Date()), 1), '2100-12-31'),
      ),
    }),
  },
  'return report: exchange': {
    ...reportForm(
      () => w.exchangeReport,
      () => w.exchangeReportJunk,
    ),
    // The credits recognised are computed from the learning agreement (decision 26), not typed.
    fields: ['summary'],
    valid: () => fc.record({ summary: someText(5000) }),
    spoilers: () => ({ summary: badText(5000) }),
  },
  'return report: conference': {
    ...reportForm(
      () => w.conferenceReport,
      () => w.conferenceReportJunk,
    ),
    fields: ['summary', 'actual', 'actual.registration', 'actual.airfare'],
    // Each line at most twice what was approved: within its own bound, and together within the total's.
    valid: () =>
      fc.record({
        summary: someText(5000),
        'actual.registration': amount(0, REQUESTED.registration * ACTUAL_SPENDING_BOUNDS.total.times),
        'actual.airfare': amount(0, REQUESTED.airfare * ACTUAL_SPENDING_BOUNDS.total.times),
      }),
    spoilers: () => ({
      summary: badText(5000),
      // Missing or malformed, or far above what was approved (a typo).
      'actual.registration': fc.oneof(badRequiredAmount(), amount(actualSpendingLimits(REQUESTED).lines.registration + 1, MAX_AMOUNT_FEN)),
      'actual.airfare': fc.oneof(badRequiredAmount(), amount(actualSpendingLimits(REQUESTED).lines.airfare + 1, MAX_AMOUNT_FEN)),
      // Lines finance did not approve.
      'actual.visa': amount(0, 100_000),
      [`actual.${'x'.repeat(41)}`]: amount(0, 100_000),
    }),
  },
  'admin college': {
    ...adminForm(adminCollege.action, 'colleges', 'collegeId'),
    fields: ['intent', 'code', 'nameZh', 'nameEn'],
    valid: () =>
      fc.record({
        // Unique: a code in use is refused.
        code: fc.stringMatching(/^[A-Za-z0-9_-]{0,8}$/).map((code) => `FZ${code}${unique++}`),
        nameZh: someText(100),
        nameEn: someText(200),
      }),
    spoilers: () => ({
      code: fc.oneof(
        blank,
        fc.constantFrom('A', 'A'.repeat(21), 'A B', 'Ä1', w.collegeCode, w.collegeCode.toLowerCase()),
        present.filter((v) => !/^[A-Z0-9_-]{2,20}$/.test(v.trim().toUpperCase())),
      ),
      nameZh: badText(100),
      nameEn: badText(200),
    }),
  },
  'admin partner': {
    ...adminForm(adminPartner.action, 'partners', 'partnerId'),
    fields: ['intent', 'nameZh', 'nameEn', 'countryCode', 'countryZh', 'countryEn', 'region', 'tier', 'beltAndRoad', 'memberships'],
    valid: () =>
      fc.record(
        {
          nameZh: someText(200),
          nameEn: someText(200),
          countryCode: fc.constantFrom('DE', 'JP', 'us', ' gb ', 'AU', 'KE', 'BR'),
          countryZh: someText(100),
          countryEn: someText(100),
          region: fc.constantFrom(...regions),
          tier: fc.constantFrom(...partnerTiers),
          beltAndRoad: fc.constantFrom('on', undefined),
          memberships: fc.subarray([...partnerMemberships]),
        },
        { requiredKeys: ['nameZh', 'nameEn', 'countryCode', 'countryZh', 'countryEn', 'region', 'tier'] },
      ),
    spoilers: () => ({
      nameZh: badText(200),
      nameEn: badText(200),
      countryCode: fc.oneof(
        blank,
        fc.constantFrom('XX', 'ZZ', 'EU', 'UN', 'D', 'DEU', '4', 'ＤＥ'),
        present.filter((v) => !isCountryCode(v.trim().toUpperCase())),
      ),
      countryZh: badText(100),
      countryEn: badText(100),
      region: badChoice(regions),
      tier: badChoice(partnerTiers),
      beltAndRoad: notOneOf(['on']),
      memberships: notOneOf(partnerMemberships).map((m) => [m]),
    }),
  },
  'admin agreement': {
    ...adminForm(adminAgreement.action, 'agreements', 'agreementId'),
    fields: ['intent', 'partnerId', 'type', 'startsOn', 'endsOn', 'placesOut', 'placesIn', 'colleges', 'note', 'version'],
    valid: () =>
      fc.tuple(day('2000-01-01', '2090-12-31'), fc.integer({ min: 1, max: 3650 })).chain(([start, days]) =>
        fc.record(
          {
            partnerId: fc.constant(w.partnerId),
            type: fc.constantFrom(...agreementTypes),
            startsOn: fc.constant(start),
            endsOn: fc.constant(isoDay(dayNumber(start) + days)),
            placesOut: whole(0, 10_000),
            placesIn: whole(0, 10_000),
            colleges: fc.subarray([w.collegeId]),
            note: someText(5000),
          },
          // Both days, so that either may be spoiled against the other.
          { requiredKeys: ['partnerId', 'type', 'startsOn', 'endsOn'] },
        ),
      ),
    linked: { startsOn: 'endsOn' },
    spoilers: () => ({
      partnerId: fc.oneof(blank, badId, unknownId),
      type: badChoice(agreementTypes),
      // After any end the valid forms have, or malformed.
      startsOn: fc.oneof(fc.constant('2100-12-31'), badDay('2000-01-01', '2100-12-31', false)),
      // Before any start the valid forms have, or malformed.
      endsOn: fc.oneof(fc.constant('2000-01-01'), badDay('2000-01-01', '2100-12-31', false)),
      placesOut: badCount(10_000),
      placesIn: badCount(10_000),
      colleges: fc.oneof(badId, unknownId).map((id) => [id]),
      note: badFreeText(5000),
    }),
  },
  'admin program': {
    ...adminForm(adminProgram.action, 'programs', 'programId'),
    fields: [
      'intent',
      'kind',
      'partnerId',
      'academicYear',
      'titleZh',
      'titleEn',
      'descriptionZh',
      'levels',
      'quota',
      'opensOn',
      'closesOn',
      'startsOn',
      'endsOn',
      'fundId',
      'minGpa',
      'language',
      'language.ielts',
      'requiredDocuments',
      'stipend',
      'stipend.europe',
    ],
    valid: () =>
      fc
        .tuple(day('2000-01-02', '2090-12-31'), fc.integer({ min: 0, max: 365 }), fc.integer({ min: 0, max: 3000 }))
        .chain(([opens, open, untilEnd]) =>
          fc.record(
            {
              kind: fc.constantFrom('exchange', 'joint_training'),
              partnerId: fc.constant(w.partnerId),
              academicYear: fc.constant(YEAR),
              titleZh: someText(200),
              titleEn: someText(200),
              descriptionZh: someText(5000),
              levels: fc.subarray([...levels]),
              quota: whole(0, 100_000),
              opensOn: fc.constant(opens),
              closesOn: fc.constant(isoDay(dayNumber(opens) + open)),
              startsOn: fc.constant(isoDay(dayNumber(opens) + open)),
              endsOn: fc.constant(isoDay(dayNumber(opens) + open + untilEnd)),
              fundId: fc.constant(w.funds.exchange),
              minGpa: fc.integer({ min: 0, max: 40 }).map((tenths) => String(tenths / 10)),
              'language.ielts': fc.integer({ min: 0, max: 18 }).map((halves) => String(halves / 2)),
              requiredDocuments: fc.subarray([...documentKinds]),
              'stipend.europe': amount(0, MAX_AMOUNT_FEN),
            },
            // Both days of each pair and the fund, so that either may be spoiled against the other.
            {
              requiredKeys: [
                'kind',
                'partnerId',
                'academicYear',
                'titleZh',
                'titleEn',
                'opensOn',
                'closesOn',
                'startsOn',
                'endsOn',
                'fundId',
              ],
            },
          ),
        ),
    // A start after the end is reported on the end; a fund of another year, on the fund.
    linked: { opensOn: 'closesOn', startsOn: 'endsOn', academicYear: 'fundId' },
    spoilers: () => ({
      kind: badChoice(programKinds),
      // Exchanges and joint training need a current partner.
      partnerId: fc.oneof(blank, badId, unknownId, fc.constant(w.retiredPartnerId)),
      academicYear: fc.oneof(badYear, fc.constantFrom('1999-2000', '2100-2101', previousAcademicYear(YEAR))),
      titleZh: badText(200),
      titleEn: badText(200),
      descriptionZh: badFreeText(5000),
      levels: notOneOf(levels).map((level) => ['master', level]),
      quota: badCount(100_000),
      opensOn: fc.oneof(fc.constant('2100-12-31'), badDay('2000-01-01', '2100-12-31')),
      closesOn: fc.oneof(fc.constant('2000-01-01'), badDay('2000-01-01', '2100-12-31')),
      startsOn: fc.oneof(fc.constant('2100-12-31'), badDay('2000-01-01', '2100-12-31', false)),
      endsOn: fc.oneof(fc.constant('2000-01-01'), badDay('2000-01-01', '2100-12-31', false)),
      // Not a current fund of the year paying for exchanges and joint training.
      fundId: fc.oneof(badId, unknownId, fc.constantFrom(w.funds.conference, w.funds.otherYear, w.funds.retired)),
      minGpa: fc.oneof(
        fc.constantFrom('-0.1', '4.01', 'abc', ' '),
        fc
          .double({ noNaN: true })
          .filter((n) => !(n >= 0 && n <= 4))
          .map(String),
      ),
      'language.ielts': fc.oneof(
        fc.constantFrom('6.3', '9.5', '-1', 'abc'),
        fc
          .double({ noNaN: true })
          .filter((n) => !isValidScore('ielts', n))
          .map(String),
      ),
      'language.duolingo': fc.oneof(
        fc.constantFrom('12', '165', '5'),
        fc
          .integer()
          .filter((n) => !isValidScore('duolingo', n))
          .map(String),
      ),
      requiredDocuments: notOneOf(documentKinds).map((kind) => ['transcript', kind]),
      'stipend.europe': badAmount(),
      'stipend.asia': badAmount(),
    }),
  },
  'admin fund': {
    ...adminForm(adminFund.action, 'funds', 'fundId'),
    fields: [
      'intent',
      'academicYear',
      'nameZh',
      'nameEn',
      'purpose',
      'budget',
      'perPersonCap',
      'kinds',
      'stipend',
      'stipend.europe',
      'lines',
      'lines.airfare',
      'allocations',
      `allocations.${COLLEGE}`,
    ],
    // The college's allocation within the budget.
    valid: () =>
      fc.tuple(fc.integer({ min: 0, max: MAX_BUDGET_FEN }), fc.double({ min: 0, max: 1, noNaN: true })).chain(([budget, share]) =>
        fc.record(
          {
            academicYear: fc.integer({ min: 2000, max: 2098 }).map((y) => `${y}-${y + 1}`),
            nameZh: someText(200),
            nameEn: someText(200),
            purpose: fc.constantFrom(...fundPurposes),
            budget: amount(budget, budget),
            perPersonCap: amount(0, MAX_AMOUNT_FEN),
            kinds: fc.subarray([...programKinds], { minLength: 1 }),
            'stipend.europe': amount(0, MAX_AMOUNT_FEN),
            'lines.airfare': amount(0, MAX_AMOUNT_FEN),
            [`allocations.${COLLEGE}`]: fc.constant(fenToYuanInput(Math.floor(budget * share))),
          },
          { requiredKeys: ['academicYear', 'nameZh', 'nameEn', 'purpose', 'budget', 'kinds'] },
        ),
      ),
    spoilers: () => ({
      academicYear: fc.oneof(badYear, fc.constantFrom('1999-2000', '2100-2101')),
      nameZh: badText(200),
      nameEn: badText(200),
      purpose: badChoice(fundPurposes),
      budget: badRequiredAmount(MAX_BUDGET_FEN),
      perPersonCap: badAmount(),
      kinds: fc.oneof(
        fc.constant(undefined),
        notOneOf(programKinds).map((kind) => ['exchange', kind]),
      ),
      'stipend.europe': badAmount(),
      'stipend.oceania': badAmount(),
      'lines.airfare': badAmount(),
      'lines.visa': badAmount(),
      [`allocations.${COLLEGE}`]: badAmount(MAX_BUDGET_FEN),
      // A college that does not exist, and not a college's id.
      'allocations.fuzznosuchcollege01': fc.constantFrom('0', '0.00'),
      'allocations.NOT-AN-ID': fc.constantFrom('0', '0.00'),
    }),
  },
  'admin user: new': {
    ...adminForm(adminUser.action, 'users', 'userId'),
    fields: ['intent', 'email', 'nameZh', 'nameEn', 'roles', 'collegeId'],
    valid: () =>
      fc.record({
        email: fc
          .tuple(fc.stringMatching(/^[a-zA-Z0-9]{1,12}$/), fc.constantFrom('example.edu.cn', 'Uni-Muenchen.DE'))
          .map(([name, domain]) => `fuzz.${name}.${unique++}@${domain}`),
        ...staffFields(),
      }),
    spoilers: () => ({
      email: fc.oneof(
        blank,
        fc.constantFrom(
          'no-at-sign',
          'a@b',
          '@example.edu.cn',
          `${'a'.repeat(250)}@example.edu.cn`,
          w.studentEmail,
          w.studentEmail.toUpperCase(),
        ),
        present.filter((v) => !v.includes('@')),
      ),
      ...staffSpoilers(),
    }),
  },
  'admin user: edit': {
    ...adminForm(adminUser.action, 'users', 'userId'),
    path: () => `/admin/users/${w.officeId}`,
    params: () => ({ userId: w.officeId }),
    fields: ['intent', 'nameZh', 'nameEn', 'roles', 'collegeId'],
    valid: () => fc.record(staffFields()),
    spoilers: () => staffSpoilers(),
  },
  'admin targets': {
    path: () => '/admin/targets',
    fn: adminTargets.action,
    cookie: () => w.admin,
    fields: ['year', 'targets', 'targets.university', ...targetCells],
    hidden: ['year'],
    // Each cell a count, or blank for no target.
    valid: () =>
      fc.record(
        {
          year: fc.integer({ min: 2000, max: 2098 }).map((y) => `${y}-${y + 1}`),
          ...Object.fromEntries(
            targetCells.map((cell) => [
              cell,
              fc.oneof(
                fc.constantFrom('', ' '),
                whole(0, MAX_TARGET),
                fc.nat(99).map((n) => ` ${n} `),
              ),
            ]),
          ),
        },
        { requiredKeys: ['year'] },
      ),
    spoilers: () => ({
      year: badYear,
      ...Object.fromEntries(targetCells.map((cell) => [cell, badCount(MAX_TARGET)])),
      // A college that does not exist: the table is out of date.
      'targets.fuzznosuchcollege01.graduate_conference': whole(0, 10),
    }),
    formLevel: ['targets.error.unknownScope'],
  },
  // Days of the 2090s: no other form's dates depend on them.
  'admin calendar: correct a day': {
    path: () => '/admin/calendar',
    fn: adminCalendar.action,
    cookie: () => w.admin,
    fields: ['intent', 'day', 'working', 'note'],
    hidden: ['intent'],
    valid: () =>
      fc.record({
        intent: fc.constant('set'),
        day: day('2090-01-01', '2099-12-31'),
        working: fc.constantFrom('working', 'off'),
        note: someText(MAX_CALENDAR_NOTE),
      }),
    spoilers: () => ({
      intent: notOneOf(['set', 'clear']),
      day: badDay('1990-01-01', '2100-12-31'),
      working: badChoice(['working', 'off']),
      note: badText(MAX_CALENDAR_NOTE),
    }),
  },
  // Rates of the 2090s: no other form's days depend on them.
  'finance rates: one rate by hand': {
    path: () => '/finance/rates',
    fn: financeRates.action,
    cookie: () => w.finance,
    fields: ['intent', 'currency', 'day', 'units', 'rate'],
    hidden: ['intent'],
    valid: () =>
      fc.record({
        intent: fc.constant('set'),
        currency: fc.constantFrom('USD', 'EUR', 'JPY', 'GBP'),
        day: day('2090-01-01', '2099-12-31'),
        units: fc.constantFrom('1', '100'),
        rate: fc.integer({ min: 1, max: 99_999_9999 }).map((e4) => `${Math.floor(e4 / 10_000)}.${String(e4 % 10_000).padStart(4, '0')}`),
      }),
    spoilers: () => ({
      intent: notOneOf(['set', 'import']),
      currency: fc.constantFrom('', 'US', 'USDX', '12A', 'CNY'),
      day: badDay('1990-01-01', '2100-12-31'),
      units: badChoice(['1', '100']),
      rate: fc.constantFrom('', '0', '-1', '1.23456', 'seven'),
    }),
  },
  'admin calendar: remove a correction': {
    path: () => '/admin/calendar',
    fn: adminCalendar.action,
    cookie: () => w.admin,
    fields: ['intent', 'day'],
    hidden: ['intent', 'day'],
    valid: () => fc.record({ intent: fc.constant('clear'), day: day('2090-01-01', '2099-12-31') }),
    spoilers: () => ({ intent: notOneOf(['set', 'clear']), day: badDay('1990-01-01', '2100-12-31') }),
    formLevel: ['calendar.error.noCorrection'],
  },
  // Personal information (PIPL). The notice is not published here: students of later files would be asked again.
  'consent to the processing notice': {
    path: () => '/privacy',
    fn: privacyNotice.action,
    cookie: () => w.student,
    fields: ['version', 'notice', 'sensitive', 'redirectTo'],
    hidden: ['version', 'redirectTo'],
    valid: () =>
      fc.record({
        version: fc.constant('0'),
        notice: fc.constant('on'),
        sensitive: fc.constant('on'),
        redirectTo: fc.constant('/student'),
      }),
    spoilers: () => ({ notice: badChoice(['on']), sensitive: badChoice(['on']) }),
    formLevel: ['privacy.consent.stale'],
  },
  "a student's deletion request": {
    path: () => '/student/privacy',
    fn: studentPrivacy.action,
    cookie: () => w.student,
    fields: ['note'],
    valid: () => fc.record({ note: someText(MAX_PRIVACY_TEXT) }),
    spoilers: () => ({ note: badFreeText(MAX_PRIVACY_TEXT) }),
    formLevel: ['privacy.deletion.alreadyOpen'],
  },
  "the office's answer to a deletion request": {
    path: () => '/office/deletion-requests',
    fn: officeDeletionRequests.action,
    cookie: () => w.office,
    fields: ['intent', 'requestId', 'reason'],
    hidden: ['intent', 'requestId'],
    valid: () => fc.record({ intent: fc.constant('refuse'), requestId: unknownId, reason: someText(MAX_PRIVACY_TEXT) }),
    spoilers: () => ({ intent: notOneOf(['complete', 'refuse']), requestId: blank, reason: badText(MAX_PRIVACY_TEXT) }),
    formLevel: ['error.notFound.body', 'privacy.deletion.answered', 'privacy.deletion.inProgress'],
  },
  'admin retention periods': {
    path: () => '/admin/privacy',
    fn: adminPrivacy.action,
    cookie: () => w.admin,
    fields: ['intent', 'months', ...retentionKinds.map((k) => `months.${k}`)],
    hidden: ['intent'],
    valid: () =>
      fc.record({
        intent: fc.constant('retention'),
        ...Object.fromEntries(retentionKinds.map((k) => [`months.${k}`, whole(RETENTION_MONTHS.min, RETENTION_MONTHS.max)])),
      }),
    spoilers: () => ({
      intent: notOneOf(['retention', 'notice']),
      ...Object.fromEntries(
        retentionKinds.map((k) => [`months.${k}`, fc.oneof(blank, badCount(RETENTION_MONTHS.max), fc.constantFrom('0', '-5', '2.5'))]),
      ),
    }),
  },
}

/** Not one of the award page's forms. */
const notAnIntent = fc.oneof(
  fc.constant(undefined),
  notOneOf(['confirm', 'return', 'pay', 'payInstalment', 'editInstalment', 'close', 'receipt', 'cofunding']),
)

function financeAwardForm(awardId: () => string) {
  return {
    path: () => `/finance/awards/${awardId()}`,
    fn: financeAward.action,
    cookie: () => w.finance,
    params: () => ({ awardId: awardId() }),
    hidden: ['intent', 'version'],
  }
}

function reportForm(applicationId: () => string, junkApplicationId: () => string) {
  return {
    path: () => `/student/applications/${applicationId()}/report`,
    fn: report.action,
    cookie: () => w.student,
    params: () => ({ applicationId: applicationId() }),
    // A junk report may be valid, and a report is submitted once.
    junkParams: () => ({ applicationId: junkApplicationId() }),
  }
}

/** An admin editor's "new" form (its id parameter is `new`). */
function adminForm(fn: RouteFunction, list: string, param: string) {
  return { path: () => `/admin/${list}/new`, fn, cookie: () => w.admin, params: () => ({ [param]: 'new' }) }
}

/** A staff account: always a college reviewer (so the college is required), perhaps more. */
const staffFields = () => ({
  nameZh: someText(100),
  nameEn: someText(100),
  roles: fc.subarray(staffRoles.filter((r) => r !== 'college_reviewer')).map((roles) => ['college_reviewer', ...roles]),
  collegeId: fc.constant(w.collegeId),
})
const staffSpoilers = () => ({
  nameZh: badText(100),
  nameEn: badText(100),
  roles: fc.oneof(
    fc.constantFrom(undefined, ['student']),
    notOneOf(staffRoles).map((role) => ['finance', role]),
  ),
  // Absent: a college reviewer needs one.
  collegeId: fc.oneof(blank, badId, unknownId),
})

describe.concurrent.each(Object.entries(conformForms))('%s', (_, spec) => {
  const request = (form: Form) => post(spec.path(), form, spec.cookie?.())

  test(`${HALF} junk forms: no server error; every refusal names fields of the form, translatably`, { timeout: LONG }, async () => {
    await fc.assert(
      fc.asyncProperty(junkForm(spec.fields), async (form) => {
        const outcome = await call(spec.fn, request(form), (spec.junkParams ?? spec.params)?.())
        expectNoServerError(outcome, JSON.stringify(form).slice(0, 200))
        if (outcome.status >= 400) expectExplainedRefusal(outcome, spec.fields, spec.hidden)
      }),
      { numRuns: HALF },
    )
  })

  const strict = spec.spoilers !== undefined
  test(
    `${HALF} valid forms with one field spoiled: ${strict ? 'refused, naming that field alone' : 'a refusal names that field'}`,
    { timeout: LONG },
    async () => {
      await fc.assert(
        fc.asyncProperty(spoiledForms(spec), async ({ field, form }) => {
          const outcome = await call(spec.fn, request(form), spec.params?.())
          const value = JSON.stringify(form.filter(([n]) => n === field).map(([, v]) => v))?.slice(0, 80)
          const what = `spoiled ${field}=${value}`
          expectNoServerError(outcome, what)
          if (!strict && outcome.status < 400) return
          expect(outcome.status, `${what} was accepted`).toBeGreaterThanOrEqual(400)
          expectExplainedRefusal(outcome, spec.fields, spec.hidden)
          const errors = Object.entries(conformErrors(outcome.body)!).filter(([, messages]) => messages?.length)
          const accepted = [field, spec.linked?.[field]]
          const formLevel = (messages: string[] | null) => messages!.filter((m) => spec.formLevel?.includes(m.split('|')[0]))
          if (strict) {
            // Each error is on the field (or inside it: `roles[1]`), or on the form when that is a known answer.
            const onField = (name: string) =>
              accepted.some((f) => f && (name === f || name.startsWith(`${f}.`) || name.startsWith(`${f}[`)))
            for (const [name, messages] of errors) {
              const explained =
                name === '' ? spec.hidden?.includes(field) || formLevel(messages).length === messages!.length : onField(name)
              expect(explained, `${what}, an error on "${name}": ${messages}`).toBe(true)
            }
          } else if (!errors.some(([name, messages]) => name === '' && formLevel(messages).length)) {
            const named = errors.map(([name]) => topName(name))
            expect(
              named.some((n) => accepted.includes(n)),
              `${what}, errors on ${named}`,
            ).toBe(true)
          }
        }),
        { numRuns: HALF },
      )
    },
  )
})

/** Valid forms, each with one field spoiled (by the spec's spoilers, or left out or given junk). */
function spoiledForms(spec: FormSpec): fc.Arbitrary<{ field: string; form: Form }> {
  const spoilers = spec.spoilers?.()
  const spoil = spoilers
    ? (valid: Fields) =>
        fc.oneof(
          ...Object.entries(spoilers).map(([field, values]) => values.map((value) => ({ field, fields: { ...valid, [field]: value } }))),
        )
    : (valid: Fields) =>
        fc
          .tuple(fc.constantFrom(...Object.keys(valid)), fc.option(junk, { nil: undefined }))
          .map(([field, value]) => ({ field, fields: { ...valid, [field]: value } }))
  return spec
    .valid()
    .chain(spoil)
    .map(({ field, fields }) => ({ field, form: toForm(fields) }))
}

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
    fields: [
      'intent',
      'command',
      'version',
      'reason',
      'fields',
      'documents',
      'messageToStudent',
      'confirmOverQuota',
      'body',
      'visibility',
      'comment',
      'score.overall',
    ],
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
  'email resend': {
    method: 'POST',
    path: () => '/admin/emails',
    fn: adminEmails.action,
    cookie: () => w.admin,
    fields: ['messageId'],
    explains: hasError,
  },
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
  'email log filters': {
    method: 'GET',
    path: () => '/admin/emails',
    fn: adminEmails.loader,
    cookie: () => w.admin,
    fields: ['status', 'page', 'q'],
  },
  'reset link': { method: 'GET', path: () => '/reset-password', fn: resetPassword.loader, fields: ['token'] },
  'sign-up link': { method: 'GET', path: () => '/signup/confirm', fn: signupConfirm.loader, fields: ['token'] },
  'sign-up confirmation': { method: 'POST', path: () => '/signup/confirm', fn: signupConfirm.action, fields: ['token'] },
  'dashboard filters': {
    method: 'GET',
    path: () => '/dashboard',
    fn: dashboard.loader,
    cookie: () => w.office,
    fields: ['year', 'college'],
  },
  'dashboard drill-down filters': {
    method: 'GET',
    path: () => '/dashboard/applications',
    fn: dashboardApplications.loader,
    cookie: () => w.office,
    fields: ['year', 'college', 'measure', 'kind', 'tier', 'region', 'country', 'page'],
  },
  'finance dashboard filters': { method: 'GET', path: () => '/finance', fn: financeHome.loader, cookie: () => w.finance, fields: ['year'] },
  'finance drill-down filters': {
    method: 'GET',
    path: () => '/finance/awards',
    fn: financeAwards.loader,
    cookie: () => w.finance,
    fields: ['year', 'fund', 'college', 'view', 'page'],
  },
}

// Ids in the URL path, over HTTP: Remix decodes %00 and friends before a loader sees them, and
// the server refuses a NUL before that (PostgreSQL text cannot hold one).
const idPaths = [
  '/review/:id',
  '/documents/:id',
  '/programs/:id',
  '/student/applications/:id',
  '/student/applications/:id/submit',
  '/student/applications/:id/documents',
]

test(`${RUNS} junk ids in URL paths, GET and POST, signed in: no server error`, { timeout: LONG }, async () => {
  const app = await startAppServer()
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...idPaths),
        junk.filter((id) => id !== ''),
        fc.boolean(),
        fc.boolean(),
        async (path, id, asStudent, postIt) => {
          const url = path.replace(':id', encodeURIComponent(id.slice(0, 2000)))
          const res = await app.request(url, {
            cookie: asStudent ? w.student : w.office,
            ...(postIt ? { form: { intent: 'save', kind: 'exchange' } } : {}),
          })
          await res.arrayBuffer()
          expect(res.status, `${postIt ? 'POST' : 'GET'} ${url.slice(0, 120)}`).toBeLessThan(500)
        },
      ),
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
