import { pdf, jpeg1x1, png1x1 } from '../support/files'
import { expect, newStudent, signUp, test, zh } from './fixtures'
import {
  applicationIdOf,
  checklistLine,
  expectOnStudentHome,
  expectReceipt,
  expectStoredInS3,
  field,
  filterCatalogue,
  openAndApply,
  pdfFile,
  programCard,
  expectCatalogue,
  referenceOn,
  saveDraft,
  submitFromApplicationPage,
  uploadAllThroughWidgets,
  type UploadFile,
} from './student-journey'

// A new undergraduate finds the Belt and Road summer school, applies, and submits.
const OPOLE = '中波大学联盟·奥波莱大学 2027 夏季学校'
const TUM = '慕尼黑工业大学 2027 春季学期交换'
const NUS = '新加坡国立大学 2027 春季学期交换'
const MSU = '莫斯科国立大学研究生联合培养'

test('exchange: catalogue, form with courses and a live warning, documents to S3, submit, receipt', async ({ page }) => {
  test.slow() // a whole journey, sign-up to receipt: over a minute when the machine is busy
  const student = await signUp(page, newStudent({ level: zh('level.undergraduate') }))

  // The catalogue: exchange programs open now, then only Belt and Road countries.
  await page.goto('/programs')
  await filterCatalogue(page, { kind: 'exchange' })
  await expectCatalogue(page, { shown: [OPOLE, TUM, NUS], hidden: [MSU] })
  await filterCatalogue(page, { kind: 'exchange', openNow: true })
  await expectCatalogue(page, { shown: [OPOLE, TUM], hidden: [NUS] }) // NUS closed twelve days ago
  await filterCatalogue(page, { kind: 'exchange', openNow: true, beltAndRoad: true })
  await expectCatalogue(page, { shown: [OPOLE], hidden: [TUM, NUS] }) // TUM: Germany
  await expect(programCard(page, OPOLE)).toContainText(zh('badge.beltAndRoad'))
  const count = await page.locator('.program-list > li').count()
  await expect(page.getByTestId('program-count')).toHaveText(zh('catalogue.count', { count }))

  await openAndApply(page, OPOLE)
  const applicationId = applicationIdOf(page)

  // The form.
  await field(page, zh('application.field.term')).selectOption({ label: zh('application.option.term.summer_winter_school') })
  await field(page, zh('application.field.startDate')).fill('2027-07-01')
  await field(page, zh('application.field.endDate')).fill('2027-07-28')
  await field(page, zh('application.field.gpa')).fill('3.62')
  await field(page, zh('application.field.gpaScale')).selectOption('4.0')
  await field(page, zh('application.field.languageTest')).selectOption({ label: zh('application.option.languageTest.ielts') })
  await field(page, zh('application.field.languageScore')).fill('6.5')
  const studyPlan = '修读波兰语言文化与欧洲经济两门课程。\n回校后申请认定学分。'
  await field(page, zh('application.field.studyPlan')).fill(studyPlan)
  const addCourse = page.getByRole('button', { name: zh('app.addCourse') })
  await addCourse.click()
  await addCourse.click()
  const courses = [
    ['欧洲经济概论', 'European Economy', '2'],
    ['跨文化交际', 'Polish Language and Culture', '1.5'],
  ]
  for (const [i, [home, host, credits]] of courses.entries()) {
    await field(page, zh('application.field.courses.homeCourse')).nth(i).fill(home)
    await field(page, zh('application.field.courses.hostCourse')).nth(i).fill(host)
    await field(page, zh('application.field.courses.credits')).nth(i).fill(credits)
  }
  await field(page, zh('application.field.motivation')).fill('希望了解中东欧国家的经济与文化。')
  await field(page, zh('application.field.passportNumber')).fill('EA1234567')

  // A passport that expires within six months of the return: the student is told while typing.
  const warnings = page.getByTestId('warnings')
  await field(page, zh('application.field.passportExpiry')).fill('2027-12-01')
  await expect(warnings).toContainText(zh('warning.passportExpiresTooSoon', { months: 6, validUntil: '2028-01-28' }))
  await field(page, zh('application.field.passportExpiry')).fill('2031-05-01')
  await expect(warnings).toHaveCount(0)

  await saveDraft(page)

  // Leave and come back: everything is still there.
  await page.reload()
  await expect(field(page, zh('application.field.term'))).toHaveValue('summer_winter_school')
  await expect(field(page, zh('application.field.endDate'))).toHaveValue('2027-07-28')
  await expect(field(page, zh('application.field.gpa'))).toHaveValue('3.62')
  await expect(field(page, zh('application.field.languageScore'))).toHaveValue('6.5')
  await expect(field(page, zh('application.field.studyPlan'))).toHaveValue(studyPlan)
  await expect(field(page, zh('application.field.courses.homeCourse'))).toHaveCount(2)
  for (const [i, [home, host, credits]] of courses.entries()) {
    await expect(field(page, zh('application.field.courses.homeCourse')).nth(i)).toHaveValue(home)
    await expect(field(page, zh('application.field.courses.hostCourse')).nth(i)).toHaveValue(host)
    await expect(field(page, zh('application.field.courses.credits')).nth(i)).toHaveValue(credits)
  }
  await expect(field(page, zh('application.field.passportExpiry'))).toHaveValue('2031-05-01')
  await expect(page.getByTestId('warnings')).toHaveCount(0)

  // Submitting now is refused: the documents are missing, and the page says which.
  await page.getByRole('button', { name: zh('app.next') }).click()
  const problems = page.getByTestId('problems')
  await expect(problems).toContainText(zh('submit.missingDocuments'))
  for (const kind of ['transcript', 'language_certificate', 'passport', 'study_plan'] as const) {
    await expect(problems).toContainText(zh(`documents.kind.${kind}`))
  }
  await expect(problems).not.toContainText(zh('submit.fieldErrors'))
  await expect(page.getByRole('button', { name: zh('submit.button') })).toHaveCount(0)
  await page.getByRole('link', { name: zh('submit.backToEdit') }).click()

  // Real files for every required document; the checklist ticks each off.
  const files: Record<'transcript' | 'language_certificate' | 'passport' | 'study_plan', UploadFile> = {
    transcript: pdfFile('成绩单.pdf', pdf({ text: `Transcript of ${student.studentNumber}` })),
    language_certificate: { name: 'ielts.png', mimeType: 'image/png', buffer: png1x1 },
    passport: { name: '护照首页.jpg', mimeType: 'image/jpeg', buffer: jpeg1x1 },
    study_plan: pdfFile('study-plan.pdf', pdf({ text: 'Study plan: European Economy, Polish Language and Culture' })),
  }
  await expect(checklistLine(page, 'transcript')).toContainText(zh('app.required'))
  await expect(checklistLine(page, 'admission_letter')).toContainText(zh('app.optional'))
  await uploadAllThroughWidgets(page, files)
  await expect(checklistLine(page, 'admission_letter')).toContainText(zh('app.optional'))

  await expectStoredInS3(applicationId, files)

  const reference = await referenceOn(page)
  await submitFromApplicationPage(page)
  await expect(page.getByText(zh('app.nextStep.submitted'))).toBeVisible()
  await expectOnStudentHome(page, OPOLE, zh('status.submitted'))
  await expectReceipt(student.email, OPOLE, reference)
})
