import { expect, login, test, zh } from './fixtures'
import { collegeId, db, makeApplication, makeProgram, queueRow, searchQueue, statusOf, uniqueTag } from './review-helpers'

// A college reviewer sees and decides on their own college's applications only.
test('the physics reviewer can neither list, open nor decide a computer science application', async ({
  page,
  newContext,
  allowConsoleErrors,
}) => {
  allowConsoleErrors(/status of 404/)
  const program = await makeProgram()
  const name = `范围${uniqueTag()}`
  const { application } = await makeApplication({ programId: program.id, status: 'submitted', college: 'CS', name })

  // Control: the CS reviewer finds it by the same search.
  const cs = await (await newContext()).newPage()
  await login(cs, 'reviewer.cs@demo.edu.cn')
  await searchQueue(cs, '/college', name)
  await expect(queueRow(cs, application.id)).toHaveCount(1)

  await login(page, 'reviewer.phys@demo.edu.cn')
  await expect(page).toHaveURL('/college')
  await searchQueue(page, '/college', name)
  await expect(page.getByTestId('queue-total')).toHaveText(zh('queue.total', { total: 0, page: 1, pages: 1 }))
  await expect(page.locator('tr[data-application-id]')).toHaveCount(0)
  // Asking for the other college in the address changes nothing.
  await page.goto(`/college?status=all&q=${encodeURIComponent(name)}&collegeId=${await collegeId('CS')}`)
  await expect(page.locator('tr[data-application-id]')).toHaveCount(0)

  const opened = await page.goto(`/review/${application.id}`)
  expect(opened?.status()).toBe(404)
  await expect(page.getByTestId('application-status')).toHaveCount(0)
  await expect(page.getByText(name)).toHaveCount(0)

  // A decision posted straight to the route (with the session cookie) is refused and changes nothing.
  for (const command of ['college_endorse', 'college_reject']) {
    const response = await page.request.post(`/review/${application.id}`, {
      form: { intent: 'decide', version: String(application.version), command, reason: '越权' },
    })
    expect(response.status(), command).toBe(404)
  }
  expect(await statusOf(application.id)).toBe('submitted')
  const stored = await db().application.findUniqueOrThrow({ where: { id: application.id } })
  expect(stored.version).toBe(application.version)
  expect(await db().auditEvent.count({ where: { applicationId: application.id } })).toBe(0)
})
