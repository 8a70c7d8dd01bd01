import { waitForEmail } from '../support/mail-catcher'
import { en, expect, login, MAIL_CATCHER_URL, newStudent, signUp, switchLanguage, test, zh } from './fixtures'
import { db, decide, MSU, queueRow, scoreRubric, searchQueue, submitJointTraining, uniqueTag } from './review-helpers'
import { referenceOn } from './student-journey'

// The whole way of a joint-training application without university money: the student (who reads
// the portal in English) submits, the CS college scores and endorses, the office approves, and the
// student sees it approved and gets the approval email in English.
test('joint training (CSC funded): submitted, scored and endorsed by the college, approved by the office, email in English', async ({
  page,
  newContext,
}) => {
  test.slow() // sign-up, six uploads, three people signing in
  const student = await signUp(page, newStudent({ nameZh: `审批${uniqueTag()}`, college: '计算机学院', level: zh('level.master') }))
  await switchLanguage(page, 'en')
  const applicationId = await submitJointTraining(page, en)
  const reference = await referenceOn(page)
  await expect.poll(async () => (await db().user.findUniqueOrThrow({ where: { email: student.email } })).locale).toBe('en')

  // The CS college finds it in its queue by the student's name, scores it and endorses it.
  const college = await (await newContext()).newPage()
  await login(college, 'reviewer.cs@demo.edu.cn')
  await expect(college).toHaveURL('/college')
  await searchQueue(college, '/college', student.nameZh, 'submitted')
  const row = queueRow(college, applicationId)
  await expect(row).toContainText(MSU.zh)
  await expect(row.locator('.badge')).toHaveText(zh('status.submitted'))
  await expect(college.locator('tr[data-application-id]')).toHaveCount(1)
  // The review page fetches no document until the reviewer opens one (the six uploads are 6 MB and more).
  const documentRequests: string[] = []
  college.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/documents/')) documentRequests.push(request.url())
  })
  await row.getByRole('link', { name: student.nameZh }).click()
  await expect(college).toHaveURL(`/review/${applicationId}`)
  await expect(college.getByRole('heading', { level: 1 })).toHaveText(student.nameZh)
  await expect(college.getByTestId('application-status')).toHaveText(zh('status.submitted'))
  await college.waitForLoadState('networkidle')
  expect(documentRequests).toEqual([])
  const previews = college.locator('.documents details')
  await expect(previews).toHaveCount(6)
  const opened = college.waitForRequest((request) => /^\/documents\/[^/]+$/.test(new URL(request.url()).pathname))
  await previews.first().locator('summary').click()
  const openedUrl = new URL((await opened).url())
  expect(openedUrl.searchParams.get('inline')).toBe('1')
  await expect(previews.first().locator('iframe, img')).toBeVisible()
  // Only the opened document (a PDF viewer may ask for it more than once), none of the other five.
  expect(documentRequests.every((url) => new URL(url).pathname === openedUrl.pathname)).toBe(true)
  await scoreRubric(college, 'joint_training', 4)
  await decide(college, 'college_endorse', 'college_endorsed')
  await expect(college.getByTestId('audit-trail')).toContainText(zh('audit.application.college_endorse'))
  const review = await db().review.findFirstOrThrow({ where: { applicationId } })
  expect(review.submittedAt).not.toBeNull()
  expect(review.scores).toEqual({ researchPlan: 4, supervisorFit: 4, academicRecord: 4, language: 4 })

  // The office approves from its queue: CSC funding asks no university money, so no funding check.
  const office = await (await newContext()).newPage()
  await login(office, 'office@demo.edu.cn')
  await expect(office).toHaveURL('/office')
  // The status tabs are plain links opened client-side (a full page load would forget the mark).
  await office.evaluate(() => Object.assign(window, { tabMark: true }))
  await office
    .getByRole('navigation', { name: zh('queue.status') })
    .getByRole('link', { name: zh('queue.allStatuses') })
    .click()
  await expect(office).toHaveURL('/office?status=all')
  expect(await office.evaluate(() => 'tabMark' in window)).toBe(true)
  // First a search that finds nobody, then the student: the rows appear on a page that had none.
  await searchQueue(office, '/office', `无人${student.nameZh}`, 'college_endorsed')
  await expect(office.getByText(zh('queue.empty'))).toBeVisible()
  await office.evaluate(() => Object.assign(window, { queueMark: true }))
  const search = office.getByRole('search')
  await search.getByRole('searchbox', { name: zh('queue.search') }).fill(student.nameZh)
  await search.getByRole('button', { name: zh('queue.filter') }).click()
  // The row's link opens the review page client-side, as every link in the app does (a full page
  // load would forget the mark).
  await queueRow(office, applicationId).getByRole('link', { name: student.nameZh }).click()
  await expect(office).toHaveURL(`/review/${applicationId}`)
  expect(await office.evaluate(() => 'queueMark' in window)).toBe(true)
  await decide(office, 'office_approve', 'approved')
  const trail = office.getByTestId('audit-trail')
  await expect(trail).toContainText(zh('audit.application.college_endorse'))
  await expect(trail).toContainText(`${zh('status.college_endorsed')} → ${zh('status.approved')}`)

  // The student sees it approved and has the approval email, in English.
  await page.reload()
  await expect(page.getByTestId('application-status')).toHaveText(en('status.approved'))
  const email = await waitForEmail(MAIL_CATCHER_URL, { to: student.email, subjectIncludes: 'approved', timeoutMs: 15_000 })
  expect(email.subject).toBe(en('email.approved.subject', { program: MSU.en }))
  expect(email.text).toContain(en('email.approved.body', { program: MSU.en }))
  expect(email.text).toContain(en('email.approved.next.joint_training'))
  expect(email.text).toContain(en('email.reference', { reference }))
  expect(email.text).toContain(`/student/applications/${applicationId}`)
  // Nothing in Chinese but the bilingual name of the portal in the header.
  expect(email.text.replace('出国（境）交流申请平台 / Mobility Portal', '')).not.toMatch(/[\u4e00-\u9fff]/)
})
