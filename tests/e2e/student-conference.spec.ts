import type { DocumentKind } from '../../app/domain/documents'
import { academicYearBounds, academicYearOf } from '../../app/domain/academic-year'
import { shanghaiDate } from '../../app/domain/dates'
import { formatFen } from '../../app/domain/money'
import { pdf, png1x1 } from '../support/files'
import { en, expect, newStudent, signUp, switchLanguage, test, zh } from './fixtures'
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
  programCard,
  saveDraft,
  referenceOn,
  submitFromApplicationPage,
  uploadAllThroughWidgets,
  type UploadFile,
} from './student-journey'

// A new doctoral student who reads the portal in English asks for conference travel funding:
// the whole journey, and the receipt, in English.
const year = academicYearOf(new Date())
const FUNDING = `Graduate conference travel funding ${year}`
const nextYear = Number(year.split('-')[1])

test('conference funding, in English: catalogue, budget total, a date warning, documents, submit, receipt', async ({ page }) => {
  test.slow() // a whole journey, sign-up to receipt: over a minute when the machine is busy
  const student = await signUp(page, newStudent({ level: zh('level.doctoral') }))
  await switchLanguage(page, 'en')

  await page.goto('/programs')
  // A standing funding program has no partner, so it is in no Belt and Road country.
  await filterCatalogue(page, { kind: 'conference', beltAndRoad: true }, en)
  await expect(page.getByText(en('catalogue.empty'))).toBeVisible()
  await filterCatalogue(page, { kind: 'conference', openNow: true }, en)
  await expectCatalogue(page, { shown: [FUNDING] })
  await expect(programCard(page, FUNDING)).toContainText(en('catalogue.standing'))

  await openAndApply(page, FUNDING, en)
  const applicationId = applicationIdOf(page)

  await field(page, en('application.field.conferenceName')).fill('International Conference on Machine Learning')
  await field(page, en('application.field.organiser')).fill('International Machine Learning Society')
  await field(page, en('application.field.city')).fill('Vienna')
  await field(page, en('application.field.country')).fill('Austria')
  // Free text, with the country names in the student's language as suggestions.
  const suggestions = page.locator(`datalist#${await field(page, en('application.field.country')).getAttribute('list')} option`)
  await expect(suggestions.and(page.locator('[value="Austria"]'))).toHaveCount(1)
  await expect(suggestions.and(page.locator('[value="奥地利"]'))).toHaveCount(0)
  await field(page, en('application.field.website')).fill('https://icml.cc')
  await field(page, en('application.field.paperTitle')).fill('Scaling laws for small models')
  await field(page, en('application.field.authors')).fill('YANG Fan, WANG Wei')
  await field(page, en('application.field.acceptanceStatus')).selectOption({ label: en('application.option.acceptanceStatus.accepted') })
  await field(page, en('application.field.presentationType')).selectOption({ label: en('application.option.presentationType.oral') })
  await field(page, en('application.field.passportNumber')).fill('EC1122334')
  await field(page, en('application.field.passportExpiry')).fill('2031-01-01')

  // A conference after the funding year: the warning says which dates the year covers.
  const warnings = page.getByTestId('warnings')
  await field(page, en('application.field.startDate')).fill(`${nextYear}-09-02`)
  await field(page, en('application.field.endDate')).fill(`${nextYear}-09-05`)
  const bounds = academicYearBounds(year)
  await expect(warnings).toContainText(
    en('warning.conferenceOutsideFundingYear', { academicYear: year, from: shanghaiDate(bounds.start), to: shanghaiDate(bounds.end) }),
  )
  await field(page, en('application.field.startDate')).fill(`${nextYear}-07-12`)
  await field(page, en('application.field.endDate')).fill(`${nextYear}-07-18`)
  await expect(warnings).toHaveCount(0)

  // The requested total adds up as the student types.
  const lines = { registration: '4500', airfare: '9800.50', accommodation: '6000', visa: '600' } as const
  for (const [line, amount] of Object.entries(lines)) {
    await field(page, en(`application.field.budget.${line as keyof typeof lines}`)).fill(amount)
  }
  await expect(page.getByTestId('budget-total')).toHaveText(en('app.budgetTotal', { total: formatFen(2_090_050, 'en') }))

  await saveDraft(page, en)
  await page.reload()
  await expect(field(page, en('application.field.conferenceName'))).toHaveValue('International Conference on Machine Learning')
  await expect(field(page, en('application.field.startDate'))).toHaveValue(`${nextYear}-07-12`)
  await expect(field(page, en('application.field.acceptanceStatus'))).toHaveValue('accepted')
  await expect(field(page, en('application.field.budget.airfare'))).toHaveValue('9800.50')
  await expect(field(page, en('application.field.budget.perDiem'))).toHaveValue('')
  await expect(page.getByTestId('budget-total')).toHaveText(en('app.budgetTotal', { total: '¥20,900.50' }))

  const files = {
    acceptance_letter: pdfFile('acceptance.pdf', pdf({ text: 'Your paper has been accepted' })),
    conference_programme: pdfFile('programme.pdf', pdf({ text: 'ICML programme' })),
    paper: pdfFile('paper.pdf', pdf({ text: 'Scaling laws for small models', padding: 300_000 })),
    budget_quote: { name: 'quote.png', mimeType: 'image/png', buffer: png1x1 },
    supervisor_approval: pdfFile('approval.pdf', pdf({ text: 'Approved by supervisor' })),
  } satisfies Partial<Record<DocumentKind, UploadFile>>
  await uploadAllThroughWidgets(page, files, en)
  await expectStoredInS3(applicationId, files)

  const reference = await referenceOn(page)
  await submitFromApplicationPage(page, en)
  await expectOnStudentHome(page, FUNDING, en('status.submitted'), en)
  const email = await expectReceipt(student.email, FUNDING, reference, en)
  expect(email.text).toContain(student.nameEn)
})
