// The finance dashboard's figures: per fund, per college within each fund, per college across
// funds and in total, for one academic year, from one aggregate over the awards. The xlsx/csv
// exports and the drill-down use the same numbers.
import { figuresFromTotals, type FundFigures } from '~/domain/funding'
import { prisma } from '~/lib/db.server'

type Totals = { committedFen: number; paidFen: number; releasedFen: number; proposedFen: number; awards: number }
type Named = { id: string; nameZh: string; nameEn: string }

export type CollegeLine = Named & { allocationFen: number | null; figures: FundFigures; proposedFen: number; awards: number }
type FundSummary = Named & {
  purpose: string
  academicYear: string
  figures: FundFigures
  proposedFen: number
  awards: number
  colleges: CollegeLine[]
}
export type FinanceSummary = {
  academicYear: string
  funds: FundSummary[]
  /** Each college across every fund; the budget is the sum of its allocations. */
  colleges: CollegeLine[]
  totals: FundFigures & { proposedFen: number; awards: number }
}

const zero = (): Totals => ({ committedFen: 0, paidFen: 0, releasedFen: 0, proposedFen: 0, awards: 0 })

function add(into: Totals, from: Totals) {
  into.committedFen += from.committedFen
  into.paidFen += from.paidFen
  into.releasedFen += from.releasedFen
  into.proposedFen += from.proposedFen
  into.awards += from.awards
}

/**
 * One row per fund and college with awards, from the totals the triggers on "Award" keep per fund,
 * college and status (decision 29): a few hundred rows, however many awards there are.
 */
async function awardTotals(academicYear: string) {
  const rows = await prisma.$queryRaw<
    { fundId: string; collegeId: string; committed: bigint; paid: bigint; released: bigint; proposed: bigint; awards: bigint }[]
  >`
    SELECT a."fundId", a."collegeId",
      COALESCE(SUM(a."approvedFen" - a."paidFen") FILTER (WHERE a."status" = 'committed'), 0)::bigint AS committed,
      COALESCE(SUM(a."paidFen"), 0)::bigint AS paid,
      COALESCE(SUM(a."releasedFen"), 0)::bigint AS released,
      COALESCE(SUM(a."requestedFen") FILTER (WHERE a."status" = 'proposed'), 0)::bigint AS proposed,
      SUM(a.awards)::bigint AS awards
    FROM "AwardTotal" a JOIN "Fund" f ON f."id" = a."fundId"
    WHERE f."academicYear" = ${academicYear}
    GROUP BY a."fundId", a."collegeId"
    HAVING SUM(a.awards) > 0`
  return rows.map((r) => ({
    fundId: r.fundId,
    collegeId: r.collegeId,
    totals: {
      committedFen: Number(r.committed),
      paidFen: Number(r.paid),
      releasedFen: Number(r.released),
      proposedFen: Number(r.proposed),
      awards: Number(r.awards),
    },
  }))
}

export async function financeSummary(academicYear: string): Promise<FinanceSummary> {
  const [rows, funds, colleges] = await Promise.all([
    awardTotals(academicYear),
    prisma.fund.findMany({
      where: { academicYear },
      orderBy: [{ retiredAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'asc' }],
      include: { allocations: true },
    }),
    prisma.college.findMany({ select: { id: true, nameZh: true, nameEn: true, code: true }, orderBy: { code: 'asc' } }),
  ])
  const collegeById = new Map(colleges.map((c) => [c.id, c]))
  const byFund = new Map<string, Map<string, Totals>>()
  for (const row of rows) {
    const perCollege = byFund.get(row.fundId) ?? new Map<string, Totals>()
    perCollege.set(row.collegeId, row.totals)
    byFund.set(row.fundId, perCollege)
  }

  const acrossFunds = new Map<string, { totals: Totals; allocationFen: number | null }>()
  const grand = zero()
  let grandBudget = 0
  const fundSummaries = funds.map((fund): FundSummary => {
    const perCollege = byFund.get(fund.id) ?? new Map<string, Totals>()
    const allocations = new Map(fund.allocations.map((a) => [a.collegeId, Number(a.amountFen)]))
    const collegeIds = [...new Set([...allocations.keys(), ...perCollege.keys()])]
    const fundTotals = zero()
    const lines = collegeIds
      .map((collegeId): CollegeLine => {
        const totals = perCollege.get(collegeId) ?? zero()
        const allocationFen = allocations.get(collegeId) ?? null
        add(fundTotals, totals)
        const across = acrossFunds.get(collegeId) ?? { totals: zero(), allocationFen: null }
        add(across.totals, totals)
        if (allocationFen !== null) across.allocationFen = (across.allocationFen ?? 0) + allocationFen
        acrossFunds.set(collegeId, across)
        return line(collegeById.get(collegeId), collegeId, allocationFen, totals)
      })
      .sort(byCode(collegeById))
    const budgetFen = Number(fund.budgetFen)
    add(grand, fundTotals)
    grandBudget += budgetFen
    return {
      id: fund.id,
      nameZh: fund.nameZh,
      nameEn: fund.nameEn,
      purpose: fund.purpose,
      academicYear: fund.academicYear,
      figures: figuresFromTotals(budgetFen, fundTotals),
      proposedFen: fundTotals.proposedFen,
      awards: fundTotals.awards,
      colleges: lines,
    }
  })
  const collegeLines = [...acrossFunds]
    .map(([collegeId, { totals, allocationFen }]) => line(collegeById.get(collegeId), collegeId, allocationFen, totals))
    .sort(byCode(collegeById))
  return {
    academicYear,
    funds: fundSummaries,
    colleges: collegeLines,
    totals: { ...figuresFromTotals(grandBudget, grand), proposedFen: grand.proposedFen, awards: grand.awards },
  }
}

function line(college: Named | undefined, collegeId: string, allocationFen: number | null, totals: Totals): CollegeLine {
  return {
    id: collegeId,
    nameZh: college?.nameZh ?? collegeId,
    nameEn: college?.nameEn ?? collegeId,
    allocationFen,
    // Without an allocation a college has no budget of its own: utilisation is not meaningful.
    figures: figuresFromTotals(allocationFen ?? 0, totals),
    proposedFen: totals.proposedFen,
    awards: totals.awards,
  }
}

const byCode = (colleges: Map<string, { code: string }>) => (a: CollegeLine, b: CollegeLine) =>
  (colleges.get(a.id)?.code ?? a.id).localeCompare(colleges.get(b.id)?.code ?? b.id)
