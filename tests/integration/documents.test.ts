import net from 'node:net'
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { badFiles, chineseName, jpeg1x1, pdf, png1x1, sha256 } from '../support/files'

// A small limit makes the oversize case cheap; env() reads it when the app modules load.
const LIMIT = vi.hoisted(() => {
  const limit = 64 * 1024
  process.env.UPLOAD_MAX_BYTES = String(limit)
  return limit
})

import type { Refusal, Result } from '~/domain/result'
import type { DocumentKind } from '~/domain/documents'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { putObject } from '~/lib/storage.server'
import { createSession } from '~/lib/session.server'
import * as documents from '~/models/document.server'
import { findDocumentForDownload, listDocuments, sweepOrphanObjects } from '~/models/document.server'
import { findForReviewer } from '~/models/review-access.server'
import { declareConflict } from '~/models/review-scores.server'
import { action } from '~/routes/student.applications.$applicationId.documents'
import { loader as download } from '~/routes/documents.$documentId'
import { createApplication, createCollege, createProgram, createStudent, createUser } from '../factories'
import { resetDatabase } from '../support/db'

afterAll(() => {
  delete process.env.UPLOAD_MAX_BYTES
})

// The test's own S3 client, to see what really is in the bucket.
const s3 = new S3Client({
  endpoint: process.env.S3_ENDPOINT,
  region: 'us-east-1',
  forcePathStyle: true,
  credentials: { accessKeyId: process.env.S3_ACCESS_KEY_ID!, secretAccessKey: process.env.S3_SECRET_ACCESS_KEY! },
})
const bucket = process.env.S3_BUCKET!

async function keysUnder(prefix: string): Promise<string[]> {
  const res = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))
  return (res.Contents ?? []).map((o) => o.Key!)
}

async function objectBytes(key: string): Promise<Buffer> {
  const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
  return Buffer.from(await res.Body!.transformToByteArray())
}

/** `bytes` in 16 KB chunks, as a request body arrives. */
async function* chunks(bytes: Uint8Array, size = 16 * 1024) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
}

const asSessionUser = (u: { id: string; email: string; roles: SessionUser['roles']; collegeId: string | null }): SessionUser => ({
  ...u,
  nameZh: '测试',
  nameEn: 'Test',
  level: null,
  locale: 'en',
})

let student: Awaited<ReturnType<typeof createStudent>>
let applicationId: string

beforeEach(async () => {
  await resetDatabase()
  student = await createStudent(prisma)
  const program = await createProgram(prisma)
  applicationId = (await createApplication(prisma, { applicantId: student.id, programId: program.id })).id
})

function attempt(fileName: string, bytes: Uint8Array, kind: DocumentKind = 'transcript', user: { id: string } = student) {
  return documents.uploadDocument({ user, applicationId, kind, fileName, stream: chunks(bytes) })
}

/** An upload that must succeed: its document. */
async function upload(...args: Parameters<typeof attempt>) {
  const uploaded = await attempt(...args)
  if (!uploaded.ok) throw new Error(`refused: ${uploaded.error}`)
  return uploaded.document
}

async function refusal(promise: Promise<Result<object>>): Promise<Refusal> {
  const result = await promise
  if (result.ok) throw new Error('not refused')
  return result
}

describe('uploadDocument', () => {
  test.each([
    ['transcript.pdf', pdf(), 'application/pdf'],
    ['护照.jpg', jpeg1x1, 'image/jpeg'],
    ['photo.png', png1x1, 'image/png'],
  ])('stores %s in S3 byte for byte, with its SHA-256 and sniffed type', async (fileName, bytes, type) => {
    const view = await upload(fileName, bytes, 'passport')
    const row = await prisma.document.findUniqueOrThrow({ where: { id: view.id } })
    expect(row).toMatchObject({
      applicationId,
      kind: 'passport',
      originalName: fileName,
      contentType: type,
      size: bytes.length,
      sha256: sha256(bytes),
      version: 1,
      supersededAt: null,
      uploadedById: student.id,
    })
    expect(row.objectKey).toMatch(new RegExp(`^applications/${applicationId}/passport/[0-9a-f-]{36}$`))
    const stored = await objectBytes(row.objectKey)
    expect(sha256(stored)).toBe(sha256(bytes))
    expect(stored.equals(bytes)).toBe(true)
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: row.id } })
    expect(audit).toMatchObject({ action: 'document.upload', actorId: student.id, applicationId })
  })

  test('a 255-character Chinese name survives, and the download names the file with it', async () => {
    const name = chineseName(255)
    expect([...name]).toHaveLength(255)
    const view = await upload(name, pdf())
    expect(view.originalName).toBe(name)

    const res = await get(`/documents/${view.id}`, student)
    expect(res.status).toBe(200)
    const disposition = res.headers.get('content-disposition')!
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/)
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)![1])).toBe(name)
  })

  test('a path-traversal name is reduced to its last component; the key never comes from the name', async () => {
    const view = await upload('../../etc/passwd.pdf', pdf())
    const row = await prisma.document.findUniqueOrThrow({ where: { id: view.id } })
    expect(row.originalName).toBe('passwd.pdf')
    expect(row.objectKey).not.toMatch(/etc|passwd|\.\./)
  })

  describe('refuses bad files, leaving no row and no object', () => {
    const cases = [
      ...badFiles,
      {
        label: 'a PDF one byte over the limit',
        fileName: 'big.pdf',
        bytes: pdf({ padding: LIMIT }).subarray(0, LIMIT + 1),
        error: 'tooLarge',
      },
      { label: 'a valid PDF over the limit', fileName: 'big.pdf', bytes: pdf({ padding: LIMIT }), error: 'tooLarge' },
    ]
    test.each(cases)('$label → $error', async ({ fileName, bytes, error }) => {
      const refused = await refusal(attempt(fileName, bytes))
      expect(refused.error).toBe(`documents.error.${error}`)
      expect(await prisma.document.count()).toBe(0)
      expect(await keysUnder(`applications/${applicationId}/`)).toEqual([])
    })
  })

  test('a file of exactly the limit is accepted', async () => {
    const exact = pdf({ padding: 2 * LIMIT - pdf({ padding: LIMIT }).length })
    expect(exact.length).toBe(LIMIT)
    await expect(upload('exact.pdf', exact)).resolves.toMatchObject({ size: LIMIT })
  })

  test('replacing a single-file kind keeps the older version, superseded', async () => {
    const first = await upload('passport-old.jpg', jpeg1x1, 'passport')
    const second = await upload('passport-new.png', png1x1, 'passport')
    expect(second.version).toBe(2)
    const list = await listDocuments(applicationId)
    expect(list.map((d) => [d.originalName, d.version, d.supersededAt === null])).toEqual([
      ['passport-new.png', 2, true],
      ['passport-old.jpg', 1, false],
    ])
    const rows = await prisma.document.findMany({ where: { id: { in: [first.id, second.id] } } })
    for (const row of rows) expect((await objectBytes(row.objectKey)).length).toBe(row.size)
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: second.id } })
    expect(audit.after).toMatchObject({ supersedes: [first.id] })
  })

  test('a multi-file kind keeps several current files', async () => {
    await upload('receipt-1.pdf', pdf(), 'receipt')
    await upload('receipt-2.jpg', jpeg1x1, 'receipt')
    const list = await listDocuments(applicationId)
    expect(list.map((d) => [d.version, d.supersededAt])).toEqual([
      [2, null],
      [1, null],
    ])
  })

  test('at most 10 live files of a multi-file kind, and no object is written for the 11th', async () => {
    await prisma.document.createMany({
      data: Array.from({ length: documents.documentLimits.perKind }, (_, i) => ({
        applicationId,
        kind: 'other' as const,
        objectKey: `applications/${applicationId}/other/fake-${i}`,
        size: 1,
        sha256: 'x',
        contentType: 'application/pdf',
        originalName: `${i}.pdf`,
        version: i + 1,
        uploadedById: student.id,
      })),
    })
    const refused = await refusal(attempt('one-more.pdf', pdf(), 'other'))
    expect(refused).toMatchObject({ error: 'documents.error.tooMany', params: { max: 10 } })
    expect(await keysUnder(`applications/${applicationId}/`)).toEqual([])
    // A single-file kind is still replaceable, and a deleted file frees its place.
    await expect(upload('passport.png', png1x1, 'passport')).resolves.toBeTruthy()
    await prisma.document.updateMany({ where: { originalName: '0.pdf' }, data: { deletedAt: new Date() } })
    await expect(upload('one-more.pdf', pdf(), 'other')).resolves.toMatchObject({ version: 11 })
  })

  test('only the applicant, and only while the application is editable', async () => {
    const other = await createStudent(prisma)
    expect((await refusal(attempt('a.pdf', pdf(), 'transcript', other))).error).toBe('documents.error.notFound')
    await prisma.application.update({ where: { id: applicationId }, data: { status: 'submitted' } })
    expect((await refusal(attempt('a.pdf', pdf()))).error).toBe('documents.error.notEditable')
    // While changes are requested, the kinds the reviewer named only.
    await prisma.application.update({
      where: { id: applicationId },
      data: { status: 'changes_requested', requestedChanges: { fields: [], documents: ['transcript'] } },
    })
    expect((await refusal(attempt('a.pdf', pdf(), 'passport'))).error).toBe('documents.error.notRequested')
    await expect(upload('a.pdf', pdf())).resolves.toBeTruthy()
    expect(await keysUnder(`applications/${applicationId}/`)).toHaveLength(1)
  })

  test('a source stream that fails midway stores nothing', async () => {
    async function* broken() {
      yield pdf().subarray(0, 2000)
      throw new Error('client went away')
    }
    const refused = await refusal(
      documents.uploadDocument({ user: student, applicationId, kind: 'paper', fileName: 'p.pdf', stream: broken() }),
    )
    expect(refused.error).toBe('documents.error.badRequest')
    expect(await prisma.document.count()).toBe(0)
    expect(await keysUnder(`applications/${applicationId}/`)).toEqual([])
  })

  test('a failing database write removes the stored object', async () => {
    await prisma.$executeRawUnsafe(`CREATE FUNCTION refuse_document() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'database refused the row'; END $$ LANGUAGE plpgsql`)
    await prisma.$executeRawUnsafe(
      `CREATE TRIGGER refuse_document BEFORE INSERT ON "Document" FOR EACH ROW EXECUTE FUNCTION refuse_document()`,
    )
    try {
      await expect(upload('a.pdf', pdf())).rejects.toThrow(/database refused the row/)
    } finally {
      await prisma.$executeRawUnsafe(`DROP TRIGGER refuse_document ON "Document"`)
      await prisma.$executeRawUnsafe(`DROP FUNCTION refuse_document()`)
    }
    expect(await prisma.document.count()).toBe(0)
    expect(await keysUnder(`applications/${applicationId}/`)).toEqual([])
  })
})

describe('S3 failing mid-upload', () => {
  // Accepts the connection, reads a little of the request, then drops it.
  let server: net.Server
  let endpoint: string
  beforeAll(async () => {
    server = net.createServer((socket) => socket.once('data', () => socket.destroy()))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    endpoint = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`
  })
  afterAll(() => new Promise((resolve) => server.close(resolve)))

  test('gives a clear error and writes no row', async () => {
    const realEndpoint = process.env.S3_ENDPOINT
    process.env.S3_ENDPOINT = endpoint
    vi.resetModules() // env() and the S3 client are built once per module instance
    try {
      const cut = await import('~/models/document.server')
      const result = await cut.uploadDocument({ user: student, applicationId, kind: 'paper', fileName: 'paper.pdf', stream: chunks(pdf()) })
      expect(result).toEqual({ ok: false, error: 'documents.error.storageFailed' })
    } finally {
      process.env.S3_ENDPOINT = realEndpoint
      vi.resetModules()
    }
    expect(await prisma.document.count()).toBe(0)
    expect(await keysUnder(`applications/${applicationId}/`)).toEqual([])
  })
})

describe('deleteDocument', () => {
  test('soft-deletes while editable, with an audit row; the object stays', async () => {
    const view = await upload('a.pdf', pdf())
    expect(await documents.deleteDocument({ user: student, documentId: view.id })).toEqual({ ok: true })
    const row = await prisma.document.findUniqueOrThrow({ where: { id: view.id } })
    expect(row.deletedAt).toBeInstanceOf(Date)
    expect(await listDocuments(applicationId)).toEqual([])
    expect(await keysUnder(`applications/${applicationId}/`)).toEqual([row.objectKey])
    expect(await prisma.auditEvent.count({ where: { entityId: view.id, action: 'document.delete' } })).toBe(1)
    expect((await refusal(documents.deleteDocument({ user: student, documentId: view.id }))).error).toBe('documents.error.notFound')
  })

  test('is refused once submitted, and for anybody but the applicant', async () => {
    const view = await upload('a.pdf', pdf())
    const other = await createStudent(prisma)
    expect((await refusal(documents.deleteDocument({ user: other, documentId: view.id }))).error).toBe('documents.error.notFound')
    await prisma.application.update({ where: { id: applicationId }, data: { status: 'submitted' } })
    expect((await refusal(documents.deleteDocument({ user: student, documentId: view.id }))).error).toBe('documents.error.notEditable')
    expect((await prisma.document.findUniqueOrThrow({ where: { id: view.id } })).deletedAt).toBeNull()
  })
})

describe('downloads', () => {
  test('who may read a document', async () => {
    const view = await upload('a.pdf', pdf())
    await prisma.application.update({ where: { id: applicationId }, data: { status: 'submitted', submittedAt: new Date() } })
    const otherCollege = await createCollege(prisma)
    const people = {
      applicant: student,
      otherStudent: await createStudent(prisma, { collegeId: student.collegeId }),
      otherCollegeReviewer: await createUser(prisma, { roles: ['college_reviewer'], collegeId: otherCollege.id }),
      collegeReviewer: await createUser(prisma, { roles: ['college_reviewer'], collegeId: student.collegeId }),
      office: await createUser(prisma, { roles: ['office_reviewer'] }),
      finance: await createUser(prisma, { roles: ['finance'] }),
      admin: await createUser(prisma, { roles: ['admin'] }),
    }
    const allowed: Record<string, boolean> = {}
    for (const [who, user] of Object.entries(people)) {
      allowed[who] = (await findDocumentForDownload({ user: asSessionUser(user), documentId: view.id })) !== null
    }
    expect(allowed).toEqual({
      applicant: true,
      otherStudent: false,
      otherCollegeReviewer: false,
      collegeReviewer: true,
      office: true,
      finance: true,
      admin: true,
    })
    expect((await get(`/documents/${view.id}`, people.otherStudent)).status).toBe(404)
    expect((await get(`/documents/${view.id}`, people.otherCollegeReviewer)).status).toBe(404)
    expect((await get(`/documents/${view.id}`, people.collegeReviewer)).status).toBe(200)
    expect((await get(`/documents/${view.id}`, people.office)).status).toBe(200)
    expect((await get(`/documents/nonexistent`, people.office)).status).toBe(404)
    const anonymous = await get(`/documents/${view.id}`)
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('location')).toMatch(/^\/login\?redirectTo=/)
  })

  test("staff download exactly where they may open the review page: not a draft's, not after a conflict of interest", async () => {
    const view = await upload('a.pdf', pdf())
    const otherCollege = await createCollege(prisma)
    const staff = async (roles: SessionUser['roles'], collegeId: string | null = null) =>
      asSessionUser(await createUser(prisma, { roles, collegeId }))
    const people = {
      applicant: asSessionUser(student),
      ownCollege: await staff(['college_reviewer'], student.collegeId),
      conflicted: await staff(['college_reviewer'], student.collegeId),
      otherCollege: await staff(['college_reviewer'], otherCollege.id),
      office: await staff(['office_reviewer']),
      finance: await staff(['finance']),
      admin: await staff(['admin']),
    }
    /** Each person's answer over the route, and whether the review page would open for them. */
    const answers = async () => {
      const result: Record<string, { download: number; reviewPage?: boolean }> = {}
      for (const [who, user] of Object.entries(people)) {
        const res = await get(`/documents/${view.id}`, user)
        await res.arrayBuffer().catch(() => {})
        result[who] = {
          download: res.status,
          ...(who !== 'applicant' && { reviewPage: (await findForReviewer(user, applicationId)) !== null }),
        }
      }
      return result
    }
    const yes = { download: 200, reviewPage: true }
    const no = { download: 404, reviewPage: false }

    // A draft is the student's alone.
    expect(await answers()).toEqual({
      applicant: { download: 200 },
      ownCollege: no,
      conflicted: no,
      otherCollege: no,
      office: no,
      finance: no,
      admin: no,
    })

    await prisma.application.update({ where: { id: applicationId }, data: { status: 'submitted', submittedAt: new Date() } })
    expect(await declareConflict(people.conflicted, applicationId, 'My cousin')).toEqual({ ok: true })
    expect(await answers()).toEqual({
      applicant: { download: 200 },
      ownCollege: yes,
      conflicted: no,
      otherCollege: no,
      office: yes,
      finance: yes,
      admin: yes,
    })
    // The model says the same as the route.
    expect(await findDocumentForDownload({ user: people.conflicted, documentId: view.id })).toBeNull()
    expect(await findDocumentForDownload({ user: people.ownCollege, documentId: view.id })).not.toBeNull()

    // An office reviewer who declares a conflict is kept out too.
    expect(await declareConflict(people.office, applicationId, 'I supervise the student')).toEqual({ ok: true })
    expect((await answers()).office).toEqual(no)
  })

  test('streams the bytes with safe headers; inline only on request, PDFs sandboxed', async () => {
    const bytes = pdf()
    const view = await upload('cv.html', bytes)
    const res = await get(`/documents/${view.id}`, student)
    expect(Object.fromEntries(res.headers)).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(bytes.length),
      'cache-control': 'private, no-store',
      'content-disposition': `attachment; filename="cv.html.pdf"; filename*=UTF-8''cv.html.pdf`,
    })
    expect(res.headers.get('content-security-policy')).toBeNull()
    // nosniff is the server's (helmet's), on every response: tests/reliability/security.test.ts.
    expect(res.headers.get('x-content-type-options')).toBeNull()
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true)

    const inline = await get(`/documents/${view.id}?inline=1`, student)
    expect(inline.headers.get('content-disposition')).toMatch(/^inline; /)
    expect(inline.headers.get('content-security-policy')).toBe('sandbox')

    const image = await upload('photo.png', png1x1, 'passport')
    const preview = await get(`/documents/${image.id}?inline=1`, student)
    expect(preview.headers.get('content-type')).toBe('image/png')
    expect(preview.headers.get('content-disposition')).toMatch(/^inline; filename="photo.png"/)
    expect(preview.headers.get('content-security-policy')).toBeNull()
  })

  test('a deleted document is not served', async () => {
    const view = await upload('a.pdf', pdf())
    expect(await documents.deleteDocument({ user: student, documentId: view.id })).toEqual({ ok: true })
    expect((await get(`/documents/${view.id}`, student)).status).toBe(404)
  })
})

describe('the upload route', () => {
  test('uploads several files in one streamed request; script callers get JSON per file', async () => {
    const form = new FormData()
    form.set('kind', 'receipt')
    form.append('file', blob(pdf()), '发票一.pdf')
    form.append('file', blob(Buffer.from('MZ\x90\x00 not a pdf', 'latin1')), 'setup.pdf')
    form.append('file', blob(png1x1), '发票二.png')
    const res = await post(form, student, { json: true })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.ok).toBe(false)
    expect(body.errors).toEqual([
      { fileName: 'setup.pdf', code: 'documents.error.badType', message: expect.stringContaining('只接受 PDF、JPEG 或 PNG') },
    ])
    expect(body.documents.map((d: { originalName: string }) => d.originalName)).toEqual(['发票二.png', '发票一.pdf'])
  })

  test('a file over the limit is refused by name and the rest of the body is not read', async () => {
    const form = new FormData()
    form.set('kind', 'receipt')
    form.append('file', blob(pdf()), '发票一.pdf')
    form.append('file', blob(pdf({ padding: 2 * LIMIT })), 'huge.pdf')
    form.append('file', blob(png1x1), '发票二.png') // after the refusal: not read, not stored
    const res = await post(form, student, { json: true })
    expect(res.status).toBe(413)
    const body = await res.json()
    expect(body.errors).toEqual([
      { fileName: 'huge.pdf', code: 'documents.error.tooLarge', params: { max: '64 KB' }, message: expect.stringContaining('64 KB') },
    ])
    expect(body.documents.map((d: { originalName: string }) => d.originalName)).toEqual(['发票一.pdf'])
  })

  test('a plain form post is redirected back with the outcome', async () => {
    const form = new FormData()
    form.set('kind', 'passport')
    form.append('file', blob(Buffer.alloc(0)), 'empty.jpg')
    const res = await post(form, student)
    expect(res.status).toBe(302)
    const location = new URL(res.headers.get('location')!, 'http://localhost')
    expect(location.pathname).toBe(`/student/applications/${applicationId}`)
    expect(Object.fromEntries(location.searchParams)).toEqual({
      docKind: 'passport',
      docError: 'documents.error.emptyFile',
      docFile: 'empty.jpg',
    })
    expect(location.hash).toBe('#documents-passport')
  })

  test('a file before its kind is refused', async () => {
    const form = new FormData()
    form.append('file', blob(pdf()), 'a.pdf')
    form.set('kind', 'passport')
    const body = await (await post(form, student, { json: true })).json()
    expect(body.errors).toEqual([expect.objectContaining({ fileName: 'a.pdf', code: 'documents.error.badRequest' })])
    expect(await prisma.document.count()).toBe(0)
  })

  test('deletes with intent=delete', async () => {
    const view = await upload('a.pdf', pdf())
    const res = await post(new URLSearchParams({ intent: 'delete', documentId: view.id, kind: 'transcript' }), student)
    expect(res.headers.get('location')).toBe(`/student/applications/${applicationId}?docKind=transcript&docDeleted=1#documents-transcript`)
    expect(await listDocuments(applicationId)).toEqual([])
  })

  test('a malformed multipart body is a 400, not a 500', async () => {
    const headers = { Cookie: await cookieFor(student), Accept: 'application/json', 'Content-Type': 'multipart/form-data; boundary=xyz' }
    const body =
      '--xyz\r\nContent-Disposition: form-data; name="kind"\r\n\r\npassport\r\n--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 cut'
    const request = new Request(`http://localhost/student/applications/${applicationId}/documents`, { method: 'POST', body, headers })
    const res = await action({ request, params: { applicationId }, context })
    expect(res.status).toBe(400)
    expect((await res.json()).errors).toEqual([expect.objectContaining({ fileName: 'a.pdf', code: 'documents.error.badRequest' })])
    expect(await prisma.document.count()).toBe(0)
  })

  test("another student's application answers 404 before the body is read", async () => {
    const other = await createStudent(prisma)
    const form = new FormData()
    form.set('kind', 'passport')
    form.append('file', blob(pdf()), 'a.pdf')
    const res = await post(form, other, { json: true }).catch((e: unknown) => e as Response)
    expect(res.status).toBe(404)
    expect(await prisma.document.count()).toBe(0)
  })
})

describe('sweepOrphanObjects', () => {
  test('removes old objects without a row, keeps documents and young objects', async () => {
    const view = await upload('kept.pdf', pdf())
    const orphan = `applications/${applicationId}/transcript/orphan`
    await putObject(orphan, pdf(), { contentType: 'application/pdf' })
    const prefix = `applications/${applicationId}/` as const

    expect(await sweepOrphanObjects({ olderThanMs: 3600_000, prefix })).toEqual({ deleted: [] })
    expect(await sweepOrphanObjects({ olderThanMs: 0, prefix, now: new Date(Date.now() + 60_000) })).toEqual({ deleted: [orphan] })
    const kept = await prisma.document.findUniqueOrThrow({ where: { id: view.id } })
    expect(await keysUnder(prefix)).toEqual([kept.objectKey])
  })
})

const blob = (bytes: Uint8Array) => new Blob([new Uint8Array(bytes)])

// Requests to the routes, signed in as `user` through a real session cookie.
async function cookieFor(user?: { id: string }) {
  if (!user) return ''
  const setCookie = await createSession(user.id, new Request('http://localhost/login'))
  return setCookie.split(';')[0]
}

const context = { cspNonce: '', clientIp: '127.0.0.1' }

async function get(path: string, user?: { id: string }): Promise<Response> {
  const request = new Request(`http://localhost${path}`, { headers: { Cookie: await cookieFor(user) } })
  const documentId = path.split('/')[2].split('?')[0]
  try {
    return await download({ request, params: { documentId }, context })
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

async function post(body: FormData | URLSearchParams, user: { id: string }, { json = false } = {}): Promise<Response> {
  const headers: Record<string, string> = { Cookie: await cookieFor(user) }
  if (json) headers.Accept = 'application/json'
  const request = new Request(`http://localhost/student/applications/${applicationId}/documents`, { method: 'POST', body, headers })
  try {
    return await action({ request, params: { applicationId }, context })
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}
