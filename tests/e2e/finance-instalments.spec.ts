// Finance as finance offices work (issue 19): a joint-training stipend paid in quarterly
// instalments and closed early by a withdrawal; the same month in the fiscal and the academic
// view; a co-funded mobility's cost on the policy dashboard; a conference reimbursed from a
// receipt in dollars at the imported central parity.
import { createApplication, createFund, createPartner, createProgram, createStudent } from '../factories'
import { expect, login, logout, test, zh } from './fixtures'
import { collegeId, db, decide, uniqueTag } from './review-helpers'

const YEAR = '2014-2015' // a year of its own: the academic view shows this journey's money only
const CONFERENCE_YEAR = '2013-2014'

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)

test('a joint-training stipend in four instalments, closed early by a withdrawal; both years’ views; cost per mobility', async ({
  page,
}) => {
  const tag = uniqueTag()
  const partner = await createPartner(db(), { region: 'europe' })
  const fund = await createFund(db(), {
    academicYear: YEAR,
    kinds: ['joint_training'],
    purpose: 'joint_training_fund',
    nameZh: `联培经费${tag}`,
    nameEn: `Joint training fund ${tag}`,
    budgetFen: 50_000_000n,
    stipendRules: { monthlyFenByRegion: { europe: 1_000_000 }, instalments: 'quarterly' },
  })
  const program = await createProgram(db(), {
    kind: 'joint_training',
    academicYear: YEAR,
    partnerId: partner.id,
    fundId: fund.id,
    quota: null,
    levels: ['doctoral'],
    titleZh: `联合培养${tag}`,
  })
  const email = `stipend.${tag.toLowerCase()}@example.edu.cn`
  const student = await createStudent(db(), {
    email,
    studentNumber: `D${tag}`.slice(0, 20),
    collegeId: await collegeId('CS'),
    level: 'doctoral',
    nameZh: `联培学生${tag}`,
  })
  const application = await createApplication(db(), {
    applicantId: student.id,
    programId: program.id,
    status: 'college_endorsed',
    submittedAt: new Date(),
    details: { kind: 'joint_training', programId: program.id, startDate: '2027-01-01', endDate: '2027-12-31', fundingSource: 'university' },
  })

  await login(page, 'office@demo.edu.cn')
  await page.goto(`/review/${application.id}`)
  await decide(page, 'office_approve', 'funding_check')
  await logout(page)

  // Finance confirms ¥120,000: the schedule is four quarterly instalments of ¥30,000.
  await login(page, 'finance@demo.edu.cn')
  const award = await db().award.findFirstOrThrow({ where: { applicationId: application.id } })
  await page.goto(`/finance/awards/${award.id}`)
  await expect(page.getByLabel(zh('finance.line.stipend'))).toHaveValue('120000.00')
  await page.getByRole('button', { name: zh('finance.award.confirm') }).click()
  await expect(page.getByTestId('award-status')).toHaveText(zh('finance.award.status.committed'))
  const schedule = page.getByTestId('schedule')
  for (const [seq, due] of [
    [1, '2027-01-01'],
    [2, '2027-04-01'],
    [3, '2027-07-01'],
    [4, '2027-10-01'],
  ] as const) {
    await expect(schedule.getByTestId(`instalment-${seq}`)).toContainText(due)
    await expect(schedule.getByTestId(`instalment-${seq}`)).toContainText('¥30,000.00')
  }

  // Two instalments paid, each with its voucher.
  for (const seq of [1, 2]) {
    const pay = page.getByRole('form', { name: zh('instalment.payLabel', { seq }) })
    await pay.getByLabel(zh('finance.award.voucher')).fill(`PZ-${tag}-${seq}`)
    await pay.getByRole('button', { name: zh('instalment.pay') }).click()
    await expect(page.getByRole('status')).toHaveText(zh('instalment.paidDone'))
    await expect(schedule.getByTestId(`instalment-${seq}`)).toContainText(`PZ-${tag}-${seq}`)
  }
  await expect(page.getByTestId('schedule-figures')).toHaveText(
    zh('instalment.figures', { approved: '¥120,000.00', paid: '¥60,000.00', committed: '¥60,000.00', released: '¥0.00' }),
  )

  // The China Scholarship Council pays ¥60,000 too.
  const coFunding = page.getByTestId('co-funding')
  await coFunding.getByLabel(zh('cofunding.amount')).fill('60000')
  await coFunding.getByRole('button', { name: zh('cofunding.add') }).click()
  await expect(page.getByRole('status')).toHaveText(zh('cofunding.added', { amount: '¥60,000.00' }))
  await logout(page)

  // The student withdraws: the schedule stops, what is unpaid goes back to the fund.
  await login(page, email)
  await page.goto(`/student/applications/${application.id}`)
  const withdraw = page.locator('details.withdraw')
  await withdraw.getByText(zh('app.withdraw')).first().click()
  await withdraw.getByLabel(zh('app.withdrawReason')).fill('提前回国')
  await withdraw.getByRole('button', { name: zh('app.withdraw') }).click()
  await expect(page.getByTestId('application-status')).toHaveText(zh('status.withdrawn'))
  await logout(page)

  await login(page, 'finance@demo.edu.cn')
  await page.goto(`/finance/awards/${award.id}`)
  await expect(page.getByTestId('award-status')).toHaveText(zh('finance.award.status.released'))
  for (const [seq, status] of [
    [1, 'paid'],
    [2, 'paid'],
    [3, 'stopped'],
    [4, 'stopped'],
  ] as const) {
    await expect(page.getByTestId(`instalment-${seq}`)).toContainText(zh(`instalment.status.${status}`))
  }
  await expect(page.getByTestId('schedule-figures')).toHaveText(
    zh('instalment.figures', { approved: '¥120,000.00', paid: '¥60,000.00', committed: '¥0.00', released: '¥60,000.00' }),
  )

  // The same month in the academic view (this fund's year) and in the fiscal view (this fund's line).
  const month = today().slice(0, 7)
  await page.goto(`/finance?year=${YEAR}`)
  await expect(page.getByTestId(`month-${month}`)).toContainText('¥60,000.00')
  await page.getByRole('link', { name: zh('fiscal.link') }).click()
  const line = page
    .getByTestId('fiscal-funds')
    .getByRole('row')
    .filter({ hasText: `联培经费${tag}` })
  // carried in, committed, paid, released, open at year end
  await expect(line.getByRole('cell').nth(2)).toHaveText('¥0.00')
  await expect(line.getByRole('cell').nth(3)).toHaveText('¥120,000.00')
  await expect(line.getByRole('cell').nth(4)).toHaveText('¥60,000.00')
  await expect(line.getByRole('cell').nth(5)).toHaveText('¥60,000.00')
  await expect(line.getByRole('cell').nth(6)).toHaveText('¥0.00')
  await logout(page)

  // The policy dashboard: one joint-training mobility of this college, ¥120,000 in all, half of it the university's.
  await login(page, 'office@demo.edu.cn')
  await page.goto(`/dashboard?year=${YEAR}`)
  const cost = page
    .getByTestId('cost-per-mobility')
    .getByRole('row')
    .filter({ hasText: zh('kind.joint_training') })
  await expect(cost).toContainText('¥60,000.00')
  await expect(cost).toContainText('¥120,000.00')
  await expect(cost).toContainText('50.0%')
})

test('a conference reimbursed from a receipt in dollars at the imported central parity', async ({ page, allowConsoleErrors }) => {
  allowConsoleErrors(/status of 400 \(Bad Request\)/) // the receipt refused for want of a rate
  const tag = uniqueTag()
  const fund = await createFund(db(), { academicYear: CONFERENCE_YEAR, nameZh: `会议经费${tag}`, budgetFen: 5_000_000n })
  const program = await createProgram(db(), {
    kind: 'conference',
    academicYear: CONFERENCE_YEAR,
    fundId: fund.id,
    quota: null,
    levels: ['master'],
  })
  const student = await createStudent(db(), {
    email: `usd.${tag.toLowerCase()}@example.edu.cn`,
    collegeId: await collegeId('CS'),
    level: 'master',
    nameZh: `会议学生${tag}`,
  })
  const application = await createApplication(db(), {
    applicantId: student.id,
    programId: program.id,
    status: 'college_endorsed',
    submittedAt: new Date(),
    requestedFen: 1_000_000,
    details: {
      kind: 'conference',
      programId: program.id,
      startDate: '2015-05-06',
      endDate: '2015-05-10',
      budget: { registration: 1_000_000 },
    },
  })
  await login(page, 'office@demo.edu.cn')
  await page.goto(`/review/${application.id}`)
  await decide(page, 'office_approve', 'funding_check')
  await logout(page)
  await login(page, 'finance@demo.edu.cn')
  const award = await db().award.findFirstOrThrow({ where: { applicationId: application.id } })
  await page.goto(`/finance/awards/${award.id}`)
  await page.getByRole('button', { name: zh('finance.award.confirm') }).click()
  await expect(page.getByTestId('award-status')).toHaveText(zh('finance.award.status.committed'))
  // Back home, the student reported (the report's own journey is finance-journey.spec.ts).
  await db().returnReport.create({ data: { applicationId: application.id, summary: 'Presented.', actualLines: { registration: 360_000 } } })

  // A receipt of 8 May 2015 in dollars: no rate for that day yet, refused by name.
  await page.reload()
  const receipts = page.getByTestId('foreign-receipts')
  const addReceipt = async () => {
    await receipts.getByLabel(zh('fx.receipt.currency')).fill('USD')
    await receipts.getByLabel(zh('fx.receipt.amount')).fill('500.00')
    await receipts.getByLabel(zh('fx.receipt.receiptOn')).fill('2015-05-08')
    await receipts.getByRole('button', { name: zh('fx.receipt.add') }).click()
  }
  await addReceipt()
  await expect(receipts.getByText(zh('fx.error.noRate', { currency: 'USD', day: '2015-05-08' }))).toBeVisible()

  // Finance imports the central parity table.
  await page.goto('/finance/rates')
  await page.getByLabel(zh('fx.rates.csv')).fill('日期,货币对,中间价\n2015-05-08,USD/CNY,6.1150\n2015-05-08,100JPY/CNY,5.1234')
  await page.getByRole('button', { name: zh('fx.rates.import') }).click()
  await expect(page.getByRole('status')).toHaveText(zh('fx.rates.imported', { count: 2 }))

  // $500.00 at 6.1150 = ¥3,057.50, shown with the original amount, the rate and its day; paid as such.
  await page.goto(`/finance/awards/${award.id}`)
  await addReceipt()
  await expect(page.getByRole('status')).toHaveText(zh('fx.receipt.added', { amount: '¥3,057.50' }))
  const row = page.getByTestId('foreign-receipts').getByRole('row').filter({ hasText: 'USD 500.00' })
  await expect(row).toContainText('1 USD = ¥6.1150')
  await expect(row).toContainText('2015-05-08')
  await expect(row).toContainText('¥3,057.50')
  await expect(page.getByLabel(zh('finance.award.paidAmount'), { exact: true }).last()).toHaveValue('3057.50')
  const payForm = page.locator('#pay-award')
  await payForm.getByLabel(zh('finance.award.voucher')).fill(`PZ-USD-${tag}`)
  await payForm.getByRole('button', { name: zh('finance.award.pay') }).click()
  await expect(page.getByTestId('award-status')).toHaveText(zh('finance.award.status.paid'))
  const paid = await db().award.findUniqueOrThrow({ where: { id: award.id } })
  expect(paid).toMatchObject({ paidFen: 305_750, releasedFen: 1_000_000 - 305_750 })
})
