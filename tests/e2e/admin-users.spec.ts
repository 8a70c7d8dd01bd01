import { uniqueEmail, waitForEmail } from '../support/mail-catcher'
import { APP_URL } from './config'
import { attemptLogin, expect, login, MAIL_CATCHER_URL, test, usePhone, zh } from './fixtures'

// An administrator opens a staff account on a phone; the new colleague chooses a password from the
// emailed link and signs in; deactivating the account signs them out at once.
test('a new staff account: invitation email, first password, sign-in, deactivation signs out', async ({
  page,
  newContext,
  allowConsoleErrors,
}) => {
  test.slow()
  allowConsoleErrors(/status of 400/, /status of 403/) // the refused sign-in after deactivation
  await usePhone(page)
  const email = uniqueEmail('office.staff')

  await login(page, 'admin@demo.edu.cn')
  await page
    .getByTestId('admin-sections')
    .getByRole('link', { name: zh('adminConfig.users.title') })
    .click()
  await page.getByRole('link', { name: zh('adminConfig.users.new') }).click()
  await page.getByLabel(zh('admin.home.email')).fill(email)
  await page.getByLabel(zh('adminConfig.field.nameZh')).fill('孙老师')
  await page.getByLabel(zh('adminConfig.field.nameEn')).fill('SUN Li')
  // A college reviewer needs a college: refused in Chinese beside the field.
  await page.getByRole('checkbox', { name: zh('role.college_reviewer') }).check()
  await page.getByRole('button', { name: zh('adminConfig.save') }).click()
  await expect(page.getByText(zh('adminConfig.error.collegeRequired'))).toBeVisible()
  await page.getByRole('checkbox', { name: zh('role.college_reviewer') }).uncheck()
  await page.getByRole('checkbox', { name: zh('role.office_reviewer') }).check()
  await page.getByRole('button', { name: zh('adminConfig.save') }).click()
  await expect(page.getByRole('status')).toHaveText(zh('adminConfig.users.notice.saved'))
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('孙老师')
  const userPage = page.url()
  // The page fits a phone: nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)

  const invitation = await waitForEmail(MAIL_CATCHER_URL, {
    to: email,
    subjectIncludes: zh('email.staffInvitation.subject'),
    timeoutMs: 15_000,
  })
  const link = /https?:\/\/[^\s"<>]+\/reset-password\?token=[^\s"<>&]+/.exec(invitation.text)?.[0]
  expect(link?.startsWith(`${APP_URL}/reset-password?token=`)).toBe(true)

  const colleague = await (await newContext()).newPage()
  await colleague.goto(link!)
  await colleague.getByLabel(zh('reset.password')).fill('Office-password-42')
  await colleague.getByLabel(zh('signup.confirmPassword')).fill('Office-password-42')
  await colleague.getByRole('button', { name: zh('reset.submit') }).click()
  // A first password, not a reset: the login page says so.
  await expect(colleague).toHaveURL('/login?password=set')
  await expect(colleague.getByText(zh('login.passwordSet'))).toBeVisible()
  await login(colleague, email, 'Office-password-42')
  await expect(colleague).toHaveURL('/office')

  // Deactivated: the colleague's next page is the login page, and signing in is refused.
  await page.goto(userPage)
  await page.getByRole('button', { name: zh('adminConfig.users.deactivate') }).click()
  await expect(page.getByRole('status')).toHaveText(zh('adminConfig.users.notice.deactivated'))
  await expect(page.getByTestId('retired-notice')).toBeVisible()
  await colleague.goto('/office')
  await expect(colleague).toHaveURL(/\/login\?redirectTo=%2Foffice/)
  expect(await attemptLogin(colleague, email, 'Office-password-42')).toBe(400)

  // The users list finds the account among the deactivated ones.
  await page.goto('/admin/users?show=retired&role=office_reviewer')
  await expect(page.getByTestId('admin-list')).toContainText(email)
})
