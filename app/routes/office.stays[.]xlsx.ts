import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/lib/auth.server'
import { contentDisposition } from '~/lib/storage.server'
import { requestedWhereFilter, whereWorkbook } from '~/models/stay-office.server'

// GET /office/stays.xlsx?on=&college=&kind=: where our students are on the day, as a workbook.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: ['office_reviewer', 'admin'] })
  const filter = requestedWhereFilter(request)
  const body = await whereWorkbook(user, filter.on, filter, user.locale)
  return new Response(Buffer.from(body), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': contentDisposition(`students-abroad-${filter.on}.xlsx`, 'attachment'),
      'Cache-Control': 'private, no-store',
    },
  })
}
