// Steps shared by the student journeys (tests/e2e/student-*.spec.ts): the catalogue, the
// application page's document widget, the submit page, and what ended up in S3 and MailDev.
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import type { Page } from '@playwright/test'
import type { DocumentKind } from '../../app/domain/documents'
import { waitForEmail, type CaughtEmail } from '../support/mail-catcher'
import { E2E_S3 } from './config'
import { expect, MAIL_CATCHER_URL, zh, type T } from './fixtures'

export type UploadFile = { name: string; mimeType: string; buffer: Buffer }

export const pdfFile = (name: string, buffer: Buffer): UploadFile => ({ name, mimeType: 'application/pdf', buffer })

// The e2e server's bucket, read directly: what the student uploaded must be there byte for byte.
let client: S3Client | undefined
function s3(): S3Client {
  // Not the SDK's notice about future Node versions on every run (the e2e server hides it too).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'
  client ??= new S3Client({
    endpoint: E2E_S3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: E2E_S3.accessKeyId, secretAccessKey: E2E_S3.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
  return client
}

/** The keys of the objects stored for an application. */
export async function objectKeys(applicationId: string): Promise<string[]> {
  const listed = await s3().send(new ListObjectsV2Command({ Bucket: E2E_S3.bucket, Prefix: `applications/${applicationId}/` }))
  return (listed.Contents ?? []).map((o) => o.Key!)
}

/** Every object stored for an application (keys are applications/<id>/<kind>/<uuid>), by kind. */
export async function storedObjects(applicationId: string): Promise<Map<string, Buffer[]>> {
  const byKind = new Map<string, Buffer[]>()
  for (const Key of await objectKeys(applicationId)) {
    const [, id, kind, name] = Key.split('/')
    expect(id).toBe(applicationId)
    expect(name, 'object keys are generated, never taken from the file name').toMatch(/^[0-9a-f-]{36}$/)
    const object = await s3().send(new GetObjectCommand({ Bucket: E2E_S3.bucket, Key }))
    const bytes = Buffer.from(await object.Body!.transformToByteArray())
    byKind.set(kind, [...(byKind.get(kind) ?? []), bytes])
  }
  return byKind
}

/** The bucket holds exactly these files for the application, byte for byte. */
export async function expectStoredInS3(applicationId: string, uploaded: Partial<Record<DocumentKind, UploadFile>>) {
  const stored = await storedObjects(applicationId)
  expect([...stored.keys()].sort()).toEqual(Object.keys(uploaded).sort())
  for (const [kind, file] of Object.entries(uploaded)) {
    const objects = stored.get(kind)!
    expect(objects, kind).toHaveLength(1)
    expect(objects[0].equals(file.buffer), `${kind}: the bytes in S3 are the bytes uploaded`).toBe(true)
  }
}

/** The application id from the application page's address. */
export function applicationIdOf(page: Page): string {
  const id = /\/student\/applications\/([^/?#]+)/.exec(page.url())?.[1]
  if (!id) throw new Error(`not on an application page: ${page.url()}`)
  return id
}

/** Sets the catalogue's filters and searches. */
type Filters = { kind?: 'exchange' | 'joint_training' | 'conference'; beltAndRoad?: boolean; openNow?: boolean }

export async function filterCatalogue(page: Page, { kind, beltAndRoad = false, openNow = false }: Filters, t: T = zh) {
  const search = page.getByRole('search')
  await search.getByLabel(t('catalogue.kind')).selectOption(kind ? { label: t(`kind.${kind}`) } : { index: 0 })
  await search.getByLabel(t('catalogue.beltAndRoad')).setChecked(beltAndRoad)
  await search.getByLabel(t('catalogue.openNow')).setChecked(openNow)
  await search.getByRole('button', { name: t('catalogue.searchButton') }).click()
  // The list is the new one once the address carries exactly these filters.
  await expect(page).toHaveURL((url) => {
    const q = url.searchParams
    return (
      url.pathname === '/programs' &&
      (q.get('kind') ?? '') === (kind ?? '') &&
      q.has('beltAndRoad') === beltAndRoad &&
      q.has('openNow') === openNow
    )
  })
}

/** A program card in the catalogue, by its exact title. */
export const programCard = (page: Page, title: string) =>
  page.locator('.program-list > li').filter({ has: page.getByRole('heading', { name: title, exact: true }) })

/**
 * The catalogue lists `shown` and not `hidden`. Retried, since the list follows the address a
 * moment later; `shown` is checked again once the hidden ones are gone (the new list is there).
 */
export async function expectCatalogue(page: Page, { shown = [], hidden = [] }: { shown?: string[]; hidden?: string[] }) {
  for (const title of hidden) await expect(programCard(page, title), `${title} is not listed`).toHaveCount(0)
  for (const title of shown) await expect(programCard(page, title), `${title} is listed`).toHaveCount(1)
  for (const title of hidden) await expect(programCard(page, title), `${title} is not listed`).toHaveCount(0)
}

/** From the catalogue: opens a program and starts an application (see openAndApply). */
export async function applyFromCatalogue(page: Page, title: string, t: T = zh) {
  await page.goto('/programs')
  return openAndApply(page, title, t)
}

/** Opens a program from the catalogue, starts an application and lands on its page. */
export async function openAndApply(page: Page, title: string, t: T = zh) {
  await page.getByRole('link', { name: title, exact: true }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title)
  await page.getByRole('button', { name: t('program.apply') }).click()
  await expect(page).toHaveURL(/\/student\/applications\/[^/]+$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title)
  await expect(page.getByTestId('application-status')).toHaveText(t('status.draft'))
  return applicationIdOf(page)
}

/**
 * A form field by its exact label. Checklist sections are labelled with document names, some the
 * same as a field's ("研究计划"), hence exact and form controls only.
 */
export const field = (page: Page, label: string) => page.locator('input, select, textarea').and(page.getByLabel(label, { exact: true }))

/** Clicks "Save draft" and waits for the server's answer. */
export async function saveDraft(page: Page, t: T = zh) {
  const saved = page.waitForResponse((r) => r.request().method() === 'POST' && (r.request().postData() ?? '').includes('intent=save'))
  await page.getByRole('button', { name: t('app.save') }).click()
  expect((await saved).status()).toBe(200)
  await expect(page.getByTestId('save-status')).toHaveText(/\d/) // "Saved (time)" or "Saved automatically (time)"
}

/** The checklist line of a document kind (its upload widget included). */
export const checklistLine = (page: Page, kind: DocumentKind) => page.locator(`li[data-document-kind="${kind}"]`)

/** The upload widget of a document kind on the application page. */
export const widget = (page: Page, kind: DocumentKind) => page.locator(`section#documents-${kind}`)

/**
 * Posts files to the upload route as a script would (the widget's own request, without its
 * browser-side checks): the server must refuse on its own what the widget refuses.
 */
export async function postUpload(page: Page, applicationId: string, kind: DocumentKind, file: UploadFile) {
  const response = await page.request.post(`/student/applications/${applicationId}/documents`, {
    headers: { Accept: 'application/json' },
    multipart: { kind, file },
  })
  const body = response.headers()['content-type']?.includes('json') ? await response.json() : null
  return {
    status: response.status(),
    body: body as { ok: boolean; documents: { id: string; kind: string; originalName: string }[]; errors: { message: string }[] } | null,
  }
}

/** Picks a file in the widget of `kind` and waits until the checklist ticks it off. */
export async function uploadThroughWidget(page: Page, kind: DocumentKind, file: UploadFile, t: T = zh) {
  await uploadAllThroughWidgets(page, { [kind]: file }, t)
}

/**
 * Picks each file in the widget of its kind, waiting for it to be listed, then checks that the
 * checklist ticks every one off (the page reloads its data after each upload).
 */
export async function uploadAllThroughWidgets(page: Page, files: Partial<Record<DocumentKind, UploadFile>>, t: T = zh) {
  const entries = Object.entries(files) as [DocumentKind, UploadFile][]
  for (const [kind, file] of entries) {
    await expect(checklistLine(page, kind).getByText(`✓ ${t('app.uploaded')}`)).toHaveCount(0)
    await widget(page, kind).locator('input[type=file]').setInputFiles(file)
    await expect(widget(page, kind).getByRole('link', { name: file.name, exact: true })).toBeVisible()
  }
  for (const [kind] of entries) await expect(checklistLine(page, kind).getByText(`✓ ${t('app.uploaded')}`)).toBeVisible()
}

/** From the application page: review, submit, and see the status the student now has. */
export async function submitFromApplicationPage(page: Page, t: T = zh) {
  await page.getByRole('button', { name: t('app.next') }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('submit.title'))
  await expect(page.getByTestId('ready')).toHaveText(t('submit.ready'))
  await expect(page.getByTestId('problems')).toHaveCount(0)
  await page.getByRole('button', { name: t('submit.button') }).click()
  await expect(page).toHaveURL(/\/student\/applications\/[^/]+\?submitted=1$/)
  await expect(page.getByRole('status').filter({ hasText: t('submit.done') })).toBeVisible()
  await expect(page.getByTestId('application-status')).toHaveText(t('status.submitted'))
  // Submitted: the answers are read-only and no file can be added.
  await expect(page.getByRole('button', { name: t('app.save') })).toHaveCount(0)
  await expect(page.locator('input[type=file]')).toHaveCount(0)
  await expect(page.getByTestId('timeline')).toContainText(t('timeline.application.submit'))
}

/** The reference shown on the application page, e.g. "2026-2027-7F3K9Q". */
export async function referenceOn(page: Page): Promise<string> {
  const text = await page.locator('.app-head .muted').innerText()
  const reference = /\d{4}-\d{4}-[A-Z0-9]{6}/.exec(text)?.[0]
  expect(reference, `reference in "${text}"`).toBeDefined()
  return reference!
}

/** The student's home lists the application with this status. */
export async function expectOnStudentHome(page: Page, title: string, status: string, t: T = zh) {
  await page
    .getByRole('navigation', { name: t('nav.menu') })
    .getByRole('link', { name: t('nav.student') })
    .click()
  await expect(page).toHaveURL('/student')
  const card = page
    .getByTestId('my-applications')
    .locator('li')
    .filter({ has: page.getByRole('link', { name: title, exact: true }) })
  await expect(card).toHaveCount(1)
  await expect(card.locator('.badge')).toHaveText(status)
}

/** The receipt email, in the student's language, naming the program and the reference. */
export async function expectReceipt(to: string, title: string, reference: string, t: T = zh): Promise<CaughtEmail> {
  const email = await waitForEmail(MAIL_CATCHER_URL, { to, subjectIncludes: title, timeoutMs: 15_000 })
  expect(email.subject).toBe(t('email.receipt.subject', { program: title }))
  expect(email.text).toContain(t('email.receipt.reference', { reference }))
  return email
}
