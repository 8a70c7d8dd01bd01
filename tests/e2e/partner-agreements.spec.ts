// Partner agreements (decision 23): the renewal list and its reminder, the places per year refused
// at approval, and the policy dashboard's alliance filter and Belt and Road share against the seed.
import { academicYearOf } from '../../app/domain/academic-year'
import { addDays, shanghaiDate } from '../../app/domain/dates'
import { previousAcademicYear, shareOf } from '../../app/domain/policy'
import { createAgreement, createPartner } from '../factories'
import { waitForEmail } from '../support/mail-catcher'
import { expect, login, MAIL_CATCHER_URL, test, zh } from './fixtures'
import { db, fillDecision, makeApplication, makeProgram, statusOf, uniqueTag } from './review-helpers'
import { field } from './student-journey'

test('an agreement recorded near its end is on the renewal list; the seeded one ending soon was reminded to the office', async ({
  page,
}) => {
  const tag = uniqueTag()
  const partner = await createPartner(db(), { nameZh: `续签大学${tag}`, nameEn: `Renewal University ${tag}`, countryCode: 'PL' })
  await login(page, 'admin@demo.edu.cn')
  await page.goto(`/admin/partners/${partner.id}`)
  await page.getByRole('link', { name: zh('agreements.new') }).click()
  await field(page, zh('agreements.type')).selectOption('dual_degree')
  await field(page, zh('agreements.startsOn')).fill('2022-09-01')
  const endsOn = addDays(shanghaiDate(new Date()), 45)
  await field(page, zh('agreements.endsOn')).fill(endsOn)
  await field(page, zh('agreements.placesOut')).fill('3')
  await page.getByRole('button', { name: zh('adminConfig.save') }).click()
  await expect(page.getByText(zh('adminConfig.notice.saved'))).toBeVisible()
  await expect(page.getByText(zh('agreements.state.renewal'), { exact: true })).toBeVisible()

  await page.goto('/admin/agreements')
  const list = page.getByTestId('renewal-list')
  await expect(list.locator('tr', { hasText: `续签大学${tag}` })).toContainText(zh('agreements.type.dual_degree'))
  // The seed's Warsaw agreement ends within 60 days: the reminder job (run when the server started) told the office.
  await expect(list.locator('tr', { hasText: '华沙理工大学' })).toBeVisible()
  const reminder = await waitForEmail(MAIL_CATCHER_URL, { to: 'office@demo.edu.cn', subjectIncludes: '华沙理工大学', timeoutMs: 15_000 })
  // The seed (made when the e2e database was prepared, today) ends it in 60 days.
  expect(reminder.subject).toBe(
    zh('agreements.reminder.subject', { partner: '华沙理工大学', endsOn: addDays(shanghaiDate(new Date()), 60) }),
  )
  expect(reminder.text).toContain(zh('agreements.reminder.link'))
})

test("approving past a partner's places per year, across its programs, is refused with a clear message", async ({
  page,
  allowConsoleErrors,
}) => {
  allowConsoleErrors(/status of 400/) // the refused decision answers 400
  const year = academicYearOf(new Date())
  const partner = await createPartner(db(), { nameZh: `名额大学${uniqueTag()}` })
  await createAgreement(db(), { partnerId: partner.id, placesOut: 1 })
  const [autumn, spring] = [await makeProgram({ partnerId: partner.id }), await makeProgram({ partnerId: partner.id })]
  await makeApplication({ programId: autumn.id, status: 'approved' })
  const { application } = await makeApplication({ programId: spring.id, status: 'college_endorsed' })

  await login(page, 'office@demo.edu.cn')
  await page.goto(`/review/${application.id}`)
  await fillDecision(page, 'office_approve')
  await expect(page.getByTestId('decision-error')).toHaveText(zh('rv.error.partnerPlaces', { places: 1, year }))
  expect(await statusOf(application.id)).toBe('college_endorsed')
})

test("the dashboard's alliance filter and Belt and Road share match the seeded history counted by hand", async ({ page }) => {
  const last = previousAcademicYear(academicYearOf(new Date()))
  await login(page, 'admin@demo.edu.cn')
  await page.goto(`/dashboard?year=${last}`)
  // Last year (prisma/seed-history.ts): 13 mobilities; to Belt and Road countries NUS (SG), Opole ×2
  // (PL), Kazan and Moscow ×2 (RU) and the conference in 波兰, a trip without a partner: 7.
  const bri = page.getByTestId('headline-bri')
  await expect(bri.locator('.value')).toHaveText(zh('dashboard.percent', { percent: shareOf(7, 13)! }))
  await expect(bri.locator('.small').first()).toHaveText('7 / 13')
  await bri.getByRole('link', { name: '7', exact: true }).click()
  await expect(page.getByTestId('drill-filter')).toContainText(zh('dashboard.drill.filter.beltAndRoad'))
  await expect(page.getByTestId('drill-total')).toContainText(zh('dashboard.drill.total', { total: 7, page: 1, pages: 1 }))

  // The China–Poland alliance (Opole, Warsaw): Opole's two summer-school students.
  await page.goto(`/dashboard?year=${last}`)
  await page.getByLabel(zh('dashboard.membership')).selectOption('china_poland_alliance')
  await page.getByRole('button', { name: zh('dashboard.show') }).click()
  await expect(page.getByTestId('dashboard-scope')).toContainText(
    zh('dashboard.scopeMembership', { membership: zh('agreements.membership.china_poland_alliance') }),
  )
  await expect(page.getByTestId('headline-total').getByRole('link').first()).toHaveText('2')
  await expect(bri.locator('.small').first()).toHaveText('2 / 2')
})
