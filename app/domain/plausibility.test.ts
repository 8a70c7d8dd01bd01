import { describe, expect, it } from 'vitest'
import {
  actualSpendingLimits,
  actualSpendingProblems,
  paymentAwaitsReport,
  paymentDayProblem,
  returnReportClosedUntil,
  returnReportOpensOn,
} from './plausibility'

describe('actual spending against what finance approved', () => {
  it('allows up to 3× a line (or ¥2,000 more, whichever is more) and 2× the total (or ¥5,000 more)', () => {
    expect(actualSpendingLimits({ airfare: 500_000, visa: 40_000 })).toEqual({
      lines: { airfare: 1_500_000, visa: 240_000 },
      totalFen: 1_080_000,
    })
    expect(actualSpendingLimits({ registration: 100_000 })).toEqual({ lines: { registration: 300_000 }, totalFen: 600_000 })
  })

  it('accepts spending below, at and somewhat above the approved amounts', () => {
    const approved = { airfare: 500_000, registration: 300_000 }
    expect(actualSpendingProblems(approved, { airfare: 0, registration: 0 })).toEqual([])
    expect(actualSpendingProblems(approved, { airfare: 500_000, registration: 300_000 })).toEqual([])
    expect(actualSpendingProblems(approved, { airfare: 900_000, registration: 600_000 })).toEqual([])
  })

  it('refuses a line beyond its bound, on that line, naming the most it may be', () => {
    // ¥999,999 against ¥1,000 approved: the probe's conference report.
    expect(actualSpendingProblems({ registration: 100_000 }, { registration: 99_999_900 })).toEqual([
      { field: 'actual.registration', code: 'report.error.actualTooHigh', params: { approvedFen: 100_000, maxFen: 300_000 } },
    ])
    expect(actualSpendingProblems({ registration: 100_000 }, { registration: 300_000 })).toEqual([])
    expect(actualSpendingProblems({ registration: 100_000 }, { registration: 300_001 })).toHaveLength(1)
  })

  it('refuses a total beyond its bound when every line is within its own, on the group', () => {
    const approved = { airfare: 500_000, registration: 300_000 }
    // Each line under 3×, together over 2× (¥16,000).
    expect(actualSpendingProblems(approved, { airfare: 1_400_000, registration: 800_000 })).toEqual([
      { field: 'actual', code: 'report.error.actualTotalTooHigh', params: { approvedFen: 800_000, maxFen: 1_600_000 } },
    ])
    // A line already refused: no second message about the total.
    expect(actualSpendingProblems(approved, { airfare: 9_000_000, registration: 800_000 }).map((p) => p.field)).toEqual(['actual.airfare'])
  })

  it('ignores lines without an approved amount or a reported one (refused elsewhere)', () => {
    expect(actualSpendingProblems({ airfare: 500_000 }, {})).toEqual([])
    expect(actualSpendingProblems({}, { visa: 50_000 })).toEqual([])
  })
})

describe('the day of a payment', () => {
  const window = { committedOn: '2027-03-10', today: '2027-06-20' }
  it('may be from the day the award was committed to today (Beijing time), both included', () => {
    expect(paymentDayProblem('2027-03-10', window)).toBeNull()
    expect(paymentDayProblem('2027-05-01', window)).toBeNull()
    expect(paymentDayProblem('2027-06-20', window)).toBeNull()
  })
  it('is refused before the commitment (2000-01-01, the probe) and after today', () => {
    expect(paymentDayProblem('2000-01-01', window)).toEqual({ code: 'finance.error.paidOnBeforeCommitted', params: { date: '2027-03-10' } })
    expect(paymentDayProblem('2027-03-09', window)).toEqual({ code: 'finance.error.paidOnBeforeCommitted', params: { date: '2027-03-10' } })
    expect(paymentDayProblem('2027-06-21', window)).toEqual({ code: 'finance.error.paidOnFuture', params: { today: '2027-06-20' } })
  })
})

describe('the return report', () => {
  it('opens on the last day of the mobility, not its first; without a known end it is open', () => {
    const conference = { startDate: '2027-06-10', endDate: '2027-06-14' }
    expect(returnReportOpensOn(conference)).toBe('2027-06-14')
    expect(returnReportClosedUntil(conference, '2027-01-15')).toBe('2027-06-14')
    expect(returnReportClosedUntil(conference, '2027-06-10')).toBe('2027-06-14')
    expect(returnReportClosedUntil(conference, '2027-06-13')).toBe('2027-06-14')
    expect(returnReportClosedUntil(conference, '2027-06-14')).toBeNull()
    expect(returnReportClosedUntil(conference, '2027-07-01')).toBeNull()
    expect(returnReportOpensOn({ startDate: '2027-05-10' })).toBeNull()
    expect(returnReportOpensOn({ endDate: 'soon' })).toBeNull()
    expect(returnReportOpensOn(null)).toBeNull()
    expect(returnReportClosedUntil({}, '2027-01-01')).toBeNull()
  })

  it('holds conference money back until the report is in; stipends are not reimbursements', () => {
    expect(paymentAwaitsReport('conference', false)).toBe(true)
    expect(paymentAwaitsReport('conference', true)).toBe(false)
    expect(paymentAwaitsReport('exchange', false)).toBe(false)
    expect(paymentAwaitsReport('joint_training', false)).toBe(false)
  })
})
