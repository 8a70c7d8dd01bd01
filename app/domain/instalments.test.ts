import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkCommitment, fundFigures, type AwardAmounts } from './funding'
import { closing, fiscalYearOf, instalmentCount, paymentProblem, planProblem, scheduleFor, type InstalmentStatus } from './instalments'

describe('scheduleFor', () => {
  it('pays a ¥120,000 ten-month stipend in ten monthly instalments of ¥12,000 from the start of the stay', () => {
    const plan = scheduleFor({ approvedFen: 12_000_000, cadence: 'monthly', months: 10, firstDay: '2027-01-31' })
    expect(plan).toHaveLength(10)
    expect(plan.every((i) => i.amountFen === 1_200_000)).toBe(true)
    // The month's last day when the start day does not exist in it.
    expect(plan.slice(0, 3).map((i) => i.dueOn)).toEqual(['2027-01-31', '2027-02-28', '2027-03-31'])
  })

  it('quarterly: a year in four instalments three months apart; the odd fen go to the first', () => {
    const plan = scheduleFor({ approvedFen: 10_000_001, cadence: 'quarterly', months: 12, firstDay: '2026-09-01' })
    expect(plan.map((i) => [i.seq, i.dueOn, i.amountFen])).toEqual([
      [1, '2026-09-01', 2_500_001],
      [2, '2026-12-01', 2_500_000],
      [3, '2027-03-01', 2_500_000],
      [4, '2027-06-01', 2_500_000],
    ])
  })

  it('once, or a stay of a month or less, is one instalment', () => {
    expect(instalmentCount('once', 12)).toBe(1)
    expect(instalmentCount('monthly', 0)).toBe(1)
    expect(instalmentCount('quarterly', 7)).toBe(3)
  })

  it('always adds up to the commitment exactly (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.constantFrom('once' as const, 'monthly' as const, 'quarterly' as const),
        fc.integer({ min: 0, max: 36 }),
        (approvedFen, cadence, months) => {
          const plan = scheduleFor({ approvedFen, cadence, months, firstDay: '2027-03-15' })
          expect(plan.reduce((s, i) => s + i.amountFen, 0)).toBe(approvedFen)
          expect(plan.every((i) => i.amountFen >= 0)).toBe(true)
          expect([...plan.map((i) => i.dueOn)].sort()).toEqual(plan.map((i) => i.dueOn))
        },
      ),
    )
  })
})

describe('payments, edits and closing', () => {
  it('refuses a payment above what is still committed, or of nothing', () => {
    expect(paymentProblem({ approvedFen: 1000, paidFen: 600 }, 400)).toBeNull()
    expect(paymentProblem({ approvedFen: 1000, paidFen: 600 }, 401)).toBe('aboveCommitment')
    expect(paymentProblem({ approvedFen: 1000, paidFen: 0 }, 0)).toBe('amount')
    expect(paymentProblem({ approvedFen: 1000, paidFen: 0 }, 1.5)).toBe('amount')
  })

  it('refuses a plan whose unpaid instalments exceed what is still committed', () => {
    const plan = (amounts: number[]) => amounts.map((amountFen) => ({ status: 'planned' as InstalmentStatus, amountFen }))
    expect(planProblem({ approvedFen: 1000, paidFen: 400 }, plan([300, 300]))).toBeNull()
    expect(planProblem({ approvedFen: 1000, paidFen: 400 }, plan([300, 301]))).toEqual({ reason: 'aboveCommitment', openFen: 600 })
    expect(planProblem({ approvedFen: 1000, paidFen: 0 }, plan([0]))).toEqual({ reason: 'amount' })
  })

  it('belongs to the fiscal (calendar) year of its day', () => {
    expect(fiscalYearOf('2026-12-31')).toBe(2026)
    expect(fiscalYearOf('2027-01-01')).toBe(2027)
  })

  // Several awards on one fund, each committed (if the fund has room), paid instalment by
  // instalment with arbitrary amounts, rescheduled, closed early or released by a withdrawal, in
  // any order. After every step: no award is paid beyond its commitment, and the fund's figures
  // reconcile to the fen; at every close, paid + released = committed.
  it('payments never exceed the commitment; released + paid = committed at close; the fund reconciles at every step (property)', () => {
    type Award = AwardAmounts & { instalments: { status: InstalmentStatus; amountFen: number; paidFen: number }[] }
    const op = fc.oneof(
      fc.record({
        type: fc.constant('commit' as const),
        amount: fc.integer({ min: 1, max: 5_000_000 }),
        cadence: fc.constantFrom('once' as const, 'monthly' as const, 'quarterly' as const),
        months: fc.integer({ min: 0, max: 24 }),
      }),
      fc.record({ type: fc.constant('pay' as const), pick: fc.nat(), which: fc.nat(), amount: fc.integer({ min: -10, max: 6_000_000 }) }),
      fc.record({ type: fc.constant('edit' as const), pick: fc.nat(), which: fc.nat(), amount: fc.integer({ min: -10, max: 6_000_000 }) }),
      fc.record({ type: fc.constant('close' as const), pick: fc.nat() }),
      fc.record({ type: fc.constant('release' as const), pick: fc.nat() }),
    )
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000_000 }), fc.array(op, { maxLength: 80 }), (budget, ops) => {
        const awards: Award[] = []
        const figures = () => fundFigures(budget, awards)
        for (const step of ops) {
          if (step.type === 'commit') {
            const used = figures().committedFen + figures().paidFen
            const room = { budgetFen: budget, fundUsedFen: used, allocation: null, allocatedFen: 0, unallocatedUsedFen: used }
            if (!checkCommitment(step.amount, room).ok) continue
            const plan = scheduleFor({ approvedFen: step.amount, cadence: step.cadence, months: step.months, firstDay: '2027-01-01' })
            awards.push({
              status: 'committed',
              approvedFen: step.amount,
              paidFen: 0,
              releasedFen: 0,
              instalments: plan.map((i) => ({ status: 'planned', amountFen: i.amountFen, paidFen: 0 })),
            })
          } else {
            const open = awards.filter((a) => a.status === 'committed')
            if (!open.length) continue
            const award = open[step.pick % open.length]
            const planned = award.instalments.filter((i) => i.status === 'planned')
            if (step.type === 'pay') {
              if (!planned.length || paymentProblem(award, step.amount)) continue
              Object.assign(planned[step.which % planned.length], { status: 'paid', paidFen: step.amount })
              award.paidFen += step.amount
            } else if (step.type === 'edit') {
              if (!planned.length) continue
              const target = planned[step.which % planned.length]
              const plan = award.instalments.map((i) => (i === target ? { ...i, amountFen: step.amount } : i))
              if (!planProblem(award, plan)) target.amountFen = step.amount
            } else {
              // Closing by finance or a release through the door: the same arithmetic, another status.
              const settled = closing(award)
              for (const i of planned) i.status = 'stopped'
              Object.assign(award, settled, { status: step.type === 'close' && settled.paidFen > 0 ? 'paid' : 'released' })
              expect(award.paidFen + award.releasedFen).toBe(award.approvedFen)
            }
          }
          for (const a of awards) {
            expect(a.paidFen).toBeLessThanOrEqual(a.approvedFen)
            expect(a.instalments.reduce((s, i) => s + i.paidFen, 0)).toBe(a.paidFen)
          }
          const f = figures()
          expect(f.budgetFen).toBe(f.remainingFen + f.committedFen + f.paidFen)
          expect(f.remainingFen).toBeGreaterThanOrEqual(0)
          expect(f.committedFen + f.paidFen + f.releasedFen).toBe(awards.reduce((s, a) => s + a.approvedFen, 0))
        }
      }),
      { numRuns: 300 },
    )
  })
})
