import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  checkCommitment,
  flagsFor,
  linesAboveStandard,
  fundFigures,
  monthlyStipendFen,
  requestsUniversityMoney,
  settle,
  stipendMonths,
  usedFen,
  type AwardAmounts,
  type AwardStatus,
  type CommitmentRoom,
} from './funding'

const funded = { fundId: 'fund-1' }
const unfunded = { fundId: null }

describe('requestsUniversityMoney', () => {
  it('asks for money for a conference with a budget', () => {
    expect(requestsUniversityMoney('conference', { budget: { airfare: 500000 } }, funded)).toBe(true)
    expect(requestsUniversityMoney('conference', { budget: { airfare: 0 } }, funded)).toBe(false)
    expect(requestsUniversityMoney('conference', {}, funded)).toBe(false)
  })
  it('asks for money for joint training paid by the university only', () => {
    expect(requestsUniversityMoney('joint_training', { fundingSource: 'university' }, funded)).toBe(true)
    expect(requestsUniversityMoney('joint_training', { fundingSource: 'csc' }, funded)).toBe(false)
    expect(requestsUniversityMoney('joint_training', { fundingSource: 'self' }, funded)).toBe(false)
  })
  it('pays the scholarship of a funded exchange program', () => {
    expect(requestsUniversityMoney('exchange', {}, funded)).toBe(true)
  })
  it('never asks for money where the program has no fund', () => {
    expect(requestsUniversityMoney('exchange', {}, unfunded)).toBe(false)
    expect(requestsUniversityMoney('conference', { budget: { airfare: 500000 } }, unfunded)).toBe(false)
    expect(requestsUniversityMoney('joint_training', { fundingSource: 'university' }, unfunded)).toBe(false)
  })
})

describe('fund arithmetic', () => {
  const award = (status: AwardStatus, approvedFen: number, paidFen = 0, releasedFen = 0): AwardAmounts => ({
    status,
    approvedFen,
    paidFen,
    releasedFen,
  })

  it('derives committed, paid, released and remaining from the awards', () => {
    const figures = fundFigures(1_000_000, [
      award('proposed', 0),
      award('committed', 200_000),
      award('paid', 300_000, 250_000, 50_000),
      award('released', 100_000, 0, 100_000),
    ])
    expect(figures).toEqual({
      budgetFen: 1_000_000,
      committedFen: 200_000,
      paidFen: 250_000,
      releasedFen: 150_000,
      remainingFen: 550_000,
      utilisation: 0.45,
    })
  })

  it('reports zero utilisation for a zero budget', () => {
    expect(fundFigures(0, []).utilisation).toBe(0)
  })

  const room = (over: Partial<CommitmentRoom> = {}): CommitmentRoom => ({
    budgetFen: 1000,
    fundUsedFen: 0,
    allocation: null,
    allocatedFen: 0,
    unallocatedUsedFen: 0,
    ...over,
  })

  it('commits up to the last fen of the fund and not one more', () => {
    expect(checkCommitment(400, room({ fundUsedFen: 600 }))).toEqual({ ok: true })
    expect(checkCommitment(401, room({ fundUsedFen: 600 }))).toEqual({ ok: false, reason: 'fund', availableFen: 400 })
  })

  it('keeps a college inside its allocation', () => {
    const allocation = { amountFen: 300, usedFen: 250 }
    expect(checkCommitment(50, room({ allocation, allocatedFen: 300 }))).toEqual({ ok: true })
    expect(checkCommitment(51, room({ allocation, allocatedFen: 300 }))).toEqual({ ok: false, reason: 'allocation', availableFen: 50 })
  })

  it('keeps colleges without an allocation out of the money set aside for others', () => {
    // 700 of 1000 is allocated to colleges; the others share 300, of which 200 is used.
    expect(checkCommitment(100, room({ allocatedFen: 700, unallocatedUsedFen: 200, fundUsedFen: 200 }))).toEqual({ ok: true })
    expect(checkCommitment(101, room({ allocatedFen: 700, unallocatedUsedFen: 200, fundUsedFen: 200 }))).toEqual({
      ok: false,
      reason: 'pool',
      availableFen: 100,
    })
  })

  it('names the fund when the fund is the tighter limit', () => {
    const allocation = { amountFen: 500, usedFen: 0 }
    expect(checkCommitment(300, room({ allocation, allocatedFen: 500, fundUsedFen: 800 }))).toEqual({
      ok: false,
      reason: 'fund',
      availableFen: 200,
    })
  })

  it('pays at most the committed amount and releases the rest', () => {
    expect(settle(1000, 800)).toEqual({ paidFen: 800, releasedFen: 200 })
    expect(settle(1000, 1000)).toEqual({ paidFen: 1000, releasedFen: 0 })
    expect(settle(1000, 1001)).toBeNull()
    expect(settle(1000, -1)).toBeNull()
    expect(settle(1000, 1.5)).toBeNull()
  })

  // Any sequence of commitments (each checked), payments and releases, replayed against one fund
  // with allocations: the fund and every allocation stay within budget, and every fen committed is
  // still committed, paid or released.
  it('never overspends and accounts for every fen (property)', () => {
    const colleges = ['a', 'b', 'c'] as const
    const op = fc.oneof(
      fc.record({ type: fc.constant('commit' as const), college: fc.constantFrom(...colleges), amount: fc.integer({ min: 1, max: 400 }) }),
      fc.record({ type: fc.constant('pay' as const), pick: fc.nat(), share: fc.double({ min: 0, max: 1, noNaN: true }) }),
      fc.record({ type: fc.constant('release' as const), pick: fc.nat() }),
    )
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.array(op, { maxLength: 60 }), (budget, ops) => {
        const allocations: Record<string, number> = { a: Math.floor(budget / 4), b: Math.floor(budget / 5) }
        const allocatedFen = Object.values(allocations).reduce((s, v) => s + v, 0)
        const awards: (AwardAmounts & { college: string })[] = []
        const used = (college?: string) =>
          awards.filter((a) => college === undefined || a.college === college).reduce((s, a) => s + usedFen(a), 0)
        for (const step of ops) {
          if (step.type === 'commit') {
            const allocation =
              allocations[step.college] === undefined ? null : { amountFen: allocations[step.college], usedFen: used(step.college) }
            const check = checkCommitment(step.amount, {
              budgetFen: budget,
              fundUsedFen: used(),
              allocation,
              allocatedFen,
              unallocatedUsedFen: used('c'),
            })
            if (check.ok) awards.push({ college: step.college, ...award('committed', step.amount) })
            continue
          }
          const open = awards.filter((a) => a.status === 'committed')
          if (!open.length) continue
          const target = open[step.pick % open.length]
          if (step.type === 'pay') {
            Object.assign(target, { status: 'paid' }, settle(target.approvedFen, Math.floor(target.approvedFen * step.share)))
          } else {
            Object.assign(target, { status: 'released', releasedFen: target.approvedFen })
          }
        }
        const figures = fundFigures(budget, awards)
        expect(figures.committedFen + figures.paidFen).toBeLessThanOrEqual(budget)
        expect(figures.remainingFen).toBeGreaterThanOrEqual(0)
        for (const college of ['a', 'b'] as const) expect(used(college)).toBeLessThanOrEqual(allocations[college])
        expect(used('c')).toBeLessThanOrEqual(budget - allocatedFen)
        const committedEver = awards.reduce((s, a) => s + a.approvedFen, 0)
        expect(figures.committedFen + figures.paidFen + figures.releasedFen).toBe(committedEver)
        expect(figures.budgetFen).toBe(figures.remainingFen + figures.committedFen + figures.paidFen)
      }),
      { numRuns: 500 },
    )
  })
})

describe('stipendMonths', () => {
  it('counts whole months of a stay, inclusive of both days', () => {
    expect(stipendMonths('2027-03-01', '2027-07-31')).toBe(5)
    expect(stipendMonths('2026-09-01', '2027-08-31')).toBe(12)
    expect(stipendMonths('2027-01-31', '2027-02-27')).toBe(1)
  })
  it('rounds a remainder of 15 days or more up, less down', () => {
    expect(stipendMonths('2027-03-01', '2027-04-14')).toBe(1) // 1 month and 14 days
    expect(stipendMonths('2027-03-01', '2027-04-15')).toBe(2) // 1 month and 15 days
    expect(stipendMonths('2027-03-01', '2027-03-10')).toBe(0)
  })
  it('gives nothing for reversed or malformed dates', () => {
    expect(stipendMonths('2027-07-31', '2027-03-01')).toBe(0)
    expect(stipendMonths('2027-13-01', '2027-14-01')).toBe(0)
    expect(stipendMonths('', '2027-03-01')).toBe(0)
  })
})

describe('monthlyStipendFen', () => {
  it("prefers the program's rule to the fund's", () => {
    expect(monthlyStipendFen('europe', { monthlyFenByRegion: { europe: 900_000 } }, { monthlyFenByRegion: { europe: 800_000 } })).toBe(
      900_000,
    )
    expect(monthlyStipendFen('europe', {}, { monthlyFenByRegion: { europe: 800_000 } })).toBe(800_000)
    expect(monthlyStipendFen('asia', {}, { monthlyFenByRegion: { europe: 800_000 } })).toBeNull()
  })
})

describe('flagsFor', () => {
  const conference = {
    kind: 'conference',
    lines: { airfare: { requestedFen: 800_000 }, registration: { requestedFen: 300_000 } },
    perPersonCapFen: null,
    studentUsedFen: 0,
    otherConferencesThisYear: 0,
    lineStandards: { airfare: 1_000_000, registration: 400_000 },
    hasQuote: true,
  }
  it('raises nothing for an ordinary request', () => {
    expect(flagsFor(conference)).toEqual([])
  })
  it('flags a request over the per-person cap, counting what the student already has', () => {
    expect(flagsFor({ ...conference, perPersonCapFen: 1_500_000, studentUsedFen: 300_000 })).toEqual([])
    expect(flagsFor({ ...conference, perPersonCapFen: 1_500_000, studentUsedFen: 400_001 })).toEqual(['overCap'])
  })
  it('flags a second conference, a line above standard and a missing quote', () => {
    const flags = flagsFor({ ...conference, otherConferencesThisYear: 1, lineStandards: { airfare: 700_000 }, hasQuote: false })
    expect(flags).toEqual(['secondConference', 'lineAboveStandard', 'missingQuote'])
    expect(linesAboveStandard(conference.lines, { airfare: 700_000, registration: 300_000 })).toEqual(['airfare'])
  })
  it('flags a stipend without a rule for the region', () => {
    expect(flagsFor({ ...conference, kind: 'exchange', lines: { stipend: { requestedFen: 0 } }, hasQuote: false })).toEqual([
      'noStipendRule',
    ])
  })
})
