// Documents of an application. Files stream through the app into S3 under a generated key (never
// in memory as a whole, never named after the file); the row keeps the key, size, SHA-256, sniffed
// type and original name, and is written only once the object is complete.
import { createHash, randomUUID } from 'node:crypto'
import { allowsSeveralFiles, type DocumentKind } from '~/domain/documents'
import { checkHead, checkTail, formatBytes, HEAD_BYTES, sanitizeFileName, TAIL_BYTES, type FileType } from '~/domain/file-type'
import { readChangeRequest } from '~/domain/requested-changes'
import { acceptsDocument, type ApplicationStatus } from '~/domain/workflow'
import type { Prisma } from '~/generated/prisma/client'
import { refuse, type Refusal, type Result } from '~/domain/result'
import type { Params } from '~/i18n'
import { recordAudit, recordReads } from '~/lib/audit.server'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { refusableTransaction } from '~/lib/refusable-transaction.server'
import { env } from '~/lib/env.server'
import { deleteObject, listObjects, putObject } from '~/lib/storage.server'
import { accessFor, approverWhere, ownedBy } from './access.server'
import { lockApplication } from './status-change.server'

/**
 * Per application: live files (neither superseded nor deleted) per kind and in all, and every
 * object ever stored (older versions and deleted files keep theirs), which bounds its storage
 * at 100 × UPLOAD_MAX_BYTES however often files are replaced.
 */
export const documentLimits = { perKind: 10, perApplication: 30, storedPerApplication: 100 }

export type DocumentErrorCode =
  | 'tooLarge'
  | 'emptyFile'
  | 'badType'
  | 'truncatedPdf'
  | 'badName'
  | 'nameTooLong'
  | 'tooMany'
  | 'notEditable'
  | 'notRequested'
  | 'notFound'
  | 'storageFailed'
  | 'badRequest'

/** A refusal the student can act on: documents.error.<code>. */
export const refuseDocument = (code: DocumentErrorCode, params?: Params): Refusal => refuse(`documents.error.${code}`, params)

/**
 * Carries a refusal out of a check deep inside an upload (a stream check must throw to abort the
 * S3 upload; a check inside the transaction, to roll it back). Never leaves this module: the
 * exported functions return the refusal.
 */
class Stopped extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.error)
  }
}
const stop = (code: DocumentErrorCode, params?: Params) => new Stopped(refuseDocument(code, params))

export type DocumentView = {
  id: string
  kind: DocumentKind
  originalName: string
  size: number
  contentType: string
  version: number
  supersededAt: Date | null
  createdAt: Date
}

const viewSelect = {
  id: true,
  kind: true,
  originalName: true,
  size: true,
  contentType: true,
  version: true,
  supersededAt: true,
  createdAt: true,
} satisfies Prisma.DocumentSelect

/** Current files and older versions (not deleted ones), by kind, newest first. */
export function listDocuments(applicationId: string): Promise<DocumentView[]> {
  return prisma.document.findMany({
    where: { applicationId, deletedAt: null },
    select: viewSelect,
    orderBy: [{ kind: 'asc' }, { version: 'desc' }],
  })
}

/** listDocuments for the applicant only: null when `user` did not make this application. */
export async function applicantDocuments({ user, applicationId }: { user: Pick<SessionUser, 'id'>; applicationId: string }) {
  const own = await prisma.application.count({ where: { AND: [{ id: applicationId }, ownedBy(user)] } })
  return own ? listDocuments(applicationId) : null
}

export async function uploadDocument({
  user,
  applicationId,
  kind,
  fileName,
  stream,
}: {
  user: Pick<SessionUser, 'id'>
  applicationId: string
  kind: DocumentKind
  fileName: string
  stream: AsyncIterable<Uint8Array>
}): Promise<Result<{ document: DocumentView }>> {
  const name = sanitizeFileName(fileName)
  if (!name.ok) return refuseDocument(name.error, name.error === 'nameTooLong' ? { max: name.max } : undefined)

  // Checked before any byte is read so a refused upload costs nothing, and again before the row
  // is written, since the application may have changed while the file streamed.
  const refused = await checkCanAdd(prisma, user, applicationId, kind)
  if (refused) return refused

  const objectKey = `applications/${applicationId}/${kind}/${randomUUID()}`
  let stored: Awaited<ReturnType<typeof storeChecked>>
  try {
    stored = await storeChecked(objectKey, stream, env().UPLOAD_MAX_BYTES)
  } catch (error) {
    if (error instanceof Stopped) return error.refusal
    throw error
  }
  try {
    const document = await prisma.$transaction(async (tx) => {
      await lockApplication(tx, applicationId)
      const refused = await checkCanAdd(tx, user, applicationId, kind)
      if (refused) throw new Stopped(refused)
      // One after the other: a transaction's one connection runs one query at a time (pg 9 refuses more).
      const latest = await tx.document.findFirst({
        where: { applicationId, kind },
        orderBy: { version: 'desc' },
        select: { version: true },
      })
      const superseded = allowsSeveralFiles(kind)
        ? []
        : await tx.document.findMany({ where: { applicationId, kind, supersededAt: null, deletedAt: null }, select: { id: true } })
      if (superseded.length) {
        await tx.document.updateMany({ where: { id: { in: superseded.map((d) => d.id) } }, data: { supersededAt: new Date() } })
      }
      const document = await tx.document.create({
        data: {
          applicationId,
          kind,
          objectKey,
          ...stored,
          originalName: name.name,
          version: (latest?.version ?? 0) + 1,
          uploadedById: user.id,
        },
        select: viewSelect,
      })
      await recordAudit(tx, {
        actorId: user.id,
        action: 'document.upload',
        entityType: 'Document',
        entityId: document.id,
        applicationId,
        after: { kind, version: document.version, originalName: name.name, ...stored, supersedes: superseded.map((d) => d.id) },
      })
      return document
    })
    return { ok: true, document }
  } catch (error) {
    // No row points at the object: remove it now (the sweeper catches it if this fails too).
    await deleteObject(objectKey).catch((e) => console.error('[documents] could not delete', objectKey, e))
    if (error instanceof Stopped) return error.refusal
    throw error
  }
}

/**
 * Refused unless the application takes a file of this kind now (app/domain/workflow.ts): while
 * changes are requested, of a kind the reviewer named ('notRequested' otherwise).
 */
function checkAccepts(application: { status: ApplicationStatus; requestedChanges: Prisma.JsonValue }, kind: DocumentKind): Refusal | null {
  const requested = application.status === 'changes_requested' ? readChangeRequest(application.requestedChanges).documents : undefined
  if (acceptsDocument(application.status, kind, requested)) return null
  return refuseDocument(application.status === 'changes_requested' ? 'notRequested' : 'notEditable')
}

/** Refused unless `user` is the applicant, the application takes this kind now, and a file may be added. */
async function checkCanAdd(
  db: Prisma.TransactionClient,
  user: Pick<SessionUser, 'id'>,
  applicationId: string,
  kind: DocumentKind,
): Promise<Refusal | null> {
  const application = await db.application.findFirst({
    where: { AND: [{ id: applicationId }, ownedBy(user)] },
    select: { status: true, requestedChanges: true },
  })
  if (!application) return refuseDocument('notFound')
  const refused = checkAccepts(application, kind)
  if (refused) return refused

  const live = { applicationId, deletedAt: null, supersededAt: null }
  const [ofKind, inAll, stored] = await Promise.all([
    allowsSeveralFiles(kind) ? db.document.count({ where: { ...live, kind } }) : 0,
    db.document.count({ where: live }),
    db.document.count({ where: { applicationId } }),
  ])
  const { perKind, perApplication, storedPerApplication } = documentLimits
  if (ofKind >= perKind) return refuseDocument('tooMany', { max: perKind })
  // Replacing a single-file kind does not add a live file.
  if (inAll >= perApplication && allowsSeveralFiles(kind)) return refuseDocument('tooMany', { max: perApplication })
  if (stored >= storedPerApplication) return refuseDocument('tooMany', { max: storedPerApplication })
  return null
}

/**
 * Stores an uploaded file checked as a document is (type sniffed from its bytes, size, a PDF's
 * end): what to keep of it, or the refusal. For files other than documents (a partner
 * agreement's signed copy); no object is left behind a refusal.
 */
export async function storeCheckedFile(
  key: string,
  source: AsyncIterable<Uint8Array>,
): Promise<Result<{ contentType: FileType; size: number; sha256: string }>> {
  try {
    return { ok: true, ...(await storeChecked(key, source, env().UPLOAD_MAX_BYTES)) }
  } catch (error) {
    if (error instanceof Stopped) return error.refusal
    throw error
  }
}

/**
 * Streams `source` to S3 while checking it: the head decides the type, every chunk is hashed and
 * counted (the upload fails as soon as it passes `maxBytes`), and a PDF's tail must hold %%EOF.
 * A check failing inside the stream makes the upload fail before it completes, so no object is
 * left (putObject aborts a multipart upload).
 */
async function storeChecked(key: string, source: AsyncIterable<Uint8Array>, maxBytes: number) {
  const input = source[Symbol.asyncIterator]()
  let refusal: Stopped | undefined
  let reading: Promise<IteratorResult<Uint8Array>> | undefined
  // A source that fails is a request body cut off or malformed: the client's problem, not S3's.
  const read = () =>
    (reading = input.next().catch(() => {
      throw (refusal = stop('badRequest'))
    }))

  const headChunks: Uint8Array[] = []
  let headLength = 0
  let ended = false
  while (headLength < HEAD_BYTES && !ended) {
    const next = await read()
    if (next.done) {
      ended = true
    } else {
      headChunks.push(next.value)
      headLength += next.value.length
    }
  }
  const first = Buffer.concat(headChunks)
  if (first.length === 0) throw stop('emptyFile')
  const head = checkHead(first.subarray(0, HEAD_BYTES))
  if (!head.ok) throw stop(head.error)
  const contentType: FileType = head.type

  const hash = createHash('sha256')
  let size = 0
  let tail = Buffer.alloc(0)
  async function* checked() {
    let chunk: Uint8Array | undefined = first
    while (chunk) {
      size += chunk.length
      if (size > maxBytes) throw (refusal = stop('tooLarge', { max: formatBytes(maxBytes) }))
      hash.update(chunk)
      tail = Buffer.concat([tail, chunk.subarray(-TAIL_BYTES)]).subarray(-TAIL_BYTES)
      yield chunk
      if (ended) break
      const next = await read()
      chunk = next.done ? undefined : next.value
    }
    const end = checkTail(contentType, tail)
    if (!end.ok) throw (refusal = stop(end.error))
  }

  try {
    await putObject(key, checked(), { contentType })
  } catch {
    // Let a read in flight finish: the caller may go on reading the source (to skip the rest of
    // a multipart part), and two readers at once would corrupt it.
    await reading?.catch(() => {})
    if (refusal) throw refusal
    throw stop('storageFailed')
  }
  return { contentType, size, sha256: hash.digest('hex') }
}

export async function deleteDocument({ user, documentId }: { user: Pick<SessionUser, 'id'>; documentId: string }): Promise<Result> {
  return refusableTransaction(async (tx) => {
    const document = await tx.document.findFirst({
      where: { id: documentId, deletedAt: null, application: ownedBy(user) },
      select: { applicationId: true, kind: true, version: true, originalName: true },
    })
    if (!document) return refuseDocument('notFound')
    await lockApplication(tx, document.applicationId)
    const application = await tx.application.findUniqueOrThrow({
      where: { id: document.applicationId },
      select: { status: true, requestedChanges: true },
    })
    const refused = checkAccepts(application, document.kind)
    if (refused) return refused
    // Soft delete: the object stays for the audit trail; the sweeper leaves it alone (a row exists).
    await tx.document.update({ where: { id: documentId }, data: { deletedAt: new Date() } })
    await recordAudit(tx, {
      actorId: user.id,
      action: 'document.delete',
      entityType: 'Document',
      entityId: documentId,
      applicationId: document.applicationId,
      before: document,
    })
  })
}

/**
 * The document when `user` may read it: documents follow their application (app/domain/access.ts
 * canReadDocuments: the applicant, and staff who may open its review page). Anyone else gets null,
 * the same answer as for an id that does not exist.
 */
export async function findDocumentForDownload({ user, documentId }: { user: SessionUser; documentId: string }) {
  const access = await accessFor(user)
  const document = await prisma.document.findFirst({
    where: {
      id: documentId,
      deletedAt: null,
      OR: [
        { application: access.where('any') },
        // The host transcript is also read by the college's academic approver (decision 26).
        { kind: 'host_transcript', application: approverWhere(user) },
      ],
    },
    select: {
      id: true,
      objectKey: true,
      contentType: true,
      size: true,
      sha256: true,
      originalName: true,
      application: { select: { id: true, applicantId: true } },
    },
  })
  if (!document) return null
  // PIPL: a read of the student's file by anyone else is recorded (recordReads skips their own).
  const { application, ...file } = document
  await recordReads(prisma, [
    { actorId: user.id, subjectId: application.applicantId, kind: 'document', applicationId: application.id, documentId: document.id },
  ])
  return { ...file, contentType: file.contentType as FileType }
}

/**
 * Deletes objects under `prefix` that no Document row points at and that are older than
 * `olderThanMs` (younger ones may belong to an upload whose row is being written). They come from
 * uploads whose row was never written and whose clean-up failed, e.g. while S3 was unreachable.
 */
export async function sweepOrphanObjects({
  olderThanMs,
  prefix = 'applications/',
  now = new Date(),
}: {
  olderThanMs: number
  prefix?: `applications/${string}`
  now?: Date
}): Promise<{ deleted: string[] }> {
  const before = now.getTime() - olderThanMs
  const deleted: string[] = []
  for await (const page of listObjects(prefix)) {
    const old = page.filter((o) => o.lastModified.getTime() < before).map((o) => o.key)
    if (!old.length) continue
    const known = await prisma.document.findMany({ where: { objectKey: { in: old } }, select: { objectKey: true } })
    const keep = new Set(known.map((d) => d.objectKey))
    for (const key of old.filter((k) => !keep.has(k))) {
      await deleteObject(key)
      deleted.push(key)
    }
  }
  return { deleted }
}
