import { expect, login, test, zh } from './fixtures'

// Each demo account (prisma/seed-data.ts) lands on its own home, and sees only its own navigation.
const homes = [
  { email: 'student@demo.edu.cn', home: '/student', title: zh('student.home.title'), nav: zh('nav.student') },
  {
    email: 'reviewer.cs@demo.edu.cn',
    home: '/college',
    title: zh('college.home.title', { college: '计算机学院' }),
    nav: zh('nav.college'),
  },
  {
    email: 'reviewer.phys@demo.edu.cn',
    home: '/college',
    title: zh('college.home.title', { college: '物理学院' }),
    nav: zh('nav.college'),
  },
  { email: 'office@demo.edu.cn', home: '/office', title: zh('office.home.title'), nav: zh('nav.office') },
  { email: 'finance@demo.edu.cn', home: '/finance', title: zh('finance.home.title'), nav: zh('nav.finance') },
  { email: 'admin@demo.edu.cn', home: '/admin', title: zh('admin.home.title'), nav: zh('nav.admin') },
]
const allNav = ['nav.student', 'nav.college', 'nav.office', 'nav.finance', 'nav.admin'] as const

for (const { email, home, title, nav } of homes) {
  test(`${email} lands on ${home}`, async ({ page }) => {
    await login(page, email)
    await expect(page).toHaveURL(home)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title)
    const navigation = page.getByRole('navigation', { name: zh('nav.menu') })
    await expect(navigation.getByRole('link', { name: nav })).toHaveAttribute('href', home)
    for (const other of allNav.map((k) => zh(k)).filter((n) => n !== nav)) {
      await expect(navigation.getByRole('link', { name: other })).toHaveCount(0)
    }
  })
}

test('a student opening staff pages gets 403 and no data', async ({ page, allowConsoleErrors }) => {
  allowConsoleErrors(/status of 403/)
  await login(page, 'student@demo.edu.cn')
  for (const path of ['/admin', '/office', '/finance', '/college']) {
    const response = await page.goto(path)
    expect(response?.status(), path).toBe(403)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('error.forbidden.title'))
    await expect(page.getByText('没有访问权限')).toBeVisible()
    await expect(page.getByRole('table')).toHaveCount(0)
    await expect(page.locator('.stat')).toHaveCount(0)
    // The page's messages (interface text, as public as the JavaScript) and its inline stylesheet
    // (class names such as .budget-grid) are not data.
    const html = (await response!.text()).replace(/<script id="i18n-messages"[^>]*>.*?<\/script>/s, '').replace(/<style>.*?<\/style>/s, '')
    expect(html).not.toContain('i18n-messages')
    for (const secret of ['admin@demo.edu.cn', 'office@demo.edu.cn', 'reviewer.cs@demo.edu.cn', 'budget', 'Fund']) {
      expect(html, `${path} must not contain ${secret}`).not.toContain(secret)
    }

    // The data endpoint that client-side navigation uses is closed as well.
    const data = await page.request.get(`${path}.data`)
    expect(data.status(), `${path}.data`).toBe(403)
    expect(await data.text()).not.toContain('@demo.edu.cn')
  }
})

test('a college reviewer opening the office and admin pages gets 403', async ({ page, allowConsoleErrors }) => {
  allowConsoleErrors(/status of 403/)
  await login(page, 'reviewer.cs@demo.edu.cn')
  for (const path of ['/admin', '/office', '/finance', '/student']) {
    const response = await page.goto(path)
    expect(response?.status(), path).toBe(403)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('error.forbidden.title'))
  }
})
