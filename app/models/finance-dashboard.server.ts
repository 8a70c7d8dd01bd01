// The finance dashboard around financeSummary: the years to choose from, proposals waiting per
// fund, the awards behind each figure with their totals, and the year-end position.
import { academicYearOf } from '~/domain/academic-year'
import { statusesOf, type AwardView } from '~/domain/award-views'
import { countReach } from '~/domain/access'
import type { Prisma } from '~/generated/prisma/client'
import { forbidden, requireUser, type SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { accessFor } from './access.server'
import { applicationReference } from './application.server'
import { awardWhere, listAwards } from './finance.server'
import { financeSummary } from './finance-summary.server'

/** Staff who may read the finance pages; only finance acts on awards. */
const financeReaders = ['finance', 'office_reviewer', 'admin'] as const

/**
 * The signed-in reader of the finance pages. Their figures are the whole university's, so only
 * someone who may count every college (app/domain/access.ts countReach) reads them; the lists
 * behind them show what the reader may open (access.server.ts).
 */
export async function requireFinanceReader(request: Request) {
  const user = await requireUser(request, { role: [...financeReaders] })
  if (countReach(user)?.college !== null) throw forbidden()
  return user
}

const YEAR = /^\d{4}-\d{4}$/

/** The academic years that have funds, newest first, always with the current one. */
export async function fundYears(now = new Date()): Promise<string[]> {
  const rows = await prisma.fund.findMany({ distinct: ['academicYear'], select: { academicYear: true } })
  return [...new Set([academicYearOf(now), ...rows.map((r) => r.academicYear)])].sort().reverse()
}

/** The year asked for in the URL, or the current one. */
export function requestedYear(request: Request, now = new Date()): string {
  const year = new URL(request.url).searchParams.get('year') ?? ''
  return YEAR.test(year) && Number(year.slice(5)) === Number(year.slice(0, 4)) + 1 ? year : academicYearOf(now)
}

export async function financeDashboard(academicYear: string) {
  const [summary, years, proposals] = await Promise.all([
    financeSummary(academicYear),
    fundYears(),
    prisma.award.groupBy({ by: ['fundId'], where: { status: 'proposed', fund: { academicYear } }, _count: { _all: true } }),
  ])
  const proposalCount = Object.fromEntries(proposals.map((p) => [p.fundId, p._count._all]))
  return { summary, years, proposalCount }
}

// ---- the awards behind a figure ---------------------------------------------------------------

export type AwardFilter = { academicYear: string; fundId?: string; collegeId?: string; view: AwardView }

function listFilter(filter: AwardFilter) {
  const statuses = statusesOf[filter.view]
  return {
    academicYear: filter.academicYear,
    fundId: filter.fundId,
    collegeId: filter.collegeId,
    status: statuses ? { in: statuses } : undefined,
    releasedOnly: filter.view === 'released',
  }
}

export type FilterTotals = {
  awards: number
  requestedFen: number
  approvedFen: number
  committedFen: number
  paidFen: number
  releasedFen: number
}

/** The sums over every award of the filter (all pages), in the dashboard's terms. */
async function filterTotals(filter: AwardFilter): Promise<FilterTotals> {
  const where = awardWhere(listFilter(filter))
  const groups = await prisma.award.groupBy({
    by: ['status'],
    where,
    _count: { _all: true },
    _sum: { requestedFen: true, approvedFen: true, paidFen: true, releasedFen: true },
  })
  const totals: FilterTotals = { awards: 0, requestedFen: 0, approvedFen: 0, committedFen: 0, paidFen: 0, releasedFen: 0 }
  for (const g of groups) {
    totals.awards += g._count._all
    totals.requestedFen += g._sum.requestedFen ?? 0
    totals.approvedFen += g._sum.approvedFen ?? 0
    totals.paidFen += g._sum.paidFen ?? 0
    totals.releasedFen += g._sum.releasedFen ?? 0
    // An award paid in instalments still holds what is unpaid (domain/funding.ts usedFen).
    if (g.status === 'committed') totals.committedFen += (g._sum.approvedFen ?? 0) - (g._sum.paidFen ?? 0)
  }
  return totals
}

/**
 * One page of the awards behind a figure that the reader may open, the totals of all of them (the
 * figure), how many of those are not listed (`withheld`: the reader's own, or those they declared
 * a conflict of interest on), and the names for the heading.
 */
export async function awardsBehind(reader: SessionUser, filter: AwardFilter & { page: number }) {
  const [list, totals, funds, colleges] = await Promise.all([
    listAwards(reader, { ...listFilter(filter), page: filter.page }),
    filterTotals(filter),
    prisma.fund.findMany({
      where: { academicYear: filter.academicYear },
      select: { id: true, nameZh: true, nameEn: true },
      orderBy: { createdAt: 'asc' },
    }),
    prisma.college.findMany({ select: { id: true, nameZh: true, nameEn: true }, orderBy: { code: 'asc' } }),
  ])
  const rows = list.rows.map((a) => ({
    id: a.id,
    reference: applicationReference(a.application.id, filter.academicYear),
    student: a.application.applicant,
    kind: a.application.kind,
    college: a.college,
    fund: a.fund,
    status: a.status,
    requestedFen: a.requestedFen,
    approvedFen: a.approvedFen,
    paidFen: a.paidFen,
    releasedFen: a.releasedFen,
  }))
  return { ...list, rows, totals, withheld: totals.awards - list.total, funds, colleges }
}

// ---- year end ---------------------------------------------------------------------------------

/**
 * The closing position of each fund and the commitments still open that the reader may open:
 * money promised and not yet paid, which finance must pay, chase (no return report yet) or carry
 * over. Longest finished first.
 */
export async function yearEnd(reader: SessionUser, academicYear: string) {
  const access = await accessFor(reader)
  const [summary, years, open] = await Promise.all([
    financeSummary(academicYear),
    fundYears(),
    prisma.award.findMany({
      where: { status: 'committed', fund: { academicYear }, application: access.where('staff') },
      select: {
        id: true,
        approvedFen: true,
        createdAt: true,
        fund: { select: { id: true, nameZh: true, nameEn: true } },
        college: { select: { nameZh: true, nameEn: true } },
        application: {
          select: {
            id: true,
            kind: true,
            details: true,
            applicant: { select: { nameZh: true, nameEn: true, studentNumber: true } },
            returnReport: { select: { submittedAt: true } },
          },
        },
      },
    }),
  ])
  const commitments = open
    .map((a) => ({
      id: a.id,
      reference: applicationReference(a.application.id, academicYear),
      fund: a.fund,
      college: a.college,
      student: a.application.applicant,
      kind: a.application.kind,
      approvedFen: a.approvedFen,
      endDate: endDateOf(a.application.details),
      reportSubmittedAt: a.application.returnReport?.submittedAt ?? null,
      createdAt: a.createdAt,
    }))
    // ISO dates sort as text; an application without an end date goes last.
    .sort((a, b) => (a.endDate ?? '9999').localeCompare(b.endDate ?? '9999') || a.createdAt.getTime() - b.createdAt.getTime())
  return { summary, years, commitments }
}

function endDateOf(details: Prisma.JsonValue): string | null {
  const value = details && typeof details === 'object' && !Array.isArray(details) ? details.endDate : null
  return typeof value === 'string' ? value : null
}
