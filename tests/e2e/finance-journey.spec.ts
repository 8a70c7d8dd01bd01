// The money journey: the office approves a conference application, finance confirms a changed
// amount, the student's email names it, the student reports back with a receipt, finance pays
// what was spent and the fund's figures move.
import { createApplication, createFund, createProgram, createStudent } from '../factories'
import { pdf } from '../support/files'
import { waitForEmail } from '../support/mail-catcher'
import { expect, login, logout, MAIL_CATCHER_URL, test, zh } from './fixtures'
import { collegeId, db, decide, uniqueTag } from './review-helpers'
import { pdfFile } from './student-journey'

const YEAR = '2015-2016' // a year of its own: the seeded funds' figures stay as they are

test('conference funding from approval to payment', async ({ page, allowConsoleErrors }) => {
  allowConsoleErrors(/status of 409 \(Conflict\)/, /status of 400 \(Bad Request\)/) // the tampered forms' refusals
  const tag = uniqueTag()
  const fund = await createFund(db(), {
    academicYear: YEAR,
    nameZh: `会议经费${tag}`,
    nameEn: `Conference fund ${tag}`,
    budgetFen: 5_000_000n,
  })
  const program = await createProgram(db(), {
    kind: 'conference',
    academicYear: YEAR,
    fundId: fund.id,
    quota: null,
    levels: ['master'],
    titleZh: `会议资助${tag}`,
  })
  const email = `money.${tag.toLowerCase()}@example.edu.cn`
  const student = await createStudent(db(), {
    email,
    studentNumber: `M${tag}`.slice(0, 20),
    collegeId: await collegeId('CS'),
    level: 'master',
    nameZh: `经费学生${tag}`,
  })
  const application = await createApplication(db(), {
    applicantId: student.id,
    programId: program.id,
    status: 'college_endorsed',
    submittedAt: new Date(),
    requestedFen: 1_200_000,
    details: {
      kind: 'conference',
      programId: program.id,
      passportNumber: 'E12345678',
      passportExpiry: '2031-06-30',
      conferenceName: 'NeurIPS',
      organiser: 'NeurIPS Foundation',
      city: 'Vancouver',
      country: 'Canada',
      startDate: '2016-05-06',
      endDate: '2016-05-10',
      website: 'https://neurips.cc',
      paperTitle: 'Sparse attention',
      authors: '经费学生',
      acceptanceStatus: 'accepted',
      presentationType: 'oral',
      budget: { airfare: 900_000, registration: 300_000 },
    },
  })

  // The office approves: the application waits for finance with a proposal from its budget lines.
  await login(page, 'office@demo.edu.cn')
  await page.goto(`/review/${application.id}`)
  await decide(page, 'office_approve', 'funding_check')
  await logout(page)

  // Finance cuts the airfare and confirms.
  await login(page, 'finance@demo.edu.cn')
  await page.goto('/finance/queue')
  const row = page
    .getByTestId('finance-queue')
    .getByRole('row')
    .filter({ hasText: `经费学生${tag}` })
  await expect(row).toContainText('¥12,000.00')
  await expect(row).toContainText(zh('finance.flag.missingQuote'))
  await row.getByRole('link', { name: zh('finance.queue.open') }).click()
  await expect(page.getByTestId('fund-remaining')).toHaveText('¥50,000.00')
  // A form whose hidden inputs were tampered with (or are out of date) is refused with a message one can see.
  // (The stale version last: its refusal reloads the page's data, which would put the inputs back.)
  // The forms are tampered with on their way to the server: a hidden input changed in the page
  // would be put back by React's next render of its form, maybe before the post is made.
  const tampered = async (from: RegExp, to: string, submit: () => Promise<void>) => {
    await page.route('**/finance/awards/**', (route) =>
      route.request().method() === 'POST'
        ? route.continue({ postData: (route.request().postData() ?? '').replace(from, to) })
        : route.continue(),
    )
    await submit()
  }
  await tampered(/intent=return/, 'intent=delete', () =>
    page.getByRole('button', { name: zh('finance.award.return'), exact: true }).click(),
  )
  await expect(page.getByRole('alert').filter({ hasText: zh('finance.award.unknownForm') })).toBeVisible()
  await page.unroute('**/finance/awards/**')
  await tampered(/version=\d+/, 'version=stale', () => page.getByRole('button', { name: zh('finance.award.confirm') }).click())
  await expect(page.locator('#confirm-award').getByRole('alert')).toHaveText(zh('finance.award.stale'))
  await page.unroute('**/finance/awards/**')
  await expect(page.getByTestId('award-status')).toHaveText(zh('finance.award.status.proposed'))
  await page.reload()
  await page.getByLabel(zh('application.field.budget.airfare')).fill('7500')
  await page.getByRole('button', { name: zh('finance.award.confirm') }).click()
  await expect(page.getByRole('status')).toContainText(zh('finance.award.confirmed', { amount: '¥10,500.00' }))
  await expect(page.getByTestId('award-status')).toHaveText(zh('finance.award.status.committed'))
  const awardUrl = page.url()
  await logout(page)

  // The student hears the amount.
  const mail = await waitForEmail(MAIL_CATCHER_URL, { to: email, subjectIncludes: program.titleZh, timeoutMs: 15_000 })
  expect(mail.text).toContain('¥10,500.00')

  // Back home: a receipt, what was spent, the report.
  await login(page, email)
  await page.goto(`/student/applications/${application.id}`)
  await page.getByRole('link', { name: zh('report.link') }).click()
  await expect(page.getByTestId('award-amount')).toHaveText(zh('report.award', { amount: '¥10,500.00' }))
  await page.locator('#documents-receipt input[type=file]').setInputFiles(pdfFile('登机牌与发票.pdf', pdf({ text: 'Receipt' })))
  await expect(page.getByRole('link', { name: '登机牌与发票.pdf' })).toBeVisible()
  await page.getByLabel(zh('report.summary')).fill('在会上做了口头报告，并与合作者讨论了后续研究。')
  await page.getByLabel(zh('application.field.budget.airfare')).fill('7200')
  await page.getByLabel(zh('application.field.budget.registration')).fill('3000')
  await page.getByRole('button', { name: zh('report.submit') }).click()
  await expect(page.getByRole('status')).toHaveText(zh('report.submitted'))
  await logout(page)

  // Finance pays what was spent; the rest goes back to the fund.
  await login(page, 'finance@demo.edu.cn')
  await page.goto(awardUrl)
  await expect(page.getByRole('link', { name: '登机牌与发票.pdf' })).toBeVisible()
  await expect(page.getByLabel(zh('finance.award.paidAmount'))).toHaveValue('10200.00')
  await page.getByLabel(zh('finance.award.voucher')).fill(`PZ-${tag}`)
  await page.getByRole('button', { name: zh('finance.award.pay') }).click()
  await expect(page.getByTestId('award-status')).toHaveText(zh('finance.award.status.paid'))

  await page.goto(`/finance?year=${YEAR}`)
  const card = page.getByTestId('fund').filter({ hasText: `会议经费${tag}` })
  await expect(card.getByRole('definition').nth(2)).toHaveText('¥10,200.00') // paid
  await expect(card.getByRole('definition').nth(3)).toHaveText('¥300.00') // released
  await expect(card.getByRole('definition').nth(4)).toHaveText('¥39,800.00') // remaining
})
