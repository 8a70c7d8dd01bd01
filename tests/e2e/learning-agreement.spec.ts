// The learning agreement (decision 26): an approved exchange student lists host courses and what
// each counts as at home; their college's academic approver (emailed) approves two lines and
// rejects one with a comment; the student (emailed) sees each line's state. During the stay a
// course is cancelled and another added: a new version, approved again, the first still readable.
// After return the student uploads the host transcript and enters grades; the approver confirms
// recognition with the partner's grade scale (a grade in no band refused by name until the admin
// adds it), the total is computed, the review page and the dashboard show the state and the
// credits, and the recognised-courses CSV comes in the admin's column order with exactly these rows.
import { addDays, shanghaiDate } from '../../app/domain/dates'
import { createApplication, createCollege, createPartner, createProgram, createStudent, createUser } from '../factories'
import { pdf } from '../support/files'
import { waitForEmail } from '../support/mail-catcher'
import { expect, login, MAIL_CATCHER_URL, test, zh } from './fixtures'
import { db, makeOfficeReviewer, uniqueTag } from './review-helpers'
import { pdfFile } from './student-journey'
import type { Page } from '@playwright/test'

async function world() {
  const tag = uniqueTag()
  const today = shanghaiDate(new Date())
  const start = addDays(today, -60)
  const end = addDays(today, -1)
  // A college of its own: the dashboard's figures and the export are this test's alone.
  const college = await createCollege(db(), { code: `LA${tag}`, nameZh: `学院${tag}`, nameEn: `College ${tag}` })
  const student = await createStudent(db(), {
    collegeId: college.id,
    email: `la-${tag.toLowerCase()}@example.edu.cn`,
    nameZh: `协议${tag}`,
    nameEn: `Agreement ${tag}`,
    studentNumber: `LA${tag}`,
    level: 'undergraduate',
  })
  const approver = await createUser(db(), {
    email: `approver-${tag.toLowerCase()}@example.edu.cn`,
    roles: ['academic_approver'],
    collegeId: college.id,
    nameZh: `教务${tag}`,
    nameEn: `Approver ${tag}`,
  })
  const admin = await createUser(db(), { email: `la-admin-${tag.toLowerCase()}@example.edu.cn`, roles: ['admin'] })
  const partner = await createPartner(db(), { countryCode: 'DE', nameZh: `慕工大${tag}`, nameEn: `TU Munich ${tag}` })
  const program = await createProgram(db(), {
    kind: 'exchange',
    partnerId: partner.id,
    levels: ['undergraduate'],
    titleZh: `交换${tag}`,
    titleEn: `Exchange ${tag}`,
  })
  const application = await createApplication(db(), {
    applicantId: student.id,
    programId: program.id,
    status: 'approved',
    submittedAt: new Date(),
    details: { startDate: start, endDate: end },
  })
  await db().stay.create({
    data: {
      applicationId: application.id,
      startsOn: new Date(`${start}T00:00:00Z`),
      endsOn: new Date(`${end}T00:00:00Z`),
      countryCode: 'DE',
      departedAt: new Date(`${start}T08:00:00+08:00`),
      arrivedAt: new Date(`${start}T20:00:00+08:00`),
    },
  })
  return { tag, college, student, approver, admin, partner, application }
}

const row = (page: Page, code: string) => page.getByTestId('current-version').locator(`tr[data-line="${code}"]`)

async function addCourse(
  page: Page,
  c: { code: string; title: string; credits: string; homeCode?: string; homeTitle?: string; homeCredits: string },
) {
  await page.getByLabel(zh('la.field.hostCode'), { exact: true }).fill(c.code)
  await page.getByLabel(zh('la.field.hostTitle'), { exact: true }).fill(c.title)
  await page.getByLabel(zh('la.field.hostCredits'), { exact: true }).fill(c.credits)
  await page.getByLabel(zh('la.field.term'), { exact: true }).fill('2026 冬季学期')
  await page.getByLabel(zh('la.field.homeCode'), { exact: true }).fill(c.homeCode ?? '')
  await page.getByLabel(zh('la.field.homeTitle'), { exact: true }).fill(c.homeTitle ?? '')
  await page.getByLabel(zh('la.field.homeCredits'), { exact: true }).fill(c.homeCredits)
  await page.getByRole('button', { name: zh('la.add') }).click()
  await expect(row(page, c.code)).toBeVisible()
  await expect(page.getByRole('status')).toHaveText(zh('la.done.added'))
}

async function decide(page: Page, code: string, decision: 'approve' | 'reject', comment = '') {
  const line = row(page, code)
  if (comment) await line.getByLabel(zh('la.comment')).fill(comment)
  await line.getByRole('button', { name: zh(decision === 'approve' ? 'la.approve' : 'la.reject'), exact: true }).click()
  await expect(line).toHaveAttribute('data-decision', decision === 'approve' ? 'approved' : 'rejected')
  await expect(page.getByRole('status')).toHaveText(zh('la.done.decided'))
}

test('a learning agreement is approved line by line, changed during the stay, recognised after return and exported', async ({
  page,
  newContext,
  allowConsoleErrors,
}) => {
  test.slow()
  // The grade in no band is refused with 400.
  allowConsoleErrors(/status of 400/)
  const w = await world()

  // The admin sets the partner's grade scale and the export's column order.
  const adminPage = await (await newContext()).newPage()
  await login(adminPage, w.admin.email)
  await adminPage.goto('/admin/grade-scales')
  await adminPage.getByRole('radio', { name: zh('la.scales.partner') }).check()
  await adminPage.getByRole('combobox', { name: zh('la.scales.partner') }).selectOption(w.partner.id)
  await adminPage.getByLabel(zh('la.scales.bands')).fill('1.0-1.5 = 优秀\n1.6-2.5 = 良好\n2.6-4.0 = 及格')
  await adminPage.getByRole('button', { name: zh('la.scales.save') }).click()
  await expect(adminPage.getByRole('status')).toHaveText(zh('la.scales.saved'))
  await adminPage.goto('/admin/finance-export')
  const layout = adminPage.locator('form[data-layout="recognised-courses"]')
  const columns = ['studentNumber', 'hostCode', 'hostGrade', 'homeCode', 'homeCredits', 'homeGrade'] as const
  for (let i = 0; i < 15; i++) await layout.locator(`select[name="columns[${i}]"]`).selectOption(columns[i] ?? '')
  await layout.getByRole('button', { name: zh('exportLayout.save') }).click()
  await expect(adminPage.getByRole('status')).toHaveText(zh('exportLayout.saved'))

  // The student lists three courses and submits version 1.
  await login(page, w.student.email)
  await page.goto(`/student/applications/${w.application.id}`)
  await page.getByRole('link', { name: zh('la.link') }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('la.title'))
  await addCourse(page, {
    code: 'IN2064',
    title: 'Machine Learning',
    credits: '6',
    homeCode: 'CS301',
    homeTitle: '机器学习',
    homeCredits: '3',
  })
  await addCourse(page, {
    code: 'IN2259',
    title: 'Distributed Systems',
    credits: '5',
    homeCode: 'CS402',
    homeTitle: '分布式系统',
    homeCredits: '2.5',
  })
  await addCourse(page, { code: 'SP101', title: 'Deutsch A1', credits: '3', homeCredits: '1' })
  await expect(row(page, 'SP101')).toContainText(zh('la.elective'))
  await page.getByRole('button', { name: zh('la.submit') }).click()
  await expect(page.getByRole('status')).toHaveText(zh('la.done.submitted'))
  await expect(page.getByTestId('current-version')).toHaveAttribute('data-status', 'submitted')
  await waitForEmail(MAIL_CATCHER_URL, { to: w.approver.email, subjectIncludes: `第 1 版`, timeoutMs: 15_000 })

  // The approver approves two lines and rejects one with a comment.
  const approverPage = await (await newContext()).newPage()
  await login(approverPage, w.approver.email)
  await approverPage.goto('/learning-agreements')
  await approverPage.getByRole('link', { name: new RegExp(w.student.nameZh) }).click()
  await decide(approverPage, 'IN2064', 'approve')
  await decide(approverPage, 'IN2259', 'approve')
  await decide(approverPage, 'SP101', 'reject', '请改选德语 A2')
  await expect(approverPage.getByTestId('current-version')).toHaveAttribute('data-status', 'decided')

  // The student is told and sees each line's state and the comment.
  await waitForEmail(MAIL_CATCHER_URL, { to: w.student.email, subjectIncludes: '第 1 版', timeoutMs: 15_000 })
  await page.reload()
  await expect(row(page, 'IN2064')).toHaveAttribute('data-decision', 'approved')
  await expect(row(page, 'IN2259')).toHaveAttribute('data-decision', 'approved')
  await expect(row(page, 'SP101')).toHaveAttribute('data-decision', 'rejected')
  await expect(row(page, 'SP101')).toContainText('请改选德语 A2')
  await expect(page.getByTestId('credit-totals')).toContainText(zh('la.planned', { credits: '5.5' }))

  // During the stay: Distributed Systems is cancelled and German A2 added, in version 2.
  await page.getByRole('button', { name: zh('la.newVersion') }).click()
  await expect(page.getByRole('status')).toHaveText(zh('la.done.version'))
  await expect(page.getByTestId('current-version')).toHaveAttribute('data-no', '2')
  await expect(page.getByTestId('current-version').locator('tbody tr')).toHaveCount(2)
  await row(page, 'IN2259')
    .getByRole('button', { name: zh('la.remove') })
    .click()
  await expect(page.getByRole('status')).toHaveText(zh('la.done.removed'))
  await addCourse(page, { code: 'SP102', title: 'Deutsch A2', credits: '3', homeCredits: '1.5' })
  await page.getByRole('button', { name: zh('la.submit') }).click()
  await expect(page.getByRole('status')).toHaveText(zh('la.done.submitted'))
  // Version 1 stays readable.
  await page.getByTestId('earlier-versions').locator('summary').click()
  await expect(page.getByTestId('earlier-versions').locator('[data-no="1"] tr[data-line="IN2259"]')).toHaveAttribute(
    'data-decision',
    'approved',
  )

  await approverPage.reload()
  await expect(approverPage.getByTestId('current-version')).toHaveAttribute('data-no', '2')
  await expect(row(approverPage, 'IN2064')).toHaveAttribute('data-decision', 'pending')
  await decide(approverPage, 'IN2064', 'approve')
  await decide(approverPage, 'SP102', 'approve')
  await expect(approverPage.getByTestId('current-version')).toHaveAttribute('data-status', 'decided')
  await page.reload()
  await expect(page.getByTestId('credit-totals')).toContainText(zh('la.planned', { credits: '4.5' }))

  // The reviewers see the agreement's state on the review page.
  const office = await makeOfficeReviewer(`国际处${w.tag}`)
  const officePage = await (await newContext()).newPage()
  await login(officePage, office.email)
  await officePage.goto(`/review/${w.application.id}`)
  await expect(officePage.getByTestId('agreement-state')).toHaveText(zh('la.state.decided', { no: 2, approved: 2, rejected: 0 }))

  // After return: the transcript and the grades.
  await db().stay.update({ where: { applicationId: w.application.id }, data: { returnedAt: new Date() } })
  await page.reload()
  await page.waitForFunction(() => '__remixRouter' in window) // the upload widget works once hydrated
  await page
    .locator('section#documents-host_transcript input[type=file]')
    .setInputFiles(pdfFile('transcript.pdf', pdf({ text: 'Transcript of Records' })))
  await expect(page.locator('section#documents-host_transcript').getByRole('link', { name: 'transcript.pdf', exact: true })).toBeVisible()
  await page.getByLabel('IN2064 Machine Learning').fill('1.3')
  await page.getByLabel('SP102 Deutsch A2').fill('4.7')
  await page.getByRole('button', { name: zh('la.gradesSave') }).click()
  await expect(page.getByRole('status')).toHaveText(zh('la.done.grades'))

  // The approver confirms: 1.3 converts; 4.7 is in no band and is refused by name until the admin adds one.
  await approverPage.reload()
  const recognise = (code: string) => approverPage.getByTestId('recognition').getByRole('form', { name: new RegExp(code) })
  await expect(recognise('IN2064')).toContainText(zh('la.convertsTo', { grade: '优秀' }))
  await recognise('IN2064')
    .getByRole('button', { name: zh('la.recognise') })
    .click()
  await expect(approverPage.getByRole('status')).toHaveText(zh('la.done.recognised'))
  await recognise('SP102')
    .getByRole('button', { name: zh('la.recognise') })
    .click()
  await expect(approverPage.getByRole('alert')).toHaveText(zh('la.error.noBand', { grade: '4.7' }))

  await adminPage.goto('/admin/grade-scales')
  await adminPage.getByRole('radio', { name: zh('la.scales.partner') }).check()
  await adminPage.getByRole('combobox', { name: zh('la.scales.partner') }).selectOption(w.partner.id)
  await adminPage.getByLabel(zh('la.scales.bands')).fill('1.0-1.5 = 优秀\n1.6-2.5 = 良好\n2.6-4.0 = 及格\n4.1-5.0 = 不及格')
  await adminPage.getByRole('button', { name: zh('la.scales.save') }).click()
  await expect(adminPage.getByRole('status')).toHaveText(zh('la.scales.saved'))

  await approverPage.reload()
  await recognise('SP102')
    .getByRole('button', { name: zh('la.recognise') })
    .click()
  await expect(approverPage.getByRole('status')).toHaveText(zh('la.done.recognised'))
  await expect(approverPage.getByTestId('credit-totals')).toContainText(zh('la.recognisedTotal', { credits: '4.5' }))
  await page.reload()
  await expect(page.getByTestId('credit-totals')).toContainText(zh('la.recognisedTotal', { credits: '4.5' }))
  await expect(row(page, 'SP102')).toHaveAttribute('data-recognition', 'recognised')

  // The return report shows the computed total; nothing is typed.
  await page.goto(`/student/applications/${w.application.id}/report`)
  await expect(page.getByTestId('credits-computed')).toContainText(zh('report.creditsComputed', { credits: '4.5' }))

  // The dashboard: the college's credits planned and recognised.
  const applicationYear = (await db().application.findUniqueOrThrow({ where: { id: w.application.id } })).academicYear
  await adminPage.goto(`/dashboard?year=${applicationYear}`)
  const college = adminPage.getByTestId('credit-recognition').locator(`tr[data-college="${w.college.code}"]`)
  await expect(college.getByTestId('planned')).toHaveText('4.5')
  await expect(college.getByTestId('recognised')).toHaveText('4.5')

  // The export: the admin's columns, exactly the recognised courses of this student.
  const response = await approverPage.request.get(`/learning-agreements/recognised.csv?year=${applicationYear}`)
  expect(response.status()).toBe(200)
  const lines = (await response.text())
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
  expect(lines[0]).toBe(columns.map((c) => zh(`exportLayout.col.${c}`)).join(','))
  expect(lines.slice(1)).toEqual([`LA${w.tag},IN2064,1.3,CS301,3,优秀`, `LA${w.tag},SP102,4.7,,1.5,不及格`])
})
