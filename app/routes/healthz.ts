import { checkHealth } from '~/lib/health.server'

// GET /healthz: 200 when the database, S3 storage and SMTP all answer, 503 naming what did not.
export async function loader() {
  const { ok, report } = await checkHealth()
  return Response.json(report, { status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } })
}
