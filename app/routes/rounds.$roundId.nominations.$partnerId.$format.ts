import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/lib/auth.server'
import { contentDisposition } from '~/lib/storage.server'
import { nominationCsv, nominationPartner, nominationWorkbook } from '~/models/round-nominations.server'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

// GET /rounds/:roundId/nominations/:partnerId/(csv|xlsx): the students who accepted a place with
// the partner, as the office sends them to the host university.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'office_reviewer' })
  const { roundId, partnerId, format } = params as { roundId: string; partnerId: string; format: string }
  const partner = format === 'csv' || format === 'xlsx' ? await nominationPartner(roundId, partnerId) : null
  if (!partner) throw new Response('Not found', { status: 404 })
  // The sensitive columns only when the exporter ticked the box (the export's read rows say so).
  const sensitive = new URL(request.url).searchParams.get('sensitive') === '1'
  const name = `nominations-${partner.nameEn.replace(/[^A-Za-z0-9]+/g, '-')}.${format}`
  const body =
    format === 'csv'
      ? await nominationCsv(user, roundId, partnerId, sensitive)
      : await nominationWorkbook(user, roundId, partnerId, sensitive)
  return new Response(body, {
    headers: {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : XLSX,
      'Content-Disposition': contentDisposition(name, 'attachment'),
      'Cache-Control': 'private, no-store',
    },
  })
}
