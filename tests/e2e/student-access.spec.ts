import { pdf } from '../support/files'
import { expect, login, newStudent, signUp, test, zh } from './fixtures'
import {
  applyFromCatalogue,
  expectStoredInS3,
  objectKeys,
  pdfFile,
  postUpload,
  referenceOn,
  uploadThroughWidget,
  widget,
} from './student-journey'

// Student A's application and documents are A's: another student gets the same 404 as for an id
// that does not exist, whichever URL they guess; staff see them only for their own college.
const TUM = '慕尼黑工业大学 2027 春季学期交换'

test("student B cannot read, change or download A's draft, and no reviewer can download it before it is submitted", async ({
  page,
  newContext,
  allowConsoleErrors,
}) => {
  test.slow() // four browsers: A, B and two reviewers
  allowConsoleErrors(/status of 404/)

  // A: a computer science student (the sign-up default) with a draft and a transcript.
  const pageA = await (await newContext()).newPage()
  const a = await signUp(pageA, newStudent({ nameZh: '甲同学', nameEn: 'JIA Tongxue' }))
  const applicationId = await applyFromCatalogue(pageA, TUM)
  const reference = await referenceOn(pageA)
  const transcript = pdfFile('A的成绩单.pdf', pdf({ text: 'Transcript of student A' }))
  await uploadThroughWidget(pageA, 'transcript', transcript)
  const documentUrl = (await widget(pageA, 'transcript').getByRole('link', { name: transcript.name }).getAttribute('href'))!
  expect(documentUrl).toMatch(/^\/documents\/[^/]+$/)
  const [objectKey] = await objectKeys(applicationId)

  // B, with an application of their own.
  await signUp(page)
  const ownId = await applyFromCatalogue(page, TUM)
  expect(ownId).not.toBe(applicationId)

  const aPages = [`/student/applications/${applicationId}`, `/student/applications/${applicationId}/submit`]
  for (const path of aPages) {
    const response = await page.goto(path)
    expect(response?.status(), path).toBe(404)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('error.notFound.title'))
    const html = await response!.text()
    for (const secret of [reference, a.email, a.nameZh, a.nameEn, transcript.name, documentUrl]) {
      expect(html, `${path} shows ${secret}`).not.toContain(secret)
    }
  }
  // The data requests behind client-side navigation, and every action, answer 404 too.
  const base = `/student/applications/${applicationId}`
  for (const path of [`${base}.data`, `${base}/submit.data`, `${base}/documents`]) {
    const response = await page.request.get(path)
    expect(response.status(), path).toBe(404)
    expect(await response.text()).not.toContain(transcript.name)
  }
  const posts: { path: string; form: Record<string, string> }[] = [
    { path: `/student/applications/${applicationId}/submit`, form: {} },
    { path: `/student/applications/${applicationId}?index`, form: { intent: 'withdraw', reason: 'B was here' } },
    { path: `/student/applications/${applicationId}?index`, form: { intent: 'save', kind: 'exchange', motivation: 'B was here' } },
  ]
  for (const { path, form } of posts) {
    expect((await page.request.post(path, { form })).status(), path).toBe(404)
    // The same request on B's own application does reach the action (it is not a wrong URL).
    const own = path.replace(applicationId, ownId)
    expect((await page.request.post(own, { form, maxRedirects: 0 })).status(), own).not.toBe(404)
  }
  const upload = await postUpload(page, applicationId, 'transcript', pdfFile('forged.pdf', pdf({ text: 'forged by B' })))
  expect(upload.status).toBe(404)
  // Deleting A's document through B's own application.
  const documentId = documentUrl.split('/').pop()!
  const deletion = await page.request.post(`/student/applications/${ownId}/documents`, {
    headers: { Accept: 'application/json' },
    form: { intent: 'delete', documentId, kind: 'transcript' },
  })
  expect(deletion.status()).toBe(400)
  expect((await deletion.json()).errors[0].message).toBe(zh('documents.error.notFound'))

  // Downloading by the document's URL, previewing it, or guessing with the object key.
  for (const path of [documentUrl, `${documentUrl}?inline=1`, `/documents/${encodeURIComponent(objectKey)}`]) {
    const response = await page.request.get(path)
    expect(response.status(), path).toBe(404)
    expect(Buffer.from(await response.body()).includes(transcript.buffer), path).toBe(false)
  }

  // Nothing of A's changed: same draft, same single file, downloadable by A.
  await pageA.reload()
  await expect(pageA.getByTestId('application-status')).toHaveText(zh('status.draft'))
  await expect(pageA.getByText('B was here')).toHaveCount(0)
  await expect(widget(pageA, 'transcript').getByRole('link')).toHaveCount(2) // the file and its preview
  await expectStoredInS3(applicationId, { transcript })
  const own = await pageA.request.get(documentUrl)
  expect(own.status()).toBe(200)
  expect(Buffer.from(await own.body()).equals(transcript.buffer)).toBe(true)

  // Staff: a draft is the student's own. Neither the physics reviewer nor A's own (computer
  // science) reviewer may download its file before A submits (tests/integration/access-policy
  // covers the download once submitted).
  for (const reviewer of ['reviewer.phys@demo.edu.cn', 'reviewer.cs@demo.edu.cn']) {
    const staff = await (await newContext()).newPage()
    await login(staff, reviewer)
    expect((await staff.request.get(documentUrl)).status(), reviewer).toBe(404)
  }
})
