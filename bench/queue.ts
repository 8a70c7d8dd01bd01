// Benchmark 2: the office reviewer's queue (/office: status, college and kind filters, name search,
// 50 rows a page) over 100,000 applications under 16 concurrent connections, against the sign-in
// page of the same app: the same Express, Helmet, compression and Remix server rendering, with no
// database work (an anonymous GET /login reads nothing; /healthz would check DB, S3 and SMTP).
import pg from 'pg'
import { request, signIn } from './lib/http'
import { load, type LoadFigures } from './lib/load'
import { cpuSecondsOf, cpuSecondsOfTree } from './lib/memory'
import { median, round, type BenchResult } from './lib/results'

const SECONDS = 10

type Pids = { appPid: number; servicesPid: number }

export async function benchQueue({ appUrl, env, ...pids }: { appUrl: string; env: Record<string, string> } & Pids): Promise<BenchResult[]> {
  const cookie = await signIn(appUrl, 'office@demo.edu.cn', 'Mobility#2026')
  const { collegeId, surname } = await filterValues(env.DATABASE_URL)
  const { filtered, search } = queuePaths(collegeId, surname)

  // Every URL must be the real page for this reviewer (not a redirect to the sign-in page).
  for (const path of [...filtered, ...search]) {
    const res = await request(`${appUrl}${path}`, { headers: { Cookie: cookie } })
    if (res.status !== 200 || !res.body.includes('<table')) throw new Error(`${path}: HTTP ${res.status}, no queue table`)
  }

  const headers = { Cookie: cookie }
  // Warm-up of each load alone (JIT, connection pools), the bare page last as it is measured first:
  // after 3 s of all the pages mixed, the bare page measured first served 276 req/s, and 386 when
  // measured again after the queue.
  for (const paths of [filtered, search, ['/login']]) await load(appUrl, paths, { seconds: 3, headers })
  // The bare page just before and just after each (ABA): a shared machine's speed drifts within a
  // minute (in one full run the queue's serial timings, taken after the loads, were 1.7× those of a
  // run an hour before), and each load is compared with the mean of the bare page around it.
  const bare = () => withCpu(pids, () => load(appUrl, ['/login'], { seconds: SECONDS / 2 }))
  const bareBefore = await bare()
  const queue = await withCpu(pids, () => load(appUrl, filtered, { seconds: SECONDS, headers }))
  const bareBetween = await bare()
  const named = await withCpu(pids, () => load(appUrl, search, { seconds: SECONDS, headers }))
  const bareAfter = await bare()

  const describe = (f: Measured) => `${f.rps} req/s, p50 ${f.p50} / p95 ${f.p95} / p99 ${f.p99} ms`
  const result = (id: string, title: string, f: Measured, around: [Measured, Measured], notes: string): BenchResult => {
    const bareRps = round((around[0].rps + around[1].rps) / 2, 1)
    const bareApp = round((around[0].cpuMsPerRequest.app + around[1].cpuMsPerRequest.app) / 2, 2)
    return {
      id,
      title,
      // Issue #18 dropped the p95 goal (p95 < 50 ms under 16 connections needs more requests/s than
      // the bare route serves on two cores, bench/README.md); the latencies are still reported.
      goal: '≥ 0.5× the bare route’s requests/s',
      met: f.rps >= bareRps / 2 && f.non2xx === 0 && f.errors === 0,
      measured: `${describe(f)} (${round(f.rps / bareRps)}× bare); CPU per request: app ${f.cpuMsPerRequest.app} ms, PostgreSQL ${f.cpuMsPerRequest.postgres} ms`,
      baseline: `GET /login (anonymous), ${SECONDS / 2} s just before and just after: ${bareRps} req/s (${around[0].rps} and ${around[1].rps}), p50 ${around[0].p50} and ${around[1].p50} ms; CPU per request: app ${bareApp} ms`,
      details: {
        connections: 16,
        seconds: SECONDS,
        bareSeconds: SECONDS / 2,
        queue: f,
        bareBefore: around[0],
        bareAfter: around[1],
        paths: id === 'queue-search' ? search : filtered,
      },
      notes,
    }
  }
  return [
    result(
      'queue',
      'Office queue, filters (16 connections)',
      queue,
      [bareBefore, bareBetween],
      `Cycles through ${filtered.length} filter combinations (status, college, kind, sort, page).`,
    ),
    result(
      'queue-search',
      'Office queue, name search (16 connections)',
      named,
      [bareBetween, bareAfter],
      `Search by Chinese name, English name and student number (a trigram index serves three characters or more; a one-character surname matches 5% of students).`,
    ),
  ]
}

/** Load figures, and the CPU milliseconds each request cost the app, PostgreSQL and the load generator (this process). */
type Measured = LoadFigures & { cpuMsPerRequest: { app: number; postgres: number; client: number } }

/**
 * Both cores serve the app, PostgreSQL and autocannon: where the CPU went says which to make cheaper.
 * PostgreSQL is the services process's tree (its S3 and SMTP servers sit idle meanwhile).
 */
async function withCpu({ appPid, servicesPid }: Pids, run: () => Promise<LoadFigures>): Promise<Measured> {
  const before = { app: cpuSecondsOf(appPid), postgres: cpuSecondsOfTree(servicesPid), client: process.cpuUsage() }
  const figures = await run()
  const client = process.cpuUsage(before.client)
  const perRequest = (seconds: number) => round((seconds * 1000) / Math.max(1, figures.requests), 2)
  return {
    ...figures,
    cpuMsPerRequest: {
      app: perRequest(cpuSecondsOf(appPid) - before.app),
      postgres: perRequest(cpuSecondsOfTree(servicesPid) - before.postgres),
      client: perRequest((client.user + client.system) / 1e6),
    },
  }
}

/** The pages measured: filter combinations, and searches by Chinese name, English name and student number. */
export function queuePaths(collegeId: string, surname: string) {
  return {
    filtered: [
      '/office',
      `/office?status=college_endorsed&collegeId=${collegeId}`,
      `/office?status=all&kind=exchange`,
      `/office?status=submitted&collegeId=${collegeId}&kind=conference&page=2`,
      `/office?status=all&sort=newest&page=20`,
    ],
    search: [`/office?status=all&q=${encodeURIComponent(surname)}`, '/office?status=all&q=wang%20wei', '/office?status=all&q=B0000123'],
  }
}

/** A college with many applications, and the commonest surname among students. */
export async function filterValues(databaseUrl: string) {
  const db = new pg.Client({ connectionString: databaseUrl })
  await db.connect()
  try {
    const college = await db.query<{ id: string }>(`SELECT "collegeId" AS id FROM "Application" GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`)
    const surname = await db.query<{ s: string }>(`SELECT left("nameZh", 1) AS s FROM "User" GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`)
    return { collegeId: college.rows[0].id, surname: surname.rows[0].s }
  } finally {
    await db.end()
  }
}

/**
 * Where a queue page's time goes: the model's call timed one at a time in this process
 * (median of 5 after a warm-up), without HTTP, rendering or concurrency.
 */
export async function queueParts(surname: string): Promise<Record<string, number>> {
  // App modules read process.env once, when first loaded: the caller has set it.
  const [{ prisma }, { toSessionUser }, { reviewQueue }, { parseQueueFilters }] = await Promise.all([
    import('../app/lib/db.server'),
    import('../app/lib/auth.server'),
    import('../app/models/queue.server'),
    import('../app/schemas/queue'),
  ])
  const office = toSessionUser(await prisma.user.findUniqueOrThrow({ where: { email: 'office@demo.edu.cn' } }))
  const filters = (query: string) => parseQueueFilters(new URLSearchParams(query), 'college_endorsed')
  const timed = async (run: () => Promise<unknown>) => {
    await run()
    const ms: number[] = []
    for (let i = 0; i < 5; i++) {
      const started = performance.now()
      await run()
      ms.push(performance.now() - started)
    }
    return round(median(ms), 1)
  }
  return {
    'reviewQueue /office': await timed(() => reviewQueue(office, filters(''))),
    'reviewQueue status=all': await timed(() => reviewQueue(office, filters('status=all'))),
    [`reviewQueue status=all&q=${surname}`]: await timed(() => reviewQueue(office, filters(`status=all&q=${surname}`))),
  }
}
