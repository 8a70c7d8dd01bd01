// The application workflow: every status change is a command, and this table says from which
// statuses each command may start, where it leads and which roles may give it. Models check every
// change here; docs/workflow.md is drawn from the same table (scripts/workflow-diagram.ts).
import type { Role } from './roles'

export const statuses = [
  'draft',
  'submitted',
  'changes_requested',
  'college_endorsed',
  'funding_check',
  'approved',
  'offered',
  'waitlisted',
  'rejected',
  'withdrawn',
  'cancelled',
  'completed',
] as const
export type ApplicationStatus = (typeof statuses)[number]

/** Who asks a student for changes: the resubmission goes back to them. */
export type ChangeRequester = 'college' | 'office'

/**
 * Where a command leads: one status, or depending on whether university money is requested, or
 * (a resubmission) on who asked for the changes.
 */
export type Target =
  | ApplicationStatus
  | { money: ApplicationStatus; noMoney: ApplicationStatus }
  | { askedBy: Record<ChangeRequester, ApplicationStatus> }
  | { inRound: ApplicationStatus; outside: ApplicationStatus }

interface Rule {
  from: readonly ApplicationStatus[]
  to: Target
  /** 'student' means the applicant: the model checks ownership, the table only the role. */
  roles: readonly Role[]
  /**
   * In a selection round the round decides who gets a place: its allocation, announcement and
   * offers. 'only': a round's command; 'never': the office's one-by-one placing, not in a round.
   */
  round?: 'only' | 'never'
}

// Before departure a student may always step back; a withdrawal from a place-holding status frees
// the place for the first waitlisted (see freesPlace).
const withdrawable = [
  'draft',
  'submitted',
  'changes_requested',
  'college_endorsed',
  'funding_check',
  'waitlisted',
  'offered',
  'approved',
] as const satisfies readonly ApplicationStatus[]

// Approval needs finance's confirmation only when university money is requested.
const approval: Target = { money: 'funding_check', noMoney: 'approved' }

export const workflow = {
  submit: { from: ['draft'], to: 'submitted', roles: ['student'] },
  // A resubmission goes back to whoever asked for the changes: the college checks again what it
  // was to endorse; the office's request leaves the college's endorsement standing (the student
  // could change only what the office named, app/domain/requested-changes.ts).
  resubmit: {
    from: ['changes_requested'],
    to: { askedBy: { college: 'submitted', office: 'college_endorsed' } },
    roles: ['student'],
  },
  withdraw: { from: withdrawable, to: 'withdrawn', roles: ['student'] },
  college_endorse: { from: ['submitted'], to: 'college_endorsed', roles: ['college_reviewer'] },
  college_reject: { from: ['submitted'], to: 'rejected', roles: ['college_reviewer'] },
  college_request_changes: { from: ['submitted'], to: 'changes_requested', roles: ['college_reviewer'] },
  office_approve: { from: ['college_endorsed'], to: approval, roles: ['office_reviewer'], round: 'never' },
  office_waitlist: { from: ['college_endorsed'], to: 'waitlisted', roles: ['office_reviewer'], round: 'never' },
  // The waitlist is closed by rejecting those still on it.
  office_reject: { from: ['college_endorsed', 'waitlisted'], to: 'rejected', roles: ['office_reviewer'] },
  office_request_changes: { from: ['college_endorsed'], to: 'changes_requested', roles: ['office_reviewer'] },
  promote_from_waitlist: { from: ['waitlisted'], to: approval, roles: ['office_reviewer'], round: 'never' },
  // A selection round (models/round-offers.server.ts): once the announcement is over the placed
  // are offered their place and the rest form the reserve list; a place given back is offered to
  // the next on the reserve list by rank. The student accepts (then as an approval) or declines;
  // an offer not answered by the round's deadline lapses.
  round_offer: { from: ['college_endorsed', 'waitlisted'], to: 'offered', roles: ['office_reviewer'], round: 'only' },
  round_reserve: { from: ['college_endorsed'], to: 'waitlisted', roles: ['office_reviewer'], round: 'only' },
  accept_offer: { from: ['offered'], to: approval, roles: ['student'], round: 'only' },
  decline_offer: { from: ['offered'], to: 'withdrawn', roles: ['student'], round: 'only' },
  offer_lapse: { from: ['offered'], to: 'withdrawn', roles: ['office_reviewer'], round: 'only' },
  finance_confirm: { from: ['funding_check'], to: 'approved', roles: ['finance'] },
  // Back to the office, which may approve again (e.g. with less money), waitlist or reject; in a
  // selection round back to the student's offer (the place stays theirs; they accept again).
  finance_return: { from: ['funding_check'], to: { inRound: 'offered', outside: 'college_endorsed' }, roles: ['finance'] },
  // The university calls an application off (program cancelled, visa refused, misconduct…).
  cancel: { from: withdrawable, to: 'cancelled', roles: ['office_reviewer', 'admin'] },
  complete: { from: ['approved'], to: 'completed', roles: ['office_reviewer', 'admin'] },
  // Back home, the student's return report (with receipts for conference funding) completes it.
  report_return: { from: ['approved'], to: 'completed', roles: ['student'] },
} as const satisfies Record<string, Rule>

export type Command = keyof typeof workflow
export const commands = Object.keys(workflow) as Command[]

/** A selection round's own commands: given by the round's steps (offers, answers, lapses), never one by one on the review page. */
export const roundCommands: readonly Command[] = commands.filter((c) => (workflow[c] as Rule).round === 'only')

export type Holder = 'student' | 'college' | 'office' | 'finance'

// Who must act next. Approved: nobody owes a decision until the student is back (no reminders).
const holders: Record<ApplicationStatus, Holder | null> = {
  draft: 'student',
  submitted: 'college',
  changes_requested: 'student',
  college_endorsed: 'office',
  funding_check: 'finance',
  approved: null,
  offered: 'student',
  waitlisted: 'office',
  rejected: null,
  withdrawn: null,
  cancelled: null,
  completed: null,
}

export type TransitionResult = { ok: true; to: ApplicationStatus } | { ok: false; reason: 'role' | 'status' }

export interface TransitionContext {
  /** The actor's role, or all their roles: any one allowed role is enough. */
  role: Role | readonly Role[]
  /** Whether the application asks for university money (Application.requestedFen > 0). */
  requestsMoney: boolean
  /** Who asked for the changes being resubmitted (Application.requestedChanges.by); the college if unknown. */
  changesRequestedBy?: ChangeRequester
  /** The application is made in a selection round (Application.roundId). */
  inRound?: boolean
}

/** Whether the command is given on applications in a selection round, or outside them. */
function fitsRound(rule: Rule, inRound: boolean): boolean {
  return rule.round === undefined || (rule.round === 'only') === inRound
}

const roleList = (role: Role | readonly Role[]): readonly Role[] => (typeof role === 'string' ? [role] : role)

export function isCommand(value: unknown): value is Command {
  return typeof value === 'string' && Object.hasOwn(workflow, value)
}

export function isStatus(value: unknown): value is ApplicationStatus {
  return typeof value === 'string' && (statuses as readonly string[]).includes(value)
}

export function resolveTarget(
  target: Target,
  requestsMoney: boolean,
  changesRequestedBy: ChangeRequester = 'college',
  inRound = false,
): ApplicationStatus {
  if (typeof target === 'string') return target
  if ('askedBy' in target) return target.askedBy[changesRequestedBy]
  if ('inRound' in target) return inRound ? target.inRound : target.outside
  return requestsMoney ? target.money : target.noMoney
}

const changeRequesters: Partial<Record<Command, ChangeRequester>> = {
  college_request_changes: 'college',
  office_request_changes: 'office',
}

/** Who asks for changes with this command, or null for any other command. */
export function changeRequesterOf(command: Command): ChangeRequester | null {
  return changeRequesters[command] ?? null
}

/**
 * Checks one command. A role that may never give the command is refused with 'role' (403) before
 * the status is looked at; an allowed role on the wrong status gets 'status' (a stale view: 409).
 */
export function transition(command: Command, from: ApplicationStatus, ctx: TransitionContext): TransitionResult {
  const rule: Rule = workflow[command]
  if (!roleList(ctx.role).some((r) => rule.roles.includes(r))) return { ok: false, reason: 'role' }
  if (!rule.from.includes(from) || !fitsRound(rule, ctx.inRound ?? false)) return { ok: false, reason: 'status' }
  return { ok: true, to: resolveTarget(rule.to, ctx.requestsMoney, ctx.changesRequestedBy, ctx.inRound ?? false) }
}

/** The commands an actor may give on an application in this status (the buttons to show). */
export function commandsFor(status: ApplicationStatus, role: Role | readonly Role[], inRound = false): Command[] {
  const held = roleList(role)
  return commands.filter((c) => {
    const rule: Rule = workflow[c]
    return rule.from.includes(status) && held.some((r) => rule.roles.includes(r)) && fitsRound(rule, inRound)
  })
}

/** No command leads out of a final status. */
export function isFinal(status: ApplicationStatus): boolean {
  return !commands.some((c) => (workflow[c].from as readonly ApplicationStatus[]).includes(status))
}

/** The statuses that end an application without a mobility: it no longer counts as active. */
export const inactiveStatuses = ['withdrawn', 'rejected', 'cancelled'] as const satisfies readonly ApplicationStatus[]

/** Counts towards "one active application per kind per academic year". */
export function isActive(status: ApplicationStatus): boolean {
  return !(inactiveStatuses as readonly ApplicationStatus[]).includes(status)
}

/** Who must act next, or null when nobody owes a decision. */
export function holder(status: ApplicationStatus): Holder | null {
  return holders[status]
}

/** The student may edit answers and documents (and delete documents) only in these statuses. */
export function isEditable(status: ApplicationStatus): boolean {
  return status === 'draft' || status === 'changes_requested'
}

/** Added between approval and the return report: the stay's (decision 22) and the report's. */
const afterApproval = ['receipt', 'return_report', 'insurance_policy', 'visa', 'host_transcript'] as const

/**
 * Whether the student may add or delete a document of this kind now: any kind in a draft; while
 * changes are requested, only the kinds the reviewer named (`requested`: none when not given);
 * receipts, the return report, the insurance policy, the visa and the host transcript (decision 26)
 * between approval and the report.
 */
export function acceptsDocument(status: ApplicationStatus, kind: string, requested?: readonly string[]): boolean {
  if (status === 'changes_requested') return requested?.includes(kind) ?? false
  return status === 'draft' || (status === 'approved' && (afterApproval as readonly string[]).includes(kind))
}

// ---- places -----------------------------------------------------------------------------------
// One definition of "places taken", used by the catalogue's places left, the submit page's
// warning, the review page and the quota the decisions enforce (models/program.server.ts counts).

/** Takes one of the program's places (counted against the quota). */
export function holdsPlace(status: ApplicationStatus): boolean {
  return status === 'offered' || status === 'funding_check' || status === 'approved' || status === 'completed'
}

/** The statuses that hold a place, for the one query that counts them. */
export const placeStatuses: readonly ApplicationStatus[] = statuses.filter(holdsPlace)

/** A change that takes a place: refused when none is left, unless the office confirms it. */
function takesPlace(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return !holdsPlace(from) && holdsPlace(to)
}

/** A change that gives a place back: the first waitlisted application then moves up. */
export function freesPlace(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return holdsPlace(from) && !holdsPlace(to)
}

/** Places a program has left, never below zero; null when it has no quota. */
export function placesLeft(quota: number | null, taken: number): number | null {
  return quota === null ? null : Math.max(0, quota - taken)
}

/** Every place is taken (never so without a quota). */
export function isFull(quota: number | null, taken: number): boolean {
  return quota !== null && taken >= quota
}

// ---- what a status change brings with it -------------------------------------------------------

/** The email the student receives about a change (emails/<name>.tsx). */
export type StudentEmail =
  'submission-receipt' | 'changes-requested' | 'decision-approved' | 'decision-waitlisted' | 'decision-rejected' | 'round-offer'

// Funding check sends none: the student hears "approved" once finance confirms (with the amount,
// and the office's message to them). A withdrawal is the student's own act; a cancellation, a
// completion and a return by finance tell them nothing by email either.
const emailOn: Partial<Record<ApplicationStatus, StudentEmail>> = {
  submitted: 'submission-receipt',
  changes_requested: 'changes-requested',
  approved: 'decision-approved',
  offered: 'round-offer',
  waitlisted: 'decision-waitlisted',
  rejected: 'decision-rejected',
}

/**
 * What a change from one status to another brings with it besides the status and its audit row.
 * models/status-change.server.ts (the one door every status change goes through) runs each, for
 * every actor; reviewers' reminders are daily digests over the statuses (holder), not per change.
 */
export interface Consequences {
  /** Takes a place: checked against the quota under the program's lock. */
  takesPlace: boolean
  /** Entering funding check: the award is proposed from the budget lines or the stipend rule. */
  proposesAward: boolean
  /** Leaving the places (and the money): open awards are released, the first waitlisted moves up. */
  freesPlace: boolean
  /** Open awards are released: when a place is freed, and when finance sends a round's application back to its offer. */
  releasesAwards: boolean
  /** Entering review: reviewers the application names (supervisors, co-authors) are kept off it. */
  detectsConflicts: boolean
  /** The student's email, or null. */
  email: StudentEmail | null
  /** Approved: the stay's row (checklist, steps) is opened (decision 22). */
  opensStay: boolean
}

export function consequences(from: ApplicationStatus, to: ApplicationStatus): Consequences {
  return {
    takesPlace: takesPlace(from, to),
    proposesAward: to === 'funding_check',
    freesPlace: freesPlace(from, to),
    releasesAwards: freesPlace(from, to) || (from === 'funding_check' && to === 'offered'),
    detectsConflicts: to === 'submitted',
    email: emailOn[to] ?? null,
    opensStay: to === 'approved',
  }
}
