import { addDays, shanghaiDate } from '../../app/domain/dates'
import { expect, login, logout, newStudent, signUp, test, zh } from './fixtures'
import { expectOnStudentHome, field, openAndApply, programCard, saveDraft } from './student-journey'

// An administrator adds a partner and an exchange program there; the seeded undergraduate finds
// the program in the catalogue and starts an application.
test('admin creates a partner and a program; a student finds it and saves a draft', async ({ page }) => {
  test.slow() // two sign-ins and a whole journey on a busy 2-core machine
  const suffix = Date.now().toString(36).toUpperCase()
  const partnerZh = `赫尔辛基大学 ${suffix}`
  const partnerEn = `University of Helsinki ${suffix}`
  const programZh = `赫尔辛基大学春季交换 ${suffix}`
  const programEn = `Helsinki spring exchange ${suffix}`
  const today = shanghaiDate(new Date())
  const closes = addDays(today, 21)

  await login(page, 'admin@demo.edu.cn')
  await expect(page).toHaveURL('/admin')
  await page
    .getByTestId('admin-sections')
    .getByRole('link', { name: zh('adminConfig.partners.title') })
    .click()
  await page.getByRole('link', { name: zh('adminConfig.partners.new') }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('adminConfig.partners.new'))

  // A mistyped country code is refused next to the field, in Chinese, and the form keeps the input.
  await field(page, zh('adminConfig.field.nameZh')).fill(partnerZh)
  await field(page, zh('adminConfig.field.nameEn')).fill(partnerEn)
  await field(page, zh('adminConfig.field.countryCode')).fill('FX1')
  await field(page, zh('adminConfig.field.countryZh')).fill('芬兰')
  await field(page, zh('adminConfig.field.countryEn')).fill('Finland')
  await field(page, zh('catalogue.region')).selectOption({ label: zh('region.europe') })
  await field(page, zh('catalogue.tier')).selectOption({ label: zh('tier.close') })
  await page.getByRole('button', { name: zh('adminConfig.save') }).click()
  await expect(page.getByText(zh('adminConfig.error.countryCode'))).toBeVisible()
  await expect(field(page, zh('adminConfig.field.nameZh'))).toHaveValue(partnerZh)

  await field(page, zh('adminConfig.field.countryCode')).fill('fi')
  await page.getByRole('button', { name: zh('adminConfig.save') }).click()
  await expect(page.getByRole('status')).toHaveText(zh('adminConfig.notice.saved'))
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(partnerZh)
  await expect(field(page, zh('adminConfig.field.countryCode'))).toHaveValue('FI')

  // Its agreement: dates in the wrong order are refused next to the field; places out per year.
  await page.getByRole('link', { name: zh('agreements.new') }).click()
  await field(page, zh('agreements.startsOn')).fill('2025-09-01')
  await field(page, zh('agreements.endsOn')).fill('2025-08-01')
  await page.getByRole('button', { name: zh('adminConfig.save') }).click()
  await expect(page.getByText(zh('adminConfig.error.agreementEnd'))).toBeVisible()
  await field(page, zh('agreements.endsOn')).fill('2030-08-31')
  await field(page, zh('agreements.placesOut')).fill('4')
  await page.getByRole('button', { name: zh('adminConfig.save') }).click()
  await expect(page.getByRole('status')).toHaveText(zh('adminConfig.notice.saved'))
  await page.getByRole('link', { name: zh('adminConfig.backToList') }).click()
  await expect(page.getByTestId('partner-agreements')).toContainText(zh('agreements.type.exchange'))
  await expect(page.getByTestId('exchange-balance')).toContainText('4')

  // The partner is in the list, found by search.
  await page.getByRole('link', { name: zh('adminConfig.backToList') }).click()
  await page.getByRole('search').getByRole('searchbox').fill(suffix)
  await page
    .getByRole('search')
    .getByRole('button', { name: zh('adminConfig.searchButton') })
    .click()
  await expect(page.getByTestId('admin-list').getByRole('row')).toHaveCount(2)
  await expect(page.getByTestId('admin-list')).toContainText(partnerZh)
  await expect(page.getByTestId('admin-list')).toContainText('芬兰 (FI)')

  // The program: an exchange at that partner, open from today for three weeks, for undergraduates.
  await page.goto('/admin/programs/new')
  await field(page, zh('adminConfig.field.kind')).selectOption({ label: zh('kind.exchange') })
  await field(page, zh('adminConfig.field.titleZh')).fill(programZh)
  await field(page, zh('adminConfig.field.titleEn')).fill(programEn)
  await field(page, zh('adminConfig.field.descriptionZh')).fill('赴芬兰赫尔辛基大学修读一学期课程。')
  await page.getByRole('checkbox', { name: zh('level.undergraduate') }).check()
  await field(page, zh('adminConfig.field.quota')).fill('4')
  await field(page, zh('adminConfig.field.opensOn')).fill(today)
  await field(page, zh('adminConfig.field.closesOn')).fill(closes)
  await field(page, 'IELTS').fill('6.5')
  // Forgetting the partner of an exchange is caught.
  await page.getByRole('button', { name: zh('adminConfig.save') }).click()
  await expect(page.getByText(zh('adminConfig.error.partnerRequired'))).toBeVisible()
  await field(page, zh('adminConfig.field.partner')).selectOption({ label: `${partnerZh} · 芬兰` })
  await page.getByRole('button', { name: zh('adminConfig.save') }).click()
  await expect(page.getByRole('status')).toHaveText(zh('adminConfig.notice.saved'))
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(programZh)
  await logout(page)

  // An undergraduate with no exchange under way this year (the demo student has one: one
  // application of a kind per year) finds it in the catalogue, with its partner, country and deadline.
  await signUp(page, newStudent({ level: zh('level.undergraduate') }))
  await page.goto('/programs')
  await page.getByRole('searchbox', { name: zh('catalogue.search') }).fill(suffix)
  await page.getByRole('button', { name: zh('catalogue.searchButton') }).click()
  const card = programCard(page, programZh)
  await expect(card).toHaveCount(1)
  await expect(card).toContainText(partnerZh)
  await expect(card).toContainText('芬兰')

  // Its page shows what the administrator entered.
  await page.getByRole('link', { name: programZh, exact: true }).click()
  await expect(page.getByText(zh('program.language', { tests: 'IELTS 6.5' }))).toBeVisible()
  await expect(page.getByText(zh('program.levelsAllowed', { levels: zh('level.undergraduate') }))).toBeVisible()
  await expect(page.getByText('赴芬兰赫尔辛基大学修读一学期课程。')).toBeVisible()
  await expect(page.getByTestId('places-left')).toHaveText('4')
  await page.goBack()
  await openAndApply(page, programZh)
  await field(page, zh('application.field.motivation')).fill('希望在芬兰学习教育学与设计课程。')
  // The form saves itself a moment after typing stops; then "Save draft" saves it again.
  await expect(page.getByTestId('save-status')).toContainText(zh('app.autosaved', { time: '|' }).split('|')[0])
  await saveDraft(page)
  await page.reload()
  await expect(field(page, zh('application.field.motivation'))).toHaveValue('希望在芬兰学习教育学与设计课程。')
  await expectOnStudentHome(page, programZh, zh('status.draft'))
})
