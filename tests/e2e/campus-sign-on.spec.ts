// Students sign in through the university's sign-on: a real CAS server (Debian's
// django-cas-server) and a real OpenID provider (npm oidc-provider), started by tests/e2e/server.ts.
// Their records come from the academic affairs system, imported by the admin; the form shows the
// imported GPA read-only, and signing out ends the university's session too.
import type { BrowserContext, Page } from '@playwright/test'
import { campusAccounts, E2E_PORTS } from './config'
import { consentToNotice, expect, login, test, zh } from './fixtures'
import { applyFromCatalogue, field, saveDraft } from './student-journey'

const TUM = '慕尼黑工业大学 2027 春季学期交换'
type Account = (typeof campusAccounts)[keyof typeof campusAccounts]

/** The admin imports the academic affairs system's records of these students (CSV, all rows). */
async function importRecords(newContext: () => Promise<BrowserContext>, rows: string[][]) {
  const context = await newContext()
  const page = await context.newPage()
  await login(page, 'admin@demo.edu.cn')
  await page.goto('/admin/import')
  await page.getByLabel(zh('imports.kind')).selectOption({ label: zh('imports.kind.records') })
  const csv = [['学号', 'GPA', 'GPA满分', '学生类别', '学院代码', '专业', '入学年份'], ...rows].map((r) => r.join(',')).join('\n')
  await page.getByLabel(zh('imports.file')).setInputFiles({ name: '学籍.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  await page.getByRole('button', { name: zh('imports.upload') }).click()
  await page.getByRole('button', { name: zh('imports.importAll', { count: rows.length }) }).click()
  await expect(page).toHaveURL(/imported=records/)
}

/** On the CAS server's own login page: signs in. */
async function signInAtCas(page: Page, account: Account) {
  await page.getByRole('link', { name: zh('campus.signIn.cas') }).click()
  await expect(page).toHaveURL(/\/cas\/login\?service=/)
  await page.getByLabel('Username 学号').fill(account.username)
  await page.getByLabel('Password 密码').fill(account.password)
  await page.getByRole('button', { name: '登录 Login' }).click()
}

/** On the OpenID provider's sign-in page: signs in. */
async function signInAtProvider(page: Page, account: Account) {
  await page.getByRole('link', { name: zh('campus.signIn.oidc') }).click()
  await expect(page).toHaveURL(/\/interaction\//)
  await page.getByLabel('学号/工号 Campus ID').fill(account.username)
  await page.getByLabel('密码 Password').fill(account.password)
  await page.getByRole('button', { name: '登录 Sign in' }).click()
}

/** The student's home shows what the university says, and nothing of it can be edited. */
async function expectRecordShown(page: Page, account: Account, gpa: string) {
  await expect(page).toHaveURL('/student')
  const card = page.getByTestId('student-record')
  await expect(card).toContainText(account.name)
  await expect(card).toContainText(account.username)
  await expect(card).toContainText('计算机学院')
  await expect(card).toContainText(zh('level.undergraduate'))
  await expect(card).toContainText(zh('campus.record.gpaValue', { gpa, scale: '4.0' }))
  await expect(card).toContainText(zh('campus.record.fromUniversity'))
  await expect(card.locator('input, select, textarea, button')).toHaveCount(0)
}

/** Applies for TUM's exchange: the GPA is the record's, read-only, and another one is refused. */
async function applyWithImportedGpa(page: Page, gpa: string) {
  const applicationId = await applyFromCatalogue(page, TUM)
  const gpaInput = field(page, zh('application.field.gpa'))
  await expect(gpaInput).toHaveValue(gpa)
  await expect(gpaInput).toHaveAttribute('readonly', '')
  await expect(page.getByTestId('gpa-from-records')).toContainText(zh('campus.gpa.readOnly'))
  await field(page, zh('application.field.motivation')).fill('希望在慕尼黑学习人工智能课程。')
  await saveDraft(page)
  // A GPA changed on its way to the server is refused, and nothing of the post is saved.
  await page.route(`**/student/applications/${applicationId}*`, async (route) => {
    const body = route.request().postData()
    if (route.request().method() !== 'POST' || !body?.includes('intent=save')) return route.continue()
    const form = new URLSearchParams(body)
    form.set('gpa', '4')
    form.set('motivation', '不应保存')
    await route.continue({ postData: form.toString() })
  })
  await page.getByRole('button', { name: zh('app.save') }).click()
  await expect(page.getByRole('alert').filter({ hasText: zh('campus.gpa.changed', { gpa: Number(gpa), scale: '4.0' }) })).toBeVisible()
  await page.unroute(`**/student/applications/${applicationId}*`)
  await page.reload()
  await expect(field(page, zh('application.field.gpa'))).toHaveValue(gpa)
  await expect(field(page, zh('application.field.motivation'))).toHaveValue('希望在慕尼黑学习人工智能课程。')
}

test('a student signs in through CAS, sees the university record, applies with the imported GPA and signs out of both', async ({
  page,
  newContext,
  allowConsoleErrors,
}) => {
  test.slow()
  allowConsoleErrors(/status of 400 \(Bad Request\).*\/student\/applications\//) // the tampered save
  const student = campusAccounts.casStudent
  await importRecords(newContext, [[student.username, '3.71', '4.0', '本科生', 'CS', '计算机科学与技术', '2025']])
  await page.goto('/login')
  await signInAtCas(page, student)
  // The first campus sign-on: the processing notice and the consents first (PIPL).
  await consentToNotice(page)
  await expectRecordShown(page, student, '3.71')
  await applyWithImportedGpa(page, '3.71')

  // Signing out ends the portal session and the CAS session: the CAS server asks for the password again.
  await page.getByRole('button', { name: zh('nav.signOut') }).click()
  await expect(page).toHaveURL('/login')
  await page.goto('/student')
  await expect(page).toHaveURL(/\/login\?redirectTo=/)
  await signInAtCas(page, student)
  await expect(page).toHaveURL('/student')

  // Signing out at the CAS server itself: its single-logout request ends the portal session.
  await page.goto(`http://127.0.0.1:${E2E_PORTS.cas}/cas/logout`)
  await page.goto('/student')
  await expect(page).toHaveURL(/\/login\?redirectTo=/)
})

test('a student signs in through OpenID Connect, applies with the imported GPA and signs out of both', async ({
  page,
  newContext,
  allowConsoleErrors,
}) => {
  test.slow()
  allowConsoleErrors(/status of 400 \(Bad Request\).*\/student\/applications\//) // the tampered save
  const student = campusAccounts.oidcStudent
  await importRecords(newContext, [[student.username, '3.45', '4.0', 'undergraduate', 'CS', '软件工程', '2024']])
  await page.goto('/login')
  await signInAtProvider(page, student)
  await consentToNotice(page)
  await expectRecordShown(page, student, '3.45')
  await applyWithImportedGpa(page, '3.45')

  // The provider asks whether to sign out of the campus account too, then comes back to the portal.
  await page.getByRole('button', { name: zh('nav.signOut') }).click()
  await page.getByRole('button', { name: '退出 Sign out' }).click()
  await expect(page).toHaveURL('/login')
  await page.goto('/student')
  await expect(page).toHaveURL(/\/login\?redirectTo=/)
  // Signed out at the provider too: it asks for the password again.
  await page.getByRole('link', { name: zh('campus.signIn.oidc') }).click()
  await expect(page.getByLabel('密码 Password')).toBeVisible()
})

test('a replayed CAS ticket, a forged OIDC state and a deactivated account are refused', async ({ page, newContext }) => {
  test.slow()
  const student = campusAccounts.deactivated
  await page.goto('/login')
  const ticketUrl = page.waitForRequest((r) => r.url().includes('/auth/cas?ticket='))
  await signInAtCas(page, student)
  const replay = (await ticketUrl).url()
  await consentToNotice(page)
  // No record yet: the home says whom to contact.
  await expect(page.getByTestId('student-record')).toContainText(zh('campus.record.missing', { studentNumber: student.username }))
  await page.getByRole('button', { name: zh('nav.signOut') }).click()
  await expect(page).toHaveURL('/login')

  await page.goto(replay)
  await expect(page).toHaveURL('/login?campus=replayedTicket')
  await expect(page.getByRole('alert')).toHaveText(zh('campus.error.replayedTicket'))

  await page.goto('/auth/oidc/callback?code=stolen&state=forged')
  await expect(page).toHaveURL('/login?campus=state')
  await expect(page.getByRole('alert')).toHaveText(zh('campus.error.state'))

  // The admin deactivates the account: a valid campus sign-in no longer opens it.
  const admin = await (await newContext()).newPage()
  await login(admin, 'admin@demo.edu.cn')
  await admin.goto(`/admin/users?q=${student.username}`)
  await admin.getByRole('link', { name: student.name }).first().click()
  await admin.getByRole('button', { name: zh('adminConfig.users.deactivate') }).click()
  await expect(admin.getByRole('status')).toHaveText(zh('adminConfig.users.notice.deactivated'))

  await page.goto('/login')
  await signInAtCas(page, student)
  await expect(page).toHaveURL('/login?campus=deactivated')
  await expect(page.getByRole('alert')).toHaveText(zh('campus.error.deactivated'))
  await page.goto('/student')
  await expect(page).toHaveURL(/\/login\?redirectTo=/)
})
