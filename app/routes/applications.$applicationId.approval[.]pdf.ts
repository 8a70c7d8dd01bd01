import type { LoaderFunctionArgs } from '@remix-run/node'
import { NOT_FOUND } from '~/domain/result'
import { requireUser } from '~/lib/auth.server'
import { contentDisposition } from '~/lib/storage.server'
import { approvalFormPdf } from '~/models/approval-form.server'

// GET /applications/:id/approval.pdf[?lang=en]: the printable approval form (decision 22), in
// Chinese or in English, for the student and the staff who may read the application.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const locale = new URL(request.url).searchParams.get('lang') === 'en' ? 'en' : 'zh-CN'
  const result = await approvalFormPdf(user, params.applicationId ?? '', locale)
  if (!result.ok)
    throw new Response(result.error === NOT_FOUND ? 'Not found' : 'Conflict', { status: result.error === NOT_FOUND ? 404 : 409 })
  return new Response(Buffer.from(result.pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': contentDisposition(result.fileName, 'inline'),
      'Cache-Control': 'private, no-store',
    },
  })
}
