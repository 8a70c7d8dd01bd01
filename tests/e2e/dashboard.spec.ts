import { academicYearOf } from '../../app/domain/academic-year'
import { percentOf } from '../../app/domain/policy'
import { expect, login, test, usePhone, zh } from './fixtures'
import { collegeId, db } from './review-helpers'

const YEAR = academicYearOf(new Date())

/** The seeded graduate conference trips that count this year, straight from the database. */
const countedConferenceTrips = () =>
  db().application.findMany({
    where: {
      academicYear: YEAR,
      kind: 'conference',
      status: { in: ['approved', 'completed'] },
      applicant: { level: { in: ['master', 'doctoral'] } },
    },
    select: { id: true },
  })

test('an admin sets the graduate conference target; the dashboard measures the approved trips against it and lists them', async ({
  page,
}) => {
  await login(page, 'admin@demo.edu.cn')
  await page.goto('/admin/targets')
  const cell = page.getByLabel(`${zh('targets.university')} · ${zh('dashboard.targetKind.graduate_conference')}`)
  await cell.fill('321')
  await page.getByRole('button', { name: zh('targets.save') }).click()
  await expect(page.getByRole('status')).toHaveText(zh('targets.saved', { count: 1 }))
  await expect(cell).toHaveValue('321')

  const trips = await countedConferenceTrips()
  expect(trips.length).toBeGreaterThan(0) // the seed approves LI Si's conference trip
  await page.goto('/dashboard')
  const card = page.getByTestId('headline-graduate_conference')
  await expect(card.getByTestId('count-graduate_conference')).toHaveText(String(trips.length))
  await expect(card).toContainText('/ 321')
  await expect(card.getByTestId('percent-graduate_conference')).toHaveText(
    zh('dashboard.percentOfTarget', { percent: percentOf(trips.length, 321)! }),
  )

  await card.getByTestId('count-graduate_conference').click()
  await expect(page).toHaveURL(/\/dashboard\/applications\?/)
  await expect(page.getByTestId('drill-total')).toContainText(zh('dashboard.drill.total', { total: trips.length, page: 1, pages: 1 }))
  const rows = page.getByTestId('drill-down').locator('tbody tr')
  await expect(rows).toHaveCount(trips.length)
  const shown = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-application-id')))
  expect(shown.sort()).toEqual(trips.map((t) => t.id).sort())
  await expect(page.getByTestId('drill-down')).toContainText('李四')
})

test('a college reviewer sees only their college, on a phone too, and cannot ask for another', async ({ page, allowConsoleErrors }) => {
  allowConsoleErrors(/status of 403/)
  await usePhone(page)
  await login(page, 'reviewer.cs@demo.edu.cn')
  await page.goto('/dashboard')
  await expect(page.getByTestId('dashboard-scope')).toHaveText(zh('dashboard.scopeCollege', { college: '计算机学院', year: YEAR }))
  await expect(page.getByTestId('per-college').locator('tbody tr')).toHaveCount(1)
  await expect(page.getByTestId('per-college').locator('tbody tr')).toHaveAttribute('data-college', 'CS')
  await expect(page.getByLabel(zh('dashboard.college'))).toHaveCount(0)
  // Nothing wider than the phone but the scrollable tables.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)

  // Every application behind the college's total is the college's.
  await page.getByTestId('headline-total').getByRole('link').first().click()
  await expect(page).toHaveURL(/\/dashboard\/applications\?/)
  const cs = await collegeId('CS')
  const expected = await db().application.count({ where: { academicYear: YEAR, collegeId: cs, status: { in: ['approved', 'completed'] } } })
  await expect(page.getByTestId('drill-total')).toContainText(
    zh('dashboard.drill.total', { total: expected, page: 1, pages: Math.max(1, Math.ceil(expected / 50)) }),
  )

  const physics = await collegeId('PHYS')
  const response = await page.goto(`/dashboard?college=${physics}`)
  expect(response?.status()).toBe(403)
  const list = await page.goto(`/dashboard/applications?year=${YEAR}&college=${physics}`)
  expect(list?.status()).toBe(403)
})

test('last year is there to compare with: the seeded history shows in the year-on-year line', async ({ page }) => {
  await login(page, 'office@demo.edu.cn')
  await page.goto('/dashboard')
  const last = `${Number(YEAR.slice(0, 4)) - 1}-${YEAR.slice(0, 4)}`
  const previous = await db().application.count({ where: { academicYear: last, status: { in: ['approved', 'completed'] } } })
  expect(previous).toBeGreaterThan(0)
  const total = page.getByTestId('headline-total')
  await expect(total).toContainText(`${zh('dashboard.lastYear', { year: last })}: ${previous}`)
  // Choosing last year makes it the year shown.
  await page.getByLabel(zh('dashboard.year')).selectOption(last)
  await page.getByRole('button', { name: zh('dashboard.show') }).click()
  await expect(page.getByTestId('dashboard-scope')).toHaveText(zh('dashboard.scopeUniversity', { year: last }))
  await expect(total.getByRole('link').first()).toHaveText(String(previous))
})
