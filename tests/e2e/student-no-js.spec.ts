import { badFiles, pdf } from '../support/files'
import { E2E_UPLOAD_MAX_BYTES } from './config'
import { expect, signUp, test, zh } from './fixtures'
import { applyFromCatalogue, checklistLine, expectStoredInS3, field, pdfFile, widget } from './student-journey'

// Without JavaScript (an old phone, a script blocker), a draft still saves and files still upload:
// both are plain forms the server answers with a page.
const TUM = '慕尼黑工业大学 2027 春季学期交换'

test.use({ javaScriptEnabled: false })

test('without JavaScript: Save draft keeps the answers, and files upload (or are refused) through the plain form', async ({
  page,
  allowConsoleErrors,
}) => {
  test.slow() // every step is a full page load
  allowConsoleErrors(/status of 400/) // the save with a wrong passport number answers 400
  await signUp(page)
  const applicationId = await applyFromCatalogue(page, TUM)
  const applicationUrl = `/student/applications/${applicationId}`
  await expect(page.getByRole('button', { name: zh('documents.upload.submit') }).first()).toBeVisible() // no script: a button per widget

  await field(page, zh('application.field.term')).selectOption({ label: zh('application.option.term.semester') })
  await field(page, zh('application.field.gpa')).fill('3.71')
  await field(page, zh('application.field.gpaScale')).selectOption('4.0')
  await field(page, zh('application.field.motivation')).fill('没有脚本也能保存。')
  await field(page, zh('application.field.passportNumber')).fill('E1') // too short
  await page.getByRole('button', { name: zh('app.save') }).click()
  // The page comes back from the server: the valid answers are saved, the wrong one is pointed out.
  await expect(page.getByTestId('save-status')).toContainText(zh('app.saved', { time: '' }).replace(/（.*$/, ''))
  await expect(page.getByText(zh('application.error.passportNumber'))).toBeVisible()
  await expect(field(page, zh('application.field.passportNumber'))).toHaveValue('E1')

  await page.goto(applicationUrl)
  await expect(field(page, zh('application.field.term'))).toHaveValue('semester')
  await expect(field(page, zh('application.field.gpa'))).toHaveValue('3.71')
  await expect(field(page, zh('application.field.motivation'))).toHaveValue('没有脚本也能保存。')
  await expect(field(page, zh('application.field.passportNumber'))).toHaveValue('')

  await field(page, zh('application.field.passportNumber')).fill('E12345678')
  await page.getByRole('button', { name: zh('app.save') }).click()
  await expect(page.getByTestId('save-status')).toContainText(zh('app.saved', { time: '' }).replace(/（.*$/, ''))
  await page.goto(applicationUrl)
  await expect(field(page, zh('application.field.passportNumber'))).toHaveValue('E12345678')
  await expect(field(page, zh('application.field.motivation'))).toHaveValue('没有脚本也能保存。')

  // A file through the plain multipart form: back on the page with the outcome, ticked off.
  const transcript = pdfFile('成绩单.pdf', pdf({ text: 'Transcript, uploaded without JavaScript' }))
  const section = widget(page, 'transcript')
  await section.locator('input[type=file]').setInputFiles(transcript)
  await section.getByRole('button', { name: zh('documents.upload.submit') }).click()
  await expect(page).toHaveURL(new RegExp(`${applicationUrl}\\?docKind=transcript&docUploaded=1#documents-transcript$`))
  await expect(widget(page, 'transcript').getByRole('status')).toHaveText(zh('documents.upload.uploaded', { count: 1 }))
  await expect(widget(page, 'transcript').getByRole('link', { name: '成绩单.pdf', exact: true })).toBeVisible()
  await expect(checklistLine(page, 'transcript')).toContainText(`✓ ${zh('app.uploaded')}`)

  // Refusals come back the same way, naming the file.
  const exe = badFiles.find((f) => f.label === 'ELF executable renamed .pdf')!
  const refusals = [
    { file: pdfFile(exe.fileName, exe.bytes), message: zh('documents.error.badType') },
    { file: pdfFile('huge.pdf', pdf({ padding: E2E_UPLOAD_MAX_BYTES })), message: zh('documents.error.tooLarge', { max: '2 MB' }) },
  ]
  for (const { file, message } of refusals) {
    const passport = widget(page, 'passport')
    await passport.locator('input[type=file]').setInputFiles(file)
    await passport.getByRole('button', { name: zh('documents.upload.submit') }).click()
    await expect(widget(page, 'passport').getByRole('alert')).toHaveText(`${file.name}: ${message}`)
    await expect(checklistLine(page, 'passport')).toContainText(zh('app.required'))
  }

  await expectStoredInS3(applicationId, { transcript })
})
