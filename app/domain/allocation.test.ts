import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { allocate, type Allocation, type AllocationInput } from './allocation'

const program = (id: string, places: number | null, partnerId: string | null = null) => ({ id, places, partnerId })
const applicant = (id: string, choices: string[], collegeId = 'cs') => ({ id, collegeId, choices })
const input = (over: Partial<AllocationInput>): AllocationInput => ({
  applicants: [],
  programs: [],
  partnerPlaces: {},
  collegeQuotas: [],
  pinned: [],
  ...over,
})

describe('allocate: examples', () => {
  it('gives each applicant, best first, their highest choice with a place; the rest form the reserve in rank order', () => {
    const result = allocate(
      input({
        programs: [program('tokyo', 1), program('paris', 2)],
        applicants: [
          applicant('amy', ['tokyo', 'paris']),
          applicant('bo', ['tokyo', 'paris']),
          applicant('cai', ['tokyo']),
          applicant('dan', ['paris', 'tokyo']),
          applicant('eve', ['paris']),
        ],
      }),
    )
    expect(result.placements).toEqual([
      { applicantId: 'amy', programId: 'tokyo', choice: 1 },
      { applicantId: 'bo', programId: 'paris', choice: 2 },
      { applicantId: 'dan', programId: 'paris', choice: 1 },
    ])
    expect(result.reserve).toEqual(['cai', 'eve'])
    expect(result.passedOver).toEqual({
      bo: [{ programId: 'tokyo', reason: 'full' }],
      cai: [{ programId: 'tokyo', reason: 'full' }],
      eve: [{ programId: 'paris', reason: 'full' }],
    })
  })

  it("shares a partner's places between its programs, and says so", () => {
    const result = allocate(
      input({
        programs: [program('ucl-cs', 5, 'ucl'), program('ucl-math', 5, 'ucl'), program('open', null)],
        partnerPlaces: { ucl: 2 },
        applicants: [applicant('a', ['ucl-cs']), applicant('b', ['ucl-math']), applicant('c', ['ucl-cs', 'open'])],
      }),
    )
    expect(result.placements.map((p) => `${p.applicantId}:${p.programId}`)).toEqual(['a:ucl-cs', 'b:ucl-math', 'c:open'])
    expect(result.passedOver.c).toEqual([{ programId: 'ucl-cs', reason: 'partnerFull' }])
  })

  it("keeps a college within its quota of a program, leaving the place to another college's student", () => {
    const result = allocate(
      input({
        programs: [program('berlin', 3)],
        collegeQuotas: [{ programId: 'berlin', collegeId: 'cs', places: 1 }],
        applicants: [applicant('a', ['berlin'], 'cs'), applicant('b', ['berlin'], 'cs'), applicant('c', ['berlin'], 'physics')],
      }),
    )
    expect(result.placements.map((p) => p.applicantId)).toEqual(['a', 'c'])
    expect(result.reserve).toEqual(['b'])
    expect(result.passedOver.b).toEqual([{ programId: 'berlin', reason: 'collegeQuota' }])
  })

  it('places pinned applicants first (even past the places), holds out the held, and names an unknown choice', () => {
    const result = allocate(
      input({
        programs: [program('rome', 1), program('oslo', 1)],
        applicants: [applicant('top', ['rome']), applicant('second', ['ghost', 'rome', 'oslo']), applicant('held', ['oslo'])],
        pinned: [
          { applicantId: 'second', programId: 'rome' },
          { applicantId: 'held', programId: null },
          { applicantId: 'nobody', programId: 'oslo' },
        ],
      }),
    )
    expect(result.placements).toEqual([{ applicantId: 'second', programId: 'rome', choice: 2 }])
    // "top" ranks first, but the office's pin took Rome's one place; Oslo stays free (its holder is held out).
    expect(result.reserve).toEqual(['top'])
    expect(result.passedOver).toEqual({ top: [{ programId: 'rome', reason: 'full' }] })

    const offChoice = allocate(
      input({ programs: [program('rome', 1)], applicants: [applicant('x', [])], pinned: [{ applicantId: 'x', programId: 'rome' }] }),
    )
    expect(offChoice.placements).toEqual([{ applicantId: 'x', programId: 'rome', choice: 0 }])

    const unknownChoice = allocate(input({ programs: [], applicants: [applicant('y', ['ghost'])] }))
    expect(unknownChoice.passedOver.y).toEqual([{ programId: 'ghost', reason: 'unknownProgram' }])
  })

  it('counts an applicant listed twice once, at their better rank, and a program chosen twice once', () => {
    const result = allocate(
      input({
        programs: [program('p', 1), program('q', 1)],
        applicants: [applicant('b', ['p']), applicant('a', ['p', 'p', 'q']), applicant('c', ['q']), applicant('b', ['q'])],
      }),
    )
    expect(result.placements).toEqual([
      { applicantId: 'b', programId: 'p', choice: 1 },
      { applicantId: 'a', programId: 'q', choice: 3 },
    ])
    expect(result.reserve).toEqual(['c'])
    expect(result.passedOver.a).toEqual([{ programId: 'p', reason: 'full' }])
  })
})

// ---- properties -------------------------------------------------------------------------------

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`)

/** Random rounds: a few programs, partners and colleges so that limits bind often. */
const rounds = fc
  .record({ programs: fc.integer({ min: 1, max: 8 }), partners: fc.integer({ min: 0, max: 3 }), colleges: fc.integer({ min: 1, max: 3 }) })
  .chain(({ programs: nPrograms, partners: nPartners, colleges: nColleges }) => {
    const programIds = ids('p', nPrograms)
    const partnerIds = ids('u', nPartners)
    const collegeIds = ids('c', nColleges)
    const programArb = fc.tuple(
      fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
      nPartners ? fc.option(fc.constantFrom(...partnerIds), { nil: null }) : fc.constant(null),
    )
    return fc
      .record({
        programs: fc.tuple(...programIds.map(() => programArb)),
        partnerPlaces: fc.dictionary(nPartners ? fc.constantFrom(...partnerIds) : fc.constant('u0'), fc.integer({ min: 0, max: 4 })),
        collegeQuotas: fc.uniqueArray(
          fc.record({
            programId: fc.constantFrom(...programIds),
            collegeId: fc.constantFrom(...collegeIds),
            places: fc.integer({ min: 0, max: 3 }),
          }),
          { selector: (q) => `${q.programId}/${q.collegeId}`, maxLength: 6 },
        ),
        applicants: fc.uniqueArray(
          fc.record({
            id: fc.integer({ min: 0, max: 60 }).map((n) => `s${n}`),
            collegeId: fc.constantFrom(...collegeIds),
            // Mostly real programs, now and then one the round does not know.
            choices: fc.array(
              fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...programIds) }, { weight: 1, arbitrary: fc.constant('ghost') }),
              {
                maxLength: 3,
              },
            ),
          }),
          { selector: (a) => a.id, maxLength: 40 },
        ),
      })
      .chain((r) =>
        fc.record({
          rest: fc.constant(r),
          pinned: r.applicants.length
            ? fc.uniqueArray(
                fc.record({
                  applicantId: fc.constantFrom(...r.applicants.map((a) => a.id)),
                  programId: fc.option(fc.constantFrom(...programIds), { nil: null }),
                }),
                { selector: (p) => p.applicantId, maxLength: 4 },
              )
            : fc.constant([]),
        }),
      )
      .map(({ rest, pinned }): AllocationInput => ({
        programs: programIds.map((id, i) => ({ id, places: rest.programs[i][0], partnerId: rest.programs[i][1] })),
        partnerPlaces: rest.partnerPlaces,
        collegeQuotas: rest.collegeQuotas,
        applicants: rest.applicants,
        pinned,
      }))
  })

/** Counts of places used per program, partner and (program, college), from an allocation. */
function usage(round: AllocationInput, placements: Allocation['placements']) {
  const college = new Map(round.applicants.map((a) => [a.id, a.collegeId]))
  const partnerOf = new Map(round.programs.map((p) => [p.id, p.partnerId]))
  const count = (keys: (string | null | undefined)[]) => {
    const map = new Map<string, number>()
    for (const k of keys) if (k != null) map.set(k, (map.get(k) ?? 0) + 1)
    return map
  }
  return {
    program: count(placements.map((p) => p.programId)),
    partner: count(placements.map((p) => partnerOf.get(p.programId))),
    quota: count(placements.map((p) => `${p.programId}/${college.get(p.applicantId)}`)),
  }
}

/** What the pins alone use: the office may place past a limit by hand, and then nobody else may. */
const pinnedUse = (round: AllocationInput, result: Allocation) =>
  usage(
    round,
    result.placements.filter((p) => round.pinned.some((pin) => pin.applicantId === p.applicantId)),
  )

describe('allocate: properties', () => {
  it('never fills a program, a partner or a college quota past its places (beyond what the office pinned)', () => {
    fc.assert(
      fc.property(rounds, (round) => {
        const result = allocate(round)
        const used = usage(round, result.placements)
        const pinned = pinnedUse(round, result)
        for (const p of round.programs) {
          if (p.places !== null) expect(used.program.get(p.id) ?? 0).toBeLessThanOrEqual(Math.max(p.places, pinned.program.get(p.id) ?? 0))
        }
        for (const [partner, places] of Object.entries(round.partnerPlaces)) {
          expect(used.partner.get(partner) ?? 0).toBeLessThanOrEqual(Math.max(places, pinned.partner.get(partner) ?? 0))
        }
        for (const q of round.collegeQuotas) {
          const key = `${q.programId}/${q.collegeId}`
          expect(used.quota.get(key) ?? 0).toBeLessThanOrEqual(Math.max(q.places, pinned.quota.get(key) ?? 0))
        }
      }),
    )
  })

  it('places nobody below a choice that had room for them when their turn came (replayed in rank order)', () => {
    fc.assert(
      fc.property(rounds, (round) => {
        const result = allocate(round)
        const placement = new Map(result.placements.map((p) => [p.applicantId, p]))
        const pinned = new Set(round.pinned.map((p) => p.applicantId))
        const programs = new Map(round.programs.map((p) => [p.id, p]))
        // Replay: start from the pins, then let each applicant take their place in rank order.
        const taken = result.placements.filter((p) => pinned.has(p.applicantId))
        const hasRoom = (programId: string, collegeId: string) => {
          const program = programs.get(programId)
          if (!program) return false
          const used = usage(round, taken)
          if (program.places !== null && (used.program.get(programId) ?? 0) >= program.places) return false
          const partnerLimit = program.partnerId === null ? undefined : round.partnerPlaces[program.partnerId]
          if (partnerLimit !== undefined && (used.partner.get(program.partnerId!) ?? 0) >= partnerLimit) return false
          const quota = round.collegeQuotas.find((q) => q.programId === programId && q.collegeId === collegeId)
          return !quota || (used.quota.get(`${programId}/${collegeId}`) ?? 0) < quota.places
        }
        for (const a of round.applicants) {
          if (pinned.has(a.id)) continue
          const got = placement.get(a.id)
          const better = got ? a.choices.slice(0, got.choice - 1) : a.choices
          for (const programId of better) expect(hasRoom(programId, a.collegeId), `${a.id} passed over ${programId}`).toBe(false)
          if (got) {
            expect(a.choices[got.choice - 1]).toBe(got.programId)
            expect(hasRoom(got.programId, a.collegeId), `${a.id} placed in ${got.programId} without room`).toBe(true)
            taken.push(got)
          }
        }
      }),
    )
  })

  it('gives the same allocation for the same input', () => {
    fc.assert(
      fc.property(rounds, (round) => {
        const copy = structuredClone(round)
        expect(allocate(copy)).toEqual(allocate(round))
      }),
    )
  })

  it('respects every pin: placed where pinned (even off their choices), or held out', () => {
    fc.assert(
      fc.property(rounds, (round) => {
        const result = allocate(round)
        for (const pin of round.pinned) {
          const placed = result.placements.filter((p) => p.applicantId === pin.applicantId)
          if (pin.programId === null) expect(placed).toEqual([])
          else {
            const choices = round.applicants.find((a) => a.id === pin.applicantId)!.choices
            expect(placed).toEqual([{ applicantId: pin.applicantId, programId: pin.programId, choice: choices.indexOf(pin.programId) + 1 }])
          }
          expect(result.reserve).not.toContain(pin.applicantId)
        }
      }),
    )
  })

  it('accounts for every applicant exactly once: placed, in reserve (in rank order) or held out', () => {
    fc.assert(
      fc.property(rounds, (round) => {
        const result = allocate(round)
        const held = round.pinned.filter((p) => p.programId === null).map((p) => p.applicantId)
        const seen = [...result.placements.map((p) => p.applicantId), ...result.reserve, ...held]
        expect([...seen].sort()).toEqual(round.applicants.map((a) => a.id).sort())
        const rank = new Map(round.applicants.map((a, i) => [a.id, i]))
        expect(result.reserve).toEqual([...result.reserve].sort((a, b) => rank.get(a)! - rank.get(b)!))
      }),
    )
  })
})
