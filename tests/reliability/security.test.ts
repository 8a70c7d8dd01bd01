// Security checks over HTTP that tests/e2e/security.spec.ts does not make (it covers the headers
// of the sign-in page, the session cookie flags, a cross-site POST to /login and malformed input):
// the production headers on every kind of response, the cross-site refusal on every action, and
// the per-address sign-in limit that a forged X-Forwarded-For must not get around.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'

vi.hoisted(() => {
  process.env.LOGIN_MAX_FAILURES_PER_IP = '6'
})

import { prisma } from '~/lib/db.server'
import { putObject } from '~/lib/storage.server'
import { createApplication, createCollege, createProgram, createStudent, createUser, DEMO_PASSWORD } from '../factories'
import { sessionCookie, startAppServer, type AppServer } from '../support/app-server'
import { resetDatabase } from '../support/db'
import { pdf } from '../support/files'
import { routeModules } from './support/routes'

let app: AppServer
let student: Awaited<ReturnType<typeof createStudent>>
let cookie: string
let documentId: string
let applicationId: string

beforeAll(async () => {
  await resetDatabase()
  app = await startAppServer({ production: true })
  student = await createStudent(prisma)
  cookie = await sessionCookie(student.id)
  const program = await createProgram(prisma)
  applicationId = (await createApplication(prisma, { applicantId: student.id, programId: program.id })).id
  const bytes = pdf()
  const objectKey = `applications/${applicationId}/transcript/security-${Date.now()}`
  await putObject(objectKey, bytes, { contentType: 'application/pdf' })
  documentId = (
    await prisma.document.create({
      data: {
        applicationId,
        kind: 'transcript',
        objectKey,
        size: bytes.length,
        sha256: 'x',
        contentType: 'application/pdf',
        originalName: 'a.pdf',
        uploadedById: student.id,
      },
    })
  ).id
})
afterAll(async () => {
  await app?.close()
  delete process.env.LOGIN_MAX_FAILURES_PER_IP
})

describe('every kind of response carries the production security headers', () => {
  const cases: [string, () => string, boolean][] = [
    ['a page', () => '/login', true],
    ['a signed-in page', () => '/student', true],
    ['the 404 page', () => '/no-such-page', true],
    ['a 403', () => '/admin', true],
    ['a redirect', () => '/', true],
    ['JSON (/healthz)', () => '/healthz', true],
    ['a document download', () => `/documents/${documentId}`, true],
    ["Express's own 400 (a malformed %-escape)", () => '/%E0%A4%A', false],
  ]
  test.each(cases)('%s', async (_, path, signedIn) => {
    const res = await app.request(path(), { cookie: signedIn ? cookie : undefined })
    await res.arrayBuffer()
    const h = res.headers
    expect(h.get('x-content-type-options')).toBe('nosniff') // once, not "nosniff, nosniff"
    expect(h.get('strict-transport-security')).toMatch(/max-age=(\d{8,}|3[1-9]\d{6})/)
    expect(h.get('content-security-policy')).toMatch(/frame-ancestors '(self|none)'/)
    expect(h.get('content-security-policy')).toMatch(/object-src 'none'/)
    expect(h.get('referrer-policy')).toMatch(/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/)
    expect(h.get('x-frame-options')).toMatch(/^(SAMEORIGIN|DENY)$/)
    expect(h.get('x-powered-by')).toBeNull()
  })
})

test('data requests of before single fetch (?_data=) are not answered, signed in or not', async () => {
  const office = await createUser(prisma, { roles: ['office_reviewer'] })
  const officeCookie = await sessionCookie(office.id)
  for (const [target, who] of [
    ['/office?_data=routes/office._index', officeCookie],
    ['/office?_data=root', officeCookie],
    ['/programs?_data=routes/programs._index', cookie],
    ['/login?_data=routes/login', undefined],
  ] as const) {
    const res = await app.request(target, { cookie: who })
    expect({ target, status: res.status, body: await res.text() }).toEqual({ target, status: 404, body: 'Not Found' })
  }
  // The page itself and its single-fetch data still answer.
  expect((await app.request('/office', { cookie: officeCookie })).status).toBe(200)
  expect((await app.request('/office.data', { cookie: officeCookie })).status).toBe(200)
})

test('a response whose route sets its own headers (the email preview) sends nosniff once too', async () => {
  const admin = await createUser(prisma, { roles: ['admin'] })
  const res = await app.request('/admin/email-previews/password-reset/en', { cookie: await sessionCookie(admin.id) })
  expect(res.status).toBe(200)
  await res.arrayBuffer()
  expect(res.headers.get('x-content-type-options')).toBe('nosniff')
})

// Every route with an action, and a body that would change something if it got through.
const crossSite: Record<string, [path: () => string, form: () => Record<string, string>]> = {
  login: [() => '/login', () => ({ email: student.email, password: DEMO_PASSWORD })],
  logout: [() => '/logout', () => ({})],
  'set-locale': [() => '/set-locale', () => ({ locale: 'en', redirectTo: '/' })],
  signup: [() => '/signup', () => ({})],
  'signup_.confirm': [() => '/signup/confirm', () => ({ token: 'x' })],
  'forgot-password': [() => '/forgot-password', () => ({ email: student.email })],
  'reset-password': [() => '/reset-password', () => ({})],
  'programs.$programId': [() => '/programs/x', () => ({})],
  'student.applications.$applicationId._index': [
    () => `/student/applications/${applicationId}`,
    () => ({ kind: 'exchange', intent: 'save', studyPlan: 'Forged by another site.' }),
  ],
  'student.applications.$applicationId.documents': [
    () => `/student/applications/${applicationId}/documents`,
    () => ({ intent: 'delete', documentId }),
  ],
  'student.applications.$applicationId.submit': [() => `/student/applications/${applicationId}/submit`, () => ({})],
  'review.$applicationId': [() => `/review/${applicationId}`, () => ({})],
  'college._index': [() => '/college', () => ({})],
  'office._index': [() => '/office', () => ({})],
  'admin.emails': [() => '/admin/emails', () => ({})],
  'admin.colleges.$collegeId': [() => '/admin/colleges/new', () => ({ code: 'EVIL', nameZh: '伪造', nameEn: 'Forged' })],
  'admin.partners.$partnerId': [() => '/admin/partners/new', () => ({})],
  'admin.programs.$programId': [() => '/admin/programs/new', () => ({})],
  'admin.agreements.$agreementId': [() => '/admin/agreements/new', () => ({})],
  'admin.agreements.$agreementId.signed': [() => '/admin/agreements/nosuchagreement1/signed', () => ({})],
  'admin.funds.$fundId': [() => '/admin/funds/new', () => ({})],
  'admin.users.$userId': [() => '/admin/users/new', () => ({})],
  'admin.targets': [() => '/admin/targets', () => ({})],
  'admin.calendar': [
    () => '/admin/calendar',
    () => ({ intent: 'set', day: '2026-10-12', working: 'off', note: 'Forged by another site.' }),
  ],
  'admin.import._index': [() => '/admin/import', () => ({})],
  'auth.cas': [() => '/auth/cas', () => ({ logoutRequest: '<samlp:LogoutRequest/>' })],
  'rounds.new': [() => '/rounds/new', () => ({})],
  'rounds.$roundId': [() => '/rounds/x', () => ({ intent: 'object', body: 'Forged by another site.' })],
  'student.applications.$applicationId.offer': [
    () => `/student/applications/${applicationId}/offer`,
    () => ({ intent: 'decline', version: '1' }),
  ],
  'finance.awards.$awardId': [() => '/finance/awards/x', () => ({ intent: 'return', version: '1', reason: 'Forged by another site.' })],
  'admin.finance-export': [() => '/admin/finance-export', () => ({ 'columns[0]': 'amount' })],
  'finance.fiscal': [() => '/finance/fiscal', () => ({ fiscalYear: '2026' })],
  'finance.rates': [() => '/finance/rates', () => ({ intent: 'set', currency: 'USD', day: '2026-11-03', units: '1', rate: '1' })],
  'student.applications.$applicationId.report': [
    () => `/student/applications/${applicationId}/report`,
    () => ({ summary: 'Forged by another site.' }),
  ],
  privacy: [() => '/privacy', () => ({ version: '0', notice: 'on', sensitive: 'on', redirectTo: '/student' })],
  'student.privacy': [() => '/student/privacy', () => ({ note: 'Forged by another site.' })],
  'admin.privacy': [() => '/admin/privacy', () => ({ intent: 'notice', bodyZh: '伪造', bodyEn: 'Forged by another site.' })],
  'office.deletion-requests': [() => '/office/deletion-requests', () => ({ intent: 'refuse', requestId: 'x', reason: 'Forged.' })],
  'student.applications.$applicationId.stay': [
    () => `/student/applications/${applicationId}/stay`,
    () => ({ intent: 'pledge', name: 'Forged by another site.' }),
  ],
  'office.stays': [() => '/office/stays', () => ({ intent: 'remind', applicationId })],
  'office.stays_.setup': [() => '/office/stays/setup', () => ({ intent: 'checklist', kind: 'exchange', required: 'pledge' })],
  'student.applications.$applicationId.learning-agreement': [
    () => `/student/applications/${applicationId}/learning-agreement`,
    () => ({ intent: 'submit', version: '1' }),
  ],
  'learning-agreements.$applicationId': [
    () => `/learning-agreements/${applicationId}`,
    () => ({ intent: 'recognise', versionId: 'forgedforgedforged', version: '1', lineId: 'forgedforgedforged' }),
  ],
  'admin.grade-scales': [() => '/admin/grade-scales', () => ({ scope: 'country', countryCode: 'DE', bands: 'A = 0' })],
  'guardian.$token': [() => '/guardian/x', () => ({ confirm: '1' })],
  'incident.$token': [() => '/incident/x', () => ({ confirm: '1' })],
}

describe('a cross-site form post is refused before any action runs', () => {
  test.each(Object.entries(crossSite))('%s', async (_, [path, form]) => {
    const versionBefore = (await prisma.application.findUniqueOrThrow({ where: { id: applicationId } })).version
    const res = await app.request(path(), { cookie, form: form(), headers: { Origin: 'https://evil.example' } })
    expect(res.status).toBe(403)
    expect(res.headers.get('set-cookie')).toBeNull()
    await res.arrayBuffer()
    // Nothing changed: the session lives, the draft and the document are as they were.
    const page = await app.request('/student', { cookie })
    expect(page.status).toBe(200)
    await page.arrayBuffer()
    expect((await prisma.application.findUniqueOrThrow({ where: { id: applicationId } })).version).toBe(versionBefore)
    expect((await prisma.document.findUniqueOrThrow({ where: { id: documentId } })).deletedAt).toBeNull()
  })

  test('every route module with an action is in the list above', async () => {
    const withAction = []
    for (const m of routeModules()) {
      const module = (await import(/* @vite-ignore */ `../../app/routes/${m}`)) as { action?: unknown }
      if (module.action) withAction.push(m)
    }
    expect(withAction.filter((m) => !(m in crossSite))).toEqual([])
  })
})

describe("X-Forwarded-Host is a proxy's word, heeded only behind a trusted proxy (TRUST_PROXY)", () => {
  test('without TRUST_PROXY, a cross-site post claiming to be for the other site is still refused', async () => {
    expect(process.env.TRUST_PROXY).toBeUndefined()
    const res = await app.request('/set-locale', {
      cookie,
      form: { locale: 'en', redirectTo: '/' },
      headers: { Origin: 'https://evil.example', 'X-Forwarded-Host': 'evil.example' },
    })
    expect(res.status).toBe(403)
    expect(res.headers.get('set-cookie')).toBeNull()
    await res.arrayBuffer()
  })

  test('with TRUST_PROXY, the host the proxy names is the one an Origin must match', async () => {
    process.env.TRUST_PROXY = 'loopback'
    const proxied = await startAppServer({ production: true })
    try {
      const post = (origin: string, forwardedHost: string) =>
        proxied.request('/set-locale', {
          form: { locale: 'en', redirectTo: '/' },
          headers: { Origin: origin, 'X-Forwarded-Host': forwardedHost },
        })
      const same = await post('https://portal.example.edu.cn', 'portal.example.edu.cn')
      expect(same.status).toBe(302)
      await same.arrayBuffer()
      const cross = await post('https://evil.example', 'portal.example.edu.cn')
      expect(cross.status).toBe(403)
      await cross.arrayBuffer()
    } finally {
      delete process.env.TRUST_PROXY
      await proxied.close()
    }
  })
})

describe('sign-up does not tell who has an account', () => {
  let unique = 0
  let collegeId: string
  const signUpForm = async (overrides: Record<string, string> = {}) => ({
    nameZh: '张三',
    nameEn: 'ZHANG San',
    studentNumber: `ENUM${Date.now().toString(36)}${unique++}`.toUpperCase().slice(0, 20),
    collegeId: (collegeId ??= (await createCollege(prisma)).id),
    level: 'master',
    email: `enum-${Date.now().toString(36)}-${unique++}@example.edu.cn`,
    password: 'Long-enough-1',
    confirmPassword: 'Long-enough-1',
    ...overrides,
  })
  /** The page as the visitor sees it: without the per-response CSP nonce. */
  const answer = async (res: Response) => ({
    status: res.status,
    location: res.headers.get('location'),
    setCookie: res.headers.get('set-cookie'),
    body: (await res.text()).replace(/nonce="[^"]*"/g, 'nonce=""'),
  })
  /** Where two pages first differ, with a little context (the pages are too long to print whole). */
  const firstDifference = (a: string, b: string) => {
    let i = 0
    while (i < a.length && a[i] === b[i]) i++
    return i === a.length && i === b.length ? null : [a.slice(Math.max(0, i - 80), i + 80), b.slice(Math.max(0, i - 80), i + 80)]
  }

  test('a taken email gets the very answer a new one gets; the owner is emailed, nothing is created', async () => {
    const owner = await createStudent(prisma)
    const fresh = await answer(await app.request('/signup', { form: await signUpForm() }))
    const taken = await answer(await app.request('/signup', { form: await signUpForm({ email: owner.email.toUpperCase() }) }))
    expect(fresh.status).toBe(200)
    expect(fresh.setCookie).toBeNull()
    expect(fresh.body).toContain('请查收邮件')
    expect(firstDifference(taken.body, fresh.body)).toBeNull()
    expect({ ...taken, body: '' }).toEqual({ ...fresh, body: '' })
    expect(await prisma.user.count({ where: { email: owner.email } })).toBe(1)
    expect(await prisma.outboxMessage.count({ where: { toAddress: owner.email, template: 'signup-existing-account' } })).toBe(1)
    expect(await prisma.outboxMessage.count({ where: { toAddress: owner.email, template: 'signup-confirmation' } })).toBe(0)
  })

  test('a taken student number is refused alike for a new and a taken email', async () => {
    const owner = await createStudent(prisma)
    const number = owner.studentNumber!
    const withNew = await answer(await app.request('/signup', { form: await signUpForm({ studentNumber: number }) }))
    const withTaken = await answer(await app.request('/signup', { form: await signUpForm({ studentNumber: number, email: owner.email }) }))
    expect(withNew.status).toBe(400)
    expect(withNew.body).toContain('该学号已注册')
    // The forms differ only in the email typed (echoed back in its field): the rest is the same.
    expect(withTaken.status).toBe(400)
    expect(
      firstDifference(withTaken.body.replaceAll(owner.email, 'EMAIL'), withNew.body.replace(/enum-[a-z0-9-]+@example\.edu\.cn/g, 'EMAIL')),
    ).toBeNull()
  })

  test('the emailed link creates the account and signs in, once', async () => {
    const form = await signUpForm()
    const res = await app.request('/signup', { form })
    await res.arrayBuffer()
    const message = await prisma.outboxMessage.findFirstOrThrow({ where: { toAddress: form.email, template: 'signup-confirmation' } })
    const link = new URL((message.payload as { confirmUrl: string }).confirmUrl)
    expect(link.pathname).toBe('/signup/confirm')
    const page = await app.request(`${link.pathname}${link.search}`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('完成注册')
    expect(await prisma.user.count({ where: { email: form.email } })).toBe(0) // following the link creates nothing yet

    const confirmed = await app.request('/signup/confirm', { form: { token: link.searchParams.get('token')! } })
    await confirmed.arrayBuffer()
    expect(confirmed.status).toBe(302)
    expect(confirmed.headers.get('location')).toBe('/student')
    const cookie = confirmed.headers.get('set-cookie')!.split(';')[0]
    // The new student reads the processing notice and consents (PIPL) before anything else.
    const gated = await app.request('/student', { cookie })
    await gated.arrayBuffer()
    expect(gated.status).toBe(302)
    expect(gated.headers.get('location')).toBe('/privacy?redirectTo=%2Fstudent')
    const consented = await app.request('/privacy', {
      cookie,
      form: { version: '0', notice: 'on', sensitive: 'on', redirectTo: '/student' },
    })
    await consented.arrayBuffer()
    expect(consented.headers.get('location')).toBe('/student')
    const home = await app.request('/student', { cookie })
    expect(home.status).toBe(200)
    await home.arrayBuffer()

    const again = await app.request('/signup/confirm', { form: { token: link.searchParams.get('token')! } })
    expect(again.status).toBe(400)
    expect(again.headers.get('set-cookie')).toBeNull()
    expect(await again.text()).toContain('该注册链接无效')
  })
})

test('the per-address sign-in limit holds, whatever X-Forwarded-For claims', async () => {
  const other = await createUser(prisma)
  const statuses: number[] = []
  for (let i = 0; i < 6; i++) {
    const res = await app.request('/login', {
      form: { email: `nobody${i}@example.edu.cn`, password: 'wrong-password' },
      headers: { 'X-Forwarded-For': `203.0.113.${i}` },
    })
    statuses.push(res.status)
    await res.arrayBuffer()
  }
  expect(statuses).toEqual([400, 400, 400, 400, 400, 400])
  // The seventh attempt from this address is refused, even with the right password of an account
  // that never failed, and even from a "different" forwarded address.
  const locked = await app.request('/login', {
    form: { email: other.email, password: DEMO_PASSWORD },
    headers: { 'X-Forwarded-For': '198.51.100.7' },
  })
  expect(locked.status).toBe(429)
  expect(locked.headers.get('set-cookie')).toBeNull()
  expect(await locked.text()).toContain('登录失败次数过多')
})
