import { formatDateTime } from '../../app/i18n'
import { expect, login, test, zh } from './fixtures'
import { db, decide, fillDecision, makeApplication, makeOfficeReviewer, makeProgram, uniqueTag } from './review-helpers'

// Two office reviewers with the same application open: the first decision wins, the second is
// refused with what changed, by whom and when.
test('stale view: the second reviewer is told who decided what and when, and nothing changes twice', async ({
  page,
  newContext,
  allowConsoleErrors,
}) => {
  allowConsoleErrors(/status of 409/) // the refused decision answers 409 Conflict
  const program = await makeProgram()
  const { application } = await makeApplication({ programId: program.id, status: 'college_endorsed' })
  const colleague = await makeOfficeReviewer(`国际处测试${uniqueTag()}`)

  await login(page, 'office@demo.edu.cn')
  await page.goto(`/review/${application.id}`)
  const other = await (await newContext()).newPage()
  await login(other, colleague.email)
  await other.goto(`/review/${application.id}`)
  for (const p of [page, other]) await expect(p.getByTestId('application-status')).toHaveText(zh('status.college_endorsed'))

  await decide(page, 'office_approve', 'approved')

  await fillDecision(other, 'office_waitlist')
  const event = await db().auditEvent.findFirstOrThrow({ where: { applicationId: application.id, action: 'application.office_approve' } })
  await expect(other.getByTestId('decision-error')).toHaveText(
    zh('rv.error.stale', {
      who: '国际处刘老师',
      time: formatDateTime('zh-CN', event.at),
      action: zh('audit.application.office_approve'),
      status: zh('status.approved'),
    }),
  )
  await expect(other.getByTestId('application-status')).toHaveText(zh('status.approved'))

  const stored = await db().application.findUniqueOrThrow({ where: { id: application.id } })
  expect(stored.status).toBe('approved')
  expect(stored.version).toBe(application.version + 1)
  const decisions = await db().auditEvent.findMany({
    where: { applicationId: application.id, action: { startsWith: 'application.office_' } },
  })
  expect(decisions.map((e) => e.action)).toEqual(['application.office_approve'])
})

// The same, clicked at the same moment: exactly one decision is taken.
test('two reviewers deciding at once: exactly one succeeds', async ({ page, newContext, allowConsoleErrors }) => {
  allowConsoleErrors(/status of 409/) // the refused decision answers 409 Conflict
  const program = await makeProgram()
  const { application } = await makeApplication({ programId: program.id, status: 'college_endorsed' })
  const colleague = await makeOfficeReviewer(`国际处测试${uniqueTag()}`)

  await login(page, 'office@demo.edu.cn')
  await page.goto(`/review/${application.id}`)
  const other = await (await newContext()).newPage()
  await login(other, colleague.email)
  await other.goto(`/review/${application.id}`)

  const answers = [page, other].map((p) =>
    p.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.startsWith(`/review/${application.id}`)),
  )
  await Promise.all([fillDecision(page, 'office_approve'), fillDecision(other, 'office_reject', { reason: '名额有限' })])
  const statuses = (await Promise.all(answers)).map((r) => r.status()).sort()
  expect(statuses).toEqual([200, 409])

  const stored = await db().application.findUniqueOrThrow({ where: { id: application.id } })
  expect(['approved', 'rejected']).toContain(stored.status)
  expect(stored.version).toBe(application.version + 1)
  expect(await db().auditEvent.count({ where: { applicationId: application.id, action: { startsWith: 'application.office_' } } })).toBe(1)
  for (const p of [page, other]) await expect(p.locator('#decision').locator('[role=status], [data-testid=decision-error]')).toBeVisible()
  const shown = [await page.getByTestId('decision-error').count(), await other.getByTestId('decision-error').count()].sort()
  expect(shown).toEqual([0, 1])
})
