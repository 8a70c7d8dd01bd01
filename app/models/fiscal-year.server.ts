// The money of the ledger (FundMovement, ADR 0028) in the two years it belongs to: the fiscal year
// of its day (China's budgets run on the calendar year) and the academic year of its fund. Both
// views sum the same rows, so a month reads the same in either; the fiscal view's per-fund figures
// summed over every fiscal year equal the academic dashboard's. Year end carries each open
// commitment into the next fiscal year with an audit row (no money moves).
import { fiscalYearOf } from '~/domain/instalments'
import { shanghaiDate } from '~/domain/dates'
import { Prisma } from '~/generated/prisma/client'
import { recordAudit } from '~/lib/audit.server'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { accessFor } from './access.server'
import { applicationReference } from './application.server'
import { recordMovement } from './awards.server'

type Sums = { committedFen: number; paidFen: number; releasedFen: number; carriedInFen: number }
export type MonthLine = { month: string; paidFen: number; releasedFen: number }
type FiscalFundLine = Sums & {
  id: string
  nameZh: string
  nameEn: string
  academicYear: string
  budgetFen: number
  openAtEndFen: number
}

const zero = (): Sums => ({ committedFen: 0, paidFen: 0, releasedFen: 0, carriedInFen: 0 })
const KEY = { commit: 'committedFen', pay: 'paidFen', release: 'releasedFen', carry: 'carriedInFen' } as const

/** Payments and releases per month of the rows the condition picks, in month order. */
async function months(where: Prisma.Sql): Promise<MonthLine[]> {
  const rows = await prisma.$queryRaw<{ month: string; paid: bigint; released: bigint }[]>`
    SELECT to_char("on", 'YYYY-MM') AS month,
      COALESCE(SUM("amountFen") FILTER (WHERE "kind" = 'pay'), 0)::bigint AS paid,
      COALESCE(SUM("amountFen") FILTER (WHERE "kind" = 'release'), 0)::bigint AS released
    FROM "FundMovement" WHERE ${where} AND "kind" IN ('pay', 'release')
    GROUP BY 1 ORDER BY 1`
  return rows.map((r) => ({ month: r.month, paidFen: Number(r.paid), releasedFen: Number(r.released) }))
}

/** The academic year's payments and releases per month (the funds of that year). */
export const academicMonths = (academicYear: string) => months(Prisma.sql`"academicYear" = ${academicYear}`)

/**
 * One fiscal year per fund: committed, paid and released in it, carried in from the year before,
 * and what is still open at its end (every commitment up to its end, less what was paid and
 * released by then); per month; and in total.
 */
export async function fiscalSummary(fiscalYear: number) {
  const [inYear, upToEnd, monthLines] = await Promise.all([
    prisma.fundMovement.groupBy({ by: ['fundId', 'kind'], where: { fiscalYear }, _sum: { amountFen: true } }),
    prisma.fundMovement.groupBy({
      by: ['fundId', 'kind'],
      where: { fiscalYear: { lte: fiscalYear }, kind: { in: ['commit', 'pay', 'release'] } },
      _sum: { amountFen: true },
    }),
    months(Prisma.sql`"fiscalYear" = ${fiscalYear}`),
  ])
  const fundIds = [...new Set([...inYear, ...upToEnd].map((r) => r.fundId))]
  const funds = await prisma.fund.findMany({
    where: { id: { in: fundIds } },
    select: { id: true, nameZh: true, nameEn: true, academicYear: true, budgetFen: true },
    orderBy: [{ academicYear: 'asc' }, { createdAt: 'asc' }],
  })
  const lines: FiscalFundLine[] = funds.map((fund) => {
    const sums = zero()
    for (const r of inYear.filter((r) => r.fundId === fund.id)) sums[KEY[r.kind]] += r._sum.amountFen ?? 0
    const cumulative = (kind: 'commit' | 'pay' | 'release') =>
      upToEnd.find((r) => r.fundId === fund.id && r.kind === kind)?._sum.amountFen ?? 0
    return {
      id: fund.id,
      nameZh: fund.nameZh,
      nameEn: fund.nameEn,
      academicYear: fund.academicYear,
      budgetFen: Number(fund.budgetFen),
      ...sums,
      openAtEndFen: cumulative('commit') - cumulative('pay') - cumulative('release'),
    }
  })
  const totals = lines.reduce(
    (t, l) => ({
      committedFen: t.committedFen + l.committedFen,
      paidFen: t.paidFen + l.paidFen,
      releasedFen: t.releasedFen + l.releasedFen,
      carriedInFen: t.carriedInFen + l.carriedInFen,
      openAtEndFen: t.openAtEndFen + l.openAtEndFen,
    }),
    { ...zero(), openAtEndFen: 0 },
  )
  return { fiscalYear, funds: lines, months: monthLines, totals }
}

/** The fiscal years the ledger has, newest first, always with the current one. */
async function fiscalYears(now = new Date()): Promise<number[]> {
  const rows = await prisma.fundMovement.findMany({ distinct: ['fiscalYear'], select: { fiscalYear: true } })
  return [...new Set([fiscalYearOf(shanghaiDate(now)), ...rows.map((r) => r.fiscalYear)])].sort().reverse()
}

/**
 * The commitments still open at the end of a fiscal year (committed by then, less what was paid
 * and released by then), and whether each was carried into the next year already.
 */
export async function openAtYearEnd(fiscalYear: number) {
  const rows = await prisma.$queryRaw<{ awardId: string; open: bigint; carried: boolean }[]>`
    SELECT m."awardId",
      SUM(CASE WHEN m."kind" = 'commit' THEN m."amountFen" ELSE -m."amountFen" END)::bigint AS open,
      EXISTS (SELECT 1 FROM "FundMovement" c WHERE c."awardId" = m."awardId" AND c."kind" = 'carry' AND c."fiscalYear" = ${fiscalYear + 1}) AS carried
    FROM "FundMovement" m
    WHERE m."fiscalYear" <= ${fiscalYear} AND m."kind" IN ('commit', 'pay', 'release')
    GROUP BY m."awardId"
    HAVING SUM(CASE WHEN m."kind" = 'commit' THEN m."amountFen" ELSE -m."amountFen" END) > 0`
  return rows.map((r) => ({ awardId: r.awardId, openFen: Number(r.open), carried: r.carried }))
}

/**
 * Year end: each commitment open at the end of the fiscal year and not yet carried goes into the
 * next one as a carry movement dated 1 January, with an audit row; how many were carried. Run
 * twice, it carries nothing the second time (each award is locked and checked in the transaction).
 */
export async function carryForward(actor: SessionUser, fiscalYear: number): Promise<{ carried: number; amountFen: number }> {
  const open = (await openAtYearEnd(fiscalYear)).filter((o) => !o.carried)
  let carried = 0
  let amountFen = 0
  for (const item of open) {
    const done = await prisma.$transaction(async (tx) => {
      const [award] = await tx.$queryRaw<{ id: string; fundId: string; collegeId: string; applicationId: string }[]>`
        SELECT "id", "fundId", "collegeId", "applicationId" FROM "Award" WHERE "id" = ${item.awardId} FOR UPDATE`
      const already = await tx.fundMovement.count({ where: { awardId: item.awardId, kind: 'carry', fiscalYear: fiscalYear + 1 } })
      if (!award || already) return false
      await recordMovement(tx, award, { kind: 'carry', amountFen: item.openFen, on: `${fiscalYear + 1}-01-01`, actorId: actor.id })
      await recordAudit(tx, {
        actorId: actor.id,
        action: 'award.carry_forward',
        entityType: 'award',
        entityId: award.id,
        applicationId: award.applicationId,
        after: { fromFiscalYear: fiscalYear, toFiscalYear: fiscalYear + 1, openFen: item.openFen },
      })
      return true
    })
    if (done) {
      carried += 1
      amountFen += item.openFen
    }
  }
  return { carried, amountFen }
}

/** The fiscal view's page: the year's figures and the commitments open at its end that the reader may open (the access policy). */
export async function fiscalPage(reader: SessionUser, fiscalYear: number) {
  const access = await accessFor(reader)
  const [summary, years, open] = await Promise.all([fiscalSummary(fiscalYear), fiscalYears(), openAtYearEnd(fiscalYear)])
  const awards = await prisma.award.findMany({
    where: { id: { in: open.map((o) => o.awardId) }, application: access.where('staff') },
    select: {
      id: true,
      fund: { select: { nameZh: true, nameEn: true } },
      application: { select: { id: true, academicYear: true, applicant: { select: { nameZh: true, nameEn: true } } } },
    },
  })
  const commitments = awards
    .map((a) => {
      const item = open.find((o) => o.awardId === a.id)!
      return {
        id: a.id,
        reference: applicationReference(a.application.id, a.application.academicYear),
        student: a.application.applicant,
        fund: a.fund,
        openFen: item.openFen,
        carried: item.carried,
      }
    })
    .sort((a, b) => a.reference.localeCompare(b.reference))
  return { summary, years, commitments, withheld: open.length - awards.length }
}

/** The fiscal year asked for in the URL (?fy=2027), or the current one. */
export function requestedFiscalYear(request: Request, now = new Date()): number {
  const fy = Number(new URL(request.url).searchParams.get('fy'))
  return Number.isInteger(fy) && fy >= 2000 && fy <= 2100 ? fy : fiscalYearOf(shanghaiDate(now))
}
