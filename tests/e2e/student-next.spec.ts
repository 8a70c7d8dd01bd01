import { expect, newStudent, signUp, test, zh } from './fixtures'
import { MSU } from './review-helpers'
import { field, openAndApply } from './student-journey'

// A student who types an answer and goes straight on to "Next", before the autosave's pause is
// over, finds it saved on the page that checks everything before submitting.
test('"Next" saves what was just typed before opening the check-and-submit page', async ({ page }) => {
  await signUp(page, newStudent({ level: zh('level.master') }))
  await page.goto('/programs')
  const applicationId = await openAndApply(page, MSU.zh)
  await field(page, zh('application.field.hostDepartment')).fill('Faculty of Physics')
  await page.getByRole('button', { name: zh('app.next') }).click()
  await expect(page).toHaveURL(`/student/applications/${applicationId}/submit`)
  await expect(page.getByRole('main')).toContainText('Faculty of Physics')
})
