// Personal information (PIPL): a college reviewer sees passport numbers masked and reveals one only
// with a reason, which the admin reads in the student's access log; a new student consents at
// sign-up, downloads their own copy, and asks for deletion, which the office refuses with a reason
// the student reads.
import { unzip } from '../support/zip'
import { expect, login, signUp, test, zh } from './fixtures'
import { db, makeApplication, makeProgram } from './review-helpers'

test('a college reviewer sees the passport number masked, reveals it with a reason, and the admin sees who did', async ({
  page,
  newContext,
}) => {
  const program = await makeProgram()
  const { student, application } = await makeApplication({ programId: program.id, status: 'submitted', college: 'CS' })
  await login(page, 'reviewer.cs@demo.edu.cn')
  await page.goto(`/review/${application.id}`)
  await expect(page.getByText('E1234****')).toBeVisible()
  // Not on the screen, and not in the page's data either.
  expect(await page.content()).not.toContain('E12345678')

  const reveal = page.getByTestId('reveal')
  await reveal.getByLabel(zh('privacy.reveal.reason', { field: zh('privacy.field.passportNumber') })).fill('签证材料核对')
  await reveal.getByRole('button', { name: zh('privacy.reveal.button', { field: zh('privacy.field.passportNumber') }) }).click()
  await expect(page.getByTestId('revealed')).toContainText('E12345678')

  const reviewer = await db().user.findUniqueOrThrow({ where: { email: 'reviewer.cs@demo.edu.cn' } })
  const admin = await (await newContext()).newPage()
  await login(admin, 'admin@demo.edu.cn')
  await admin.goto(`/admin/users/${student.id}`)
  const log = admin.getByTestId('access-log')
  await expect(log.getByRole('row').filter({ hasText: zh('privacy.log.kind.reveal') })).toContainText(reviewer.nameZh)
  await expect(log.getByRole('row').filter({ hasText: zh('privacy.log.kind.reveal') })).toContainText('签证材料核对')
  await expect(
    log
      .getByRole('row')
      .filter({ hasText: zh('privacy.log.kind.application') })
      .first(),
  ).toContainText(reviewer.nameZh)
})

test('a new student consents at sign-up, downloads their own copy and asks for deletion; the office refuses with a reason', async ({
  page,
  newContext,
}) => {
  // signUp ticks both consents on the notice the new student is sent to.
  const student = await signUp(page)
  await page.goto('/student/privacy')
  await expect(page.getByTestId('consents')).toContainText(zh('privacy.mine.consented', { version: 0, at: '' }).split(' · ')[0])

  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: zh('privacy.mine.download') }).click()
  const file = await download
  const bytes = Buffer.concat(await (await file.createReadStream()).toArray())
  const json = JSON.parse(unzip(bytes).get('my-data.json')!.toString('utf8')) as { account: { email: string }; consents: unknown[] }
  expect(json.account.email).toBe(student.email)
  expect(json.consents).toHaveLength(1)

  await page.getByLabel(zh('privacy.mine.note')).fill('毕业后请删除')
  await page.getByRole('button', { name: zh('privacy.mine.request') }).click()
  await expect(page.getByRole('status')).toHaveText(zh('privacy.mine.requested'))
  await expect(page.getByTestId('deletion-requests')).toContainText(zh('privacy.deletion.status.open'))

  const office = await (await newContext()).newPage()
  await login(office, 'office@demo.edu.cn')
  await office.goto('/office/deletion-requests')
  const request = office.getByTestId('deletion-request').filter({ hasText: student.nameZh }).filter({ hasText: '毕业后请删除' }).first()
  await request.getByLabel(zh('privacy.office.reason')).fill('申请尚在办理中，结束后再删除')
  await request.getByRole('button', { name: zh('privacy.office.refuse') }).click()
  await expect(office.getByRole('status')).toHaveText(zh('privacy.office.refused'))

  await page.reload()
  await expect(page.getByTestId('deletion-requests')).toContainText(zh('privacy.deletion.status.refused'))
  await expect(page.getByTestId('deletion-requests')).toContainText('申请尚在办理中，结束后再删除')
})
