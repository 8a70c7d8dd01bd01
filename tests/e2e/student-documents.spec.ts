import { badFiles, chineseName, pdf } from '../support/files'
import { E2E_UPLOAD_MAX_BYTES } from './config'
import { expect, signUp, test, zh } from './fixtures'
import {
  applyFromCatalogue,
  checklistLine,
  expectStoredInS3,
  pdfFile,
  postUpload,
  storedObjects,
  uploadThroughWidget,
  widget,
  type UploadFile,
} from './student-journey'

// The upload widget with files a student should not be able to store, and names that must survive.
const TUM = '慕尼黑工业大学 2027 春季学期交换'
const bad = (label: string) => badFiles.find((f) => f.label === label)!

test('bad files are refused in the widget with a clear message, by the server as well, and nothing is stored', async ({ page }) => {
  await signUp(page) // a master's student
  const applicationId = await applyFromCatalogue(page, TUM)

  const exe = bad('Windows executable renamed .pdf')
  const cases: { file: UploadFile; message: string }[] = [
    { file: pdfFile(exe.fileName, exe.bytes), message: zh('documents.error.badType') },
    { file: pdfFile('empty.pdf', Buffer.alloc(0)), message: zh('documents.error.emptyFile') },
    {
      file: pdfFile('scan-600dpi.pdf', pdf({ padding: E2E_UPLOAD_MAX_BYTES })),
      message: zh('documents.error.tooLarge', { max: '2 MB' }),
    },
    { file: pdfFile(bad('truncated PDF').fileName, bad('truncated PDF').bytes), message: zh('documents.error.truncatedPdf') },
  ]
  const transcript = widget(page, 'transcript')
  for (const { file, message } of cases) {
    await transcript.locator('input[type=file]').setInputFiles(file)
    const line = transcript.getByRole('listitem').filter({ hasText: file.name })
    await expect(line.getByRole('alert')).toHaveText(`${zh('documents.upload.failed', { message })} ${zh('documents.upload.dismiss')}`)
  }
  // The refusals can be dismissed one by one.
  await transcript
    .getByRole('listitem')
    .filter({ hasText: 'empty.pdf' })
    .getByRole('button', { name: zh('documents.upload.dismiss') })
    .click()
  await expect(transcript.getByRole('alert')).toHaveCount(cases.length - 1)
  await expect(transcript.getByText(zh('documents.list.empty'))).toBeVisible()
  await expect(checklistLine(page, 'transcript')).toContainText(zh('app.required'))

  // The widget checks in the browser; the server refuses the same files with the same words.
  for (const { file, message } of cases) {
    const { status, body } = await postUpload(page, applicationId, 'transcript', file)
    // A file over the limit ends the reading of the body: 413.
    expect(status, file.name).toBe(message === zh('documents.error.tooLarge', { max: '2 MB' }) ? 413 : 400)
    expect(body?.errors.map((e) => e.message)).toEqual([message])
    expect(body?.documents).toEqual([])
  }
  expect((await storedObjects(applicationId)).size).toBe(0)
})

test('a path-traversal name is kept as its last part; a 255-character Chinese name is accepted and shown whole', async ({ page }) => {
  await signUp(page)
  const applicationId = await applyFromCatalogue(page, TUM)

  const longName = chineseName(255)
  expect([...longName]).toHaveLength(255)
  const transcript = pdfFile(longName, pdf({ text: 'Transcript with a long Chinese name' }))
  await uploadThroughWidget(page, 'transcript', transcript)

  // The browser may already strip the directories: the server is asked with the raw name too.
  const passport = pdfFile('../../etc/passwd.pdf', pdf({ text: 'Passport scan' }))
  await widget(page, 'passport').locator('input[type=file]').setInputFiles(passport)
  await expect(widget(page, 'passport').getByRole('link', { name: 'passwd.pdf', exact: true })).toBeVisible()
  const studyPlan = pdfFile('..\\..\\windows\\win.ini.pdf', pdf({ text: 'Study plan' }))
  const { status, body } = await postUpload(page, applicationId, 'study_plan', studyPlan)
  expect(status).toBe(200)
  expect(body?.documents.find((d) => d.kind === 'study_plan')?.originalName).toBe('win.ini.pdf')
  const raw = await postUpload(page, applicationId, 'language_certificate', pdfFile('../../etc/passwd.pdf', pdf({ text: 'IELTS' })))
  expect(raw.body?.documents.find((d) => d.kind === 'language_certificate')?.originalName).toBe('passwd.pdf')

  // After a reload the names are as stored, and the long one is shown whole.
  await page.reload()
  await expect(widget(page, 'transcript').getByRole('link', { name: longName, exact: true })).toBeVisible()
  await expect(widget(page, 'study_plan').getByRole('link', { name: 'win.ini.pdf', exact: true })).toBeVisible()
  await expect(widget(page, 'language_certificate').getByRole('link', { name: 'passwd.pdf', exact: true })).toBeVisible()

  // Downloading gives the file back under its full name.
  const href = await widget(page, 'transcript').getByRole('link', { name: longName }).getAttribute('href')
  const download = await page.request.get(href!)
  expect(download.status()).toBe(200)
  expect(Buffer.from(await download.body()).equals(transcript.buffer)).toBe(true)
  const disposition = download.headers()['content-disposition']
  expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)![1])).toBe(longName)

  // Keys in S3 come from the application, the kind and a UUID, never from the name.
  await expectStoredInS3(applicationId, {
    transcript,
    passport,
    study_plan: studyPlan,
    language_certificate: pdfFile('passwd.pdf', pdf({ text: 'IELTS' })),
  })
})
