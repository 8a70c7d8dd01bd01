// What each viewer may read of an application's audit trail. Whatever a loader returns reaches the
// browser, so loaders return these summaries, never the rows: a row's before/after keep rubric
// scores, review comments, comment bodies and amounts, and its reason may be a note meant for
// staff only (finance's note and return reason, a conflict of interest's reason). No I/O.
import { awardStatuses, type AwardStatus } from './funding'
import { isStatus, type ApplicationStatus, type Command } from './workflow'

/** An audit row as the database keeps it (the actor's names when the caller loaded them). */
export type AuditRow = {
  id: string | bigint
  at: Date
  action: string
  entityType: string
  before: unknown
  after: unknown
  reason: string | null
  actor?: { nameZh: string; nameEn: string } | null
}

/**
 * A status change of the application or of one of its awards. Each has statuses of its own (an
 * award is proposed, committed, paid or released), named by its own messages.
 */
export type StatusChange =
  | { of: 'application'; from: ApplicationStatus | null; to: ApplicationStatus | null }
  | { of: 'award'; from: AwardStatus | null; to: AwardStatus | null }

/** One step of the trail as staff read it: which action, the status change it made, the reason. */
export type StaffAuditEntry = {
  id: string
  at: Date
  action: string
  actor: { nameZh: string; nameEn: string } | null
  /** The application's or the award's status before and after, for a status change. */
  change: StatusChange | null
  /** The reason or note given with the step. */
  text: string | null
}

/** One step as the student reads it: the action, the status it led to, and text meant for them. */
export type StudentTimelineEntry = {
  id: string
  at: Date
  kind: 'event' | 'comment'
  action: string
  status: ApplicationStatus | null
  text: string | null
}

const statusIn = (json: unknown): ApplicationStatus | null => {
  const status = (json as { status?: unknown } | null)?.status
  return isStatus(status) ? status : null
}

const awardStatusIn = (json: unknown): AwardStatus | null => {
  const status = (json as { status?: unknown } | null)?.status
  return (awardStatuses as readonly unknown[]).includes(status) ? (status as AwardStatus) : null
}

/** The status change a row records, if any: an application's row in its statuses, an award's in its own. */
function statusChange(row: AuditRow): StatusChange | null {
  const change: StatusChange | null =
    row.entityType === 'application'
      ? { of: 'application', from: statusIn(row.before), to: statusIn(row.after) }
      : row.entityType === 'award'
        ? { of: 'award', from: awardStatusIn(row.before), to: awardStatusIn(row.after) }
        : null
  return change && (change.from || change.to) ? change : null
}

/**
 * The trail for staff (review page, award page). Scores, averages and review comments never
 * appear in it: the review panel shows them, and only once the viewer's own review is in
 * (reviewPanel in models/review-scores.server.ts); comment bodies are on the comments list; amounts on
 * the award. The reason of every step is for staff.
 */
export function staffAuditEntry(row: AuditRow): StaffAuditEntry {
  return {
    id: String(row.id),
    at: row.at,
    action: row.action,
    actor: row.actor ? { nameZh: row.actor.nameZh, nameEn: row.actor.nameEn } : null,
    change: statusChange(row),
    text: row.reason,
  }
}

/** What a student may read of one kind of step: always that it happened and its status; its reason only when `reason`. */
type StudentReads = { reason: boolean }

/**
 * The allow-list: per audit action, what the student reads of it. A step not listed here (reviews,
 * conflicts of interest, comments' audit rows, awards, documents, reminders…) never reaches the
 * student. Every workflow command must be decided here (the type says so).
 */
export const studentReads = {
  'application.create': { reason: false },
  'application.submit': { reason: false },
  'application.resubmit': { reason: false },
  // Their own words.
  'application.withdraw': { reason: true },
  // The review page's reason field tells reviewers that the applicant reads it (rv.reason).
  'application.college_endorse': { reason: true },
  'application.college_reject': { reason: true },
  'application.college_request_changes': { reason: true },
  'application.office_approve': { reason: true },
  'application.office_waitlist': { reason: true },
  'application.office_reject': { reason: true },
  'application.office_request_changes': { reason: true },
  'application.promote_from_waitlist': { reason: true },
  'application.round_offer': { reason: false },
  'application.round_reserve': { reason: false },
  'application.accept_offer': { reason: false },
  'application.decline_offer': { reason: true },
  'application.offer_lapse': { reason: false },
  'application.cancel': { reason: true },
  'application.complete': { reason: true },
  // Finance's confirmation note and its reason for returning an application are for the office.
  'application.finance_confirm': { reason: false },
  'application.finance_return': { reason: false },
  'application.report_return': { reason: false },
} as const satisfies Record<`application.${Command}` | 'application.create', StudentReads>

const reads = (action: string): StudentReads | null =>
  Object.hasOwn(studentReads, action) ? studentReads[action as keyof typeof studentReads] : null

/** The step as the student reads it, or null when it is not theirs to see. */
function studentTimelineEvent(row: AuditRow): StudentTimelineEntry | null {
  const allowed = row.entityType === 'application' ? reads(row.action) : null
  if (!allowed) return null
  return {
    id: `e${row.id}`,
    at: row.at,
    kind: 'event',
    action: row.action,
    status: statusIn(row.after),
    text: allowed.reason ? row.reason : null,
  }
}

/** A comment reaches the student only when it was addressed to them. */
function studentTimelineComment(comment: { id: string; createdAt: Date; visibility: string; body: string }): StudentTimelineEntry | null {
  if (comment.visibility !== 'student') return null
  return { id: `c${comment.id}`, at: comment.createdAt, kind: 'comment', action: 'comment', status: null, text: comment.body }
}

/** The student's timeline: the steps and comments they may read, oldest first. */
export function studentTimelineOf(
  rows: AuditRow[],
  comments: { id: string; createdAt: Date; visibility: string; body: string }[],
): StudentTimelineEntry[] {
  return [...rows.map(studentTimelineEvent), ...comments.map(studentTimelineComment)]
    .filter((e): e is StudentTimelineEntry => e !== null)
    .sort((a, b) => a.at.getTime() - b.at.getTime())
}
