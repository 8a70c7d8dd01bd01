// The campus sign-on against a real CAS server (Debian's django-cas-server) and a real OpenID
// provider (npm oidc-provider), both started by tests/setup, through the portal's HTTP server.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { toSessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { checkReadiness, findOwnApplication, saveDraft } from '~/models/application.server'
import { confirmImport, previewImport } from '~/models/import.server'
import { applicationSources } from '~/models/student-record.server'
import { createApplication, createCollege, createProgram, createUser } from '../factories'
import { sessionCookie, startAppServer, type AppServer } from '../support/app-server'
import { casServiceTicket, oidcCallback } from '../support/campus'
import { testCampusAccounts } from '../support/campus-accounts'
import { resetDatabase } from '../support/db'

const account = (username: string) => testCampusAccounts.find((a) => a.username === username)!
const SERVICE = process.env.CAS_SERVICE_URL!
const sessionOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .find((c) => c.startsWith('mp_session=') && !c.startsWith('mp_session=;'))
    ?.split(';')[0]

let app: AppServer
beforeAll(async () => {
  app = await startAppServer()
})
afterAll(() => app.close())

let cs: { id: string }
beforeEach(async () => {
  await resetDatabase()
  cs = await createCollege(prisma, { code: 'CS', nameZh: '计算机学院', nameEn: 'School of Computer Science' })
  await createCollege(prisma, { code: 'PHYS', nameZh: '物理学院', nameEn: 'School of Physics' })
})

/** The student has consented to the processing notice (PIPL), as they would at their first sign-on. */
async function consented(studentNumber: string) {
  const { id } = await prisma.user.findUniqueOrThrow({ where: { studentNumber } })
  await prisma.consent.create({ data: { userId: id, noticeVersion: 0, sensitive: true } })
}

async function casSignIn(username: string) {
  const ticket = await casServiceTicket(account(username), SERVICE)
  return { ticket, response: await app.request(`/auth/cas?ticket=${encodeURIComponent(ticket)}`) }
}

describe('CAS', () => {
  it('sends the browser to the CAS server with the configured service URL', async () => {
    const response = await app.request('/auth/cas', { headers: { Host: 'evil.example' } })
    expect(response.status).toBe(302)
    const location = new URL(response.headers.get('location')!)
    expect(location.pathname).toMatch(/\/cas\/login$/)
    expect(location.searchParams.get('service')).toBe(SERVICE)
  })

  it("makes a student's account from the attributes on the first sign-in, and signs them in", async () => {
    const { response } = await casSignIn('T-CAS-001')
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/student')
    const user = await prisma.user.findUniqueOrThrow({ where: { studentNumber: 'T-CAS-001' } })
    expect(user).toMatchObject({
      identitySource: 'cas',
      campusId: 'T-CAS-001',
      nameZh: '甲同学',
      nameEn: 'JIA Tongxue',
      email: 't-cas-001@campus.test.edu.cn',
      collegeId: cs.id,
      level: 'undergraduate', // "本科生"
      roles: ['student'],
    })
    // At the first campus sign-on the student reads the processing notice and consents (PIPL) first.
    const cookie = sessionOf(response)
    const gated = await app.request('/student', { cookie })
    expect(gated.headers.get('location')).toBe('/privacy?redirectTo=%2Fstudent')
    await gated.arrayBuffer()
    const consented = await app.request('/privacy', {
      cookie,
      form: { version: '0', notice: 'on', sensitive: 'on', redirectTo: '/student' },
    })
    expect(consented.headers.get('location')).toBe('/student')
    await consented.arrayBuffer()
    const home = await app.request('/student', { cookie })
    expect(home.status).toBe(200)
    expect(await home.text()).toContain('甲同学')
  })

  it('updates the attributes on a later sign-in; an imported record decides college and level', async () => {
    await casSignIn('T-CAS-002')
    const user = await prisma.user.findUniqueOrThrow({ where: { studentNumber: 'T-CAS-002' } })
    expect(user.level).toBe('master')
    await prisma.user.update({ where: { id: user.id }, data: { nameZh: '旧名字' } })
    await prisma.studentRecord.create({
      data: {
        studentNumber: 'T-CAS-002',
        gpaHundredths: 350,
        gpaScale: '4.0',
        level: 'doctoral',
        collegeId: cs.id,
        programme: '物理',
        enrolmentYear: 2024,
      },
    })
    const { response } = await casSignIn('T-CAS-002')
    expect(response.headers.get('location')).toBe('/student')
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      nameZh: '校园学生',
      collegeId: cs.id, // the record's, not the attribute's PHYS
      level: 'doctoral',
    })
    expect(await prisma.user.count({ where: { studentNumber: 'T-CAS-002' } })).toBe(1)
  })

  it('refuses a replayed ticket and a ticket the CAS server never issued', async () => {
    const { ticket, response } = await casSignIn('T-CAS-003')
    expect(sessionOf(response)).toBeDefined()
    const replay = await app.request(`/auth/cas?ticket=${encodeURIComponent(ticket)}`)
    expect(replay.headers.get('location')).toBe('/login?campus=replayedTicket')
    expect(sessionOf(replay)).toBeUndefined()
    const forged = await app.request('/auth/cas?ticket=ST-made-up-by-someone')
    expect(forged.headers.get('location')).toBe('/login?campus=invalidTicket')
    expect(sessionOf(forged)).toBeUndefined()
    const page = await app.request('/login?campus=replayedTicket')
    expect(await page.text()).toContain('该登录凭证已经使用过')
  })

  it('keeps a deactivated account out, even with a valid campus sign-in', async () => {
    const { response } = await casSignIn('T-CAS-004')
    const cookie = sessionOf(response)!
    await consented('T-CAS-004')
    expect((await app.request('/student', { cookie })).status).toBe(200)
    await prisma.user.update({ where: { studentNumber: 'T-CAS-004' }, data: { deactivatedAt: new Date() } })
    const again = await casSignIn('T-CAS-004')
    expect(again.response.headers.get('location')).toBe('/login?campus=deactivated')
    expect(sessionOf(again.response)).toBeUndefined()
    // The session from before the deactivation opens nothing either.
    expect((await app.request('/student', { cookie })).status).toBe(302)
  })

  it("links a staff member by email and keeps the portal's roles", async () => {
    const staff = await createUser(prisma, { email: 'campus.staff@test.edu.cn', roles: ['office_reviewer'], studentNumber: null })
    const { response } = await casSignIn('T-STAFF-01')
    expect(response.headers.get('location')).toBe('/office')
    expect(await prisma.user.findUniqueOrThrow({ where: { id: staff.id } })).toMatchObject({
      roles: ['office_reviewer'],
      identitySource: 'cas',
      campusId: 'T-STAFF-01',
      studentNumber: null,
    })
  })

  it("ends the portal session on the CAS server's single-logout request", async () => {
    const { ticket, response } = await casSignIn('T-CAS-001')
    const cookie = sessionOf(response)!
    await consented('T-CAS-001')
    expect((await app.request('/student', { cookie })).status).toBe(200)
    const logoutRequest = `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="LR-1" Version="2.0" IssueInstant="2026-12-06T06:00:00Z"><saml:NameID xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">T-CAS-001</saml:NameID><samlp:SessionIndex>${ticket}</samlp:SessionIndex></samlp:LogoutRequest>`
    // Not a form: refused before any action reads it.
    const xml = await app.request('/auth/cas', { method: 'POST', body: logoutRequest, headers: { 'Content-Type': 'text/xml' } })
    expect(xml.status).toBe(415)
    const tooLong = await app.request('/auth/cas', { form: { logoutRequest: logoutRequest + ' '.repeat(9000) } })
    expect(tooLong.status).toBe(400)
    expect((await app.request('/student', { cookie })).status).toBe(200)
    const slo = await app.request('/auth/cas', { form: { logoutRequest } })
    expect(slo.status).toBe(200)
    expect((await app.request('/student', { cookie })).status).toBe(302)
  })

  it('signs out of the CAS server too', async () => {
    const { response } = await casSignIn('T-CAS-001')
    const out = await app.request('/logout', { form: {}, cookie: sessionOf(response) })
    expect(out.status).toBe(302)
    const location = new URL(out.headers.get('location')!)
    expect(location.pathname).toMatch(/\/cas\/logout$/)
    expect(location.searchParams.get('service')).toBe('http://localhost:3000/login')
  })
})

describe('OpenID Connect', () => {
  it('signs a student in with the authorization code, PKCE and a checked ID token', async () => {
    const { path, flowCookie } = await oidcCallback(app, account('T-OIDC-001'))
    const response = await app.request(path, { cookie: flowCookie })
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/student')
    expect(sessionOf(response)).toBeDefined()
    expect(await prisma.user.findUniqueOrThrow({ where: { studentNumber: 'T-OIDC-001' } })).toMatchObject({
      identitySource: 'oidc',
      campusId: 'T-OIDC-001',
      nameEn: 'YI Tongxue',
      level: 'doctoral',
      collegeId: cs.id,
    })
    // The start asked for PKCE, state and nonce.
    const start = new URL((await app.request('/auth/oidc')).headers.get('location')!)
    expect(start.searchParams.get('code_challenge_method')).toBe('S256')
    expect(start.searchParams.get('state')).toBeTruthy()
    expect(start.searchParams.get('nonce')).toBeTruthy()
    expect(start.searchParams.get('redirect_uri')).toBe(process.env.OIDC_REDIRECT_URL)
  })

  it('refuses a forged state, a callback without the browser that started it, and a replayed code', async () => {
    const { path, flowCookie } = await oidcCallback(app, account('T-OIDC-002'))
    const forged = path.replace(/state=[^&]+/, 'state=forged-by-an-attacker')
    const refused = await app.request(forged, { cookie: flowCookie })
    expect(refused.headers.get('location')).toBe('/login?campus=state')
    expect(sessionOf(refused)).toBeUndefined()
    const noCookie = await app.request(path)
    expect(noCookie.headers.get('location')).toBe('/login?campus=state')
    const first = await app.request(path, { cookie: flowCookie })
    expect(sessionOf(first)).toBeDefined()
    const replay = await app.request(path, { cookie: flowCookie })
    expect(replay.headers.get('location')).toBe('/login?campus=failed')
    expect(sessionOf(replay)).toBeUndefined()
  })

  it('keeps a deactivated account out', async () => {
    await createUser(prisma, { studentNumber: 'T-OIDC-003', email: 'other@test.edu.cn', collegeId: cs.id, deactivatedAt: new Date() })
    const { path, flowCookie } = await oidcCallback(app, account('T-OIDC-003'))
    const response = await app.request(path, { cookie: flowCookie })
    expect(response.headers.get('location')).toBe('/login?campus=deactivated')
    expect(sessionOf(response)).toBeUndefined()
  })

  it("signs out at the provider's end-session endpoint too", async () => {
    const { path, flowCookie } = await oidcCallback(app, account('T-OIDC-001'))
    const cookie = sessionOf(await app.request(path, { cookie: flowCookie }))
    const out = await app.request('/logout', { form: {}, cookie })
    const location = new URL(out.headers.get('location')!)
    expect(location.pathname).toBe('/session/end')
    expect(location.searchParams.get('post_logout_redirect_uri')).toBe('http://localhost:3000/login')
    expect((await app.request('/student', { cookie })).status).toBe(302)
  })
})

describe('student records', () => {
  const csv = (rows: string[][]) => new TextEncoder().encode(rows.map((r) => r.join(',')).join('\n'))

  async function importRecords(rows: string[][]) {
    const admin = toSessionUser(await createUser(prisma, { roles: ['admin'] }))
    const bytes = csv([['studentNumber', 'gpa', 'gpaScale', 'level', 'college', 'programme', 'enrolmentYear'], ...rows])
    const preview = await previewImport({ user: admin, kind: 'records', bytes })
    if (!preview.ok) throw new Error(JSON.stringify(preview.issues))
    const result = await confirmImport({
      user: admin,
      kind: 'records',
      uploadId: preview.uploadId,
      fileName: 'records.csv',
      mode: 'good',
      expectedGood: preview.preview.good,
    })
    return { preview: preview.preview, result }
  }

  it('imports records, updates them next term and moves the accounts to their college and level', async () => {
    const phys = await prisma.college.findUniqueOrThrow({ where: { code: 'PHYS' } })
    const student = await createUser(prisma, { studentNumber: 'REC001', collegeId: cs.id, level: 'undergraduate' })
    const first = await importRecords([
      ['REC001', '3.62', '4.0', 'master', 'PHYS', '理论物理', '2024'],
      ['REC002', '88.5', '100', '本科生', 'CS', '软件工程', '2025'],
      ['REC003', '4.5', '4.0', 'master', 'CS', '软件工程', '2025'],
      ['REC004', '3.1', '4.0', 'master', 'NOPE', '软件工程', '2025'],
    ])
    expect(first.preview.rows.map((r) => r.issues.map((i) => i.message))).toEqual([
      [],
      [],
      ['imports.error.gpaAboveScale|{"max":4}'],
      ['imports.error.collegeNotFound'],
    ])
    expect(first.result).toEqual({ status: 'imported', created: 2, skipped: 2 })
    expect(await prisma.studentRecord.findUniqueOrThrow({ where: { studentNumber: 'REC002' } })).toMatchObject({
      gpaHundredths: 8850,
      gpaScale: '100',
      level: 'undergraduate',
    })
    expect(await prisma.user.findUniqueOrThrow({ where: { id: student.id } })).toMatchObject({ collegeId: phys.id, level: 'master' })

    await importRecords([['REC001', '3.70', '4.0', 'master', 'PHYS', '理论物理', '2024']])
    expect(await prisma.studentRecord.findUniqueOrThrow({ where: { studentNumber: 'REC001' } })).toMatchObject({ gpaHundredths: 370 })
    expect(await prisma.studentRecord.count()).toBe(2)
  })

  it("keeps the record's GPA in an exchange draft, refuses another and marks its source for reviewers", async () => {
    const student = await createUser(prisma, { studentNumber: 'REC010', collegeId: cs.id, level: 'undergraduate' })
    await prisma.studentRecord.create({
      data: {
        studentNumber: 'REC010',
        gpaHundredths: 362,
        gpaScale: '4.0',
        level: 'undergraduate',
        collegeId: cs.id,
        programme: '软件工程',
        enrolmentYear: 2024,
      },
    })
    const program = await createProgram(prisma, { kind: 'exchange' })
    const application = await createApplication(prisma, { applicantId: student.id, programId: program.id, collegeId: cs.id })
    const user = toSessionUser(student)
    expect(await saveDraft(user, application.id, { kind: 'exchange', gpa: 3.9, gpaScale: '4.0' })).toEqual({
      ok: false,
      error: 'campus.gpa.changed',
      params: { gpa: 3.62, scale: '4.0' },
    })
    expect(await saveDraft(user, application.id, { kind: 'exchange', gpa: 3.62, gpaScale: '4.0', term: 'semester' })).toMatchObject({
      ok: true,
    })
    // Left out (a read-only field the browser did not send): the record's value is filled in.
    expect(await saveDraft(user, application.id, { kind: 'exchange', term: 'semester' })).toMatchObject({ ok: true })
    const details = (await prisma.application.findUniqueOrThrow({ where: { id: application.id } })).details as Record<string, unknown>
    expect(details).toMatchObject({ gpa: 3.62, gpaScale: '4.0' })

    const sources = await applicationSources(student.id, details, ['gpa', 'gpaScale', 'term'])
    expect(sources).toEqual({
      applicant: 'records',
      answers: { gpa: 'records', gpaScale: 'records', term: 'student' },
      record: { programme: '软件工程', enrolmentYear: 2024 },
    })
    // Next term's record changes the GPA: the draft cannot be submitted until saved again with it.
    await prisma.studentRecord.update({ where: { studentNumber: 'REC010' }, data: { gpaHundredths: 380 } })
    const stale = await checkReadiness((await findOwnApplication(student.id, application.id))!, user)
    expect(stale.details).toBeNull()
    expect(stale.fieldErrors.gpa).toEqual(['campus.gpa.changed|{"gpa":3.8,"scale":"4.0"}'])
    expect(await saveDraft(user, application.id, { kind: 'exchange', term: 'semester' })).toMatchObject({ ok: true })
    expect((await checkReadiness((await findOwnApplication(student.id, application.id))!, user)).fieldErrors.gpa).toBeUndefined()

    const other = await createUser(prisma, { studentNumber: 'REC011', collegeId: cs.id })
    expect((await applicationSources(other.id, { gpa: 3.62, gpaScale: '4.0' }, ['gpa'])).answers).toEqual({ gpa: 'student' })
  })

  it("shows reviewers which values are the university's records' and which the student's", async () => {
    const student = await createUser(prisma, { studentNumber: 'REC020', collegeId: cs.id, level: 'undergraduate' })
    await prisma.studentRecord.create({
      data: {
        studentNumber: 'REC020',
        gpaHundredths: 362,
        gpaScale: '4.0',
        level: 'undergraduate',
        collegeId: cs.id,
        programme: '软件工程',
        enrolmentYear: 2024,
      },
    })
    const program = await createProgram(prisma, { kind: 'exchange' })
    const { id } = await createApplication(prisma, {
      applicantId: student.id,
      programId: program.id,
      status: 'submitted',
      details: { kind: 'exchange', programId: program.id, gpa: 3.62, gpaScale: '4.0', motivation: '学习' },
    })
    const office = await sessionCookie((await createUser(prisma, { roles: ['office_reviewer'] })).id)
    const page = await (await app.request(`/review/${id}`, { cookie: office })).text()
    // The mark inside the answer's own row, never a later row's.
    const mark = (field: string) => new RegExp(`data-field="${field}"(?:(?!data-field=)[\\s\\S])*?data-source="([a-z]+)"`).exec(page)?.[1]
    expect(mark('gpa')).toBe('records')
    expect(mark('gpaScale')).toBe('records')
    expect(mark('motivation')).toBe('student')
    expect(page).toContain('来自学校学籍记录')
    expect(page).toContain('学生填写')
    expect(page).toContain('软件工程')
  })
})
