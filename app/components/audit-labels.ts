// The names of audit steps, for the pages that show staff the trail (the review page, finance's
// award page): one place that knows which message names what. Statuses and the student's timeline
// are named in ./status-labels, so the student's pages do not carry the staff's step names.
import type { StatusChange } from '~/domain/audit-view'
import type { Command } from '~/domain/workflow'
import { isMessageKey, type MessageKey, type Translate } from '~/i18n'
import { statusKey } from './status-labels'

// Every workflow step has its message: one missing in app/i18n/messages fails to compile here.
type Named = `audit.application.${Command}`
type Check<T extends true> = T
type _AllNamed = Check<Named extends MessageKey ? true : false>

/** The message naming a step of the trail as staff read it. */
export function auditActionKey(action: string): MessageKey | null {
  const key = `audit.${action}`
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
