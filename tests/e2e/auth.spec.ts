import { attemptLogin, DEMO_PASSWORD, existingStudent, expect, login, logout, sessionCookie, signUp, test, zh } from './fixtures'

test('a new student signs up, lands on their home, signs out and back in', async ({ page }) => {
  const student = await signUp(page)
  await expect(page.getByRole('heading', { level: 1, name: zh('student.home.title') })).toBeVisible()
  await expect(page.getByTestId('current-user')).toHaveText(student.nameZh)
  await expect(page.getByText(zh('student.home.empty'))).toBeVisible()
  const signedIn = await sessionCookie(page)
  expect(signedIn).toBeDefined()
  // Signed in, the sign-in and sign-up pages lead home.
  await page.goto('/login')
  await expect(page).toHaveURL('/student')
  await page.goto('/signup')
  await expect(page).toHaveURL('/student')

  await logout(page)
  await expect(page.getByRole('heading', { level: 1, name: zh('login.title') })).toBeVisible()
  expect(await sessionCookie(page)).toBeUndefined()
  await page.goto('/student')
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fstudent$/)

  // Logout ended the session on the server, not only in this browser: the old cookie is dead.
  await page.context().addCookies([signedIn!])
  await page.goto('/student')
  await expect(page).toHaveURL(/\/login/)

  await login(page, student.email, student.password)
  await expect(page).toHaveURL('/student')
  await expect(page.getByTestId('current-user')).toHaveText(student.nameZh)
})

test('a wrong password shows the error and signs nobody in', async ({ page, newContext, allowConsoleErrors }) => {
  allowConsoleErrors(/status of 400/)
  const student = await existingStudent(newContext)
  await page.goto('/login')
  expect(await attemptLogin(page, student.email, 'Not-the-password-1')).toBe(400)
  await expect(page.getByRole('alert')).toHaveText(zh('login.invalid'))
  await expect(page.getByText('邮箱或密码不正确。')).toBeVisible()
  await expect(page).toHaveURL(/\/login/)
  await expect(page.getByLabel(zh('login.email'))).toHaveValue(student.email)
  expect(await sessionCookie(page)).toBeUndefined()
  await page.goto('/student')
  await expect(page).toHaveURL(/\/login/)
})

test('an unknown email gets the same answer as a wrong password', async ({ page, allowConsoleErrors }) => {
  allowConsoleErrors(/status of 400/)
  await page.goto('/login')
  expect(await attemptLogin(page, 'nobody.here@example.edu.cn', DEMO_PASSWORD)).toBe(400)
  await expect(page.getByRole('alert')).toHaveText(zh('login.invalid'))
})

test('five failed sign-ins lock the account with a clear message, even for the right password', async ({
  page,
  newContext,
  allowConsoleErrors,
}) => {
  allowConsoleErrors(/status of 400/, /status of 429/)
  const student = await existingStudent(newContext)
  await page.goto('/login')
  for (let i = 1; i <= 5; i++) {
    expect(await attemptLogin(page, student.email, `Wrong-password-${i}`), `attempt ${i}`).toBe(400)
    await expect(page.getByRole('alert')).toHaveText(zh('login.invalid'))
  }
  expect(await attemptLogin(page, student.email, student.password)).toBe(429)
  const locked = zh('login.locked', { minutes: 15 })
  await expect(page.getByRole('alert')).toHaveText(locked)
  expect(locked).toContain('登录失败次数过多')
  expect(await sessionCookie(page)).toBeUndefined()

  // Only that account is locked: another one still signs in from the same browser.
  await login(page, 'student2@demo.edu.cn')
  await expect(page).toHaveURL('/student')
})

test('a signed-out visit to a page asks to sign in, then returns to that page', async ({ page }) => {
  await page.goto('/student')
  await expect(page).toHaveURL('/login?redirectTo=%2Fstudent')
  await login(page, 'student@demo.edu.cn')
  await expect(page).toHaveURL('/student')
  await expect(page.getByRole('heading', { level: 1, name: zh('student.home.title') })).toBeVisible()
})

test('the return address after sign-in never leads off the site', async ({ page }) => {
  for (const target of ['https://evil.example/', '//evil.example/x', '/\\evil.example']) {
    await page.context().clearCookies()
    await page.goto(`/login?redirectTo=${encodeURIComponent(target)}`)
    await login(page, 'student@demo.edu.cn')
    await expect(page, `redirectTo=${target}`).toHaveURL('/student')
  }
})
