// Benchmark: how the office queue (filters, name search), the policy dashboard and the finance
// summary grow with the database. The same models the pages' loaders call, timed serially in two
// child processes (scale-process.ts), one on the benchmark database (100,000 applications) and
// one on a second database seeded ten times as large (1,000,000 applications, 200,000 students,
// 1,000,000 awards), alternating round by round so that the machine's load falls on both alike.
import pg from 'pg'
import { startChild, type Child } from './lib/ipc'
import { median, round, type BenchResult } from './lib/results'
import { seedBenchDatabase } from './lib/seed'
import { filterValues, queuePaths } from './queue'

const ROUNDS = 7
const WARM_UP = 2
const GOAL = 1.5
const SCALE = 10

type Parts = { queueFilters: number; queueSearch: number; queueNames: number; dashboard: number; finance: number }

export async function benchScale({ env, phase }: { env: Record<string, string>; phase(label: string): void }): Promise<BenchResult[]> {
  const smallUrl = env.DATABASE_URL
  const largeUrl = await freshDatabase(smallUrl, 'mobility_scale')
  phase(`seeding ${SCALE}× the benchmark database`)
  const started = performance.now()
  const seeded = await seedBenchDatabase(largeUrl, SCALE)
  const seedSeconds = round((performance.now() - started) / 1000, 0)
  phase(`seeded ${JSON.stringify(seeded)} in ${seedSeconds} s`)

  /** The searches whose work the count's cap bounds (`search`), and names whose matches grow with the students (`names`). */
  type Paths = { filtered: string[]; search: string[]; names: string[] }
  const sizes: { label: string; url: string; child?: Child; paths?: Paths; matches?: number; runs: Parts[] }[] = [
    { label: '100k', url: smallUrl, runs: [] },
    { label: '1M', url: largeUrl, runs: [] },
  ]
  try {
    for (const size of sizes) {
      const { collegeId, surname, givenName } = await filterValues(size.url)
      const { filtered, searchBy } = queuePaths(collegeId, surname)
      size.paths = {
        filtered,
        search: [searchBy.surname, searchBy.number],
        names: [`/office?status=all&q=${encodeURIComponent(givenName)}`, searchBy.fullName],
      }
      size.matches = (await matchesOf(size.url, givenName)) + (await matchesOf(size.url, 'wang wei'))
      size.child = await startChild(new URL('./scale-process.ts', import.meta.url).pathname, { DATABASE_URL: size.url })
    }
    for (let i = 0; i < WARM_UP + ROUNDS; i++) {
      for (const size of sizes) {
        const parts = await size.child!.request<Parts>('measure', size.paths)
        if (i >= WARM_UP) size.runs.push(parts)
      }
    }
  } finally {
    for (const size of sizes) await size.child?.stop()
  }

  const [small, large] = sizes
  const at = (runs: Parts[], part: keyof Parts) => round(median(runs.map((r) => r[part])), 1)
  const row = (part: keyof Parts, title: string, what: string, goal = GOAL, goalText = `at 1M within ${GOAL}× of 100k`): BenchResult => {
    const ratio = round(at(large.runs, part) / at(small.runs, part))
    return {
      id: `scale-${part}`,
      title: `Scale: ${title}, 100k → 1M applications`,
      goal: goalText,
      met: ratio <= goal,
      measured: `${at(large.runs, part)} ms ${what} at 1M (${ratio}× 100k)`,
      baseline: `${at(small.runs, part)} ms at 100k`,
      details: {
        ratio,
        rounds: ROUNDS,
        small: small.runs.map((r) => round(r[part], 1)),
        large: large.runs.map((r) => round(r[part], 1)),
        seeded,
        seedSeconds,
      },
      notes: `Median of ${ROUNDS} rounds after ${WARM_UP} warm-ups, alternating the two databases; the 1M database took ${seedSeconds} s to seed.`,
    }
  }
  return [
    row('queueFilters', 'office queue, filters', `for ${small.paths!.filtered.length} pages`),
    // A surname and a student number: their count stops at the cap, and a page of them reads about
    // as many applications whatever the number of students.
    row('queueSearch', 'office queue, a surname and a student number', `for ${small.paths!.search.length} searches`),
    // Every name is about ten times as common in the larger database: a search's matches grow with
    // it, and a page of them, sorted from all of them, cannot cost the same. What must not happen is
    // work that grows faster than the matches, as reading every student did (40–90 ms at 1M for two
    // characters, 13× 100k).
    row(
      'queueNames',
      `office queue, a two-character given name and "wang wei" (${small.matches} matching applications at 100k, ${large.matches} at 1M)`,
      `for ${small.paths!.names.length} searches`,
      round(large.matches! / small.matches!),
      `at 1M within the growth of their matches (${round(large.matches! / small.matches!)}×)`,
    ),
    row('dashboard', 'policy dashboard', 'a page'),
    row('finance', 'finance summary', 'a summary'),
  ]
}

/** How many students' applications a search by `name` finds (a student's Chinese name, or English name in any case, contains it). */
async function matchesOf(url: string, name: string): Promise<number> {
  const db = new pg.Client({ connectionString: url })
  await db.connect()
  try {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Application" a JOIN "User" u ON u.id = a."applicantId"
       WHERE (u."nameZh" LIKE '%' || $1 || '%' OR u."nameEn" ILIKE '%' || $1 || '%') AND a.status <> 'draft'`,
      [name],
    )
    return rows[0].n
  } finally {
    await db.end()
  }
}

/** A new empty database beside the one `url` names (dropped first if a run left it). */
async function freshDatabase(url: string, name: string): Promise<string> {
  const db = new pg.Client({ connectionString: url })
  await db.connect()
  try {
    await db.query(`DROP DATABASE IF EXISTS ${name}`)
    await db.query(`CREATE DATABASE ${name}`)
  } finally {
    await db.end()
  }
  const other = new URL(url)
  other.pathname = `/${name}`
  return other.toString()
}
