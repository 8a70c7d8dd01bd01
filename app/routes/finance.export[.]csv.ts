import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/lib/auth.server'
import { contentDisposition } from '~/lib/storage.server'
import { financeReaders, requestedYear } from '~/models/finance-dashboard.server'
import { awardsCsv, exportFileName } from '~/models/finance-export.server'

// GET /finance/export.csv?year=: the year's awards with a totals row.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: [...financeReaders] })
  const year = requestedYear(request)
  return new Response(await awardsCsv(year, user.locale), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': contentDisposition(exportFileName(year, 'csv'), 'attachment'),
      'Cache-Control': 'private, no-store',
    },
  })
}
