import { waitForEmail } from '../support/mail-catcher'
import { expect, login, MAIL_CATCHER_URL, test, zh } from './fixtures'
import { makeApplication, makeProgram, queueRow, searchQueue, statusOf, uniqueTag } from './review-helpers'

// The office ticks two endorsed applications in its queue and approves both at once.
test('bulk decision: the office approves two endorsed applications from the queue at once', async ({ page }) => {
  const program = await makeProgram()
  const tag = `批量${uniqueTag()}`
  const a = await makeApplication({ programId: program.id, status: 'college_endorsed', name: `${tag}甲` })
  const b = await makeApplication({ programId: program.id, status: 'college_endorsed', name: `${tag}乙` })

  await login(page, 'office@demo.edu.cn')
  // Found by a word from the program's English title, typed in lower case.
  await page.goto('/office?status=college_endorsed')
  await page
    .getByRole('search')
    .getByLabel(zh('queue.program'), { exact: true })
    .fill(program.titleEn.replace('Review test program ', '').toLowerCase())
  await page
    .getByRole('search')
    .getByRole('button', { name: zh('queue.filter') })
    .click()
  await expect(page.locator('tr[data-application-id]')).toHaveCount(2)
  await searchQueue(page, '/office', tag, 'college_endorsed')
  await expect(page.locator('tr[data-application-id]')).toHaveCount(2)
  for (const { application } of [a, b]) {
    await expect(queueRow(page, application.id).locator('.badge')).toHaveText(zh('status.college_endorsed'))
    await queueRow(page, application.id)
      .getByRole('checkbox', { name: zh('queue.select') })
      .check()
  }
  await page.getByLabel(zh('queue.bulkCommand')).selectOption({ label: zh('workflow.command.office_approve') })
  await page.getByRole('button', { name: zh('queue.bulkApply') }).click()
  await expect(page.getByRole('status').filter({ hasText: zh('queue.bulkDone', { ok: 2, failed: 0 }) })).toBeVisible()

  expect(await statusOf(a.application.id)).toBe('approved')
  expect(await statusOf(b.application.id)).toBe('approved')
  // Gone from the endorsed tab, listed as approved under every status.
  await searchQueue(page, '/office', tag, 'college_endorsed')
  await expect(page.locator('tr[data-application-id]')).toHaveCount(0)
  await searchQueue(page, '/office', tag, 'all')
  for (const { application } of [a, b]) await expect(queueRow(page, application.id).locator('.badge')).toHaveText(zh('status.approved'))
  for (const { student } of [a, b]) {
    await waitForEmail(MAIL_CATCHER_URL, {
      to: student.email,
      subjectIncludes: zh('email.approved.subject', { program: program.titleZh }),
      timeoutMs: 15_000,
    })
  }
})

// The queue's rows are one string the page writes itself (decision 38), not React elements: a name
// that is markup must still be shown as text, and the row's link and box must still work.
test('a name written as markup is shown as text in the queue, and its row still opens and ticks', async ({ page }) => {
  const program = await makeProgram()
  const tag = `标记${uniqueTag()}`
  const name = `${tag}<img src=x onerror="window.__injected=1">&amp;"'</td><b>`
  const { application } = await makeApplication({ programId: program.id, status: 'college_endorsed', name })

  await login(page, 'office@demo.edu.cn')
  // Rendered in the browser (the search navigates on the client), then by the server (reloaded).
  await searchQueue(page, '/office', tag, 'college_endorsed')
  const row = queueRow(page, application.id)
  for (const rendered of ['in the browser', 'by the server']) {
    if (rendered === 'by the server') await page.reload()
    await expect(row.getByRole('link'), rendered).toHaveText(name)
    await expect(row.locator('td'), rendered).toHaveCount(6)
    await expect(page.locator('tbody img, tbody b'), rendered).toHaveCount(0)
  }
  await row.getByRole('checkbox', { name: zh('queue.select') }).check()
  await expect(row.getByRole('checkbox')).toBeChecked()

  await row.getByRole('link').click()
  await expect(page).toHaveURL(`/review/${application.id}`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name)
})
