// Which applications ask the university for money: those go through finance's check after the
// office approves (workflow: office_approve → funding_check).
import type { ProgramKind } from './program'

export function requestsUniversityMoney(
  kind: ProgramKind,
  details: { budget?: Partial<Record<string, number>>; fundingSource?: string },
  program: { fundId: string | null },
): boolean {
  if (!program.fundId) return false
  if (kind === 'conference') return Object.values(details.budget ?? {}).some((fen) => (fen ?? 0) > 0)
  if (kind === 'joint_training') return details.fundingSource === 'university'
  // A funded exchange program pays every exchange student its scholarship.
  return true
}

// ---- awards and fund arithmetic ---------------------------------------------------------------
// An award moves proposed → committed → paid, or to released (withdrawn, cancelled, returned).
// approvedFen is fixed when finance commits; afterwards every committed fen is in exactly one of
// three places: still committed, paid, or released back to the fund. The fund's figures are
// derived from its awards, never typed in.

export const awardStatuses = ['proposed', 'committed', 'paid', 'released'] as const
export type AwardStatus = (typeof awardStatuses)[number]

export interface AwardAmounts {
  status: AwardStatus
  approvedFen: number
  paidFen: number
  releasedFen: number
}

/**
 * Money the award holds against its fund: promised and not yet paid. An award paid in instalments
 * stays committed while it is paid; only closing it (or a release) gives the unpaid rest back.
 */
function outstandingFen(award: AwardAmounts): number {
  return award.status === 'committed' ? award.approvedFen - award.paidFen : 0
}

/** Money the award takes out of its fund: outstanding plus paid. */
export function usedFen(award: AwardAmounts): number {
  return outstandingFen(award) + award.paidFen
}

export interface FundFigures {
  budgetFen: number
  committedFen: number
  paidFen: number
  releasedFen: number
  remainingFen: number
  /** Committed and paid as a share of the budget, 0–1 (0 for a zero budget). */
  utilisation: number
}

/** Sums a fund's (or a college allocation's) awards against its budget. */
export function fundFigures(budgetFen: number, awards: Iterable<AwardAmounts>): FundFigures {
  let committedFen = 0
  let paidFen = 0
  let releasedFen = 0
  for (const award of awards) {
    committedFen += outstandingFen(award)
    paidFen += award.paidFen
    releasedFen += award.releasedFen
  }
  return figuresFromTotals(budgetFen, { committedFen, paidFen, releasedFen })
}

/** The same figures from sums already computed (e.g. by the database). */
export function figuresFromTotals(
  budgetFen: number,
  { committedFen, paidFen, releasedFen }: { committedFen: number; paidFen: number; releasedFen: number },
): FundFigures {
  const used = committedFen + paidFen
  return {
    budgetFen,
    committedFen,
    paidFen,
    releasedFen,
    remainingFen: budgetFen - used,
    utilisation: budgetFen > 0 ? used / budgetFen : 0,
  }
}

/**
 * Room for a new commitment of one college on one fund. A college with an allocation draws on it
 * (and on the fund); a college without one draws on the unallocated part of the budget, so money
 * set aside for a college stays available to it.
 */
export interface CommitmentRoom {
  budgetFen: number
  /** Used by every college. */
  fundUsedFen: number
  /** The college's allocation and what the college has used, or null without an allocation. */
  allocation: { amountFen: number; usedFen: number } | null
  /** Σ of all allocations and what colleges without an allocation have used. */
  allocatedFen: number
  unallocatedUsedFen: number
}

export type CommitmentCheck = { ok: true } | { ok: false; reason: 'fund' | 'allocation' | 'pool'; availableFen: number }

export function checkCommitment(amountFen: number, room: CommitmentRoom): CommitmentCheck {
  const fundLeft = room.budgetFen - room.fundUsedFen
  const scope = room.allocation
    ? { reason: 'allocation' as const, left: room.allocation.amountFen - room.allocation.usedFen }
    : { reason: 'pool' as const, left: room.budgetFen - room.allocatedFen - room.unallocatedUsedFen }
  const binding = fundLeft <= scope.left ? { reason: 'fund' as const, left: fundLeft } : scope
  if (amountFen > binding.left) return { ok: false, reason: binding.reason, availableFen: Math.max(0, binding.left) }
  return { ok: true }
}

/** A payment: at most the committed amount; the rest goes back to the fund. */
export function settle(approvedFen: number, paidFen: number): { paidFen: number; releasedFen: number } | null {
  if (!Number.isInteger(paidFen) || paidFen < 0 || paidFen > approvedFen) return null
  return { paidFen, releasedFen: approvedFen - paidFen }
}

// ---- proposals ---------------------------------------------------------------------------------

/**
 * Months of stipend for a stay from start to end (inclusive dates, "YYYY-MM-DD"): whole calendar
 * months, and a remainder of 15 days or more counts as one more month.
 */
export function stipendMonths(startDate: string, endDate: string): number {
  const start = parseDay(startDate)
  const end = parseDay(endDate)
  if (!start || !end || end < start) return 0
  const dayAfterEnd = new Date(end.getTime() + 86_400_000)
  let months = (dayAfterEnd.getUTCFullYear() - start.getUTCFullYear()) * 12 + dayAfterEnd.getUTCMonth() - start.getUTCMonth()
  if (addMonths(start, months) > dayAfterEnd) months -= 1
  const remainderDays = Math.round((dayAfterEnd.getTime() - addMonths(start, months).getTime()) / 86_400_000)
  return months + (remainderDays >= 15 ? 1 : 0)
}

function parseDay(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!match) return null
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
  // Date.UTC rolls 2027-13-01 over into 2028: a real day reads back the same.
  return date.toISOString().slice(0, 10) === text ? date : null
}

/** A day ("YYYY-MM-DD") some calendar months later, clamped to the month's end; null for a day that does not exist. */
export function dayMonthsLater(day: string, months: number): string | null {
  const date = parseDay(day)
  return date && addMonths(date, months).toISOString().slice(0, 10)
}

/** Adds calendar months, clamping to the month's last day (31 January + 1 month = 28/29 February). */
function addMonths(date: Date, months: number): Date {
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1))
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay))
  return target
}

/** How a stipend is paid: all at once, or in instalments (domain/instalments.ts). */
export type Cadence = 'once' | 'monthly' | 'quarterly'

export type StipendRules = { monthlyFenByRegion?: Record<string, number>; instalments?: Cadence }

/** The monthly stipend for a region: the program's own rule first, then the fund's; null when neither has one. */
export function monthlyStipendFen(region: string, programRules: StipendRules, fundRules: StipendRules): number | null {
  return programRules.monthlyFenByRegion?.[region] ?? fundRules.monthlyFenByRegion?.[region] ?? null
}

/** One line of an award: what was asked for, what finance approved, what the student spent. */
type AwardLine = {
  requestedFen: number
  approvedFen?: number
  actualFen?: number
}
export type AwardLines = Record<string, AwardLine>

// ---- the finance check -------------------------------------------------------------------------

export type AwardFlag = 'overCap' | 'secondConference' | 'lineAboveStandard' | 'missingQuote' | 'noStipendRule'

export interface FlagInput {
  kind: string
  lines: AwardLines
  /** The fund's per-person cap per year, if any, and what the student already uses of the fund. */
  perPersonCapFen: number | null
  studentUsedFen: number
  /** Other conference applications of the student this year that hold or are getting money. */
  otherConferencesThisYear: number
  lineStandards: Record<string, number>
  hasQuote: boolean
}

/** What finance should look at twice before confirming an award. */
export function flagsFor(input: FlagInput): AwardFlag[] {
  const flags: AwardFlag[] = []
  const requested = Object.values(input.lines).reduce((sum, l) => sum + l.requestedFen, 0)
  if (input.perPersonCapFen !== null && input.studentUsedFen + requested > input.perPersonCapFen) flags.push('overCap')
  if (input.kind === 'conference') {
    if (input.otherConferencesThisYear > 0) flags.push('secondConference')
    if (linesAboveStandard(input.lines, input.lineStandards).length) flags.push('lineAboveStandard')
    if (!input.hasQuote) flags.push('missingQuote')
  } else if (requested === 0) {
    flags.push('noStipendRule')
  }
  return flags
}

/** Lines whose request is above the fund's standard, for highlighting. */
export function linesAboveStandard(lines: AwardLines, standards: Record<string, number>): string[] {
  return Object.entries(lines)
    .filter(([line, l]) => standards[line] !== undefined && l.requestedFen > standards[line])
    .map(([line]) => line)
}

/** Who else pays for a mobility (ADR 0024): the China Scholarship Council, the host, an external scholarship, the student. */
export const coFundingSources = ['csc', 'host', 'scholarship', 'self'] as const
export type CoFundingSource = (typeof coFundingSources)[number]

// ---- cost per mobility (ADR 0024) ----------------------------------------------------------------

/**
 * What mobilities cost in all (the university's funds and other funding) and per mobility, and the
 * university's share of it (0–1; 0 when nothing was spent): the policy's "efficiency" as numbers.
 */
export function mobilityCost({ mobilities, universityFen, otherFen }: { mobilities: number; universityFen: number; otherFen: number }) {
  const totalFen = universityFen + otherFen
  return {
    totalFen,
    perMobilityFen: mobilities > 0 ? Math.round(totalFen / mobilities) : 0,
    universityShare: totalFen > 0 ? universityFen / totalFen : 0,
  }
}
