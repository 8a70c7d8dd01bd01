// Local only: prints the SQL of one queue page and times the model calls.
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '~/generated/prisma/client'
const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }), log: [{ emit: 'event', level: 'query' }] })
let trace = process.env.TRACE === '1'
client.$on('query', (e) => { if (trace) console.log(`-- ${e.duration} ms\n${e.query}\n${e.params}\n`) })
;(globalThis as any).__prisma = client
const { toSessionUser } = await import('~/lib/auth.server')
const { reviewQueue, queueFacets, loadQueue } = await import('~/models/queue.server')
const { parseQueueFilters } = await import('~/schemas/queue')
const office = toSessionUser(await client.user.findUniqueOrThrow({ where: { email: process.env.WHO ?? 'office@demo.edu.cn' } }))
const queries = (process.argv.slice(2).length ? process.argv.slice(2) : ['', 'status=all', 'status=all&q=王'])
for (const q of queries) {
  const f = parseQueueFilters(new URLSearchParams(q), 'college_endorsed')
  trace = process.env.TRACE === '1'
  if (trace) console.log(`==== ${q}`)
  const r = await loadQueue(office, new Request(`http://x/office?${q}`), 'college_endorsed')
  trace = false
  const ms: number[] = []
  for (let i = 0; i < 5; i++) { const t = performance.now(); await loadQueue(office, new Request(`http://x/office?${q}`), 'college_endorsed'); ms.push(performance.now() - t) }
  ms.sort((a, b) => a - b)
  console.log(`${q || '(default)'}: median ${ms[2].toFixed(1)} ms; total ${r.queue.total} pages ${r.queue.pages} rows ${r.queue.rows.length} next ${r.queue.hasNext} counts ${JSON.stringify(r.queue.counts)} first ${JSON.stringify(r.queue.rows[0])} facets ${r.facets.programs.length}/${r.facets.colleges.length}`)
}
await client.$disconnect()
