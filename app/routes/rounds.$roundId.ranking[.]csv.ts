import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/lib/auth.server'
import { contentDisposition } from '~/lib/storage.server'
import { rankedListCsv } from '~/models/round-nominations.server'
import { getRound } from '~/models/rounds.server'

// GET /rounds/:roundId/ranking.csv: the round's ranked list with scores, for the office.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'office_reviewer' })
  if (!(await getRound(params.roundId!))) throw new Response('Not found', { status: 404 })
  return new Response(await rankedListCsv(user, params.roundId!, user.locale), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': contentDisposition(`round-ranking-${params.roundId}.csv`, 'attachment'),
      'Cache-Control': 'private, no-store',
    },
  })
}
