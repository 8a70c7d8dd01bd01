// An award's payment schedule (ADR 0024). Finance commits approvedFen once; the schedule splits it
// into instalments with due days (monthly or quarterly over the months abroad, or once), which
// finance may move and resize. Each payment is recorded against one instalment with its voucher;
// the award stays committed while it is paid, so its commitment is approved − paid. Closing the
// award (or a withdrawal, through the door's release) stops what is unpaid and releases the rest:
// paid + released = approved, always to the fen.
import { dayMonthsLater, type Cadence } from './funding'

export type InstalmentStatus = 'planned' | 'paid' | 'stopped'

export type PlannedInstalment = { seq: number; dueOn: string; amountFen: number }

/** How many instalments a stay of this many months is paid in. */
export function instalmentCount(cadence: Cadence, months: number): number {
  if (cadence === 'once' || months <= 1) return 1
  return cadence === 'monthly' ? months : Math.ceil(months / 3)
}

/**
 * The schedule for a commitment: equal instalments (the first takes the odd fen, so the sum is the
 * commitment exactly), the first due on `firstDay` (the start of the stay, or the day of the
 * commitment when that is later), the next one or three months on.
 */
export function scheduleFor(input: { approvedFen: number; cadence: Cadence; months: number; firstDay: string }): PlannedInstalment[] {
  const count = instalmentCount(input.cadence, input.months)
  const step = input.cadence === 'quarterly' ? 3 : 1
  const base = Math.floor(input.approvedFen / count)
  const odd = input.approvedFen - base * count
  return Array.from({ length: count }, (_, i) => ({
    seq: i + 1,
    dueOn: dayMonthsLater(input.firstDay, i * step) ?? input.firstDay,
    amountFen: base + (i === 0 ? odd : 0),
  }))
}

/** What an award is, for the schedule's arithmetic. */
export type Ledger = { approvedFen: number; paidFen: number }

/** Still committed: approved and not yet paid. */
const openFen = (ledger: Ledger) => ledger.approvedFen - ledger.paidFen

/** A payment of amountFen: whole fen, more than nothing, never beyond what is still committed. */
export function paymentProblem(ledger: Ledger, amountFen: number): 'amount' | 'aboveCommitment' | null {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) return 'amount'
  return amountFen > openFen(ledger) ? 'aboveCommitment' : null
}

/** Closing: what is paid stays paid, the rest goes back to the fund. */
export const closing = (ledger: Ledger) => ({ paidFen: ledger.paidFen, releasedFen: openFen(ledger) })

/**
 * An edit of planned instalments: every amount whole and positive, and the unpaid plan never more
 * than is still committed (paid instalments count what was paid). Returns the room the plan
 * exceeds by, or null when the plan fits.
 */
export function planProblem(
  ledger: Ledger,
  instalments: { status: InstalmentStatus; amountFen: number }[],
): { reason: 'amount' } | { reason: 'aboveCommitment'; openFen: number } | null {
  const planned = instalments.filter((i) => i.status === 'planned')
  if (planned.some((i) => !Number.isSafeInteger(i.amountFen) || i.amountFen <= 0)) return { reason: 'amount' }
  const plannedFen = planned.reduce((sum, i) => sum + i.amountFen, 0)
  return plannedFen > openFen(ledger) ? { reason: 'aboveCommitment', openFen: openFen(ledger) } : null
}

/**
 * The fiscal year a day belongs to: China's budgets run on the calendar year, so it is the year of
 * the day in Beijing ("YYYY-MM-DD" already is).
 */
export const fiscalYearOf = (day: string) => Number(day.slice(0, 4))
