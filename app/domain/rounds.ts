// A selection round (选拔轮次): the rules that do not need the database. The phases follow each
// other: open (applications until closesAt, then reviewing), announced (the allocation published,
// 公示, until the last working day of the period), offering (offers made; declines pass places
// down the reserve list by rank), closed.
export type RoundPhase = 'open' | 'announced' | 'offering' | 'closed'

/** A round's steps touch every application in it (800 a year at one university): more time than a page's transaction. */
export const ROUND_TRANSACTION = { timeout: 120_000, maxWait: 10_000 }

export const MAX_CHOICES_LIMIT = 10
export const MAX_ANNOUNCEMENT_DAYS = 30

export type ChoicesRefusal = 'round.error.noChoice' | 'round.error.tooManyChoices' | 'round.error.repeatedChoice' | 'round.error.notInRound'

/** A student's ranked choices: one at least, at most the round's number, each once, each in the round. */
export function checkChoices(choices: readonly string[], maxChoices: number, roundPrograms: readonly string[]): ChoicesRefusal | null {
  if (choices.length === 0) return 'round.error.noChoice'
  if (choices.length > maxChoices) return 'round.error.tooManyChoices'
  if (new Set(choices).size !== choices.length) return 'round.error.repeatedChoice'
  if (choices.some((c) => !roundPrograms.includes(c))) return 'round.error.notInRound'
  return null
}

/** Where a round stands for people reading it: its phase, with "open" split by the dates. */
export type RoundStage = 'upcoming' | 'open' | 'reviewing' | 'announced' | 'offering' | 'closed'

export function roundStage(round: { phase: RoundPhase; opensAt: Date; closesAt: Date }, now: Date): RoundStage {
  if (round.phase !== 'open') return round.phase
  if (now < round.opensAt) return 'upcoming'
  return now <= round.closesAt ? 'open' : 'reviewing'
}

/** The announcement is running: objections may be lodged (until the end of its last working day). */
export function announcementRunning(round: { phase: RoundPhase; announcementEndsOn: string | null }, today: string): boolean {
  return round.phase === 'announced' && round.announcementEndsOn !== null && today <= round.announcementEndsOn
}

export type OffersRefusal = 'round.error.notAnnounced' | 'round.error.announcementRunning' | 'round.error.objectionOpen'

/**
 * Offers (the round's final approvals) wait for the end of the announcement, and for every
 * objection to be answered.
 */
export function offersBlockedBy(
  round: { phase: RoundPhase; announcementEndsOn: string | null },
  openObjections: number,
  today: string,
): OffersRefusal | null {
  if (round.phase !== 'announced' || round.announcementEndsOn === null) return 'round.error.notAnnounced'
  if (today <= round.announcementEndsOn) return 'round.error.announcementRunning'
  if (openObjections > 0) return 'round.error.objectionOpen'
  return null
}

/** The allocation may be run, adjusted and confirmed once applications are closed, before it is announced. */
export function allocationOpen(round: { phase: RoundPhase; closesAt: Date }, now: Date): boolean {
  return round.phase === 'open' && now > round.closesAt
}
