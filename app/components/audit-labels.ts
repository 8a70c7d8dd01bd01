// The names of audit steps and statuses, for every page that shows the trail (the review page,
// finance's award page, the student's timeline): one place that knows which message names what.
import type { StatusChange, studentReads } from '~/domain/audit-view'
import type { AwardStatus } from '~/domain/funding'
import type { ApplicationStatus, Command } from '~/domain/workflow'
import { isMessageKey, type MessageKey, type Translate } from '~/i18n'

// Every status of both kinds, every workflow step and every step a student reads has its message:
// one missing in app/i18n/messages fails to compile here.
type Named =
  | `status.${ApplicationStatus}`
  | `finance.award.status.${AwardStatus}`
  | `audit.application.${Command}`
  | `timeline.${keyof typeof studentReads}`
type Check<T extends true> = T
type _AllNamed = Check<Named extends MessageKey ? true : false>

/** The message naming a status: an application's, or an award's (proposed, committed, paid, released). */
export function statusKey(of: StatusChange['of'], status: string): MessageKey | null {
  const key = of === 'award' ? `finance.award.status.${status}` : `status.${status}`
  return isMessageKey(key) ? key : null
}

/** The message naming a step of the trail as staff read it. */
export function auditActionKey(action: string): MessageKey | null {
  const key = `audit.${action}`
  return isMessageKey(key) ? key : null
}

/** The message naming a step of the student's timeline. */
export function timelineActionKey(action: string): MessageKey | null {
  const key = `timeline.${action}`
  return isMessageKey(key) ? key : null
}

/** A step's name (the action itself only for a step no message names yet). */
export const auditActionLabel = (t: Translate, action: string) => {
  const key = auditActionKey(action)
  return key ? t(key) : action
}

/** "Funding check → Approved", "Proposed → Committed", or the new status alone. */
export function statusChangeLabel(t: Translate, change: StatusChange | null): string {
  if (!change) return ''
  const label = (status: string) => {
    const key = statusKey(change.of, status)
    return key ? t(key) : status
  }
  return change.from && change.to ? `${label(change.from)} → ${label(change.to)}` : change.to ? label(change.to) : ''
}
