import ExcelJS from 'exceljs'
import { formatFen } from '../../app/domain/money'
import { expect, login, test, usePhone, zh } from './fixtures'
import { db, makeApplication, makeProgram, uniqueTag } from './review-helpers'

// The finance officer reads the year's funds, looks at an older year, drills down from a figure to
// the awards behind it and downloads the workbook. The figures' arithmetic is checked to the fen in
// tests/integration/finance-dashboard.test.ts; here the page, the links and the download.

const OLD_YEAR = '2015-2016'

/** A fund of an old year (which no other journey touches) with one paid award of ¥1,234.56. */
async function paidAwardInOldYear() {
  const tag = uniqueTag()
  const fund = await db().fund.create({
    data: {
      academicYear: OLD_YEAR,
      nameZh: `旧学年经费${tag}`,
      nameEn: `Old fund ${tag}`,
      purpose: 'other',
      budgetFen: 10_000_00n,
      kinds: ['exchange'],
    },
  })
  const program = await makeProgram({ academicYear: OLD_YEAR, fundId: fund.id })
  const { student, application } = await makeApplication({ programId: program.id, status: 'completed', name: `经费学生${tag}` })
  await db().award.create({
    data: {
      applicationId: application.id,
      fundId: fund.id,
      collegeId: application.collegeId,
      status: 'paid',
      requestedFen: 1_500_00,
      approvedFen: 1_500_00,
      paidFen: 1_234_56,
      releasedFen: 265_44,
      voucherNumber: `V${tag}`,
      paidAt: new Date(),
    },
  })
  return { fund, student }
}

test('finance sees the funds, changes the year, drills down from a figure and downloads the workbook', async ({ page }) => {
  const { fund, student } = await paidAwardInOldYear()
  await usePhone(page)
  await login(page, 'finance@demo.edu.cn')
  await expect(page).toHaveURL('/finance')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('finance.home.title'))

  // The seeded funds of this year, each with its figures and budget bar.
  const joint = page.getByTestId('fund').filter({ has: page.getByRole('heading', { name: '研究生国际联合培养专项经费' }) })
  await expect(joint).toBeVisible()
  await expect(joint.getByRole('link', { name: formatFen(8_000_000_00, 'zh-CN') }).first()).toBeVisible()
  await expect(joint.getByRole('img', { name: /已支付/ })).toBeVisible()

  // Another year: only its funds.
  await page.getByLabel(zh('financeDashboard.year')).selectOption(OLD_YEAR)
  await page.getByRole('button', { name: zh('financeDashboard.show') }).click()
  await expect(page).toHaveURL(`/finance?year=${OLD_YEAR}`)
  await expect(joint).toHaveCount(0)
  const old = page.getByTestId('fund').filter({ has: page.getByRole('heading', { name: fund.nameZh }) })
  await expect(old).toContainText(formatFen(1_234_56, 'zh-CN'))

  // The paid figure leads to the award behind it, and the list's total is that figure.
  await old
    .locator('dl')
    .getByRole('link', { name: formatFen(1_234_56, 'zh-CN') })
    .click()
  await expect(page).toHaveURL(new RegExp(`/finance/awards\\?year=${OLD_YEAR}&fund=${fund.id}&view=paid$`))
  await expect(page.getByTestId('figure')).toHaveText(formatFen(1_234_56, 'zh-CN'))
  const rows = page.getByTestId('awards').locator('tbody tr')
  await expect(rows).toHaveCount(1)
  await expect(rows).toContainText(student.nameZh)
  await expect(rows).toContainText(zh('financeDashboard.awardStatus.paid'))

  // The year's workbook, named after the year.
  await page.goto(`/finance?year=${OLD_YEAR}`)
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: zh('financeDashboard.export.xlsx') }).click(),
  ])
  expect(download.suggestedFilename()).toBe(`finance-${OLD_YEAR}.xlsx`)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(await download.path())
  const awards = workbook.getWorksheet(zh('financeDashboard.sheet.awards'))!
  const row = (awards.getSheetValues() as ExcelJS.CellValue[][]).find((r) => r?.[3] === student.nameZh)
  expect(row?.[10]).toBe(1234.56)
})
