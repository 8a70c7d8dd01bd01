import { Readable } from 'node:stream'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { NOT_FOUND } from '~/domain/result'
import { requireUser } from '~/lib/auth.server'
import { env } from '~/lib/env.server'
import { FORM_LIMITS } from '~/lib/form-limits'
import { MultipartError, MultipartLimitError, parseMultipart } from '~/lib/multipart.server'
import { contentDisposition, getObject } from '~/lib/storage.server'
import { signedCopy, uploadSignedCopy } from '~/models/admin/agreements.server'

// GET: the agreement's signed copy (a PDF from S3), to administrators. POST: a new signed copy,
// one file in a multipart body, streamed to S3; back to the agreement's page with the outcome.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: 'admin' })
  const copy = await signedCopy(params.agreementId ?? '')
  if (!copy?.signedKey) throw new Response('Not found', { status: 404 })
  const object = await getObject(copy.signedKey)
  return new Response(Readable.toWeb(object.body) as ReadableStream<Uint8Array>, {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Length': String(copy.signedSize),
      'Content-Disposition': contentDisposition(copy.signedName ?? 'agreement.pdf', 'attachment'),
      'Cache-Control': 'private, no-store',
    },
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'admin' })
  const id = params.agreementId ?? ''
  const back = (outcome: 'uploaded' | 'refused') => redirect(`/admin/agreements/${id}?signed=${outcome}`)
  if (!request.headers.get('Content-Type')?.startsWith('multipart/form-data')) return new Response('Bad Request', { status: 400 })
  const maxBytes = env().UPLOAD_MAX_BYTES
  if (Number(request.headers.get('Content-Length') ?? 0) > maxBytes + FORM_LIMITS.bodyBytes) return back('refused')
  let outcome = 'refused' as 'uploaded' | 'refused' | 'notFound'
  try {
    await parseMultipart(request, {
      maxFiles: 1,
      maxFileBytes: maxBytes,
      maxBytes: maxBytes + FORM_LIMITS.bodyBytes,
      onField() {},
      async onFile({ name, fileName, stream }) {
        if (name !== 'file') return
        const result = await uploadSignedCopy(user, id, fileName, stream)
        outcome = result.ok ? 'uploaded' : result.error === NOT_FOUND ? 'notFound' : 'refused'
      },
    })
  } catch (error) {
    // Past a limit (a file too large, a second file): refused; a malformed body is the client's error.
    if (error instanceof MultipartLimitError && error.limit !== 'shape' && error.limit !== 'fields') return back('refused')
    if (!(error instanceof MultipartError)) throw error
    return new Response('Bad Request', { status: 400 })
  }
  if (outcome === 'notFound') throw new Response('Not found', { status: 404 })
  return back(outcome)
}
