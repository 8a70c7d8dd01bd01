import pg from 'pg'
process.env.DATABASE_URL = 'postgresql://postgres:postgres@127.0.0.1:54320/b100k'
const captured: { text: string; values: unknown[] }[] = []
const orig = pg.Pool.prototype.query
// eslint-disable-next-line @typescript-eslint/no-explicit-any
;(pg.Pool.prototype as any).query = function (this: pg.Pool, q: any, v: any, ...rest: any[]) {
  if (typeof q === 'string') captured.push({ text: q, values: v })
  else if (q?.text) captured.push({ text: q.text, values: q.values })
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return (orig as any).call(this, q, v, ...rest)
}
const { prisma } = await import('../app/lib/db.server')
const { toSessionUser } = await import('../app/lib/auth.server')
const { loadQueue } = await import('../app/models/queue.server')
const office = toSessionUser(await prisma.user.findUniqueOrThrow({ where: { email: 'office@demo.edu.cn' } }))
const path = process.argv[2] ?? '/office'
await loadQueue(office, new Request('http://x' + path), 'college_endorsed')
captured.length = 0
await loadQueue(office, new Request('http://x' + path), 'college_endorsed')
const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
await client.connect()
for (const q of [...captured]) {
  const r = await client.query('EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) ' + q.text, q.values)
  const lines = r.rows.map((x) => x['QUERY PLAN'])
  console.log('----', q.text.replace(/\s+/g, ' ').slice(0, 160))
  console.log(lines.join('\n'))
}
process.exit(0)
