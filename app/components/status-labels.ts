// The names of statuses and of the steps a student reads on their timeline, apart from the staff's
// step names (./audit-labels): a page sends the message areas of the keys its modules can show
// (tests/structure/page-messages.test.ts), and the student's timeline needs none of the staff's.
import type { StatusChange, studentReads } from '~/domain/audit-view'
import type { AwardStatus } from '~/domain/funding'
import type { ApplicationStatus } from '~/domain/workflow'
import { isMessageKey, type MessageKey } from '~/i18n'

// Every status of both kinds and every step a student reads has its message: one missing in
// app/i18n/messages fails to compile here.
type Named = `status.${ApplicationStatus}` | `finance.award.status.${AwardStatus}` | `timeline.${keyof typeof studentReads}`
type Check<T extends true> = T
type _AllNamed = Check<Named extends MessageKey ? true : false>

/** The message naming a status: an application's, or an award's (proposed, committed, paid, released). */
export function statusKey(of: StatusChange['of'], status: string): MessageKey | null {
  const key = of === 'award' ? `finance.award.status.${status}` : `status.${status}`
  return isMessageKey(key) ? key : null
}

/** The message naming a step of the student's timeline. */
export function timelineActionKey(action: string): MessageKey | null {
  const key = `timeline.${action}`
  return isMessageKey(key) ? key : null
}
