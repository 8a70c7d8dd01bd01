import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/lib/auth.server'
import { contentDisposition } from '~/lib/storage.server'
import { recognisedCoursesCsv, recognisedFileName } from '~/models/recognised-courses.server'
import { exportYearSchema } from '~/schemas/learning-agreement'

// GET /learning-agreements/recognised.csv?year=2026-2027: the approver's college's recognised
// courses for the academic affairs system, in the admin's column order (decision 26).
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'academic_approver' })
  const query = exportYearSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams))
  if (!query.success) throw new Response('Bad request', { status: 400 })
  return new Response(await recognisedCoursesCsv(user, query.data.year, user.locale), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': contentDisposition(recognisedFileName(query.data.year), 'attachment'),
      'Cache-Control': 'private, no-store',
    },
  })
}
