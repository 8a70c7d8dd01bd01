import { waitForEmail } from '../support/mail-catcher'
import { APP_URL } from './config'
import { attemptLogin, existingStudent, expect, login, MAIL_CATCHER_URL, sessionCookie, test, zh } from './fixtures'

test('a forgotten password is reset through the emailed single-use link', async ({ page, newContext, allowConsoleErrors }) => {
  allowConsoleErrors(/status of 400/) // the refused old password
  // A student of our own: resetting a demo account would disturb the other tests.
  const student = await existingStudent(newContext)

  await page.goto('/login')
  await page.getByRole('link', { name: zh('login.forgot') }).click()
  await expect(page).toHaveURL('/forgot-password')
  await page.getByLabel(zh('login.email')).fill(student.email)
  await page.getByRole('button', { name: zh('forgot.submit') }).click()
  await expect(page.getByRole('status')).toHaveText(zh('forgot.sent', { minutes: 30 }))

  const email = await waitForEmail(MAIL_CATCHER_URL, {
    to: student.email,
    subjectIncludes: zh('email.passwordReset.subject'),
    timeoutMs: 15_000,
  })
  expect(email.text).toContain(student.nameZh)
  const link = /https?:\/\/[^\s"<>]+\/reset-password\?token=[^\s"<>&]+/.exec(email.text)?.[0]
  expect(link, 'reset link in the email text').toBeDefined()
  expect(link!.startsWith(`${APP_URL}/reset-password?token=`)).toBe(true)
  expect(email.html).toContain(link!) // the button carries the same link

  await page.goto(link!)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('reset.title'))
  const newPassword = 'Brand-new-password-7'
  await page.getByLabel(zh('reset.password')).fill(newPassword)
  await page.getByLabel(zh('signup.confirmPassword')).fill(newPassword)
  await page.getByRole('button', { name: zh('reset.submit') }).click()
  await expect(page).toHaveURL('/login?reset=1')
  await expect(page.getByText(zh('login.resetDone'))).toBeVisible()

  expect(await attemptLogin(page, student.email, student.password)).toBe(400)
  await expect(page.getByRole('alert')).toHaveText(zh('login.invalid'))
  expect(await sessionCookie(page)).toBeUndefined()

  await login(page, student.email, newPassword)
  await expect(page).toHaveURL('/student')

  // The link works once.
  await page.goto(link!)
  await expect(page.getByText(zh('reset.invalidToken'))).toBeVisible()
  await expect(page.getByLabel(zh('reset.password'))).toHaveCount(0)
  await expect(page.getByRole('link', { name: zh('reset.requestAgain') })).toHaveAttribute('href', '/forgot-password')
})

test('an unknown email gets the same answer and no email', async ({ page }) => {
  const address = `nobody.${Date.now()}@example.edu.cn`
  await page.goto('/forgot-password')
  await page.getByLabel(zh('login.email')).fill(address)
  await page.getByRole('button', { name: zh('forgot.submit') }).click()
  await expect(page.getByRole('status')).toHaveText(zh('forgot.sent', { minutes: 30 }))
  await expect(waitForEmail(MAIL_CATCHER_URL, { to: address, timeoutMs: 1500 })).rejects.toThrow(/No email/)
})

test('a made-up reset token is refused', async ({ page }) => {
  await page.goto('/reset-password?token=not-a-real-token')
  await expect(page.getByText(zh('reset.invalidToken'))).toBeVisible()
  await expect(page.getByLabel(zh('reset.password'))).toHaveCount(0)
})
