import { areas } from '~/i18n/dictionaries'
import { DEMO_PASSWORD, en, expect, login, logout, signUp, switchLanguage, test, zh } from './fixtures'

test('a visitor who switches to English keeps it on every page and on return', async ({ page, context }) => {
  await page.goto('/login')
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('login.title'))
  // The page brings the messages of its own language only (app/i18n/dictionaries.browser.ts).
  const html = await (await page.request.get('/login')).text()
  expect(html).toContain(zh('signup.title'))
  expect(html).not.toContain(en('signup.title'))
  // …and of those, only the areas the sign-in page uses (decision 27): nothing of the stay's.
  expect(html).toContain(zh('login.title'))
  expect(html).not.toContain(zh('stay.notApproved'))

  await switchLanguage(page, 'en')
  await expect(page).toHaveURL('/login') // stays on the same page
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en('login.title'))
  await expect(page.getByLabel(en('login.email'))).toBeVisible()

  await page.getByRole('link', { name: en('login.signUpLink') }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en('signup.title'))
  await expect(page.getByLabel(en('signup.college'))).toContainText('School of Computer Science')

  // A new tab in the same browser, later: still English (remembered in a cookie).
  const again = await context.newPage()
  await again.goto('/forgot-password')
  await expect(again.getByRole('heading', { level: 1 })).toHaveText(en('forgot.title'))
  await again.close()

  await switchLanguage(page, 'zh-CN')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('signup.title'))
  await page.reload()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('signup.title'))
})

test('a signed-in user’s language is remembered on the account, across sign-out and other browsers', async ({ page, newContext }) => {
  const student = await signUp(page)
  await switchLanguage(page, 'en')
  await expect(page).toHaveURL('/student')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en('student.home.title'))
  await expect(page.getByTestId('current-user')).toHaveText(student.nameEn)
  await logout(page, en)

  // Another browser, never switched: Chinese until the student signs in, English after.
  const other = await newContext()
  const elsewhere = await other.newPage()
  await elsewhere.goto('/login')
  await expect(elsewhere.locator('html')).toHaveAttribute('lang', 'zh-CN')
  await login(elsewhere, student.email, student.password)
  await expect(elsewhere).toHaveURL('/student')
  await expect(elsewhere.locator('html')).toHaveAttribute('lang', 'en')
  await expect(elsewhere.getByRole('heading', { level: 1 })).toHaveText(en('student.home.title'))

  // Switching back there is remembered too: the first browser signs in to Chinese.
  await switchLanguage(elsewhere, 'zh-CN')
  await other.close()
  await login(page, student.email, student.password, en)
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('student.home.title'))
})

test('a page whose messages arrive slowly: the previous page stays until the next one can be shown whole, in its language', async ({
  page,
}) => {
  await page.goto('/login')
  await page.waitForFunction(() => '__remixRouter' in window) // hydrated: the sign-in is a client-side navigation
  // From now on every chunk named after a message area (decision 27) takes six seconds to arrive.
  const areaChunk = new RegExp(`/assets/(${Object.keys(areas).join('|')})-[\\w-]+\\.js$`)
  let delayed = 0
  await page.route(areaChunk, async (route) => {
    delayed++
    await new Promise((resolve) => setTimeout(resolve, 6_000))
    await route.continue()
  })
  await page.getByLabel(zh('login.email')).fill('office@demo.edu.cn')
  await page.getByLabel(zh('login.password')).fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: zh('login.submit') }).click()
  await expect.poll(() => delayed).toBeGreaterThan(0)
  await page.waitForTimeout(3_000)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('login.title')) // still the sign-in page
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('office.home.title'), { timeout: 15_000 })
  await expect(page).toHaveURL('/office')
  // Every text of the office's page is translated (a key from a missing area would be a console error too).
  await expect(page.getByRole('main')).not.toContainText(/\b(office|review|queue)\.[a-z]+\.[a-zA-Z]+/)
})
