import type { LoaderFunctionArgs } from '@remix-run/node'
import { contentDisposition } from '~/lib/storage.server'
import { requestedYear, requireFinanceReader } from '~/models/finance-dashboard.server'
import { exportFileName, financeWorkbook } from '~/models/finance-export.server'

// GET /finance/export.xlsx?year=: the year's funds, fund × college lines and awards.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireFinanceReader(request)
  const year = requestedYear(request)
  const body = await financeWorkbook(user, year, user.locale)
  return new Response(body, {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': contentDisposition(exportFileName(year, 'xlsx'), 'attachment'),
      'Cache-Control': 'private, no-store',
    },
  })
}
