import type { LoaderFunctionArgs } from '@remix-run/node'
import { contentDisposition } from '~/lib/storage.server'
import { requestedYear, requireFinanceReader } from '~/models/finance-dashboard.server'
import { awardsCsv, exportFileName } from '~/models/finance-export.server'

// GET /finance/export.csv?year=: the year's awards with a totals row.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireFinanceReader(request)
  const year = requestedYear(request)
  return new Response(await awardsCsv(user, year, user.locale), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': contentDisposition(exportFileName(year, 'csv'), 'attachment'),
      'Cache-Control': 'private, no-store',
    },
  })
}
