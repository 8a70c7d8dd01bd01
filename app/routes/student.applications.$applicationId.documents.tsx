import {
  redirect,
  unstable_parseMultipartFormData as parseMultipartFormData,
  type ActionFunctionArgs,
  type UploadHandler,
} from '@remix-run/node'
import { isDocumentKind, type DocumentKind } from '~/domain/documents'
import { formatBytes } from '~/domain/file-type'
import { translator, type MessageKey, type Params } from '~/i18n'
import { requireUser } from '~/lib/auth.server'
import { env } from '~/lib/env.server'
import { applicantDocuments, deleteDocument, DocumentError, documentLimits, uploadDocument } from '~/models/document.server'

// POST /student/applications/<id>/documents: uploads (field `kind`, then one or more `file`) and
// `intent=delete` with `documentId`. The multipart body is parsed as it arrives and each file
// streams straight to S3, so no file is ever held in memory. Script callers (Accept:
// application/json) get { ok, documents, errors: [{ fileName, code, message }] }; plain form
// posts are redirected to the application page with the outcome in the query (see outcomeUrl).
// The application must be the student's own before a byte of the body is read.

export type FileError = { fileName: string; code: MessageKey; params?: Params; message: string }

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'student' })
  const applicationId = params.applicationId ?? ''
  if (!(await applicantDocuments({ user, applicationId }))) throw new Response('Not found', { status: 404 })

  const t = translator(user.locale)
  const maxBytes = env().UPLOAD_MAX_BYTES
  const outcome = { kind: undefined as DocumentKind | undefined, uploaded: 0, deleted: false, errors: [] as FileError[] }
  const fail = (fileName: string, error: unknown) => {
    if (!(error instanceof DocumentError)) console.error('[documents]', error)
    const refusal = error instanceof DocumentError ? error : new DocumentError('storageFailed')
    const { messageKey: code, params } = refusal
    outcome.errors.push({ fileName, code, params, message: t(code, params) })
  }
  const respond = async (status = 200) => {
    if (!request.headers.get('Accept')?.includes('application/json')) return redirect(outcomeUrl(applicationId, outcome))
    const documents = await applicantDocuments({ user, applicationId })
    return Response.json(
      { ok: outcome.errors.length === 0, documents, errors: outcome.errors },
      { status, headers: { 'Cache-Control': 'no-store' } },
    )
  }

  // At most perKind files of at most maxBytes each: a longer body is refused before it is read.
  if (Number(request.headers.get('Content-Length') ?? 0) > documentLimits.perKind * maxBytes + 1024 * 1024) {
    fail('', new DocumentError('tooLarge', { max: formatBytes(maxBytes) }))
    return respond(413)
  }

  let files = 0
  const uploadHandler: UploadHandler = async (part) => {
    if (part.filename === undefined) {
      const value = await readText(part.data)
      if (part.name === 'kind' && isDocumentKind(value)) outcome.kind = value
      return value
    }
    // An empty file input still sends a part, named "" and without bytes.
    if (part.name !== 'file' || part.filename === '') return void (await drain(part.data))
    files++
    try {
      if (!outcome.kind) throw new DocumentError('badRequest')
      await uploadDocument({ user, applicationId, kind: outcome.kind, fileName: part.filename, stream: part.data })
      outcome.uploaded++
    } catch (error) {
      fail(part.filename, error)
    } finally {
      await drain(part.data) // what a refused upload left unread
    }
  }
  let form: FormData
  try {
    form = request.headers.get('Content-Type')?.startsWith('multipart/form-data')
      ? await parseMultipartFormData(request, uploadHandler)
      : await request.formData()
  } catch {
    // A malformed body, or one cut off because the client went away (reported once).
    if (!outcome.errors.length) fail('', new DocumentError('badRequest'))
    return respond(400)
  }
  const kind = form.get('kind')
  if (!outcome.kind && isDocumentKind(kind)) outcome.kind = kind

  if (form.get('intent') === 'delete') {
    try {
      await deleteDocument({ user, documentId: String(form.get('documentId') ?? '') })
      outcome.deleted = true
    } catch (error) {
      fail(String(form.get('fileName') ?? ''), error)
    }
  } else if (files === 0) {
    fail('', new DocumentError('badRequest'))
  }
  return respond(outcome.errors.length && !outcome.uploaded && !outcome.deleted ? 400 : 200)
}

// Nothing to show on GET: the widget lives on the application page.
export const loader = () => new Response('Not found', { status: 404 })

/**
 * The application page with what happened, for the DocumentUpload widget of that kind to show:
 * docKind, docUploaded (count), docDeleted, and the first refusal as docError ("key" or
 * "key|{json params}", see translateError) and docFile: a query string is no place for ten
 * long file names.
 */
function outcomeUrl(
  applicationId: string,
  { kind, uploaded, deleted, errors }: { kind?: string; uploaded: number; deleted: boolean; errors: FileError[] },
) {
  const query = new URLSearchParams()
  if (kind) query.set('docKind', kind)
  if (uploaded) query.set('docUploaded', String(uploaded))
  if (deleted) query.set('docDeleted', '1')
  if (errors[0]) {
    const { code, params } = errors[0]
    query.set('docError', params ? `${code}|${JSON.stringify(params)}` : code)
    query.set('docFile', errors[0].fileName)
  }
  // Receipts and the report are uploaded from the return report's page.
  const page = kind === 'receipt' || kind === 'return_report' ? '/report' : ''
  return `/student/applications/${applicationId}${page}?${query}${kind ? `#documents-${kind}` : ''}`
}

const MAX_FIELD_BYTES = 1024

/** A text field's value: fields are ids and kinds, so anything past 1 KB is dropped unread. */
async function readText(data: AsyncIterable<Uint8Array>): Promise<string> {
  const chunks: Uint8Array[] = []
  let length = 0
  for await (const chunk of data) {
    if (length < MAX_FIELD_BYTES) chunks.push(chunk.subarray(0, MAX_FIELD_BYTES - length))
    length += chunk.length
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** Reads and discards the rest of a part: the parser would otherwise buffer all of it. */
async function drain(data: AsyncIterable<Uint8Array>) {
  for await (const _ of data);
}
