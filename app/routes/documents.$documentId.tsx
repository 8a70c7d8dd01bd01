import { Readable } from 'node:stream'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { downloadName, fileTypes } from '~/domain/file-type'
import { requireUser } from '~/lib/auth.server'
import { contentDisposition, getObject } from '~/lib/storage.server'
import { findDocumentForDownload } from '~/models/document.server'

// GET /documents/<id>[?inline=1]: the file, streamed from S3, to those who may read it. Anyone
// else gets the same 404 as for an id that does not exist, so guessing ids reveals nothing.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const document = await findDocumentForDownload({ user, documentId: params.documentId ?? '' })
  if (!document) throw new Response('Not found', { status: 404 })

  const { contentType } = document
  const inline = new URL(request.url).searchParams.get('inline') === '1' && fileTypes.includes(contentType)
  const object = await getObject(document.objectKey)
  const headers = new Headers({
    'Content-Type': contentType,
    'Content-Length': String(document.size),
    'Content-Disposition': contentDisposition(downloadName(document.originalName, contentType), inline ? 'inline' : 'attachment'),
    'Cache-Control': 'private, no-store',
    // X-Content-Type-Options: nosniff comes from the server's helmet, on every response: set here
    // too, it was sent twice.
  })
  // A previewed PDF runs in an opaque origin: no scripts, forms or cookies of ours.
  if (inline && contentType === 'application/pdf') headers.set('Content-Security-Policy', 'sandbox')
  return new Response(Readable.toWeb(object.body) as ReadableStream<Uint8Array>, { headers })
}
