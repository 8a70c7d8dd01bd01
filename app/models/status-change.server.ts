// The one door of an application's status. Every status change goes through applyCommand,
// whoever gives the command: the student (submit, resubmit, withdraw, the return report), the
// reviewers (decisions, one by one or in bulk), finance (confirm, return) and the system (a
// promotion from the waitlist). It checks the command against the workflow table (who may give it,
// from which status, where it leads), changes status and version only while the row is what the
// actor saw, writes the audit row, and runs every consequence the table names for the change
// (workflow.ts consequences): the quota for a change that takes a place, the award proposed on the
// way to funding check, the awards released and the first waitlisted promoted when a place is
// freed, the message to the student and the student's email (outbox). The caller's transaction
// holds it all together: no caller can forget a consequence.
import type { DocumentKind } from '~/domain/documents'
import { requestsUniversityMoney } from '~/domain/funding'
import { refuse, type Result } from '~/domain/result'
import { applicationReference } from '~/domain/reference'
import type { Role } from '~/domain/roles'
import { readChangeRequest } from '~/domain/requested-changes'
import {
  changeRequesterOf,
  consequences,
  roundCommands,
  transition,
  type ApplicationStatus,
  type Command,
  type StudentEmail,
} from '~/domain/workflow'
import type { Prisma } from '~/generated/prisma/client'
import { fromDbLocale } from '~/i18n'
import { recordAudit } from '~/lib/audit.server'
import { appUrl } from '~/lib/env.server'
import { enqueueEmail } from '~/lib/outbox.server'
import { proposeAward, releaseAwards } from './awards.server'
import { writeComment } from './comment.server'
import { detectConflictsOnSubmission } from './conflict-detection.server'
import { lockedPartnerFull } from './agreement-places.server'
import { lockedProgramFull } from './program.server'
import { hasDeparted, openStay } from './stay-record.server'

type Tx = Prisma.TransactionClient

/** Who gives a command: a person with their roles (on this application), or the system (id null). */
export type Actor = { id: string | null; roles: readonly Role[] }

/** The system moves the first waitlisted into a freed place on the office's behalf. */
const SYSTEM: Actor = { id: null, roles: ['office_reviewer'] }

export type RequestedChanges = { fields: string[]; documents: DocumentKind[] }

export interface CommandRequest {
  actor: Actor
  /** The application as the actor saw it: the change applies only while it is still so. */
  application: { id: string; status: ApplicationStatus; version: number }
  command: Command
  now?: Date
  /** Why: in the audit row; a rejection's and a request for changes' email quote it. */
  reason?: string
  /**
   * Words for the student: a comment they read and a quote in their email. Kept with the decision,
   * so that the approval email sent when finance confirms quotes the office's message too.
   */
  message?: string
  /** What a request for changes asks the student to change. */
  requestedChanges?: RequestedChanges
  /** The office confirmed taking a place beyond the quota. */
  overQuota?: boolean
  /** The university money finance granted, in fen: audited and named in the approval email. */
  amountFen?: number
  /** More columns written with the status (the submitted details). */
  data?: Prisma.ApplicationUpdateManyMutationInput
  /** More to note in the audit row (what a return report declared): one step, one row. */
  after?: Record<string, Prisma.InputJsonValue>
}

/**
 * Done, with the status it led to, or refused in the workflow's words (the review page's messages;
 * a caller with words of its own, such as finance's page, picks them from the key).
 */
export type CommandOutcome = Result<{ status: ApplicationStatus; version: number }>

const doorInclude = {
  program: true,
  round: { select: { phase: true, offerDeadline: true } },
  applicant: { select: { email: true, nameZh: true, nameEn: true, locale: true } },
} satisfies Prisma.ApplicationInclude
type DoorApplication = Prisma.ApplicationGetPayload<{ include: typeof doorInclude }>

/** Whether the application asks for university money: approvals then go through finance. */
export function requestsMoney(application: {
  kind: DoorApplication['kind']
  details: Prisma.JsonValue
  program: { fundId: string | null }
}) {
  return requestsUniversityMoney(
    application.kind,
    application.details as Parameters<typeof requestsUniversityMoney>[1],
    application.program,
  )
}

/**
 * Locks one application's row until the transaction ends. Writes to its documents stay exact
 * (counts, version numbers), and a status change waits for, or is seen by, the write before it.
 */
export async function lockApplication(tx: Tx, applicationId: string) {
  await tx.$queryRaw`SELECT 1 FROM "Application" WHERE id = ${applicationId} FOR UPDATE`
}

/**
 * Gives one workflow command. Refusals, in this order and with nothing written: rv.error.forbidden
 * (the actor's roles may never give it), rv.error.stale (the row is no longer what the actor saw),
 * rv.error.status (not from this status), rv.error.overQuota (it would take a place when none is left),
 * rv.error.partnerPlaces (it would take a place past the partner agreement's places for the year:
 * never overridden; a round's offer was placed by its allocation, which counted them).
 */
export async function applyCommand(tx: Tx, request: CommandRequest): Promise<CommandOutcome> {
  const { actor, command, reason, message, requestedChanges: changes, amountFen } = request
  const seen = request.application
  const now = request.now ?? new Date()
  const application = await tx.application.findUnique({ where: { id: seen.id }, include: doorInclude })
  if (!application) return refuse('rv.error.notFound')
  // A resubmission goes back to whoever asked for the changes (app/domain/requested-changes.ts).
  const step = transition(command, seen.status, {
    role: actor.roles,
    requestsMoney: requestsMoney(application),
    changesRequestedBy: readChangeRequest(application.requestedChanges).by,
    inRound: application.roundId !== null,
  })
  if (!step.ok && step.reason === 'role') return refuse('rv.error.forbidden')
  if (application.status !== seen.status || application.version !== seen.version) return refuse('rv.error.stale')
  if (!step.ok) return refuse('rv.error.status')
  // A round's offers wait for the end of its announcement with no objection open (sendOffers).
  if (command === 'round_offer' && application.round?.phase !== 'offering') return refuse('rv.error.status')
  // A student abroad no longer withdraws: the office cancels if it must (decision 22).
  if (command === 'withdraw' && (await hasDeparted(tx, seen.id))) return refuse('stay.error.abroad')
  const from = seen.status
  const to = step.to
  const will = consequences(from, to)

  if (will.takesPlace && !request.overQuota && (await lockedProgramFull(tx, application.programId))) {
    // A view gone stale while waiting for the program's lock hears that rather than about the quota.
    const unchanged = await tx.application.count({ where: { id: seen.id, status: from, version: seen.version } })
    return refuse(unchanged ? 'rv.error.overQuota' : 'rv.error.stale')
  }
  if (will.takesPlace && !roundCommands.includes(command)) {
    const partnerFull = await lockedPartnerFull(tx, application.programId, application.academicYear)
    if (partnerFull) {
      const unchanged = await tx.application.count({ where: { id: seen.id, status: from, version: seen.version } })
      return unchanged
        ? refuse('rv.error.partnerPlaces', { places: partnerFull.places, year: application.academicYear })
        : refuse('rv.error.stale')
    }
  }
  // A request for changes keeps who asked and the application as it is now: the resubmission goes
  // back to them and may differ from this copy only where they asked.
  const by = changeRequesterOf(command)
  const asked = changes && by ? { ...changes, by } : changes
  const stored = asked && by ? { ...asked, baseline: await baselineOf(tx, application) } : asked
  const updated = await tx.application.updateMany({
    where: { id: seen.id, status: from, version: seen.version },
    data: { ...request.data, ...(stored && { requestedChanges: stored }), status: to, statusChangedAt: now, version: { increment: 1 } },
  })
  if (updated.count !== 1) return refuse('rv.error.stale')
  await recordAudit(tx, {
    actorId: actor.id,
    action: `application.${command}`,
    entityType: 'application',
    entityId: seen.id,
    applicationId: seen.id,
    before: { status: from },
    after: {
      ...request.after,
      status: to,
      ...(asked && { requestedChanges: asked }),
      ...(amountFen !== undefined && { approvedFen: amountFen }),
      ...(message && { messageToStudent: message }),
    },
    reason,
  })

  if (message) {
    if (!actor.id) throw new Error('A message to the student needs an author')
    await writeComment(tx, actor.id, seen.id, 'student', message)
  }
  if (will.proposesAward) await proposeAward(tx, seen.id, actor.id)
  if (will.detectsConflicts) await detectConflictsOnSubmission(tx, seen.id)
  if (will.releasesAwards) await releaseAwards(tx, seen.id, actor.id, reason ?? `application.${command}`, now)
  if (will.freesPlace) {
    if (application.roundId) await offerToNextInReserve(tx, application.roundId, application.programId, now)
    else await promoteFirstWaitlisted(tx, application.programId, now)
  }
  if (will.opensStay) await openStay(tx, seen.id, now)
  if (will.email) {
    // Finance confirms without a word to the student: the approval quotes the office's message.
    const quoted = message ?? (from === 'funding_check' ? await messageSentToFinanceWith(tx, seen.id) : undefined)
    await emailStudent(tx, will.email, application, { reason, changes, message: quoted, amountFen, now })
  }
  return { ok: true, status: to, version: seen.version + 1 }
}

/** The answers and current documents a request for changes is made on (ChangeRequest.baseline). */
async function baselineOf(tx: Tx, application: { id: string; details: Prisma.JsonValue }) {
  const documents = await tx.document.findMany({
    where: { applicationId: application.id, deletedAt: null, supersededAt: null },
    select: { id: true, kind: true },
    orderBy: { id: 'asc' },
  })
  return { details: application.details ?? {}, documents } as Prisma.InputJsonObject
}

/**
 * When a freed place is there to take, the application longest on the program's waitlist moves on
 * (to funding check when it asks for university money), by the system, through the door. The
 * program's row is locked first, so that two places freed at once go to two applications.
 */
export async function promoteFirstWaitlisted(
  tx: Tx,
  programId: string,
  now = new Date(),
): Promise<{ applicationId: string; status: ApplicationStatus } | null> {
  if (await lockedProgramFull(tx, programId)) return null
  const next = await tx.application.findFirst({
    where: { programId, status: 'waitlisted' },
    orderBy: [{ statusChangedAt: 'asc' }, { id: 'asc' }],
    select: { id: true, status: true, version: true },
  })
  if (!next) return null
  const promoted = await applyCommand(tx, { actor: SYSTEM, application: next, command: 'promote_from_waitlist', now })
  return promoted.ok ? { applicationId: next.id, status: promoted.status } : null
}

/**
 * In a selection round a place given back goes to the reserve list by rank, not by time: the
 * best-ranked student waiting on it who chose this program is offered it, for the same program.
 */
export async function offerToNextInReserve(
  tx: Tx,
  roundId: string,
  programId: string,
  now = new Date(),
): Promise<{ applicationId: string; status: ApplicationStatus } | null> {
  // Offers are made while the round makes them, until its deadline: after it nobody could answer.
  const round = await tx.selectionRound.findUnique({ where: { id: roundId }, select: { phase: true, offerDeadline: true } })
  if (round?.phase !== 'offering' || now > round.offerDeadline) return null
  if (await lockedProgramFull(tx, programId)) return null
  const next = await tx.application.findFirst({
    where: { roundId, status: 'waitlisted', reserveRank: { not: null }, choices: { some: { programId } } },
    orderBy: [{ reserveRank: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
    select: { id: true, status: true, version: true },
  })
  if (!next) return null
  // The place is this program's: the student's choice of it is what the offer is made on.
  await tx.application.update({ where: { id: next.id }, data: { programId } })
  const offered = await applyCommand(tx, { actor: SYSTEM, application: next, command: 'round_offer', now, after: { programId } })
  return offered.ok ? { applicationId: next.id, status: offered.status } : null
}

/** The message to the student given with the decision that last sent the application to finance. */
async function messageSentToFinanceWith(tx: Tx, applicationId: string): Promise<string | undefined> {
  const decision = await tx.auditEvent.findFirst({
    where: { applicationId, entityType: 'application', after: { path: ['status'], equals: 'funding_check' } },
    orderBy: { id: 'desc' },
    select: { after: true },
  })
  const message = (decision?.after as { messageToStudent?: unknown } | null)?.messageToStudent
  return typeof message === 'string' ? message : undefined
}

function required<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) throw new Error(`This email needs the ${what}`)
  return value
}

/** The student's email about the change, in their language, to be sent after commit (outbox). */
async function emailStudent(
  tx: Tx,
  template: StudentEmail,
  application: DoorApplication,
  {
    reason,
    changes,
    message,
    amountFen,
    now,
  }: { reason?: string; changes?: RequestedChanges; message?: string; amountFen?: number; now: Date },
) {
  const student = application.applicant
  const locale = fromDbLocale(student.locale)
  const mail = { to: student.email, locale }
  const about = {
    name: locale === 'en' ? student.nameEn : student.nameZh,
    programTitle: locale === 'en' ? application.program.titleEn : application.program.titleZh,
    reference: applicationReference(application.id, application.academicYear),
    applicationUrl: `${appUrl()}/student/applications/${application.id}`,
  }
  const base = { ...about, message }
  switch (template) {
    case 'submission-receipt':
      return enqueueEmail(tx, { ...mail, template, payload: { ...about, submittedAt: now.toISOString() } })
    case 'changes-requested':
      return enqueueEmail(tx, {
        ...mail,
        template,
        payload: { ...base, reason: required(reason, 'reason'), ...required(changes, 'requested changes') },
      })
    case 'decision-approved':
      // The amount is finance's: approvals without university money name none.
      return enqueueEmail(tx, { ...mail, template, payload: { ...base, kind: application.kind, amountFen } })
    case 'decision-waitlisted': {
      // On a round's reserve list: the student's rank on it, and until when places go down it.
      const { reserveRank, round } = application
      const reserve = reserveRank && round ? { rank: reserveRank, until: round.offerDeadline.toISOString() } : undefined
      return enqueueEmail(tx, { ...mail, template, payload: { ...base, ...(reserve && { reserve }) } })
    }
    case 'round-offer':
      return enqueueEmail(tx, {
        ...mail,
        template,
        payload: { ...base, deadline: required(application.round?.offerDeadline, 'offer deadline').toISOString() },
      })
    case 'decision-rejected':
      return enqueueEmail(tx, { ...mail, template, payload: { ...base, reason: required(reason, 'reason') } })
  }
}
