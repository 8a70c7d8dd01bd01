// Which applications a member of staff may open for review (the access policy, access.server.ts),
// with which roles, which decisions the review page offers them, and the audit trail they read
// there. The reviewers' commands load their application through loadForCommand.
import { staffAuditEntry, type StaffAuditEntry } from '~/domain/audit-view'
import { commandsOn, rolesOn, type ApplicationFacts } from '~/domain/access'
import { refuse, type Refusal } from '~/domain/result'
import type { Role } from '~/domain/roles'
import { roundCommands, type Command } from '~/domain/workflow'
import type { Prisma } from '~/generated/prisma/client'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { accessFor, steppedAsideFrom, type FactsRow } from './access.server'

/** Finance confirms or returns on the award's page, with the amounts (finance.server.ts), never on the review page. */
const FINANCE_COMMANDS: readonly Command[] = ['finance_confirm', 'finance_return']

/**
 * Commands the review page never gives: finance's (with the amounts, on the award's page) and a
 * selection round's (its offers, the students' answers and lapses come from the round's steps).
 */
export const NOT_ON_REVIEW_PAGE: readonly Command[] = [...FINANCE_COMMANDS, ...roundCommands]

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
export const openedFacts = (application: FactsRow): ApplicationFacts => ({
  id: application.id,
  applicantId: application.applicantId,
  collegeId: application.collegeId,
  status: application.status,
  submittedAt: application.submittedAt,
  conflictedReviewerIds: [],
  inRound: application.roundId !== null,
})

/** The roles the actor acts with on an application they opened (a college reviewer's for their own college only). */
export function reviewerRoles(actor: SessionUser, application: FactsRow): Role[] {
  return rolesOn(actor, openedFacts(application))
}

/** The decisions the review page offers: the policy's commands but finance's, which are given on the award's page with the amounts. */
export function reviewPageCommands(actor: SessionUser, application: FactsRow): Command[] {
  return commandsOn(actor, openedFacts(application)).filter((c) => !NOT_ON_REVIEW_PAGE.includes(c))
}

export const commandInclude = { program: true, applicant: { select: applicantSelect } } satisfies Prisma.ApplicationInclude
type CommandApplication = Prisma.ApplicationGetPayload<{ include: typeof commandInclude }>

/** Loads an application for a reviewer's command: refused as not found outside the actor's reach, as forbidden after a conflict. */
export async function loadForCommand(
  actor: SessionUser,
  applicationId: string,
): Promise<{ ok: true; application: CommandApplication } | Refusal> {
  const access = await accessFor(actor)
  const application = await prisma.application.findFirst({
    where: { AND: [{ id: applicationId }, access.where('staff')] },
    include: commandInclude,
  })
  if (application) return { ok: true, application }
  return refuse((await steppedAsideFrom(actor, applicationId)) ? 'rv.error.forbidden' : 'rv.error.notFound')
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
