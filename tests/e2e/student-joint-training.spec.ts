import type { DocumentKind } from '../../app/domain/documents'
import { jpeg1x1, pdf } from '../support/files'
import { expect, newStudent, signUp, test, zh } from './fixtures'
import {
  applicationIdOf,
  expectOnStudentHome,
  expectReceipt,
  expectStoredInS3,
  field,
  filterCatalogue,
  openAndApply,
  pdfFile,
  expectCatalogue,
  referenceOn,
  saveDraft,
  submitFromApplicationPage,
  uploadAllThroughWidgets,
  type UploadFile,
} from './student-journey'

// A new master's student applies for joint training in Moscow.
const MSU = '莫斯科国立大学研究生联合培养'
const WARSAW = '华沙理工大学博士研究生联合培养'
const TUM = '慕尼黑工业大学 2027 春季学期交换'

test('joint training: catalogue, form with a length warning, six documents to S3, submit, receipt', async ({ page }) => {
  test.slow() // a whole journey, sign-up to receipt: over a minute when the machine is busy
  const student = await signUp(page, newStudent({ level: zh('level.master') }))

  await page.goto('/programs')
  await filterCatalogue(page, { kind: 'joint_training' })
  await expectCatalogue(page, { shown: [MSU, WARSAW], hidden: [TUM] })
  await filterCatalogue(page, { kind: 'joint_training', openNow: true })
  await expectCatalogue(page, { shown: [MSU], hidden: [WARSAW] }) // Warsaw closed three days ago
  for (const card of await page.locator('.program-list > li').all()) await expect(card).toContainText(zh('kind.joint_training'))

  await openAndApply(page, MSU)
  const applicationId = applicationIdOf(page)

  await field(page, zh('application.field.hostInstitution')).fill('Lomonosov Moscow State University')
  await field(page, zh('application.field.hostDepartment')).fill('Faculty of Physics')
  await field(page, zh('application.field.hostSupervisorName')).fill('Ivan Petrov')
  await field(page, zh('application.field.hostSupervisorTitle')).fill('Professor')
  await field(page, zh('application.field.hostSupervisorEmail')).fill('petrov@physics.msu.ru')
  await field(page, zh('application.field.homeSupervisor')).fill('王建国 教授')
  const researchPlan = '研究二维材料中的量子输运。\n第一阶段：样品制备。'
  await field(page, zh('application.field.researchPlan')).fill(researchPlan)
  await field(page, zh('application.field.fundingSource')).selectOption({ label: zh('application.option.fundingSource.csc') })
  await field(page, zh('application.field.languageTest')).selectOption({ label: zh('application.option.languageTest.toefl') })
  await field(page, zh('application.field.languageScore')).fill('95')
  await field(page, zh('application.field.passportNumber')).fill('EB7654321')
  await field(page, zh('application.field.passportExpiry')).fill('2032-01-01')

  // Four months is too short for joint training: the warning says the earliest end date.
  const warnings = page.getByTestId('warnings')
  await field(page, zh('application.field.startDate')).fill('2027-03-01')
  await field(page, zh('application.field.endDate')).fill('2027-06-30')
  await expect(warnings).toContainText(zh('warning.jointTrainingTooShort', { months: 6, earliestEnd: '2027-08-31' }))
  await field(page, zh('application.field.endDate')).fill('2028-02-29')
  await expect(warnings).toHaveCount(0)

  await saveDraft(page)
  await page.reload()
  await expect(field(page, zh('application.field.hostSupervisorEmail'))).toHaveValue('petrov@physics.msu.ru')
  await expect(field(page, zh('application.field.researchPlan'))).toHaveValue(researchPlan)
  await expect(field(page, zh('application.field.fundingSource'))).toHaveValue('csc')
  await expect(field(page, zh('application.field.endDate'))).toHaveValue('2028-02-29')
  await expect(field(page, zh('application.field.languageScore'))).toHaveValue('95')

  const files = {
    invitation_letter: pdfFile('invitation.pdf', pdf({ text: 'Invitation from MSU' })),
    host_supervisor_agreement: pdfFile('外方导师同意函.pdf', pdf({ text: 'I agree to host the student' })),
    research_plan: pdfFile('research-plan.pdf', pdf({ text: 'Quantum transport in 2D materials' })),
    recommendation: pdfFile('推荐信.pdf', pdf({ text: 'Recommendation by Prof. Wang' })),
    language_certificate: pdfFile('toefl.pdf', pdf({ text: 'TOEFL iBT 95' })),
    passport: { name: 'passport.jpg', mimeType: 'image/jpeg', buffer: jpeg1x1 },
  } satisfies Partial<Record<DocumentKind, UploadFile>>
  await uploadAllThroughWidgets(page, files)
  await expectStoredInS3(applicationId, files)

  const reference = await referenceOn(page)
  await submitFromApplicationPage(page)
  await expectOnStudentHome(page, MSU, zh('status.submitted'))
  await expectReceipt(student.email, MSU, reference)
})
