import type { LoaderFunctionArgs } from '@remix-run/node'
import { NOT_FOUND } from '~/domain/result'
import { requireUser } from '~/lib/auth.server'
import { contentDisposition } from '~/lib/storage.server'
import { pledgePdf } from '~/models/approval-form.server'

// GET /student/applications/:id/pledge.pdf: the student's signed safety pledge (decision 22).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'student' })
  const result = await pledgePdf(user.id, params.applicationId ?? '', user.locale)
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
