import { staffAuditEntry, type StaffAuditEntry } from '~/domain/audit-view'
import { shanghaiDate } from '~/domain/dates'
import { isDocumentKind, type DocumentKind } from '~/domain/documents'
import { requestsUniversityMoney } from '~/domain/funding'
import type { ProgramKind } from '~/domain/program'
import { homePath, type Role } from '~/domain/roles'
import { averageScore, rubricSchema } from '~/domain/rubric'
import { textLength } from '~/domain/text'
import {
  changeRequesterOf,
  freesPlace,
  holder,
  holdsPlace,
  resolveTarget,
  statuses,
  transition,
  workflow,
  type ApplicationStatus,
  type Command,
} from '~/domain/workflow'
import type { Prisma, Review, ReviewStage } from '~/generated/prisma/client'
import { fromDbLocale, type Locale } from '~/i18n'
import { recordAudit } from '~/lib/audit.server'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { appUrl, env } from '~/lib/env.server'
import { enqueueEmail } from '~/lib/outbox.server'
import { applicationFields } from '~/schemas/application'
import { openableByReviewer, reviewable } from './access.server'
import { applicationReference } from './application.server'
import { changeStatus } from './status-change.server'

// The reviewers' side of an application: what they may see, their decisions (each a workflow
// command: conditional update on the row's version, audit row and student email in one
// transaction), rubric reviews, conflicts of interest, comments, and the reminder digests.

type Tx = Prisma.TransactionClient

const PLACE_STATUSES = statuses.filter(holdsPlace)
const DAY_MS = 24 * 3600 * 1000
const MAX_TEXT = 5000

const REJECTIONS: readonly Command[] = ['college_reject', 'office_reject']
const CHANGE_REQUESTS: readonly Command[] = ['college_request_changes', 'office_request_changes']
const APPROVALS: readonly Command[] = ['office_approve', 'promote_from_waitlist']
export const FINANCE_COMMANDS: readonly Command[] = ['finance_confirm', 'finance_return']

// ---- who sees what ----------------------------------------------------------------------------

/** The review page's rule for one application (access.server.ts: the queues and downloads ask it too). */
function visibleTo(actor: SessionUser, applicationId: string): Prisma.ApplicationWhereInput | null {
  const scope = openableByReviewer(actor)
  return scope && { ...scope, id: applicationId }
}

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

/** The application with its program, partner and applicant, or null when the actor may not see it. */
export function findForReviewer(actor: SessionUser, applicationId: string) {
  const where = visibleTo(actor, applicationId)
  if (!where) return Promise.resolve(null)
  return prisma.application.findFirst({
    where,
    include: { program: { include: { partner: true } }, college: true, applicant: { select: applicantSelect } },
  })
}

export type ReviewerApplication = NonNullable<Awaited<ReturnType<typeof findForReviewer>>>

/** Tells a reviewer kept out of an application why: they declared a conflict of interest on it. */
export async function conflictDeclared(actorId: string, applicationId: string): Promise<{ conflict: true } | null> {
  const row = await prisma.review.findFirst({ where: { applicationId, reviewerId: actorId, conflict: true }, select: { id: true } })
  return row ? { conflict: true } : null
}

/** The actor's staff roles on this application: college_reviewer counts for their own college only. */
function rolesOn(actor: SessionUser, application: { collegeId: string }): Role[] {
  return actor.roles.filter((r) => r !== 'student' && (r !== 'college_reviewer' || actor.collegeId === application.collegeId))
}

/** The review stage the actor reviews this application at (by the stage it is in, for someone with both roles). */
function stageFor(actor: SessionUser, application: { collegeId: string; status: ApplicationStatus }): ReviewStage | null {
  const roles = rolesOn(actor, application)
  const college = roles.includes('college_reviewer')
  const office = roles.includes('office_reviewer')
  if (college && office) return holder(application.status) === 'college' ? 'college' : 'office'
  return college ? 'college' : office ? 'office' : null
}

const nameIn = (locale: Locale, person: { nameZh: string; nameEn: string }) => (locale === 'en' ? person.nameEn : person.nameZh)

export const commandInclude = { program: true, applicant: { select: applicantSelect } } satisfies Prisma.ApplicationInclude
export type CommandApplication = Prisma.ApplicationGetPayload<{ include: typeof commandInclude }>

/** Loads an application for a command: notFound outside the actor's scope, forbidden after a conflict. */
async function loadForCommand(actor: SessionUser, applicationId: string): Promise<CommandApplication | 'notFound' | 'forbidden'> {
  const scope = reviewable(actor)
  const application = scope && (await prisma.application.findFirst({ where: { ...scope, id: applicationId }, include: commandInclude }))
  if (!application) return 'notFound'
  if (await conflictDeclared(actor.id, applicationId)) return 'forbidden'
  return application
}

// ---- decisions --------------------------------------------------------------------------------

export type RequestedChanges = { fields: string[]; documents: DocumentKind[] }

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
 * Gives one workflow command. The view's version must still be the row's: otherwise 'stale', with
 * what changed. Status, audit row, the comment to the student and the student's email commit
 * together, or not at all.
 */
export async function decide(actor: SessionUser, input: DecisionInput, now = new Date()): Promise<DecisionResult> {
  const application = await loadForCommand(actor, input.applicationId)
  if (typeof application === 'string') return { ok: false, error: application }
  const { command } = input
  // Finance confirms or returns on the award's page, with the amounts (finance.server.ts).
  if (FINANCE_COMMANDS.includes(command)) return { ok: false, error: 'forbidden' }
  const requestsMoney = moneyRequested(application)
  const step = transition(command, application.status, { role: rolesOn(actor, application), requestsMoney })
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

  const outcome = await prisma.$transaction(async (tx) => {
    if (APPROVALS.includes(command) && !input.confirmOverQuota && (await placesLeft(tx, application.programId)) <= 0) {
      // A view gone stale meanwhile should hear that rather than about the quota.
      const unchanged = await tx.application.count({ where: { id: application.id, version: input.version } })
      return unchanged ? 'overQuota' : 'stale'
    }
    // Who asked, and the application as it is now: the resubmission goes back to them and may
    // differ from this copy only where they asked (app/domain/requested-changes.ts).
    const request = changes && { ...changes, by: changeRequesterOf(command)! }
    const changed = await changeStatus(tx, {
      actorId: actor.id,
      application: { id: application.id, status: application.status, version: input.version },
      command,
      to: step.to,
      now,
      reason,
      ...(request && {
        data: { requestedChanges: { ...request, baseline: await baselineOf(tx, application) } },
        after: { requestedChanges: request },
      }),
    })
    if (!changed) return 'stale'
    if (message) await writeComment(tx, actor.id, application.id, 'student', message)
    await notifyStudent(tx, application, step.to, { reason, changes, message })
    if (command === 'cancel' && freesPlace(application.status, step.to)) await promoteFirstWaitlisted(tx, application.programId, now)
    return 'ok'
  })
  if (outcome === 'ok') return { ok: true, status: step.to, version: input.version + 1 }
  if (outcome === 'stale') return stale(application.id, actor.locale)
  return { ok: false, error: 'overQuota' }
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

function moneyRequested(application: { kind: ProgramKind; details: Prisma.JsonValue; program: { fundId: string | null } }) {
  return requestsUniversityMoney(application.kind, application.details as Parameters<typeof requestsUniversityMoney>[1], application.program)
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

/**
 * Places of a program still free (Infinity without a quota). Locks the program row, so approvals
 * and promotions of one program queue up and two of them cannot both take its last place.
 */
async function placesLeft(tx: Tx, programId: string): Promise<number> {
  const [program] = await tx.$queryRaw<{ quota: number | null }[]>`
    SELECT "quota" FROM "Program" WHERE "id" = ${programId} FOR UPDATE`
  if (program.quota === null) return Infinity
  return program.quota - (await tx.application.count({ where: { programId, status: { in: PLACE_STATUSES } } }))
}

/**
 * When a withdrawal or cancellation frees a place, the application longest on the program's
 * waitlist moves on (to funding check when it asks for university money), by the system.
 */
export async function promoteFirstWaitlisted(
  tx: Tx,
  programId: string,
  now = new Date(),
): Promise<{ applicationId: string; status: ApplicationStatus } | null> {
  if ((await placesLeft(tx, programId)) <= 0) return null
  const next = await tx.application.findFirst({
    where: { programId, status: 'waitlisted' },
    orderBy: [{ statusChangedAt: 'asc' }, { id: 'asc' }],
    include: commandInclude,
  })
  if (!next) return null
  const to = resolveTarget(workflow.promote_from_waitlist.to, moneyRequested(next))
  const changed = await changeStatus(tx, {
    actorId: null,
    application: { id: next.id, status: 'waitlisted', version: next.version },
    command: 'promote_from_waitlist',
    to,
    now,
  })
  if (!changed) return null
  await notifyStudent(tx, next, to, {})
  return { applicationId: next.id, status: to }
}

/**
 * The decision email, in the student's language. Funding check sends none: the student hears
 * "approved" once finance confirms.
 */
export async function notifyStudent(
  tx: Tx,
  application: CommandApplication,
  to: ApplicationStatus,
  { reason, changes, message, amountFen }: { reason?: string; changes?: RequestedChanges | null; message?: string; amountFen?: number },
) {
  const student = application.applicant
  const locale = fromDbLocale(student.locale)
  const base = {
    name: nameIn(locale, student),
    programTitle: locale === 'en' ? application.program.titleEn : application.program.titleZh,
    reference: applicationReference(application.id, application.academicYear),
    applicationUrl: `${appUrl()}/student/applications/${application.id}`,
    message,
  }
  const mail = { to: student.email, locale }
  if (to === 'changes_requested') {
    await enqueueEmail(tx, { ...mail, template: 'changes-requested', payload: { ...base, reason: reason!, ...changes! } })
  } else if (to === 'approved') {
    // The amount is finance's: approvals without university money name none.
    await enqueueEmail(tx, { ...mail, template: 'decision-approved', payload: { ...base, kind: application.kind, amountFen } })
  } else if (to === 'waitlisted') {
    await enqueueEmail(tx, { ...mail, template: 'decision-waitlisted', payload: base })
  } else if (to === 'rejected') {
    await enqueueEmail(tx, { ...mail, template: 'decision-rejected', payload: { ...base, reason: reason! } })
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
  const stage = stageFor(actor, application)
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
  const stage = stageFor(actor, application)
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
  const stage = stageFor(actor, application)
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

export async function writeComment(tx: Tx, authorId: string, applicationId: string, visibility: 'internal' | 'student', body: string) {
  const comment = await tx.comment.create({ data: { applicationId, authorId, visibility, body } })
  await recordAudit(tx, {
    actorId: authorId,
    action: 'comment.add',
    entityType: 'comment',
    entityId: comment.id,
    applicationId,
    after: { visibility, body },
  })
  return comment
}

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
  collegeId: true,
  status: true,
  statusChangedAt: true,
  applicant: { select: { nameZh: true, nameEn: true } },
  program: { select: { titleZh: true, titleEn: true } },
  reviews: { where: { conflict: true }, select: { reviewerId: true } },
} satisfies Prisma.ApplicationSelect
type DigestApplication = Prisma.ApplicationGetPayload<{ select: typeof digestSelect }>

const activeStaff = (roles: Role[]) =>
  prisma.user.findMany({ where: { deactivatedAt: null, roles: { hasSome: roles } }, select: reviewerSelect })

/** The reviewer must act on the application now (their stage, their college) and has no conflict on it. */
function owes(reviewer: Reviewer, application: DigestApplication): boolean {
  if (application.reviews.some((r) => r.reviewerId === reviewer.id)) return false
  const stage = holder(application.status)
  if (stage === 'college') return reviewer.roles.includes('college_reviewer') && reviewer.collegeId === application.collegeId
  if (stage === 'office') return reviewer.roles.includes('office_reviewer')
  if (stage === 'finance') return reviewer.roles.includes('finance')
  return false
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
