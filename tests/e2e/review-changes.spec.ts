import { pdf } from '../support/files'
import { waitForEmail } from '../support/mail-catcher'
import { expect, login, MAIL_CATCHER_URL, newStudent, signUp, test, zh } from './fixtures'
import { db, decide, fillDecision, MSU, queueRow, searchQueue, submitJointTraining, uniqueTag } from './review-helpers'
import { field, pdfFile, saveDraft, submitFromApplicationPage, widget } from './student-journey'

// The request-changes loop: the college names one answer and one document, the student sees
// exactly those on the application page and in the email, changes them, resubmits, and the
// college has the application back as submitted.
test('request changes: one answer and one document named, shown and emailed, changed, resubmitted, back with the college', async ({
  page,
  newContext,
  allowConsoleErrors,
}) => {
  allowConsoleErrors(/status of 400/) // the incomplete request for changes is answered 400
  test.slow() // sign-up, seven uploads, two people
  const student = await signUp(page, newStudent({ nameZh: `修改${uniqueTag()}`, level: zh('level.master') }))
  const applicationId = await submitJointTraining(page)

  const college = await (await newContext()).newPage()
  await login(college, 'reviewer.cs@demo.edu.cn')
  await college.goto(`/review/${applicationId}`)
  await expect(college.getByTestId('application-status')).toHaveText(zh('status.submitted'))

  // A request for changes must name something: the reason alone is refused.
  await fillDecision(college, 'college_request_changes', { reason: '请补充信息' })
  await expect(college.getByTestId('decision-error')).toHaveText(zh('rv.error.invalid'))
  await expect(college.getByTestId('application-status')).toHaveText(zh('status.submitted'))

  const reason = '外方导师邮箱应为机构邮箱，邀请函缺少签字。'
  await decide(college, 'college_request_changes', 'changes_requested', {
    reason,
    fields: ['hostSupervisorEmail'],
    documents: ['invitation_letter'],
  })
  await expect(college.getByTestId('audit-trail')).toContainText(reason)

  // The student sees exactly the two items on the application page…
  const emailLabel = zh('application.field.hostSupervisorEmail')
  const invitation = zh('documents.kind.invitation_letter')
  await page.reload()
  await expect(page.getByTestId('application-status')).toHaveText(zh('status.changes_requested'))
  const requested = page.getByTestId('requested-changes')
  await expect(requested.locator('li')).toHaveText([
    zh('app.changesFields', { fields: emailLabel }),
    zh('app.changesDocuments', { documents: invitation }),
  ])
  await expect(page.getByTestId('timeline')).toContainText(reason)

  // …and in the email, in Chinese, with the reason.
  const subject = zh('email.changes.subject', { program: MSU.zh })
  const email = await waitForEmail(MAIL_CATCHER_URL, { to: student.email, subjectIncludes: subject, timeoutMs: 15_000 })
  expect(email.subject).toBe(zh('email.changes.subject', { program: MSU.zh }))
  expect(email.text).toContain(reason)
  expect(email.text).toContain(zh('email.changes.fields'))
  expect(email.text).toContain(emailLabel)
  expect(email.text).toContain(zh('email.changes.documents'))
  expect(email.text).toContain(invitation)
  for (const other of ['hostSupervisorName', 'researchPlan', 'passportNumber'] as const) {
    expect(email.text).not.toContain(zh(`application.field.${other}`))
  }
  expect(email.text).not.toContain(zh('documents.kind.passport'))

  // Only what was named is open: the other answers are read-only (a choice disabled), and only
  // the named document takes a new file.
  await expect(field(page, emailLabel)).toBeEditable()
  await expect(field(page, zh('application.field.hostSupervisorName'))).not.toBeEditable()
  await expect(field(page, zh('application.field.fundingSource'))).toBeDisabled()
  await expect(widget(page, 'passport').locator('input[type=file]')).toHaveCount(0)
  await expect(widget(page, 'invitation_letter').locator('input[type=file]')).toHaveCount(1)

  // The student changes the answer, replaces the document and resubmits.
  await field(page, emailLabel).fill('i.petrov@msu.ru')
  await saveDraft(page)
  const signed = pdfFile('invitation-signed.pdf', pdf({ text: 'Invitation from MSU, signed' }))
  // A new file replaces the current one (the old version is kept, but no longer listed).
  await widget(page, 'invitation_letter').locator('input[type=file]').setInputFiles(signed)
  await expect(widget(page, 'invitation_letter').getByRole('link', { name: signed.name, exact: true })).toBeVisible()
  await expect(widget(page, 'invitation_letter').getByRole('link', { name: 'invitation.pdf', exact: true })).toHaveCount(0)
  await submitFromApplicationPage(page)
  await expect(page.getByTestId('timeline')).toContainText(zh('timeline.application.resubmit'))

  // Back with the college as submitted, with the new answer and document.
  await college.reload()
  await expect(college.getByTestId('application-status')).toHaveText(zh('status.submitted'))
  await expect(college.getByTestId('audit-trail')).toContainText(zh('audit.application.resubmit'))
  await expect(college.getByText('i.petrov@msu.ru')).toBeVisible()
  // The document's line (its preview's link, inside the closed preview, repeats the name).
  await expect(college.getByText('invitation-signed.pdf').first()).toBeVisible()
  await searchQueue(college, '/college', student.nameZh, 'submitted')
  await expect(queueRow(college, applicationId).locator('.badge')).toHaveText(zh('status.submitted'))

  const stored = await db().application.findUniqueOrThrow({ where: { id: applicationId }, include: { documents: true } })
  expect((stored.details as { hostSupervisorEmail: string }).hostSupervisorEmail).toBe('i.petrov@msu.ru')
  const letters = stored.documents.filter((d) => d.kind === 'invitation_letter')
  expect(letters.map((d) => [d.originalName, d.supersededAt === null]).sort()).toEqual([
    ['invitation-signed.pdf', true],
    ['invitation.pdf', false],
  ])
})
