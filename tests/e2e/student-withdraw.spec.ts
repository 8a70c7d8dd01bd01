import { expect, signUp, test, zh } from './fixtures'
import { applyFromCatalogue, expectOnStudentHome, field } from './student-journey'

const TUM = '慕尼黑工业大学 2027 春季学期交换'

test('a student withdraws an application, gives a reason, and sees 已撤回 everywhere', async ({ page }) => {
  await signUp(page)
  const applicationId = await applyFromCatalogue(page, TUM)
  await field(page, zh('application.field.motivation')).fill('先保存一部分')
  await page.getByRole('button', { name: zh('app.save') }).click()
  await expect(page.getByTestId('save-status')).toHaveText(/\d/)

  const withdraw = page.locator('details.withdraw')
  await withdraw.getByText(zh('app.withdraw')).first().click() // opens the <details>
  await expect(withdraw.getByText(zh('app.withdrawConfirm'))).toBeVisible()
  await withdraw.getByLabel(zh('app.withdrawReason')).fill('已决定申请其他项目')
  await withdraw.getByRole('button', { name: zh('app.withdraw') }).click()

  await expect(page).toHaveURL(`/student/applications/${applicationId}?withdrawn=1`)
  await expect(page.getByTestId('application-status')).toHaveText(zh('status.withdrawn'))
  await expect(page.getByRole('status').filter({ hasText: zh('app.withdrawn') })).toBeVisible()
  const step = page
    .getByTestId('timeline')
    .locator('li')
    .filter({ hasText: zh('timeline.application.withdraw') })
  await expect(step).toContainText(zh('status.withdrawn'))
  await expect(step).toContainText('已决定申请其他项目')
  // Nothing left to change or withdraw.
  await expect(page.getByRole('button', { name: zh('app.save') })).toHaveCount(0)
  await expect(page.locator('input[type=file]')).toHaveCount(0)
  await expect(page.locator('details.withdraw')).toHaveCount(0)
  await expect(page.getByRole('button', { name: zh('app.next') })).toHaveCount(0)

  await expectOnStudentHome(page, TUM, zh('status.withdrawn'))

  // The program may be applied for again: a withdrawn application does not block it.
  await page.goto('/programs')
  await page.getByRole('link', { name: TUM, exact: true }).click()
  await expect(page.getByRole('button', { name: zh('program.apply') })).toBeVisible()
})
