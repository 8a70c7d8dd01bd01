// Plausibility of the figures and days people report after a mobility: actual spending against
// what finance approved, the day a payment was made, when a return report can come and conference money be paid. Each rule
// gives a message key (with params) and the field it belongs to; the models refuse with it and
// the pages show it beside that field. Days are yyyy-mm-dd in Beijing time (dates.ts).
import { isIsoDate } from './dates'
import type { ProgramKind } from './program'

// ---- actual spending --------------------------------------------------------------------------

/**
 * Actual spending may be reported above the approved amount (prices move between the request and
 * the trip, and the payment never exceeds the commitment anyway: funding.ts settle), but not
 * beyond a bound past which the figure is a typo or a joke: per line 3× the approved amount or
 * ¥2,000 more, whichever is larger (a ¥400 visa may well cost ¥900); in total 2× or ¥5,000 more.
 */
export const ACTUAL_SPENDING_BOUNDS = {
  line: { times: 3, plusFen: 200_000 },
  total: { times: 2, plusFen: 500_000 },
} as const

const bound = (approvedFen: number, { times, plusFen }: { times: number; plusFen: number }) =>
  Math.max(approvedFen * times, approvedFen + plusFen)

/** The most that may be reported per approved line and in total, in fen. */
export function actualSpendingLimits(approvedByLine: Record<string, number>): { lines: Record<string, number>; totalFen: number } {
  const approvedTotal = Object.values(approvedByLine).reduce((sum, fen) => sum + fen, 0)
  return {
    lines: Object.fromEntries(Object.entries(approvedByLine).map(([line, fen]) => [line, bound(fen, ACTUAL_SPENDING_BOUNDS.line)])),
    totalFen: bound(approvedTotal, ACTUAL_SPENDING_BOUNDS.total),
  }
}

export type SpendingProblem = {
  /** `actual.<line>` for a line, `actual` for the total. */
  field: string
  code: 'report.error.actualTooHigh' | 'report.error.actualTotalTooHigh'
  params: { approvedFen: number; maxFen: number }
}

/**
 * Lines (and then the total) reported beyond their bound. Lines without an approved amount, and
 * approved lines left out, are not judged here (the report refuses them by name).
 */
export function actualSpendingProblems(approvedByLine: Record<string, number>, actualByLine: Record<string, number>): SpendingProblem[] {
  const limits = actualSpendingLimits(approvedByLine)
  const problems: SpendingProblem[] = []
  let total = 0
  for (const [line, approvedFen] of Object.entries(approvedByLine)) {
    const actual = actualByLine[line]
    if (actual === undefined) continue
    total += actual
    if (actual > limits.lines[line]) {
      problems.push({ field: `actual.${line}`, code: 'report.error.actualTooHigh', params: { approvedFen, maxFen: limits.lines[line] } })
    }
  }
  // A total is worth a message only when every line is within its own bound.
  if (!problems.length && total > limits.totalFen) {
    const approvedFen = Object.values(approvedByLine).reduce((sum, fen) => sum + fen, 0)
    problems.push({ field: 'actual', code: 'report.error.actualTotalTooHigh', params: { approvedFen, maxFen: limits.totalFen } })
  }
  return problems
}

// ---- the day of a payment ---------------------------------------------------------------------

export type PaymentDayProblem =
  | { code: 'finance.error.paidOnBeforeCommitted'; params: { date: string } }
  | { code: 'finance.error.paidOnFuture'; params: { today: string } }

/**
 * A payment is recorded after it was made, and money is paid only once finance committed it: its
 * day lies from the day of the commitment to today, both included.
 */
export function paymentDayProblem(
  paidOn: string,
  { committedOn, today }: { committedOn: string; today: string },
): PaymentDayProblem | null {
  if (paidOn < committedOn) return { code: 'finance.error.paidOnBeforeCommitted', params: { date: committedOn } }
  if (paidOn > today) return { code: 'finance.error.paidOnFuture', params: { today } }
  return null
}

// ---- the return report and the reimbursement ------------------------------------------------

/**
 * The first day a return report may be submitted: the last day of the mobility (a report of a trip
 * not yet over, with spending on it, is not one). Null when the application names no end day:
 * nothing to hold the report back by. The three kinds keep their days as startDate and endDate.
 */
export function returnReportOpensOn(details: unknown): string | null {
  const endDate = (details as { endDate?: unknown } | null)?.endDate
  return isIsoDate(endDate) ? endDate : null
}

/** The report is open on `today` (yyyy-mm-dd in Beijing), or null; else the day it opens. */
export function returnReportClosedUntil(details: unknown, today: string): string | null {
  const opensOn = returnReportOpensOn(details)
  return opensOn && today < opensOn ? opensOn : null
}

/**
 * Conference money is reimbursed against receipts: it is paid only once the return report is in
 * (and so not before the conference's last day). Stipends for an exchange or a joint training are
 * paid before or during the stay.
 */
export function paymentAwaitsReport(kind: ProgramKind, hasReport: boolean): boolean {
  return kind === 'conference' && !hasReport
}
