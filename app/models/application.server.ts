import { studentTimelineOf, type StudentTimelineEntry } from '~/domain/audit-view'
import { applicationInTheWay, checkEligibility, programRequirementsSchema, type Finding } from '~/domain/eligibility'
import { checklistOfChoices, missingDocuments, type ChecklistItem, type DocumentKind } from '~/domain/documents'
import { notFound, refuse, type Refusal, type Result } from '~/domain/result'
import { requestedTotalFen, type BudgetLines } from '~/domain/money'
import {
  answersOutsideRequest,
  documentsOutsideRequest,
  readChangeRequest,
  unrequestedAnswers,
  withRequestedAnswers,
} from '~/domain/requested-changes'
import type { ProgramKind } from '~/domain/program'
import { keepAsked, readQuestions, unansweredQuestions, type ProgramAnswers, type ProgramQuestion } from '~/domain/program-questions'
import { inactiveStatuses, isEditable, transition, type Command } from '~/domain/workflow'
import { Prisma } from '~/generated/prisma/client'
import { recordAudit } from '~/lib/audit.server'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { msg } from '~/schemas/fields'
import { recordedGpa } from './student-record.server'
import { ownedBy, ownedBySql } from '~/models/access.server'
import { placesTakenBy } from '~/models/program.server'
import { agreementEnded, agreementOpenToCollege } from '~/models/agreement-places.server'
import { applyCommand } from '~/models/status-change.server'
import { applicationDraftSchema, applicationSchema, type ApplicationDetails, type ApplicationDraft } from '~/schemas/application'

// The student's side of an application: start, save, submit, withdraw. Every status change goes
// through the one door (status-change.server.ts): the transition in app/domain/workflow.ts, a
// conditional update on the row's version (a double-clicked submit or a stale tab changes nothing
// the second time), the audit row and every consequence (receipt, released money, promotion).

export { applicationReference } from '~/domain/reference'

/** The applicant's own application, or null: another student's id is indistinguishable from a wrong one. */
export function findOwnApplication(userId: string, applicationId: string, db: Prisma.TransactionClient = prisma) {
  return db.application.findFirst({
    where: { AND: [{ id: applicationId }, ownedBy({ id: userId })] },
    include: { program: { include: { partner: true } } },
  })
}

/** The new (or the student's open) draft, or refused in the program page's words (apply.*). */
export type StartResult = Result<{ applicationId: string }>

const activeFor = (applicantId: string, programId: string): Prisma.ApplicationWhereInput => ({
  AND: [ownedBy({ id: applicantId }), { programId, status: { notIn: [...inactiveStatuses] } }],
})

/**
 * Where a student stands with a program before applying: their own active application for it
 * (to continue), or another one that keeps them from applying (one per kind and academic year,
 * conference funding once a year), with its program's title to name and link it.
 */
export async function standingWithProgram(applicantId: string, program: { id: string; kind: ProgramKind; academicYear: string }) {
  const [mine, others] = await Promise.all([
    prisma.application.findFirst({
      where: activeFor(applicantId, program.id),
      select: { id: true, status: true },
      orderBy: { createdAt: 'desc' },
    }),
    prisma.application.findMany({
      where: {
        AND: [ownedBy({ id: applicantId }), { kind: program.kind, academicYear: program.academicYear, programId: { not: program.id } }],
      },
      select: { id: true, kind: true, academicYear: true, status: true, program: { select: { titleZh: true, titleEn: true } } },
      orderBy: { createdAt: 'desc' },
    }),
  ])
  const inTheWay = mine ? null : applicationInTheWay(others, program)
  return { mine, inTheWay: inTheWay && { reason: inTheWay.code, ...inTheWay.application } }
}

/** Opens a draft for a program, or returns the student's open application for it. */
export async function startApplication(user: SessionUser, programId: string, now = new Date()): Promise<StartResult> {
  const program = await prisma.program.findFirst({ where: { id: programId, retiredAt: null } })
  if (!program || !user.collegeId) return refuse('apply.notFound')
  // A program in a selection round is applied to through the round, with ranked choices.
  if (program.roundId) return refuse('apply.inRound')
  const findExisting = (db: Prisma.TransactionClient) =>
    db.application.findFirst({ where: activeFor(user.id, programId), orderBy: { createdAt: 'desc' } })
  const { mine, inTheWay } = await standingWithProgram(user.id, program)
  if (mine) return { ok: true, applicationId: mine.id }
  if (inTheWay) return refuse(inTheWay.reason === 'eligibility.alreadyActive' ? 'apply.alreadyActive' : 'apply.conferenceAlreadyFunded')
  if (now < program.opensAt) return refuse('apply.notOpen')
  if (now > program.closesAt) return refuse('apply.closed')
  if (await agreementEnded(prisma, program.partnerId, now)) return refuse('apply.agreementEnded')
  if (!(await agreementOpenToCollege(prisma, program.partnerId, user.collegeId, now))) return refuse('apply.agreementCollege')
  const created = await prisma.$transaction(async (tx) => {
    // A double-clicked "Apply" sends two requests at once: one student and program at a time,
    // and the second finds the first one's draft.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${user.id}), hashtext(${programId}))`
    const raced = await findExisting(tx)
    if (raced) return raced
    const application = await tx.application.create({
      data: {
        kind: program.kind,
        programId,
        applicantId: user.id,
        collegeId: user.collegeId!,
        academicYear: program.academicYear,
        details: { kind: program.kind, programId },
      },
    })
    await recordAudit(tx, {
      actorId: user.id,
      action: 'application.create',
      entityType: 'application',
      entityId: application.id,
      applicationId: application.id,
      after: { status: 'draft', programId },
    })
    return application
  })
  return { ok: true, applicationId: created.id }
}

/** University money an application asks for, in fen: the conference budget. */
function requestedFen(details: ApplicationDraft): number | null {
  if (details.kind !== 'conference' || !details.budget) return null
  const total = requestedTotalFen(details.budget as BudgetLines)
  return total > 0 ? total : null
}

export type SaveResult =
  | { ok: true; version: number }
  /** With the answers changed that the request for changes did not name (e.g. "gpa", "budget.visa"): the page names them. */
  | (Refusal & { unrequested?: string[] })

/**
 * Saves a draft's answers (already parsed with the draft schema). Drafts may be incomplete. While
 * changes are requested only the named answers change: a save that changes another is refused
 * whole, and answers it leaves out keep their stored value.
 */
export async function saveDraft(user: SessionUser, applicationId: string, draft: ApplicationDraft): Promise<SaveResult> {
  const application = await findOwnApplication(user.id, applicationId)
  if (!application) return notFound()
  if (!isEditable(application.status) || draft.kind !== application.kind) return refuse('app.notEditable')
  // Answers only to what the chosen programs ask (a changed choice drops the answers to the program left).
  const { programAnswers: sent, ...answers } = draft
  const programAnswers = keepAsked(await choicePrograms(application), sent as ProgramAnswers | undefined)
  let details: Record<string, unknown> = {
    ...answers,
    programId: application.programId,
    ...(Object.keys(programAnswers).length > 0 && { programAnswers }),
  }
  // The GPA of a student with an imported record is the record's: a different one is refused.
  const recorded = draft.kind === 'exchange' ? await recordedGpa(user.id) : null
  if (recorded) {
    const { gpa, gpaScale } = draft as { gpa?: number; gpaScale?: string }
    if ((gpa !== undefined && gpa !== recorded.gpa) || (gpaScale !== undefined && gpaScale !== recorded.gpaScale)) {
      return refuse('campus.gpa.changed', { gpa: recorded.gpa, scale: recorded.gpaScale })
    }
    details = { ...details, ...recorded }
  }
  if (application.status === 'changes_requested') {
    const { fields } = readChangeRequest(application.requestedChanges)
    const stored = { ...(application.details as Record<string, unknown>), kind: application.kind, programId: application.programId }
    const refused = unrequestedAnswers(stored, details, fields)
    if (refused.length) return { ...refuse('application.error.notRequested'), unrequested: refused }
    details = withRequestedAnswers(stored, details, fields)
  }
  const updated = await prisma.application.updateMany({
    where: { id: application.id, status: application.status },
    data: { details: details as Prisma.InputJsonValue, requestedFen: requestedFen(details as ApplicationDraft), version: { increment: 1 } },
  })
  if (updated.count !== 1) return refuse('app.notEditable')
  return { ok: true, version: application.version + 1 }
}

/** The documents currently on file (latest version of each, not deleted), by kind. */
export async function currentDocumentKinds(applicationId: string, db: Prisma.TransactionClient = prisma): Promise<DocumentKind[]> {
  const rows = await db.document.findMany({
    where: { applicationId, deletedAt: null, supersededAt: null },
    select: { kind: true },
    distinct: ['kind'],
  })
  return rows.map((r) => r.kind)
}

export type Readiness = {
  details: ApplicationDetails | null
  fieldErrors: Record<string, string[]>
  /** The programs' own questions the application answers, first choice first (programs without questions left out). */
  questions: Omit<ChoiceProgram, 'requiredDocuments'>[]
  /** The documents this application asks for, in the order the student is shown them. */
  checklist: ChecklistItem[]
  missingDocuments: DocumentKind[]
  eligibility: { ok: boolean; failures: Finding[]; warnings: Finding[] }
  /** While changes are requested: answers and document kinds changed since the request that it did not name. */
  outsideRequest: { fields: string[]; documents: DocumentKind[] }
}

/** Nothing stands in the way of submitting. */
export function isReady(readiness: Readiness): boolean {
  const { details, missingDocuments, eligibility, outsideRequest } = readiness
  return !!details && !missingDocuments.length && eligibility.ok && !outsideRequest.fields.length && !outsideRequest.documents.length
}

/**
 * What changed since the changes were requested that the request did not name: nothing, unless
 * something got past the checks on each save, upload and delete (or changed before they existed).
 */
async function changedOutsideRequest(
  application: { id: string; status: string; details: Prisma.JsonValue; requestedChanges: Prisma.JsonValue },
  db: Prisma.TransactionClient,
): Promise<Readiness['outsideRequest']> {
  const request = readChangeRequest(application.requestedChanges)
  if (application.status !== 'changes_requested' || !request.baseline) return { fields: [], documents: [] }
  const live = await db.document.findMany({
    where: { applicationId: application.id, deletedAt: null, supersededAt: null },
    select: { id: true, kind: true },
  })
  return {
    fields: answersOutsideRequest(request.baseline.details, application.details, request.fields),
    documents: documentsOutsideRequest(request.baseline.documents, live, request.documents),
  }
}

/** A program an application answers to: what it asks for besides the kind's form. */
export type ChoiceProgram = {
  id: string
  titleZh: string
  titleEn: string
  requiredDocuments: DocumentKind[]
  questions: ProgramQuestion[]
}

const choiceProgramSelect = { id: true, titleZh: true, titleEn: true, requiredDocuments: true, questions: true } as const

/**
 * The programs an application answers to, first choice first: its program, or in a selection
 * round every program it ranks (the allocation may place the student in any of them).
 */
export async function choicePrograms(
  application: { id: string; roundId: string | null; program: Omit<ChoiceProgram, 'questions'> & { questions: Prisma.JsonValue } },
  db: Prisma.TransactionClient = prisma,
): Promise<ChoiceProgram[]> {
  const programs = application.roundId
    ? (
        await db.roundChoice.findMany({
          where: { applicationId: application.id },
          orderBy: { rank: 'asc' },
          select: { program: { select: choiceProgramSelect } },
        })
      ).map((c) => c.program)
    : [application.program]
  return programs.map((p) => ({
    id: p.id,
    titleZh: p.titleZh,
    titleEn: p.titleEn,
    requiredDocuments: p.requiredDocuments,
    questions: readQuestions(p.questions),
  }))
}

/** The documents an application asks for: what every program it answers to asks for. */
export function checklistFor(
  kind: ProgramKind,
  programs: readonly ChoiceProgram[],
  answers: { acceptanceStatus?: unknown },
): ChecklistItem[] {
  const status = answers.acceptanceStatus
  return checklistOfChoices(
    kind,
    programs.map((p) => p.requiredDocuments),
    { acceptanceStatus: status === 'under_review' || status === 'accepted' ? status : undefined },
  )
}

/** Everything that decides whether an application may be submitted now, with the reasons. */
export async function checkReadiness(
  application: NonNullable<Awaited<ReturnType<typeof findOwnApplication>>>,
  applicant: Pick<SessionUser, 'id' | 'level'>,
  now = new Date(),
  db: Prisma.TransactionClient = prisma,
): Promise<Readiness> {
  const raw = { ...(application.details as object), kind: application.kind, programId: application.programId }
  const parsed = applicationSchema.safeParse(raw)
  const fieldErrors: Record<string, string[]> = {}
  if (!parsed.success) {
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join('.')] ??= []).push(issue.message)
  }
  const draft = applicationDraftSchema.safeParse(raw)
  const answers = draft.success ? (draft.data as Record<string, unknown>) : {}
  const program = application.program
  const [programs, uploaded, others, placesTaken, outsideRequest, recorded, ended] = await Promise.all([
    choicePrograms(application, db),
    currentDocumentKinds(application.id, db),
    db.application.findMany({
      where: { applicantId: applicant.id, status: { not: 'draft' } },
      select: { id: true, kind: true, academicYear: true, status: true },
    }),
    placesTakenBy(db, program.id),
    changedOutsideRequest(application, db),
    program.kind === 'exchange' ? recordedGpa(applicant.id) : null,
    agreementEnded(db, program.partnerId, now),
  ])
  // A record imported (or updated) since the last save: not ready until saved again with its GPA.
  const gpaStale = !!recorded && (answers.gpa !== recorded.gpa || answers.gpaScale !== recorded.gpaScale)
  if (recorded && gpaStale) (fieldErrors.gpa ??= []).push(msg('campus.gpa.changed', { gpa: recorded.gpa, scale: recorded.gpaScale }))
  const unanswered = unansweredQuestions(programs, answers.programAnswers as ProgramAnswers | undefined)
  if (unanswered.length)
    (fieldErrors.programAnswers ??= []).push(msg('application.error.questionsUnanswered', { count: unanswered.length }))
  const items = checklistFor(program.kind, programs, answers)
  const eligibility = checkEligibility({
    now,
    // A malformed requirements row is a bug to surface, never a reason to skip the checks.
    program: { ...program, placesTaken, agreementEnded: ended, requirements: programRequirementsSchema.parse(program.requirements) },
    applicant: { level: applicant.level },
    answers: {
      gpa: answers.gpa as number | undefined,
      gpaScale: answers.gpaScale as never,
      languageTest: answers.languageTest as never,
      languageScore: answers.languageScore as number | undefined,
    },
    applications: others,
    applicationId: application.id,
    status: application.status,
  })
  return {
    details: parsed.success && !gpaStale && !unanswered.length ? parsed.data : null,
    fieldErrors,
    questions: programs.filter((p) => p.questions.length).map(({ requiredDocuments: _, ...p }) => p),
    checklist: items,
    missingDocuments: missingDocuments(items, uploaded),
    eligibility,
    outsideRequest,
  }
}

/** Submitted, or refused: not found, no longer to submit (app.staleStatus), or not ready, with what is missing. */
export type SubmitResult = Result | (Refusal & { readiness: Readiness })

/**
 * Submits (or resubmits after requested changes): only when every answer is valid, the required
 * documents are there and the eligibility rules pass. Status, audit row and receipt email commit
 * together; the conditional update makes a second click a no-op.
 */
export async function submitApplication(user: SessionUser, applicationId: string, now = new Date()): Promise<SubmitResult> {
  const submitted = await prisma.$transaction(async (tx) => {
    // One submission per student at a time, checked inside the transaction: two drafts of one kind
    // submitted at once (two tabs) must not both pass "one active application per kind and year".
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`application.submit:${user.id}`}))`
    const application = await lockedOwnApplication(tx, user.id, applicationId)
    if (!application) return 'notFound'
    const command: Command = application.status === 'changes_requested' ? 'resubmit' : 'submit'
    // The student's commands lead to one status whatever the money (only approvals depend on it);
    // a resubmission goes back to whoever asked for the changes.
    const { by } = readChangeRequest(application.requestedChanges)
    const step = transition(command, application.status, { role: 'student', requestsMoney: false, changesRequestedBy: by })
    if (!step.ok) return false
    const readiness = await checkReadiness(application, user, now, tx)
    if (!isReady(readiness)) return readiness
    const details = readiness.details!
    const submitted = await applyCommand(tx, {
      actor: user,
      application,
      command,
      now,
      data: {
        details: details as Prisma.InputJsonValue,
        requestedFen: requestedFen(details),
        requestedChanges: Prisma.DbNull,
        submittedAt: now,
      },
    })
    return submitted.ok
  })
  if (submitted === 'notFound') return notFound()
  if (typeof submitted === 'object') return { ...refuse('form.fixErrors'), readiness: submitted }
  return submitted ? { ok: true } : refuse('app.staleStatus')
}

export type WithdrawResult = Result

/** Withdraws before a final decision (or gives up an approved place before departure: the door promotes the first waitlisted). */
export async function withdrawApplication(
  user: SessionUser,
  applicationId: string,
  reason: string,
  now = new Date(),
): Promise<WithdrawResult> {
  return prisma.$transaction(async (tx) => {
    const application = await lockedOwnApplication(tx, user.id, applicationId)
    if (!application) return notFound()
    const withdrawn = await applyCommand(tx, { actor: user, application, command: 'withdraw', now, reason: reason || undefined })
    return withdrawn.ok ? { ok: true } : refuse('app.staleStatus')
  })
}

/**
 * The applicant's own application read under its row lock, or null (not theirs, or no such id).
 * A draft saved a moment earlier, such as the autosave still in flight as the student presses
 * Submit or Withdraw, changes the version: the command must see it, not fail as stale.
 */
async function lockedOwnApplication(tx: Prisma.TransactionClient, userId: string, applicationId: string) {
  const [own] = await tx.$queryRaw<unknown[]>`
    SELECT 1 FROM "Application" a WHERE a.id = ${applicationId} AND ${ownedBySql({ id: userId })} FOR UPDATE`
  return own ? findOwnApplication(userId, applicationId, tx) : null
}

/**
 * What happened to an application, oldest first, for the student's timeline: only what the
 * student may read of each step (app/domain/audit-view.ts decides), never the rows themselves.
 */
export async function studentTimeline(applicationId: string): Promise<StudentTimelineEntry[]> {
  const [events, comments] = await Promise.all([
    prisma.auditEvent.findMany({
      where: { applicationId, entityType: 'application' },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
      select: { id: true, at: true, action: true, entityType: true, before: true, after: true, reason: true },
    }),
    prisma.comment.findMany({
      where: { applicationId, visibility: 'student' },
      orderBy: { createdAt: 'asc' },
      select: { id: true, createdAt: true, visibility: true, body: true },
    }),
  ])
  return studentTimelineOf(events, comments)
}
