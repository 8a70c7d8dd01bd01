import { expect, login, test, zh } from './fixtures'

// An administrator corrects one day of the working-day calendar and sees the correction listed,
// then removes it. A year the data package does not cover (2031), so that no other journey's
// working days move while this one runs.
test('admin corrects a day of the working-day calendar, sees it listed, and removes it', async ({ page }) => {
  await login(page, 'admin@demo.edu.cn')
  await page.getByRole('link', { name: zh('calendar.title') }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('calendar.title'))
  // The current year comes from the package: its holidays are listed.
  await expect(page.getByTestId('calendar-holidays')).toBeVisible()

  await page.goto('/admin/calendar?year=2031')
  await expect(page.getByTestId('calendar-not-covered')).toHaveText(zh('calendar.notCovered', { year: 2031 }))
  const form = page.getByRole('form', { name: zh('calendar.correct.title') })

  // Without a note the correction is refused next to the field, and what was typed stays.
  await form.getByLabel(zh('calendar.day')).fill('2031-05-06')
  await form.getByRole('radio', { name: zh('calendar.off') }).check()
  await form.getByRole('button', { name: zh('calendar.correct.save') }).click()
  await expect(form.getByText(zh('form.required'))).toBeVisible()
  await expect(form.getByLabel(zh('calendar.day'))).toHaveValue('2031-05-06')

  await form.getByLabel(zh('calendar.note')).fill('五一假期调整（2031 年安排）')
  await form.getByRole('button', { name: zh('calendar.correct.save') }).click()
  await expect(page.getByRole('status')).toHaveText(zh('calendar.saved', { day: '2031-05-06' }))
  const row = page.getByTestId('calendar-overrides').locator('tr[data-day="2031-05-06"]')
  await expect(row).toContainText(zh('calendar.off'))
  await expect(row).toContainText('五一假期调整（2031 年安排）')
  await expect(row).toContainText('2031年5月6日')

  await row.getByRole('button', { name: new RegExp(zh('calendar.overrides.removeDay', { day: '.*' })) }).click()
  await expect(page.getByRole('status')).toHaveText(zh('calendar.removed', { day: '2031-05-06' }))
  await expect(page.getByText(zh('calendar.overrides.none'))).toBeVisible()
})
