import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { isDocumentKind, type DocumentKind } from '~/domain/documents'
import { formatBytes } from '~/domain/file-type'
import type { Refusal } from '~/domain/result'
import { translator, type MessageKey, type Params } from '~/i18n'
import { requireUser } from '~/lib/auth.server'
import { env } from '~/lib/env.server'
import { FORM_LIMITS } from '~/lib/form-limits'
import { MultipartLimitError, parseMultipart } from '~/lib/multipart.server'
import { applicantDocuments, deleteDocument, documentLimits, refuseDocument, uploadDocument } from '~/models/document.server'
import { readForm } from '~/lib/form.server'

// POST /student/applications/<id>/documents: uploads (field `kind`, then one or more `file`) and
// `intent=delete` with `documentId`. The multipart body is parsed as it arrives (busboy, see
// ~/lib/multipart.server) and each file streams straight to S3, so no file is ever held in
// memory. Script callers (Accept: application/json) get
// { ok, documents, errors: [{ fileName, code, message }] }; plain form posts are redirected to the application page with the outcome in the query (see outcomeUrl).
// The application must be the student's own before a byte of the body is read.

export type FileError = { fileName: string; code: MessageKey; params?: Params; message: string }

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'student' })
  const applicationId = params.applicationId ?? ''
  if (!(await applicantDocuments({ user, applicationId }))) throw new Response('Not found', { status: 404 })

  const t = translator(user.locale)
  const maxBytes = env().UPLOAD_MAX_BYTES
  const outcome = { kind: undefined as DocumentKind | undefined, uploaded: 0, deleted: false, errors: [] as FileError[] }
  const fail = (fileName: string, { error: code, params }: Refusal) => {
    outcome.errors.push({ fileName, code, params, message: t(code, params) })
  }
  /** An error no model refused with (a bug, a database gone): logged, and told as a failed upload. */
  const broke = (fileName: string, error: unknown) => {
    console.error('[documents]', error)
    fail(fileName, refuseDocument('storageFailed'))
  }
  const respond = async (status = 200) => {
    if (!request.headers.get('Accept')?.includes('application/json')) return redirect(outcomeUrl(applicationId, outcome))
    const documents = await applicantDocuments({ user, applicationId })
    return Response.json(
      { ok: outcome.errors.length === 0, documents, errors: outcome.errors },
      { status, headers: { 'Cache-Control': 'no-store' } },
    )
  }

  // At most perKind files of at most maxBytes each: a longer body is refused before it is read,
  // and one that turns out longer (a chunked body says nothing before) as soon as it passes.
  const maxBody = documentLimits.perKind * maxBytes + FORM_LIMITS.bodyBytes
  const tooLarge = refuseDocument('tooLarge', { max: formatBytes(maxBytes) })
  if (Number(request.headers.get('Content-Length') ?? 0) > maxBody) {
    fail('', tooLarge)
    return respond(413)
  }

  let files = 0
  let form = new FormData() // the text fields
  try {
    if (request.headers.get('Content-Type')?.startsWith('multipart/form-data')) {
      await parseMultipart(request, {
        maxFiles: documentLimits.perKind,
        maxFileBytes: maxBytes,
        maxBytes: maxBody,
        onField(name, value) {
          form.append(name, value)
          if (name === 'kind' && isDocumentKind(value)) outcome.kind = value
        },
        async onFile({ name, fileName, stream }) {
          if (name !== 'file') return
          files++
          // Only a kind sent before the file counts: the file streams before later fields arrive.
          if (!outcome.kind) return fail(fileName, refuseDocument('badRequest'))
          try {
            const uploaded = await uploadDocument({ user, applicationId, kind: outcome.kind, fileName, stream })
            if (uploaded.ok) outcome.uploaded++
            else fail(fileName, uploaded)
          } catch (error) {
            broke(fileName, error)
          }
        },
      })
    } else {
      form = await readForm(request)
    }
  } catch (error) {
    // Past a limit the reading stopped; else a malformed body, or one cut off because the client
    // went away. Reported once: a file's own refusal (e.g. too large) says it already.
    const limit = error instanceof MultipartLimitError ? error.limit : undefined
    if (limit === 'files') fail('', refuseDocument('tooMany', { max: documentLimits.perKind }))
    else if (!outcome.errors.length) fail('', limit === 'bytes' || limit === 'fileBytes' ? tooLarge : refuseDocument('badRequest'))
    return respond(limit === 'bytes' || limit === 'fileBytes' ? 413 : 400)
  }
  const kind = form.get('kind')
  if (!outcome.kind && isDocumentKind(kind)) outcome.kind = kind

  if (form.get('intent') === 'delete') {
    const fileName = String(form.get('fileName') ?? '')
    try {
      const deleted = await deleteDocument({ user, documentId: String(form.get('documentId') ?? '') })
      if (deleted.ok) outcome.deleted = true
      else fail(fileName, deleted)
    } catch (error) {
      broke(fileName, error)
    }
  } else if (files === 0) {
    fail('', refuseDocument('badRequest'))
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
  // Receipts and the report are uploaded from the return report's page; the insurance policy and
  // the visa from the stay's.
  const page = kind === 'receipt' || kind === 'return_report' ? '/report' : kind === 'insurance_policy' || kind === 'visa' ? '/stay' : ''
  return `/student/applications/${applicationId}${page}?${query}${kind ? `#documents-${kind}` : ''}`
}
