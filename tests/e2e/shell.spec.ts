import type { Page } from '@playwright/test'
import { expect, login, test, useDesktop, usePhone, zh } from './fixtures'

// The responsive shell: on a 375 px wide phone the navigation hides behind ☰ and nothing
// overflows sideways; on a desktop it shows in the header.

const menuButton = (page: Page) => page.locator('label[for="menu-toggle"]')

async function expectNoSidewaysScroll(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  expect(width, 'page width at 375 px').toBeLessThanOrEqual(375)
}

test('on a desktop the navigation shows without a menu button', async ({ page }) => {
  await useDesktop(page)
  await page.goto('/login')
  await expect(menuButton(page)).toBeHidden()
  await expect(page.getByRole('navigation', { name: zh('nav.menu') }).getByRole('link', { name: zh('nav.signUp') })).toBeVisible()
})

test.describe('on a phone', () => {
  test.beforeEach(async ({ page }) => usePhone(page))

  test('a visitor opens the menu and follows a link', async ({ page }) => {
    await page.goto('/login')
    await expectNoSidewaysScroll(page)
    const signUpLink = page.getByRole('navigation', { name: zh('nav.menu') }).getByRole('link', { name: zh('nav.signUp') })
    await expect(menuButton(page)).toBeVisible()
    await expect(menuButton(page)).toHaveAccessibleName(zh('nav.menu'))
    await expect(signUpLink).toBeHidden()

    await menuButton(page).click()
    await expect(signUpLink).toBeVisible()
    await menuButton(page).click()
    await expect(signUpLink).toBeHidden()

    await menuButton(page).click()
    await signUpLink.click()
    await expect(page).toHaveURL('/signup')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('signup.title'))
    // The menu closed behind the followed link, showing the page it led to.
    await expect(signUpLink).toBeHidden()
    await expectNoSidewaysScroll(page)
  })

  test('a signed-in admin finds their page and sign-out in the menu', async ({ page }) => {
    await login(page, 'admin@demo.edu.cn')
    await expect(page).toHaveURL('/admin')
    await expectNoSidewaysScroll(page)
    const signOut = page.getByRole('button', { name: zh('nav.signOut') })
    await expect(signOut).toBeHidden()

    await menuButton(page).click()
    const navigation = page.getByRole('navigation', { name: zh('nav.menu') })
    await expect(navigation.getByRole('link', { name: zh('nav.admin') })).toHaveAttribute('aria-current', 'page')
    await expect(navigation.getByTestId('current-user')).toHaveText('系统管理员')
    await expect(signOut).toBeVisible()
    await signOut.click()
    await expect(page).toHaveURL('/login')
  })

  test('the sign-up form fits the phone', async ({ page }) => {
    await page.goto('/signup')
    await expectNoSidewaysScroll(page)
    for (const label of ['signup.nameZh', 'signup.email', 'signup.college'] as const) {
      const box = await page.getByLabel(zh(label)).boundingBox()
      expect(box, label).not.toBeNull()
      expect(box!.x).toBeGreaterThanOrEqual(0)
      expect(box!.x + box!.width, label).toBeLessThanOrEqual(375)
    }
  })
})
