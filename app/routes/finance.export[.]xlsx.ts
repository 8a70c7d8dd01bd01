import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/lib/auth.server'
import { contentDisposition } from '~/lib/storage.server'
import { financeReaders, requestedYear } from '~/models/finance-dashboard.server'
import { exportFileName, financeWorkbook } from '~/models/finance-export.server'

// GET /finance/export.xlsx?year=: the year's funds, fund × college lines and awards.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: [...financeReaders] })
  const year = requestedYear(request)
  const body = await financeWorkbook(year, user.locale)
  return new Response(body, {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': contentDisposition(exportFileName(year, 'xlsx'), 'attachment'),
      'Cache-Control': 'private, no-store',
    },
  })
}
