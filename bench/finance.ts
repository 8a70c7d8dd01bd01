// Benchmark 3: the finance summary per fund and college for one academic year (a third of the
// 100,000 awards), the app's financeSummary() against the same aggregate as one raw SQL query.
import pg from 'pg'
import { academicYearOf } from '../app/domain/academic-year'
import { median, round, type BenchResult } from './lib/results'

const RUNS = 30

const RAW_SQL = `
  SELECT f.id AS "fundId", f."budgetFen", a."collegeId", al."amountFen" AS "allocationFen",
    COALESCE(SUM(a."approvedFen" - a."paidFen") FILTER (WHERE a.status = 'committed'), 0) AS committed,
    SUM(a."paidFen") AS paid, SUM(a."releasedFen") AS released,
    COALESCE(SUM(a."requestedFen") FILTER (WHERE a.status = 'proposed'), 0) AS proposed,
    COUNT(*) AS awards
  FROM "Award" a
  JOIN "Fund" f ON f.id = a."fundId"
  LEFT JOIN "FundAllocation" al ON al."fundId" = a."fundId" AND al."collegeId" = a."collegeId"
  WHERE f."academicYear" = $1
  GROUP BY f.id, f."budgetFen", a."collegeId", al."amountFen"`

export async function benchFinance({ databaseUrl }: { databaseUrl: string }): Promise<BenchResult> {
  const { financeSummary } = await import('../app/models/finance-summary.server')
  const year = academicYearOf(new Date())
  const db = new pg.Client({ connectionString: databaseUrl })
  await db.connect()
  try {
    const {
      rows: [{ n: awards }],
    } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Award" a JOIN "Fund" f ON f.id = a."fundId" WHERE f."academicYear" = $1`,
      [year],
    )
    const time = async (run: () => Promise<unknown>) => {
      const started = performance.now()
      await run()
      return performance.now() - started
    }
    const app = () => financeSummary(year)
    const raw = () => db.query(RAW_SQL, [year])
    for (let i = 0; i < 3; i++) await Promise.all([time(app), time(raw)]) // warm-up
    const appMs: number[] = []
    const rawMs: number[] = []
    for (let i = 0; i < RUNS; i++) {
      appMs.push(await time(app))
      rawMs.push(await time(raw))
    }
    const summary = await financeSummary(year)
    const rawRows = (await raw()).rowCount
    if (summary.totals.awards !== awards) throw new Error(`financeSummary counts ${summary.totals.awards} awards, the database ${awards}`)
    const ratio = median(appMs) / median(rawMs)
    return {
      id: 'finance',
      title: `Finance summary per fund and college (${awards.toLocaleString('en')} awards of ${year})`,
      goal: '≤ 1.3× the raw SQL aggregate',
      met: ratio <= 1.3,
      measured: `${round(median(appMs), 1)} ms median financeSummary() (${round(ratio)}× raw)`,
      baseline: `${round(median(rawMs), 1)} ms median: the same aggregate as one SQL query (pg)`,
      details: {
        academicYear: year,
        awards,
        runs: RUNS,
        appMedianMs: round(median(appMs), 2),
        rawMedianMs: round(median(rawMs), 2),
        ratio: round(ratio, 3),
        funds: summary.funds.length,
        rawRows,
      },
      notes: 'Median of 30 alternating calls after 3 warm-ups, in one process against the same database.',
    }
  } finally {
    await db.end()
  }
}
