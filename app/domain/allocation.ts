// Allocation of a selection round's places: serial dictatorship in rank order. The applicants come
// ranked (best first, see selection-score.ts); each in turn gets their highest-ranked choice that
// still has room under all three limits: the program's places, the partner agreement's places for
// the year (shared by every program of that partner) and the program's quota for the applicant's
// college. Pure and deterministic: the same input always gives the same allocation.

/** @public The selection round (issue #14) builds its input from these. */
export type AllocationApplicant = {
  id: string
  collegeId: string
  /** Program ids in the student's order of preference (1st choice first); at most the round's N. */
  choices: readonly string[]
}
/** @public */
export type AllocationProgram = { id: string; places: number | null /* null = no limit */; partnerId: string | null }
export type AllocationInput = {
  /** Already in rank order (best first); the caller ranks them (see selection-score.ts). */
  applicants: readonly AllocationApplicant[]
  programs: readonly AllocationProgram[]
  /** The partner agreement's places per year still free for this round, by partner id; absent = no limit. */
  partnerPlaces: Readonly<Record<string, number>>
  /** Per-college quota within a program: at most `places` of that college's students in it. */
  collegeQuotas: readonly { programId: string; collegeId: string; places: number }[]
  /** The office's hand adjustments, kept on a rerun: placed first (they use up places), or held out (programId null). */
  pinned: readonly { applicantId: string; programId: string | null }[]
}
/** @public */
export type Placement = {
  applicantId: string
  programId: string
  /** 1-based rank of that choice; 0 = pinned to a program the student did not choose. */
  choice: number
}
type PassOverReason = 'full' | 'partnerFull' | 'collegeQuota' | 'unknownProgram'
export type Allocation = {
  /** Pinned placements first (in the order of `pinned`), then the others in rank order. */
  placements: Placement[]
  /** Applicants left without a place, in rank order: the reserve list. Held-out applicants are not in it. */
  reserve: string[]
  /** Why each choice above the one placed (every choice, for the reserve) was passed over, by applicant id. */
  passedOver: Record<string, { programId: string; reason: PassOverReason }[]>
}

/** The places left as the allocation goes: a program's, its partner's and its college quotas'. */
function placesLedger(input: Pick<AllocationInput, 'programs' | 'partnerPlaces' | 'collegeQuotas'>) {
  const programs = new Map(input.programs.map((p) => [p.id, p]))
  const usedByProgram = new Map<string, number>()
  const usedByPartner = new Map<string, number>()
  const quota = new Map(input.collegeQuotas.map((q) => [`${q.programId}\u0000${q.collegeId}`, q.places]))
  const usedByQuota = new Map<string, number>()
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1)
  const hasOwn = (key: string) => Object.prototype.hasOwnProperty.call(input.partnerPlaces, key)

  return {
    knows: (programId: string) => programs.has(programId),
    /** Why the program has no room for a student of this college, or null when it has. */
    problem(programId: string, collegeId: string): PassOverReason | null {
      const program = programs.get(programId)
      if (!program) return 'unknownProgram'
      if (program.places !== null && (usedByProgram.get(programId) ?? 0) >= program.places) return 'full'
      if (program.partnerId !== null && hasOwn(program.partnerId)) {
        if ((usedByPartner.get(program.partnerId) ?? 0) >= input.partnerPlaces[program.partnerId]) return 'partnerFull'
      }
      const key = `${programId}\u0000${collegeId}`
      const limit = quota.get(key)
      if (limit !== undefined && (usedByQuota.get(key) ?? 0) >= limit) return 'collegeQuota'
      return null
    },
    /** Uses up one place of the program (and of its partner and college quota), whether or not there was room. */
    take(programId: string, collegeId: string) {
      const program = programs.get(programId)
      if (!program) return
      bump(usedByProgram, programId)
      if (program.partnerId !== null) bump(usedByPartner, program.partnerId)
      bump(usedByQuota, `${programId}\u0000${collegeId}`)
    },
  }
}

/**
 * Serial dictatorship in rank order. Pinned applicants are placed first, even past a limit (the
 * office decided so by hand), and their places count against every limit; a pin to a program the
 * round does not know is ignored. An applicant listed twice keeps their first (best) rank; a
 * program named twice in one applicant's choices counts once.
 */
export function allocate(input: AllocationInput): Allocation {
  const ledger = placesLedger(input)
  const applicants = new Map<string, AllocationApplicant>()
  for (const a of input.applicants) if (!applicants.has(a.id)) applicants.set(a.id, a)

  // The last adjustment for an applicant wins; adjustments for people not in the round are ignored.
  const pins = new Map<string, string | null>()
  for (const pin of input.pinned) {
    if (!applicants.has(pin.applicantId)) continue
    if (pin.programId !== null && !ledger.knows(pin.programId)) continue
    pins.delete(pin.applicantId) // keeps the order of the latest pin
    pins.set(pin.applicantId, pin.programId)
  }

  const placements: Placement[] = []
  for (const [applicantId, programId] of pins) {
    if (programId === null) continue
    const applicant = applicants.get(applicantId)!
    ledger.take(programId, applicant.collegeId)
    placements.push({ applicantId, programId, choice: applicant.choices.indexOf(programId) + 1 })
  }

  const reserve: string[] = []
  const passedOver: Allocation['passedOver'] = {}
  for (const applicant of applicants.values()) {
    if (pins.has(applicant.id)) continue
    const passed: { programId: string; reason: PassOverReason }[] = []
    const seen = new Set<string>()
    let placed = false
    for (const [index, programId] of applicant.choices.entries()) {
      if (seen.has(programId)) continue
      seen.add(programId)
      const reason = ledger.problem(programId, applicant.collegeId)
      if (reason) {
        passed.push({ programId, reason })
        continue
      }
      ledger.take(programId, applicant.collegeId)
      placements.push({ applicantId: applicant.id, programId, choice: index + 1 })
      placed = true
      break
    }
    if (!placed) reserve.push(applicant.id)
    if (passed.length) passedOver[applicant.id] = passed
  }
  return { placements, reserve, passedOver }
}
