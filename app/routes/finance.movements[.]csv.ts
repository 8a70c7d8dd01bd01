import type { LoaderFunctionArgs } from '@remix-run/node'
import { contentDisposition } from '~/lib/storage.server'
import { requestedYear, requireFinanceReader } from '~/models/finance-dashboard.server'
import { requestedFiscalYear } from '~/models/fiscal-year.server'
import { movementsCsv, movementsFileName } from '~/models/finance-movements.server'

// GET /finance/movements.csv?fy=2027 (a fiscal year) or ?year=2026-2027 (an academic year): the
// payments and releases for the accounting software, in the admin's column order (ADR 0028).
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireFinanceReader(request)
  const params = new URL(request.url).searchParams
  const year = params.has('year') ? { academicYear: requestedYear(request) } : { fiscalYear: requestedFiscalYear(request) }
  return new Response(await movementsCsv(user, year, user.locale), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': contentDisposition(movementsFileName(year), 'attachment'),
      'Cache-Control': 'private, no-store',
    },
  })
}
