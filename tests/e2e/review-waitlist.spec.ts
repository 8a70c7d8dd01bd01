import { waitForEmail } from '../support/mail-catcher'
import { expect, login, MAIL_CATCHER_URL, test, zh } from './fixtures'
import { db, decide, makeApplication, makeProgram, statusOf } from './review-helpers'

// Quota 1, two endorsed applications: the office approves one and waitlists the other; when the
// approved student withdraws, the waitlisted one moves up to approved and is told by email.
test('waitlist and promotion: the approved student withdraws, the waitlisted one is approved and emailed', async ({ page, newContext }) => {
  test.slow()
  const program = await makeProgram({ quota: 1 })
  const first = await makeApplication({ programId: program.id, status: 'college_endorsed' })
  const second = await makeApplication({ programId: program.id, status: 'college_endorsed' })

  await login(page, 'office@demo.edu.cn')
  await page.goto(`/review/${first.application.id}`)
  await expect(page.getByTestId('quota')).toHaveText(zh('rv.quota', { taken: 0, quota: 1 }))
  await decide(page, 'office_approve', 'approved')
  await expect(
    await waitForEmail(MAIL_CATCHER_URL, { to: first.student.email, subjectIncludes: program.titleZh, timeoutMs: 15_000 }),
  ).toMatchObject({
    subject: zh('email.approved.subject', { program: program.titleZh }),
  })

  await page.goto(`/review/${second.application.id}`)
  await expect(page.getByTestId('quota')).toHaveText(zh('rv.quota', { taken: 1, quota: 1 }))
  await decide(page, 'office_waitlist', 'waitlisted')
  const waitlisted = await waitForEmail(MAIL_CATCHER_URL, { to: second.student.email, subjectIncludes: program.titleZh, timeoutMs: 15_000 })
  expect(waitlisted.subject).toBe(zh('email.waitlisted.subject', { program: program.titleZh }))

  // The approved student withdraws through their application page.
  const student = await (await newContext()).newPage()
  await login(student, first.student.email)
  await student.goto(`/student/applications/${first.application.id}`)
  await expect(student.getByTestId('application-status')).toHaveText(zh('status.approved'))
  const withdraw = student.locator('details.withdraw')
  await withdraw.getByText(zh('app.withdraw')).first().click()
  await withdraw.getByLabel(zh('app.withdrawReason')).fill('已获得其他项目录取')
  await withdraw.getByRole('button', { name: zh('app.withdraw') }).click()
  await expect(student).toHaveURL(`/student/applications/${first.application.id}?withdrawn=1`)
  await expect(student.getByTestId('application-status')).toHaveText(zh('status.withdrawn'))

  // The freed place goes to the waitlisted application (no fund: straight to approved), by the system.
  await expect.poll(() => statusOf(second.application.id)).toBe('approved')
  const approved = await waitForEmail(MAIL_CATCHER_URL, {
    to: second.student.email,
    subjectIncludes: zh('email.approved.subject', { program: program.titleZh }),
    timeoutMs: 15_000,
  })
  expect(approved.text).toContain(zh('email.approved.body', { program: program.titleZh }))

  await page.reload()
  await expect(page.getByTestId('application-status')).toHaveText(zh('status.approved'))
  await expect(page.getByTestId('quota')).toHaveText(zh('rv.quota', { taken: 1, quota: 1 }))
  const promotion = page
    .getByTestId('audit-trail')
    .locator('tr')
    .filter({ hasText: zh('audit.application.promote_from_waitlist') })
  await expect(promotion).toContainText(`${zh('status.waitlisted')} → ${zh('status.approved')}`)
  await expect(promotion).toContainText(zh('rv.someone')) // by the system, not a person
  const events = await db().auditEvent.findMany({
    where: { applicationId: second.application.id, action: 'application.promote_from_waitlist' },
  })
  expect(events).toHaveLength(1)
  expect(events[0].actorId).toBeNull()
})
