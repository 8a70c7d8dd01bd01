// The bad-files corpus end to end over HTTP: each file is posted as a browser would (a raw
// multipart body, so NUL bytes, quotes and CR/LF in names arrive exactly as crafted) to the real
// server, then either refused with a clear message in the student's language, leaving no row and
// no object, or stored and served back by /documents/<id> so that no browser runs it: a type we
// sniffed (never the one claimed), nosniff, attachment, and an RFC 5987 filename* that cannot
// break the header. The model-level checks of the same corpus (tests/support/files.ts `badFiles`)
// are in tests/integration/documents.test.ts; this file adds the HTTP round trip and the files
// below that are not refused.
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'

// A small limit makes the oversize case cheap; env() reads it when the app modules load.
const LIMIT = vi.hoisted(() => {
  const limit = 64 * 1024
  process.env.UPLOAD_MAX_BYTES = String(limit)
  return limit
})

import { translator } from '~/i18n'
import { prisma } from '~/lib/db.server'
import { createApplication, createProgram, createStudent } from '../factories'
import { sessionCookie, startAppServer, type AppServer } from '../support/app-server'
import { resetDatabase } from '../support/db'
import { badFiles, chineseName, jpeg1x1, pdf, png1x1, sha256, type BadFile } from '../support/files'

const zip = Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x06\x00', 'latin1'), Buffer.from('[Content_Types].xml'), Buffer.alloc(40)])

/** Refused here only, beyond the shared corpus: the size limit depends on this file's setting. */
type Refused = Omit<BadFile, 'error'> & { error: BadFile['error'] | 'tooLarge' }
const refusedHere: Refused[] = [
  { label: 'oversize PDF (just over the limit)', fileName: 'big.pdf', bytes: pdf({ padding: LIMIT }), error: 'tooLarge' },
  { label: 'ZIP named .docx', fileName: 'plan.docx', bytes: zip, error: 'badType' },
]

/** Stored, and served safely. `served` is the name the download must carry. */
const accepted: { label: string; fileName: string; bytes: Buffer; type: string; served: string }[] = [
  {
    label: 'valid PDF with a Chinese name',
    fileName: '成绩单（2026 春）.pdf',
    bytes: pdf(),
    type: 'application/pdf',
    served: '成绩单（2026 春）.pdf',
  },
  { label: 'JPEG named .pdf', fileName: 'scan.pdf', bytes: jpeg1x1, type: 'image/jpeg', served: 'scan.pdf.jpg' },
  { label: 'PNG named .exe', fileName: 'photo.exe', bytes: png1x1, type: 'image/png', served: 'photo.exe.png' },
  {
    label: 'path-traversal name on a valid PDF',
    fileName: '../../etc/passwd.pdf',
    bytes: pdf(),
    type: 'application/pdf',
    served: 'passwd.pdf',
  },
  // The browser sends CR/LF as %0D%0A (see the parser below): decoded, then dropped as control characters.
  {
    label: 'CR/LF and a header in the name',
    fileName: 'a\r\nX-Injected: 1.pdf',
    bytes: pdf(),
    type: 'application/pdf',
    served: 'aX-Injected: 1.pdf',
  },
  {
    label: 'Chinese name of exactly 255 characters',
    fileName: chineseName(255),
    bytes: pdf(),
    type: 'application/pdf',
    served: chineseName(255),
  },
  { label: 'a semicolon in the name', fileName: 'notes; v2.pdf', bytes: pdf(), type: 'application/pdf', served: 'notes; v2.pdf' },
  { label: 'an equals sign in the name', fileName: 'grade=A.pdf', bytes: pdf(), type: 'application/pdf', served: 'grade=A.pdf' },
  {
    label: 'a double quote in the name',
    fileName: 'the "final" plan.pdf',
    bytes: pdf(),
    type: 'application/pdf',
    served: 'the "final" plan.pdf',
  },
]

const s3 = new S3Client({
  endpoint: process.env.S3_ENDPOINT,
  region: 'us-east-1',
  forcePathStyle: true,
  credentials: { accessKeyId: process.env.S3_ACCESS_KEY_ID!, secretAccessKey: process.env.S3_SECRET_ACCESS_KEY! },
})
const objectsUnder = async (prefix: string) =>
  (await s3.send(new ListObjectsV2Command({ Bucket: process.env.S3_BUCKET!, Prefix: prefix }))).Contents?.length ?? 0

/** What Chromium sends for a file input: the name in raw UTF-8 with `"`, CR and LF %-escaped. */
function multipart(fileName: string, bytes: Buffer, kind = 'other'): { body: Buffer; type: string } {
  const boundary = `----reliability${Date.now().toString(16)}`
  const escaped = fileName.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${escaped}"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return { body, type: `multipart/form-data; boundary=${boundary}` }
}

let app: AppServer
let cookie: string
let applicationId: string
const t = translator('zh-CN')

beforeAll(async () => {
  await resetDatabase()
  app = await startAppServer()
  const student = await createStudent(prisma, { locale: 'zh_CN' })
  const program = await createProgram(prisma)
  applicationId = (await createApplication(prisma, { applicantId: student.id, programId: program.id })).id
  cookie = await sessionCookie(student.id)
})
afterAll(async () => {
  await app?.close()
  delete process.env.UPLOAD_MAX_BYTES
})

async function upload(fileName: string, bytes: Buffer) {
  const { body, type } = multipart(fileName, bytes)
  const res = await app.request(`/student/applications/${applicationId}/documents`, {
    method: 'POST',
    cookie,
    headers: { 'Content-Type': type, Accept: 'application/json' },
    body: new Uint8Array(body),
  })
  expect(res.headers.get('content-type')).toContain('application/json')
  return {
    status: res.status,
    json: (await res.json()) as {
      ok: boolean
      documents: { id: string; originalName: string }[]
      errors: { fileName: string; code: string; message: string }[]
    },
  }
}

describe('refused with a clear message, leaving no row and no object', () => {
  // A raw NUL byte in a part's header is a malformed request to busboy, refused as such.
  const overHttp = (f: Refused): Refused => (f.fileName.includes('\0') ? { ...f, error: 'badRequest' as never } : f)
  test.each([...badFiles, ...refusedHere].map((f): [string, Refused] => [f.label, overHttp(f)]))('%s', async (_, file) => {
    const rowsBefore = await prisma.document.count()
    const objectsBefore = await objectsUnder(`applications/${applicationId}/`)
    const { status, json } = await upload(file.fileName, file.bytes)

    // A file over the limit ends the reading of the body: 413, the rest is not read.
    expect(status).toBe(file.error === 'tooLarge' ? 413 : 400)
    expect(json.ok).toBe(false)
    expect(json.errors).toHaveLength(1)
    const [error] = json.errors
    expect(error.code).toBe(`documents.error.${file.error}`)
    // The student's language, with the limit filled in where there is one.
    expect(error.message).toBe(t(error.code as never, (error as { params?: Record<string, string> }).params))
    expect(error.message).toMatch(/\p{Script=Han}/u)
    expect(error.message).not.toMatch(/\{\w+\}/)
    expect(await prisma.document.count()).toBe(rowsBefore)
    expect(await objectsUnder(`applications/${applicationId}/`)).toBe(objectsBefore)
  })
})

describe('stored, then served so that no browser runs it', () => {
  test.each(accepted.map((f) => [f.label, f] as const))('%s', (_, file) => storedAndServedSafely(file))

  test('a stored PDF previewed inline runs sandboxed', async () => {
    const row = await prisma.document.findFirstOrThrow({ where: { applicationId, contentType: 'application/pdf' } })
    const res = await app.request(`/documents/${row.id}?inline=1`, { cookie })
    expect(res.headers.get('content-disposition')).toMatch(/^inline;/)
    expect(res.headers.get('content-security-policy')).toBe('sandbox')
    await res.arrayBuffer()
  })
})

async function storedAndServedSafely(file: (typeof accepted)[number]) {
  const { status, json } = await upload(file.fileName, file.bytes)
  expect(json.errors).toEqual([])
  expect(status).toBe(200)
  const row = await prisma.document.findFirstOrThrow({
    where: { applicationId, sha256: sha256(file.bytes) },
    orderBy: { createdAt: 'desc' },
  })
  expect(row.contentType).toBe(file.type)
  expect(row.objectKey).toMatch(new RegExp(`^applications/${applicationId}/other/[0-9a-f-]{36}$`))

  const res = await app.request(`/documents/${row.id}`, { cookie })
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe(file.type)
  expect(res.headers.get('x-content-type-options')).toBe('nosniff') // helmet's, once
  const disposition = res.headers.get('content-disposition')!
  expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9!#$&+.^_`|~%-]+$/)
  expect(disposition).not.toMatch(/[\r\n]/)
  expect(res.headers.get('x-injected')).toBeNull()
  const encoded = /filename\*=UTF-8''(.+)$/.exec(disposition)![1]
  expect(decodeURIComponent(encoded)).toBe(file.served)
  expect(Buffer.from(await res.arrayBuffer()).equals(file.bytes)).toBe(true)
}
