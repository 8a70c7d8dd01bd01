// The reviewers' decisions, one or many: each a workflow command given through the one door
// (status-change.server.ts: conditional update on the row's version, audit row, quota, awards,
// waitlist and the student's email in one transaction), after the form is judged here.
import { isDocumentKind } from '~/domain/documents'
import type { ProgramKind } from '~/domain/program'
import { refuse, type Refusal } from '~/domain/result'
import { rolesOn } from '~/domain/access'
import { fitsReviewText } from '~/domain/text'
import { transition, type ApplicationStatus, type Command } from '~/domain/workflow'
import type { Locale } from '~/i18n'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { isFieldOf } from '~/schemas/application'
import { loadForCommand, NOT_ON_REVIEW_PAGE, openedFacts } from './review-access.server'
import { applyCommand, requestsMoney, type RequestedChanges } from './status-change.server'

const REJECTIONS: readonly Command[] = ['college_reject', 'office_reject']
const CHANGE_REQUESTS: readonly Command[] = ['college_request_changes', 'office_request_changes']

export type DecisionInput = {
  applicationId: string
  version: number
  command: Command
  reason?: string
  requestedChanges?: RequestedChanges
  messageToStudent?: string
  confirmOverQuota?: boolean
}

/** What the application looks like now, for a screen whose view went stale. */
export type CurrentState = {
  status: ApplicationStatus
  version: number
  changedAt: Date
  changedBy: string | null
  action: string | null
}

/** The door's outcome; refused as stale, with what the application is now. */
export type DecisionResult = { ok: true; status: ApplicationStatus; version: number } | (Refusal & { current?: CurrentState })

/** The fields and documents of a request for changes, or null when it names nothing or something unknown. */
function validChanges(kind: ProgramKind, changes: RequestedChanges | undefined): RequestedChanges | null {
  if (!changes) return null
  const fields = [...new Set(changes.fields)]
  const documents = [...new Set(changes.documents)]
  if (fields.length + documents.length === 0) return null
  if (!fields.every((f) => isFieldOf(kind, f)) || !documents.every(isDocumentKind)) return null
  return { fields, documents }
}

/**
 * Gives one workflow command through the door. The view's version must still be the row's:
 * otherwise 'stale', with what changed. Status, audit row, the comment to the student, the
 * student's email and every other consequence commit together, or not at all.
 */
export async function decide(actor: SessionUser, input: DecisionInput, now = new Date()): Promise<DecisionResult> {
  const loaded = await loadForCommand(actor, input.applicationId)
  if (!loaded.ok) return loaded
  const { application } = loaded
  const { command } = input
  if (NOT_ON_REVIEW_PAGE.includes(command)) return refuse('rv.error.forbidden')
  const roles = rolesOn(actor, openedFacts(application))
  // The table answers before the form is judged (the door asks it again, and decides).
  const step = transition(command, application.status, { role: roles, requestsMoney: requestsMoney(application) })
  if (!step.ok && step.reason === 'role') return refuse('rv.error.forbidden')
  if (application.version !== input.version) return stale(application.id, actor.locale)
  if (!step.ok) return refuse('rv.error.status')

  const reason = input.reason?.trim() || undefined
  const message = input.messageToStudent?.trim() || undefined
  const changes = CHANGE_REQUESTS.includes(command) ? validChanges(application.kind, input.requestedChanges) : null
  const needsReason = REJECTIONS.includes(command) || CHANGE_REQUESTS.includes(command)
  if ((needsReason && !reason) || (CHANGE_REQUESTS.includes(command) && !changes) || !fitsReviewText(reason) || !fitsReviewText(message)) {
    return refuse('rv.error.invalid')
  }

  const outcome = await prisma.$transaction((tx) =>
    applyCommand(tx, {
      actor: { id: actor.id, roles },
      application: { id: application.id, status: application.status, version: input.version },
      command,
      now,
      reason,
      message,
      requestedChanges: changes ?? undefined,
      overQuota: input.confirmOverQuota,
    }),
  )
  return !outcome.ok && outcome.error === 'rv.error.stale' ? stale(application.id, actor.locale) : outcome
}

/** Each decision on its own: one refused leaves the others made. In order, so quota checks see the earlier ones. */
export async function decideMany(
  actor: SessionUser,
  inputs: DecisionInput[],
  now = new Date(),
): Promise<(DecisionResult & { applicationId: string })[]> {
  const results = []
  for (const input of inputs) results.push({ applicationId: input.applicationId, ...(await decide(actor, input, now)) })
  return results
}

async function stale(applicationId: string, locale: Locale): Promise<DecisionResult> {
  const [application, last] = await Promise.all([
    prisma.application.findUniqueOrThrow({ where: { id: applicationId }, select: { status: true, version: true, statusChangedAt: true } }),
    prisma.auditEvent.findFirst({
      where: { applicationId, entityType: 'application' },
      orderBy: { id: 'desc' },
      include: { actor: { select: { nameZh: true, nameEn: true } } },
    }),
  ])
  return {
    ...refuse('rv.error.stale'),
    current: {
      status: application.status,
      version: application.version,
      changedAt: last?.at ?? application.statusChangedAt,
      changedBy: last?.actor ? (locale === 'en' ? last.actor.nameEn : last.actor.nameZh) : null,
      action: last?.action ?? null,
    },
  }
}
