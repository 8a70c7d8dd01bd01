import { staffAuditEntry, type StaffAuditEntry } from '~/domain/audit-view'
import { shanghaiDate } from '~/domain/dates'
import { isDocumentKind } from '~/domain/documents'
import type { ProgramKind } from '~/domain/program'
import { canReview, commandsOn, reviewStage, rolesOn, type ApplicationFacts } from '~/domain/access'
import { homePath, type Role } from '~/domain/roles'
import { averageScore, rubricSchema } from '~/domain/rubric'
import { textLength } from '~/domain/text'
import { holder, transition, type ApplicationStatus, type Command } from '~/domain/workflow'
import type { Prisma, Review } from '~/generated/prisma/client'
import { fromDbLocale, type Locale } from '~/i18n'
import { recordAudit } from '~/lib/audit.server'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { appUrl, env } from '~/lib/env.server'
import { enqueueEmail } from '~/lib/outbox.server'
import { applicationFields } from '~/schemas/application'
import { MAX_TEXT } from '~/schemas/review'
import { accessFor, steppedAsideFrom, type FactsRow } from './access.server'
import { applicationReference } from './application.server'
import { writeComment } from './comment.server'
import { applyCommand, requestsMoney, type RequestedChanges } from './status-change.server'

// The reviewers' side of an application: what they may see, their decisions (each a workflow
// command through the one door, models/status-change.server.ts: conditional update on the row's
// version, audit row, quota, awards, waitlist and student email in one transaction), rubric
// reviews, conflicts of interest, comments, and the reminder digests.

type Tx = Prisma.TransactionClient

const DAY_MS = 24 * 3600 * 1000

const REJECTIONS: readonly Command[] = ['college_reject', 'office_reject']
const CHANGE_REQUESTS: readonly Command[] = ['college_request_changes', 'office_request_changes']
export const FINANCE_COMMANDS: readonly Command[] = ['finance_confirm', 'finance_return']

// ---- who sees what: the access policy (app/domain/access.ts, models/access.server.ts) ---------

const applicantSelect = {
  id: true,
  email: true,
  nameZh: true,
  nameEn: true,
  locale: true,
  studentNumber: true,
  level: true,
  college: { select: { id: true, nameZh: true, nameEn: true } },
} satisfies Prisma.UserSelect

/** The application with its program, partner and applicant, or null when the actor may not open its review page. */
export async function findForReviewer(actor: SessionUser, applicationId: string) {
  const access = await accessFor(actor)
  return prisma.application.findFirst({
    where: { AND: [{ id: applicationId }, access.where('staff')] },
    include: { program: { include: { partner: true } }, college: true, applicant: { select: applicantSelect } },
  })
}

/**
 * The facts of an application found through access.where('staff'): the actor declared no
 * conflict on it, or it would not have been found.
 */
const openedFacts = (application: FactsRow): ApplicationFacts => ({
  id: application.id,
  applicantId: application.applicantId,
  collegeId: application.collegeId,
  status: application.status,
  submittedAt: application.submittedAt,
  conflictedReviewerIds: [],
})

/** The roles the actor acts with on an application they opened (a college reviewer's for their own college only). */
export function reviewerRoles(actor: SessionUser, application: FactsRow): Role[] {
  return rolesOn(actor, openedFacts(application))
}

/** The decisions the review page offers: the policy's commands but finance's, which are given on the award's page with the amounts. */
export function reviewPageCommands(actor: SessionUser, application: FactsRow): Command[] {
  return commandsOn(actor, openedFacts(application)).filter((c) => !FINANCE_COMMANDS.includes(c))
}

const nameIn = (locale: Locale, person: { nameZh: string; nameEn: string }) => (locale === 'en' ? person.nameEn : person.nameZh)

export const commandInclude = { program: true, applicant: { select: applicantSelect } } satisfies Prisma.ApplicationInclude
export type CommandApplication = Prisma.ApplicationGetPayload<{ include: typeof commandInclude }>

/** Loads an application for a command: notFound outside the actor's reach, forbidden after a conflict. */
async function loadForCommand(actor: SessionUser, applicationId: string): Promise<CommandApplication | 'notFound' | 'forbidden'> {
  const access = await accessFor(actor)
  const application = await prisma.application.findFirst({ where: { AND: [{ id: applicationId }, access.where('staff')] }, include: commandInclude })
  if (application) return application
  return (await steppedAsideFrom(actor, applicationId)) ? 'forbidden' : 'notFound'
}

// ---- decisions --------------------------------------------------------------------------------

export type { RequestedChanges }

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

export type DecisionResult =
  | { ok: true; status: ApplicationStatus; version: number }
  | { ok: false; error: 'notFound' | 'forbidden' | 'stale' | 'status' | 'overQuota' | 'invalid'; current?: CurrentState }

/** The fields and documents of a request for changes, or null when it names nothing or something unknown. */
function validChanges(kind: ProgramKind, changes: RequestedChanges | undefined): RequestedChanges | null {
  if (!changes) return null
  const fields = [...new Set(changes.fields)]
  const documents = [...new Set(changes.documents)]
  if (fields.length + documents.length === 0) return null
  if (!fields.every((f) => applicationFields[kind].includes(f)) || !documents.every(isDocumentKind)) return null
  return { fields, documents }
}

const textOk = (text: string | undefined) => text === undefined || textLength(text) <= MAX_TEXT

/**
 * Gives one workflow command through the door. The view's version must still be the row's:
 * otherwise 'stale', with what changed. Status, audit row, the comment to the student, the
 * student's email and every other consequence commit together, or not at all.
 */
export async function decide(actor: SessionUser, input: DecisionInput, now = new Date()): Promise<DecisionResult> {
  const application = await loadForCommand(actor, input.applicationId)
  if (typeof application === 'string') return { ok: false, error: application }
  const { command } = input
  // Finance confirms or returns on the award's page, with the amounts (finance.server.ts).
  if (FINANCE_COMMANDS.includes(command)) return { ok: false, error: 'forbidden' }
  const roles = rolesOn(actor, openedFacts(application))
  // The table answers before the form is judged (the door asks it again, and decides).
  const step = transition(command, application.status, { role: roles, requestsMoney: requestsMoney(application) })
  if (!step.ok && step.reason === 'role') return { ok: false, error: 'forbidden' }
  if (application.version !== input.version) return stale(application.id, actor.locale)
  if (!step.ok) return { ok: false, error: 'status' }

  const reason = input.reason?.trim() || undefined
  const message = input.messageToStudent?.trim() || undefined
  const changes = CHANGE_REQUESTS.includes(command) ? validChanges(application.kind, input.requestedChanges) : null
  const needsReason = REJECTIONS.includes(command) || CHANGE_REQUESTS.includes(command)
  if ((needsReason && !reason) || (CHANGE_REQUESTS.includes(command) && !changes) || !textOk(reason) || !textOk(message)) {
    return { ok: false, error: 'invalid' }
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
  if (outcome.ok) return outcome
  if (outcome.error === 'stale') return stale(application.id, actor.locale)
  return { ok: false, error: outcome.error }
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
    ok: false,
    error: 'stale',
    current: {
      status: application.status,
      version: application.version,
      changedAt: last?.at ?? application.statusChangedAt,
      changedBy: last?.actor ? nameIn(locale, last.actor) : null,
      action: last?.action ?? null,
    },
  }
}

// ---- reviews and conflicts --------------------------------------------------------------------

export type ReviewInput = { applicationId: string; scores: Record<string, unknown>; comment: string; submit: boolean }
export type SaveReviewResult = { ok: true; review: Review } | { ok: false; error: 'notFound' | 'forbidden' | 'invalid' }

/**
 * Saves the actor's rubric review at their stage. A draft may leave criteria out; a submitted
 * review has every criterion scored and stays submitted (later saves update it, each audited).
 */
export async function saveReview(actor: SessionUser, input: ReviewInput, now = new Date()): Promise<SaveReviewResult> {
  const application = await loadForCommand(actor, input.applicationId)
  if (typeof application === 'string') return { ok: false, error: application }
  const stage = reviewStage(actor, openedFacts(application))
  if (!stage) return { ok: false, error: 'forbidden' }
  const key = { applicationId_reviewerId_stage: { applicationId: application.id, reviewerId: actor.id, stage } }
  const existing = await prisma.review.findUnique({ where: key })
  const submittedAt = existing?.submittedAt ?? (input.submit ? now : null)
  const schema = submittedAt ? rubricSchema(application.kind) : rubricSchema(application.kind).partial()
  const scores = schema.safeParse(input.scores)
  const comment = input.comment.trim()
  if (!scores.success || !textOk(comment)) return { ok: false, error: 'invalid' }

  const review = await prisma.$transaction(async (tx) => {
    const data = { scores: scores.data, comment, submittedAt }
    const saved = await tx.review.upsert({ where: key, create: { ...key.applicationId_reviewerId_stage, ...data }, update: data })
    if (submittedAt) {
      await recordAudit(tx, {
        actorId: actor.id,
        action: 'review.submit',
        entityType: 'review',
        entityId: saved.id,
        applicationId: application.id,
        before: existing?.submittedAt ? { scores: existing.scores as Prisma.InputJsonValue, comment: existing.comment } : undefined,
        after: { stage, scores: scores.data, average: averageScore(scores.data), comment },
      })
    }
    return saved
  })
  return { ok: true, review }
}

export type ReviewWithReviewer = Review & { reviewer: { id: string; nameZh: string; nameEn: string } }

/**
 * The actor's own review and the others' submitted ones. A reviewer sees the others only once
 * their own is submitted, so nobody anchors on a colleague's scores; staff who do not review at
 * any stage (finance, admins) see them all.
 */
export async function reviewPanel(
  actor: SessionUser,
  applicationId: string,
): Promise<{ mine: ReviewWithReviewer | null; others: ReviewWithReviewer[] | null }> {
  const application = await findForReviewer(actor, applicationId)
  if (!application) return { mine: null, others: null }
  const stage = reviewStage(actor, openedFacts(application))
  const reviews = await prisma.review.findMany({
    where: { applicationId },
    orderBy: [{ submittedAt: 'asc' }, { createdAt: 'asc' }],
    include: { reviewer: { select: { id: true, nameZh: true, nameEn: true } } },
  })
  const mine = reviews.find((r) => r.reviewerId === actor.id && r.stage === stage) ?? null
  if (stage && !mine?.submittedAt) return { mine, others: null }
  return { mine, others: reviews.filter((r) => r.reviewerId !== actor.id && r.submittedAt && !r.conflict) }
}

/** Declares a conflict of interest: from then on the reviewer can neither open nor decide the application. */
export async function declareConflict(
  actor: SessionUser,
  applicationId: string,
  reason: string,
): Promise<{ ok: true } | { ok: false; error: 'notFound' | 'forbidden' | 'invalid' }> {
  const application = await loadForCommand(actor, applicationId)
  if (typeof application === 'string') return { ok: false, error: application }
  const stage = reviewStage(actor, openedFacts(application))
  if (!stage) return { ok: false, error: 'forbidden' }
  const why = reason.trim()
  if (!why || !textOk(why)) return { ok: false, error: 'invalid' }
  await prisma.$transaction(async (tx) => {
    const key = { applicationId, reviewerId: actor.id, stage }
    const review = await tx.review.upsert({
      where: { applicationId_reviewerId_stage: key },
      create: { ...key, conflict: true },
      update: { conflict: true },
    })
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'review.conflict',
      entityType: 'review',
      entityId: review.id,
      applicationId,
      after: { stage, conflict: true },
      reason: why,
    })
  })
  return { ok: true }
}

// ---- comments and the audit trail -------------------------------------------------------------

/** A comment for the staff only ('internal') or addressed to the student. */
export async function addComment(
  actor: SessionUser,
  input: { applicationId: string; visibility: 'internal' | 'student'; body: string },
): Promise<{ ok: true; id: string } | { ok: false; error: 'notFound' | 'invalid' }> {
  if (!(await findForReviewer(actor, input.applicationId))) return { ok: false, error: 'notFound' }
  const body = input.body.trim()
  if (!body || !textOk(body) || (input.visibility !== 'internal' && input.visibility !== 'student')) {
    return { ok: false, error: 'invalid' }
  }
  const comment = await prisma.$transaction((tx) => writeComment(tx, actor.id, input.applicationId, input.visibility, body))
  return { ok: true, id: comment.id }
}

/** Every comment on the application, oldest first; none for an actor who may not see it. */
export async function listComments(actor: SessionUser, applicationId: string) {
  if (!(await findForReviewer(actor, applicationId))) return []
  return prisma.comment.findMany({
    where: { applicationId },
    orderBy: { createdAt: 'asc' },
    include: { author: { select: { id: true, nameZh: true, nameEn: true } } },
  })
}

/**
 * The audit trail of the application and its documents, reviews, comments and awards, oldest
 * first, as staff read it (app/domain/audit-view.ts: no scores, review comments or raw
 * before/after); empty for an actor who may not open the application.
 */
export async function auditTrail(actor: SessionUser, applicationId: string): Promise<StaffAuditEntry[]> {
  if (!(await findForReviewer(actor, applicationId))) return []
  const events = await prisma.auditEvent.findMany({
    where: { applicationId },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
    include: { actor: { select: { nameZh: true, nameEn: true } } },
  })
  return events.map(staffAuditEntry)
}

// ---- reminders --------------------------------------------------------------------------------

/**
 * Sends a notification at most once per key: the marker is an AuditEvent (entityType 'reminder',
 * entityId the key) written with the outbox row, and a transaction-scoped advisory lock on the
 * key keeps two app instances running the same job from both sending.
 */
export async function once(key: string, marker: { action: string; applicationId?: string }, send: (tx: Tx) => Promise<unknown>) {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))`
    if (await tx.auditEvent.findFirst({ where: { entityType: 'reminder', entityId: key }, select: { id: true } })) return false
    await send(tx)
    await recordAudit(tx, { actorId: null, entityType: 'reminder', entityId: key, ...marker })
    return true
  })
}

const reviewerSelect = { id: true, email: true, nameZh: true, nameEn: true, locale: true, roles: true, collegeId: true } satisfies Prisma.UserSelect
type Reviewer = Prisma.UserGetPayload<{ select: typeof reviewerSelect }>

const digestSelect = {
  id: true,
  academicYear: true,
  applicantId: true,
  collegeId: true,
  status: true,
  submittedAt: true,
  statusChangedAt: true,
  applicant: { select: { nameZh: true, nameEn: true } },
  program: { select: { titleZh: true, titleEn: true } },
  reviews: { where: { conflict: true }, select: { reviewerId: true } },
} satisfies Prisma.ApplicationSelect
type DigestApplication = Prisma.ApplicationGetPayload<{ select: typeof digestSelect }>

const activeStaff = (roles: Role[]) =>
  prisma.user.findMany({ where: { deactivatedAt: null, roles: { hasSome: roles } }, select: reviewerSelect })

/**
 * The reviewer must act on the application now: they may review it (app/domain/access.ts: their
 * college, no conflict of interest) and hold the role of the stage it waits at.
 */
function owes(reviewer: Reviewer, application: DigestApplication): boolean {
  const facts = { ...application, conflictedReviewerIds: application.reviews.map((r) => r.reviewerId) }
  if (!canReview(reviewer, facts)) return false
  const stage = holder(application.status)
  const role = stage === 'college' ? 'college_reviewer' : stage === 'office' ? 'office_reviewer' : stage === 'finance' ? 'finance' : null
  return role !== null && rolesOn(reviewer, facts).includes(role)
}

function digestItem(locale: Locale, application: DigestApplication) {
  return {
    reference: applicationReference(application.id, application.academicYear),
    applicant: nameIn(locale, application.applicant),
    programTitle: locale === 'en' ? application.program.titleEn : application.program.titleZh,
    url: `${appUrl()}/review/${application.id}`,
  }
}

// Held by a reviewer. Waitlisted applications wait for a place, not for a reviewer: no reminders.
const REMINDED: ApplicationStatus[] = ['submitted', 'college_endorsed', 'funding_check']

/**
 * One digest per reviewer and day (Beijing calendar day) listing the applications that have
 * waited at their stage longer than the threshold. Returns how many digests were sent.
 */
export async function sendReviewReminders({
  now = new Date(),
  thresholdDays = env().REVIEW_REMINDER_DAYS,
}: { now?: Date; thresholdDays?: number } = {}): Promise<number> {
  const waiting = await prisma.application.findMany({
    where: { status: { in: REMINDED }, statusChangedAt: { lt: new Date(now.getTime() - thresholdDays * DAY_MS) } },
    orderBy: { statusChangedAt: 'asc' },
    select: digestSelect,
  })
  if (waiting.length === 0) return 0
  const day = shanghaiDate(now)
  let sent = 0
  for (const reviewer of await activeStaff(['college_reviewer', 'office_reviewer', 'finance'])) {
    const items = waiting.filter((a) => owes(reviewer, a))
    if (items.length === 0) continue
    const locale = fromDbLocale(reviewer.locale)
    const payload = {
      name: nameIn(locale, reviewer),
      days: thresholdDays,
      items: items.map((a) => ({
        ...digestItem(locale, a),
        waitingDays: Math.floor((now.getTime() - a.statusChangedAt.getTime()) / DAY_MS),
      })),
      queueUrl: `${appUrl()}${homePath(reviewer.roles)}`,
    }
    const enqueued = await once(`review-reminder:${reviewer.id}:${day}`, { action: 'reminder.review' }, (tx) =>
      enqueueEmail(tx, { template: 'reviewer-reminder', to: reviewer.email, locale, payload }),
    )
    if (enqueued) sent++
  }
  return sent
}

/**
 * Tells each college's reviewers about the applications submitted (or resubmitted) to the college
 * since `since`. Running it again for the same `since` sends nothing new. Returns the digests sent.
 */
export async function sendNewApplicationsDigest({ since, now = new Date() }: { since: Date; now?: Date }): Promise<number> {
  const fresh = await prisma.application.findMany({
    where: { status: 'submitted', submittedAt: { gte: since, lt: now } },
    orderBy: { submittedAt: 'asc' },
    select: digestSelect,
  })
  if (fresh.length === 0) return 0
  let sent = 0
  for (const reviewer of await activeStaff(['college_reviewer'])) {
    const items = fresh.filter((a) => owes(reviewer, a))
    if (items.length === 0) continue
    const locale = fromDbLocale(reviewer.locale)
    const payload = {
      name: nameIn(locale, reviewer),
      since: since.toISOString(),
      items: items.map((a) => digestItem(locale, a)),
      queueUrl: `${appUrl()}/college`,
    }
    const enqueued = await once(`new-applications:${reviewer.id}:${since.toISOString()}`, { action: 'reminder.newApplications' }, (tx) =>
      enqueueEmail(tx, { template: 'new-applications-digest', to: reviewer.email, locale, payload }),
    )
    if (enqueued) sent++
  }
  return sent
}

/** Reminds students of drafts whose program closes within `withinDays`, once per draft. Returns the reminders sent. */
export async function sendDraftDeadlineReminders({
  now = new Date(),
  withinDays = 3,
}: { now?: Date; withinDays?: number } = {}): Promise<number> {
  const drafts = await prisma.application.findMany({
    where: {
      status: 'draft',
      program: { retiredAt: null, closesAt: { gt: now, lte: new Date(now.getTime() + withinDays * DAY_MS) } },
      auditEvents: { none: { action: 'reminder.draftDeadline' } },
    },
    select: {
      id: true,
      applicant: { select: { email: true, nameZh: true, nameEn: true, locale: true, deactivatedAt: true } },
      program: { select: { titleZh: true, titleEn: true, closesAt: true } },
    },
  })
  let sent = 0
  for (const draft of drafts) {
    if (draft.applicant.deactivatedAt) continue
    const locale = fromDbLocale(draft.applicant.locale)
    const payload = {
      name: nameIn(locale, draft.applicant),
      programTitle: locale === 'en' ? draft.program.titleEn : draft.program.titleZh,
      closesAt: draft.program.closesAt.toISOString(),
      applicationUrl: `${appUrl()}/student/applications/${draft.id}`,
    }
    const enqueued = await once(`draft-deadline:${draft.id}`, { action: 'reminder.draftDeadline', applicationId: draft.id }, (tx) =>
      enqueueEmail(tx, { template: 'draft-deadline-reminder', to: draft.applicant.email, locale, payload }),
    )
    if (enqueued) sent++
  }
  return sent
}
