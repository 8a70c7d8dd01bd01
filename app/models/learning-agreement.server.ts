// Learning agreements (decision 26): the student's host courses and what each counts as at home,
// decided line by line by their college's academic approver; a change during the stay is a new
// version (copying the approved lines) decided again; after return the student enters the grades
// from the host transcript and the approver confirms recognition per course, the grade converted
// by the partner's (else its country's) scale. Who may do what: app/domain/access.ts. Every
// command is guarded by the version row's `version` (a stale page is refused) and, where two
// approvers could race, locks that row first.
import { approvesAgreement, editsAgreement, readsAgreement, type AgreementFacts } from '~/domain/access'
import {
  agreementState,
  allDecided,
  carriedLines,
  convertGrade,
  editable,
  formatCredits,
  MAX_LINES,
  mayStartVersion,
  plannedTenths,
  recognisedTenths,
  recognitionVersion,
  submittable,
  type AgreementState,
} from '~/domain/learning-agreement'
import { notFound, refuse, type Refusal, type Result } from '~/domain/result'
import type { Prisma } from '~/generated/prisma/client'
import { fromDbLocale } from '~/i18n'
import { recordAudit } from '~/lib/audit.server'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { appUrl } from '~/lib/env.server'
import { enqueueEmail, enqueueEmails } from '~/lib/outbox.server'
import { refusableTransaction } from '~/lib/refusable-transaction.server'
import { approverWhere, ownedBy } from './access.server'
import { scaleFor } from './grade-scales.server'

type Tx = Prisma.TransactionClient

const applicationSelect = {
  id: true,
  kind: true,
  applicantId: true,
  collegeId: true,
  status: true,
  academicYear: true,
  program: { select: { titleZh: true, titleEn: true, partner: { select: { id: true, nameZh: true, nameEn: true, countryCode: true } } } },
  applicant: { select: { nameZh: true, nameEn: true, studentNumber: true, email: true, locale: true } },
  stay: { select: { returnedAt: true } },
} satisfies Prisma.ApplicationSelect
type AgreementApplication = Prisma.ApplicationGetPayload<{ select: typeof applicationSelect }>

const lineSelect = {
  id: true,
  position: true,
  hostCode: true,
  hostTitle: true,
  hostCreditTenths: true,
  term: true,
  homeCode: true,
  homeTitle: true,
  homeCreditTenths: true,
  decision: true,
  comment: true,
  decidedAt: true,
  hostGrade: true,
  homeGrade: true,
  recognition: true,
  recognisedAt: true,
} satisfies Prisma.LearningAgreementLineSelect

const versionSelect = {
  id: true,
  no: true,
  status: true,
  version: true,
  submittedAt: true,
  decidedAt: true,
  createdAt: true,
  lines: { select: lineSelect, orderBy: { position: 'asc' } },
} satisfies Prisma.LearningAgreementVersionSelect

const factsOf = (a: AgreementApplication): AgreementFacts => ({
  applicantId: a.applicantId,
  collegeId: a.collegeId,
  status: a.status,
  kind: a.kind,
})

function versionsOf(db: Tx | typeof prisma, applicationId: string) {
  return db.learningAgreementVersion.findMany({ where: { applicationId }, select: versionSelect, orderBy: { no: 'desc' } })
}

const transcriptsOf = (applicationId: string) =>
  prisma.document.findMany({
    where: { applicationId, kind: 'host_transcript', deletedAt: null, supersededAt: null },
    select: { id: true, originalName: true, createdAt: true },
    orderBy: { createdAt: 'desc' },
  })

/** What the agreement's pages show, for one who may read it: the versions newest first, the transcript, the totals. */
async function pageData(application: AgreementApplication) {
  const [versions, transcripts] = await Promise.all([versionsOf(prisma, application.id), transcriptsOf(application.id)])
  const current = recognitionVersion(versions)
  return {
    application: {
      id: application.id,
      kind: application.kind,
      status: application.status,
      academicYear: application.academicYear,
      program: { titleZh: application.program.titleZh, titleEn: application.program.titleEn },
      partner: application.program.partner && { nameZh: application.program.partner.nameZh, nameEn: application.program.partner.nameEn },
      returned: application.stay?.returnedAt != null,
    },
    versions,
    transcripts,
    currentNo: current?.no ?? null,
    plannedTenths: current ? plannedTenths(current.lines) : 0,
    recognisedTenths: current ? recognisedTenths(current.lines) : 0,
  }
}

/** The student's page: their own application's agreement, or null (not theirs, or no agreement for it). */
export async function studentAgreementPage(user: SessionUser, applicationId: string) {
  const application = await prisma.application.findFirst({
    where: { AND: [{ id: applicationId }, ownedBy(user)] },
    select: applicationSelect,
  })
  if (!application || !readsAgreement(user, factsOf(application))) return null
  return { ...(await pageData(application)), editable: editsAgreement(user, factsOf(application)) }
}

/** The approver's page: with each entered grade's conversion by the scale that applies (or why none). */
export async function approverAgreementPage(actor: SessionUser, applicationId: string) {
  const application = await prisma.application.findFirst({
    where: { AND: [{ id: applicationId }, approverWhere(actor)] },
    select: applicationSelect,
  })
  if (!application || !approvesAgreement(actor, factsOf(application))) return null
  const data = await pageData(application)
  const bands = await scaleFor(prisma, application.program.partner)
  const conversions: Record<string, string | null> = {}
  for (const version of data.versions)
    for (const line of version.lines) if (line.hostGrade && bands) conversions[line.id] = convertGrade(bands, line.hostGrade)
  return {
    ...data,
    student: {
      nameZh: application.applicant.nameZh,
      nameEn: application.applicant.nameEn,
      studentNumber: application.applicant.studentNumber,
    },
    hasScale: bands !== null,
    conversions,
  }
}

/** The approver's list: their college's agreements, those waiting for a decision first. */
export async function approverQueue(actor: SessionUser) {
  const rows = await prisma.application.findMany({
    where: { AND: [approverWhere(actor), { learningAgreementVersions: { some: {} } }] },
    select: {
      id: true,
      academicYear: true,
      applicant: { select: { nameZh: true, nameEn: true, studentNumber: true } },
      program: { select: { titleZh: true, titleEn: true } },
      learningAgreementVersions: {
        orderBy: { no: 'desc' },
        take: 1,
        select: { no: true, status: true, submittedAt: true, lines: { select: { decision: true, hostGrade: true, recognition: true } } },
      },
    },
    orderBy: { updatedAt: 'desc' },
    take: 500,
  })
  const list = rows.map(({ learningAgreementVersions: [latest], ...row }) => ({
    ...row,
    state: agreementState(latest ?? null),
    gradesToConfirm: latest?.lines.filter((l) => l.decision === 'approved' && l.hostGrade && l.recognition === 'pending').length ?? 0,
  }))
  const waiting = (r: (typeof list)[number]) => (r.state.state === 'submitted' || r.gradesToConfirm > 0 ? 0 : 1)
  return list.sort((a, b) => waiting(a) - waiting(b))
}

/** What the review page shows of an application's agreement: its latest version's state only. */
export async function agreementStateOf(applicationId: string): Promise<AgreementState> {
  const latest = await prisma.learningAgreementVersion.findFirst({
    where: { applicationId },
    orderBy: { no: 'desc' },
    select: { no: true, status: true, lines: { select: { decision: true } } },
  })
  return agreementState(latest)
}

/** The credits recognised for an application: computed from its agreement's recognised lines (decision 26). */
export async function recognisedCredits(applicationId: string): Promise<number | null> {
  const versions = await versionsOf(prisma, applicationId)
  const current = recognitionVersion(versions)
  return current ? recognisedTenths(current.lines) : null
}

// ---- the student's commands --------------------------------------------------------------------

export type LineInput = {
  hostCode: string
  hostTitle: string
  hostCreditTenths: number
  term: string
  homeCode?: string
  homeTitle?: string
  homeCreditTenths: number
}

/** The application as its student may edit the agreement, locked; or the refusal. */
async function editableApplication(tx: Tx, user: SessionUser, applicationId: string): Promise<AgreementApplication | Refusal> {
  const application = await tx.application.findFirst({ where: { AND: [{ id: applicationId }, ownedBy(user)] }, select: applicationSelect })
  if (!application || !readsAgreement(user, factsOf(application))) return notFound()
  if (!editsAgreement(user, factsOf(application))) return refuse('la.error.closed')
  // One student's two tabs: their commands on the agreement run one after the other.
  await tx.$executeRaw`SELECT 1 FROM "Application" WHERE id = ${applicationId} FOR UPDATE`
  return application
}

const isRefusal = (v: object): v is Refusal => 'ok' in v && v.ok === false

/** Bumps a version row if it is still at `version` in an allowed status; false when the page was stale. */
async function bump(
  tx: Tx,
  versionId: string,
  version: number,
  status: 'draft' | 'submitted' | 'decided',
  data: Prisma.LearningAgreementVersionUpdateManyMutationInput = {},
) {
  const updated = await tx.learningAgreementVersion.updateMany({
    where: { id: versionId, version, status },
    data: { ...data, version: { increment: 1 } },
  })
  return updated.count === 1
}

/** Adds a line to the open draft (starting version 1 when there is none). */
export async function addLine(user: SessionUser, applicationId: string, input: { version: number; line: LineInput }): Promise<Result> {
  return refusableTransaction(async (tx) => {
    const application = await editableApplication(tx, user, applicationId)
    if (isRefusal(application)) return application
    const [latest] = await versionsOf(tx, applicationId)
    let draft = latest
    if (!latest) {
      if (input.version !== 0) return refuse('la.error.stale')
      draft = await tx.learningAgreementVersion.create({ data: { applicationId, no: 1 }, select: versionSelect })
    } else {
      if (!editable(latest)) return refuse('la.error.notDraft')
      if (!(await bump(tx, latest.id, input.version, 'draft'))) return refuse('la.error.stale')
    }
    if (draft.lines.length >= MAX_LINES) return refuse('la.error.tooManyLines', { max: MAX_LINES })
    const position = Math.max(0, ...draft.lines.map((l) => l.position)) + 1
    const { homeCode, homeTitle, ...rest } = input.line
    await tx.learningAgreementLine.create({
      data: { versionId: draft.id, position, ...rest, homeCode: homeCode || null, homeTitle: homeCode ? homeTitle || null : null },
    })
    await audit(tx, user.id, applicationId, 'learning_agreement.line_added', { no: draft.no, hostCode: rest.hostCode })
  })
}

/** Removes a line from the open draft. */
export async function removeLine(user: SessionUser, applicationId: string, input: { version: number; lineId: string }): Promise<Result> {
  return refusableTransaction(async (tx) => {
    const application = await editableApplication(tx, user, applicationId)
    if (isRefusal(application)) return application
    const [latest] = await versionsOf(tx, applicationId)
    if (!latest || !editable(latest)) return refuse('la.error.notDraft')
    const line = latest.lines.find((l) => l.id === input.lineId)
    if (!line) return refuse('la.error.stale')
    if (!(await bump(tx, latest.id, input.version, 'draft'))) return refuse('la.error.stale')
    await tx.learningAgreementLine.delete({ where: { id: line.id } })
    await audit(tx, user.id, applicationId, 'learning_agreement.line_removed', { no: latest.no, hostCode: line.hostCode })
  })
}

/** Submits the open draft to the college's academic approvers (each emailed). */
export async function submitVersion(
  user: SessionUser,
  applicationId: string,
  input: { version: number },
  now = new Date(),
): Promise<Result> {
  return refusableTransaction(async (tx) => {
    const application = await editableApplication(tx, user, applicationId)
    if (isRefusal(application)) return application
    const [latest] = await versionsOf(tx, applicationId)
    if (!latest || !editable(latest)) return refuse('la.error.notDraft')
    if (!submittable(latest, latest.lines.length)) return refuse('la.error.noLines')
    if (!(await bump(tx, latest.id, input.version, 'draft', { status: 'submitted', submittedAt: now }))) return refuse('la.error.stale')
    await audit(tx, user.id, applicationId, 'learning_agreement.submitted', { no: latest.no, lines: latest.lines.length })
    const approvers = await tx.user.findMany({
      where: { roles: { has: 'academic_approver' }, collegeId: application.collegeId, deactivatedAt: null, id: { not: user.id } },
      select: { email: true, nameZh: true, nameEn: true, locale: true },
      orderBy: { id: 'asc' },
    })
    await enqueueEmails(
      tx,
      approvers.map((a) => {
        const locale = fromDbLocale(a.locale)
        return {
          template: 'learning-agreement-submitted' as const,
          to: a.email,
          locale,
          payload: {
            name: locale === 'en' ? a.nameEn : a.nameZh,
            student: locale === 'en' ? application.applicant.nameEn : application.applicant.nameZh,
            programTitle: locale === 'en' ? application.program.titleEn : application.program.titleZh,
            no: latest.no,
            url: `${appUrl()}/learning-agreements/${applicationId}`,
          },
        }
      }),
    )
  })
}

/** Starts a new version from the latest decided one: its approved lines, to be decided again. */
export async function startVersion(user: SessionUser, applicationId: string, input: { version: number }): Promise<Result> {
  return refusableTransaction(async (tx) => {
    const application = await editableApplication(tx, user, applicationId)
    if (isRefusal(application)) return application
    const [latest] = await versionsOf(tx, applicationId)
    if (!latest || !mayStartVersion(latest)) return refuse('la.error.openVersion')
    // The latest version's own counter: a second click from the same page finds it moved on.
    if (!(await bump(tx, latest.id, input.version, 'decided'))) return refuse('la.error.stale')
    const carried = carriedLines(latest.lines)
    await tx.learningAgreementVersion.create({
      data: {
        applicationId,
        no: latest.no + 1,
        lines: {
          create: carried.map((l, i) => ({
            position: i + 1,
            hostCode: l.hostCode,
            hostTitle: l.hostTitle,
            hostCreditTenths: l.hostCreditTenths,
            term: l.term,
            homeCode: l.homeCode,
            homeTitle: l.homeTitle,
            homeCreditTenths: l.homeCreditTenths,
          })),
        },
      },
    })
    await audit(tx, user.id, applicationId, 'learning_agreement.version_started', { no: latest.no + 1, carried: carried.length })
  })
}

/**
 * After return, with the host transcript uploaded: the grade of each approved course of the
 * current version (a grade already recognised is not changed). Blank grades are left as they were.
 */
export async function enterGrades(
  user: SessionUser,
  applicationId: string,
  input: { version: number; grades: Record<string, string> },
): Promise<Result> {
  return refusableTransaction(async (tx) => {
    const application = await editableApplication(tx, user, applicationId)
    if (isRefusal(application)) return application
    if (!application.stay?.returnedAt) return refuse('la.error.notReturned')
    if (!(await tx.document.count({ where: { applicationId, kind: 'host_transcript', deletedAt: null, supersededAt: null } })))
      return refuse('la.error.noTranscript')
    const current = recognitionVersion(await versionsOf(tx, applicationId))
    if (!current) return refuse('la.error.nothingApproved')
    const open = current.lines.filter((l) => l.decision === 'approved' && l.recognition === 'pending')
    for (const lineId of Object.keys(input.grades)) if (!open.some((l) => l.id === lineId)) return refuse('la.error.stale')
    if (!(await bump(tx, current.id, input.version, 'decided'))) return refuse('la.error.stale')
    const entered: Record<string, string> = {}
    for (const line of open) {
      const grade = input.grades[line.id]?.trim()
      if (!grade || grade === line.hostGrade) continue
      await tx.learningAgreementLine.update({ where: { id: line.id }, data: { hostGrade: grade, homeGrade: null } })
      entered[line.hostCode] = grade
    }
    await audit(tx, user.id, applicationId, 'learning_agreement.grades_entered', { no: current.no, grades: entered })
  })
}

// ---- the approver's commands -------------------------------------------------------------------

/** The application as the actor may approve its agreement, and its version row locked; or the refusal. */
async function approvable(tx: Tx, actor: SessionUser, applicationId: string, versionId: string) {
  const application = await tx.application.findFirst({
    where: { AND: [{ id: applicationId }, approverWhere(actor)] },
    select: applicationSelect,
  })
  if (!application || !approvesAgreement(actor, factsOf(application))) return notFound()
  // Two approvers of one college: their decisions on a version run one after the other.
  await tx.$executeRaw`SELECT 1 FROM "LearningAgreementVersion" WHERE id = ${versionId} AND "applicationId" = ${applicationId} FOR UPDATE`
  const version = await tx.learningAgreementVersion.findFirst({ where: { id: versionId, applicationId }, select: versionSelect })
  if (!version) return notFound()
  return { application, version }
}

export type LineDecision = { versionId: string; version: number; lineId: string; decision: 'approved' | 'rejected'; comment?: string }

/** Approves or rejects one line of a submitted version; the last line decided decides the version and tells the student. */
export async function decideLine(actor: SessionUser, applicationId: string, input: LineDecision, now = new Date()): Promise<Result> {
  return refusableTransaction(async (tx) => {
    const found = await approvable(tx, actor, applicationId, input.versionId)
    if ('ok' in found) return found
    const { application, version } = found
    if (version.status !== 'submitted') return refuse('la.error.notSubmitted')
    if (version.version !== input.version) return refuse('la.error.stale')
    const line = version.lines.find((l) => l.id === input.lineId)
    if (!line) return refuse('la.error.stale')
    if (input.decision === 'rejected' && !input.comment) return refuse('la.error.commentRequired')
    await tx.learningAgreementLine.update({
      where: { id: line.id },
      data: { decision: input.decision, comment: input.comment || null, decidedById: actor.id, decidedAt: now },
    })
    const lines = version.lines.map((l) => (l.id === line.id ? { ...l, decision: input.decision } : l))
    const decided = allDecided(lines)
    await tx.learningAgreementVersion.update({
      where: { id: version.id },
      data: { version: { increment: 1 }, ...(decided && { status: 'decided', decidedAt: now }) },
    })
    await audit(tx, actor.id, applicationId, 'learning_agreement.line_decided', {
      no: version.no,
      hostCode: line.hostCode,
      decision: input.decision,
      ...(input.comment && { comment: input.comment }),
    })
    if (!decided) return
    const student = application.applicant
    const locale = fromDbLocale(student.locale)
    await enqueueEmail(tx, {
      template: 'learning-agreement-decided',
      to: student.email,
      locale,
      payload: {
        name: locale === 'en' ? student.nameEn : student.nameZh,
        programTitle: locale === 'en' ? application.program.titleEn : application.program.titleZh,
        no: version.no,
        approved: lines.filter((l) => l.decision === 'approved').length,
        rejected: lines.filter((l) => l.decision === 'rejected').length,
        url: `${appUrl()}/student/applications/${applicationId}/learning-agreement`,
      },
    })
  })
}

/**
 * Confirms one course's recognition: an approved line of the current version with the grade the
 * student entered from the uploaded transcript, converted by the partner's (else its country's)
 * scale. Refused naming the grade when no band matches it, and when no scale applies.
 */
export async function recogniseLine(
  actor: SessionUser,
  applicationId: string,
  input: { versionId: string; version: number; lineId: string },
  now = new Date(),
): Promise<Result> {
  return refusableTransaction(async (tx) => {
    const found = await approvable(tx, actor, applicationId, input.versionId)
    if ('ok' in found) return found
    const { application, version } = found
    const current = recognitionVersion(await versionsOf(tx, applicationId))
    if (!current || current.id !== version.id) return refuse('la.error.notCurrent')
    if (version.version !== input.version) return refuse('la.error.stale')
    const line = version.lines.find((l) => l.id === input.lineId)
    if (!line || line.decision !== 'approved') return refuse('la.error.stale')
    if (line.recognition === 'recognised') return refuse('la.error.alreadyRecognised')
    if (!line.hostGrade) return refuse('la.error.noGrade')
    if (!application.stay?.returnedAt) return refuse('la.error.notReturned')
    if (!(await tx.document.count({ where: { applicationId, kind: 'host_transcript', deletedAt: null, supersededAt: null } })))
      return refuse('la.error.noTranscript')
    const bands = await scaleFor(tx, application.program.partner)
    if (!bands) return refuse('la.error.noScale')
    const homeGrade = convertGrade(bands, line.hostGrade)
    if (homeGrade === null) return refuse('la.error.noBand', { grade: line.hostGrade })
    await tx.learningAgreementLine.update({
      where: { id: line.id },
      data: { homeGrade, recognition: 'recognised', recognisedById: actor.id, recognisedAt: now },
    })
    await tx.learningAgreementVersion.update({ where: { id: version.id }, data: { version: { increment: 1 } } })
    await audit(tx, actor.id, applicationId, 'learning_agreement.recognised', {
      no: version.no,
      hostCode: line.hostCode,
      hostGrade: line.hostGrade,
      homeGrade,
      credits: formatCredits(line.homeCreditTenths),
    })
  })
}

function audit(tx: Tx, actorId: string, applicationId: string, action: string, after: Prisma.InputJsonObject) {
  return recordAudit(tx, { actorId, action, entityType: 'application', entityId: applicationId, applicationId, after })
}
