// Benchmark 2: the office reviewer's queue (/office: status, college and kind filters, name search,
// 50 rows a page) over 100,000 applications under 16 concurrent connections, against the sign-in
// page of the same app: the same Express, Helmet, compression and Remix server rendering, with no
// database work (an anonymous GET /login reads nothing; /healthz would check DB, S3 and SMTP).
import pg from 'pg'
import { request, signIn } from './lib/http'
import { load, type LoadFigures } from './lib/load'
import { cpuSecondsOf, cpuSecondsOfTree } from './lib/memory'
import { median, round, type BenchResult } from './lib/results'

/** Seconds of each load in a round, and of the bare page between loads. */
const SECONDS = 6
const BARE_SECONDS = 4
/** Rounds of both loads (odd): each load's ratio is the median of its rounds'. */
const ROUNDS = 3

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
  // The bare page just before and just after each load (ABA), in rounds: a shared machine's speed
  // drifts within a minute (the bare page alone served 204 to 382 req/s in one minute), so each load
  // is compared with the mean of the bare page around it, and a load's ratio is the median of its
  // rounds' (one round's ratio ranged from 0.43 to 0.51 over runs of one build).
  const bare = () => withCpu(pids, () => load(appUrl, ['/login'], { seconds: BARE_SECONDS }))
  const rounds = { queue: [] as Round[], search: [] as Round[] }
  let before = await bare()
  for (let i = 0; i < ROUNDS; i++) {
    for (const [kind, paths] of [
      ['queue', filtered],
      ['search', search],
    ] as const) {
      const measured = await withCpu(pids, () => load(appUrl, paths, { seconds: SECONDS, headers }))
      const after = await bare()
      const bareRps = (before.rps + after.rps) / 2
      rounds[kind].push({ measured, around: [before, after], bareRps, ratio: measured.rps / bareRps })
      before = after
    }
  }

  const describe = (f: Measured) => `${f.rps} req/s, p50 ${f.p50} / p95 ${f.p95} / p99 ${f.p99} ms`
  const result = (id: string, title: string, all: Round[], notes: string): BenchResult => {
    // The round whose ratio is the median (ROUNDS is odd): its figures are the ones described.
    const { measured: f, around, bareRps, ratio } = [...all].sort((a, b) => a.ratio - b.ratio)[all.length >> 1]
    const bareApp = round((around[0].cpuMsPerRequest.app + around[1].cpuMsPerRequest.app) / 2, 2)
    return {
      id,
      title,
      // Issue #18 dropped the p95 goal (p95 < 50 ms under 16 connections needs more requests/s than
      // the bare route serves on two cores, bench/README.md); the latencies are still reported.
      goal: '≥ 0.5× the bare route’s requests/s',
      met: ratio >= 0.5 && all.every((r) => r.measured.non2xx === 0 && r.measured.errors === 0),
      measured: `${describe(f)} (${round(ratio)}× bare, the median of ${all.length} rounds: ${all.map((r) => round(r.ratio)).join(', ')}); CPU per request: app ${f.cpuMsPerRequest.app} ms, PostgreSQL ${f.cpuMsPerRequest.postgres} ms`,
      baseline: `GET /login (anonymous), ${BARE_SECONDS} s just before and just after: ${round(bareRps, 1)} req/s (${around[0].rps} and ${around[1].rps}), p50 ${around[0].p50} and ${around[1].p50} ms; CPU per request: app ${bareApp} ms`,
      details: {
        connections: 16,
        seconds: SECONDS,
        bareSeconds: BARE_SECONDS,
        rounds: all.map((r) => ({ ratio: round(r.ratio, 3), queue: r.measured, bareBefore: r.around[0], bareAfter: r.around[1] })),
        paths: id === 'queue-search' ? search : filtered,
      },
      notes,
    }
  }
  return [
    result(
      'queue',
      'Office queue, filters (16 connections)',
      rounds.queue,
      `Cycles through ${filtered.length} filter combinations (status, college, kind, sort, page).`,
    ),
    result(
      'queue-search',
      'Office queue, name search (16 connections)',
      rounds.search,
      `Search by Chinese name, English name and student number (a trigram index serves three characters or more; a one-character surname matches 5% of students).`,
    ),
  ]
}

/** One load measured in a round, with the bare page just before and just after it. */
type Round = { measured: Measured; around: [Measured, Measured]; bareRps: number; ratio: number }

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
  const searchBy = {
    surname: `/office?status=all&q=${encodeURIComponent(surname)}`,
    /** The commonest full name: its matches grow with the students (scale.ts). */
    fullName: '/office?status=all&q=wang%20wei',
    number: '/office?status=all&q=B0000123',
  }
  return {
    filtered: [
      '/office',
      `/office?status=college_endorsed&collegeId=${collegeId}`,
      `/office?status=all&kind=exchange`,
      `/office?status=submitted&collegeId=${collegeId}&kind=conference&page=2`,
      `/office?status=all&sort=newest&page=20`,
    ],
    search: [searchBy.surname, searchBy.fullName, searchBy.number],
    searchBy,
  }
}

/** A college with many applications, the commonest surname among students (the first by its text when several are as common, as the seed makes them) and their commonest given name of two different characters. */
export async function filterValues(databaseUrl: string) {
  const db = new pg.Client({ connectionString: databaseUrl })
  await db.connect()
  try {
    const college = await db.query<{ id: string }>(`SELECT "collegeId" AS id FROM "Application" GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`)
    const surname = await db.query<{ s: string }>(`SELECT left("nameZh", 1) AS s FROM "User" GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`)
    const givenName = await db.query<{ g: string }>(
      // Two different characters, as most given names are (one repeated, 婷婷, narrows by one only: decision 39).
      `SELECT substr("nameZh", 2) AS g FROM "User" WHERE 'student' = ANY(roles) AND char_length("nameZh") = 3
       AND substr("nameZh", 2, 1) <> substr("nameZh", 3, 1) GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    )
    return { collegeId: college.rows[0].id, surname: surname.rows[0].s, givenName: givenName.rows[0].g }
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
