// Conflicts of interest detected by names (app/domain/conflicts.ts): a reviewer whom an
// application names as a supervisor or co-author is kept off it. The conflict is recorded as the
// reviewer's (a Review marked conflict, with whom the application names), which the access policy
// already reads: they cannot open it, list it or count its scores. Detected when the application
// is submitted (the door), and again when the office assigns reviewers; the office may override
// it with a reason (round-assignments.server.ts).
import { detectConflicts, namedPeople, type NamedPerson } from '~/domain/conflicts'
import type { ProgramKind } from '~/domain/program'
import type { Prisma } from '~/generated/prisma/client'
import { recordAudit } from '~/lib/audit.server'

type Tx = Prisma.TransactionClient
export type Stage = 'college' | 'office'

/** The review stage an application waits at, or null. */
export const stageOf = (status: string): Stage | null =>
  status === 'submitted' ? 'college' : status === 'college_endorsed' ? 'office' : null

/** The active reviewers of a stage: the college's own, or the international office's. */
export function reviewersFor(tx: Tx, stage: Stage, collegeId: string) {
  return tx.user.findMany({
    where: {
      deactivatedAt: null,
      ...(stage === 'college' ? { roles: { has: 'college_reviewer' }, collegeId } : { roles: { has: 'office_reviewer' } }),
    },
    select: { id: true, nameZh: true, nameEn: true },
    orderBy: { id: 'asc' },
  })
}

/**
 * Records a detected conflict as the reviewer's, unless one was recorded before (then the
 * office's override, if any, stands). Says whether it recorded a new one.
 */
export async function keepOff(
  tx: Tx,
  actorId: string | null,
  applicationId: string,
  reviewerId: string,
  stage: Stage,
  found: NamedPerson[],
) {
  const key = { applicationId_reviewerId_stage: { applicationId, reviewerId, stage } }
  const existing = await tx.review.findUnique({ where: key })
  if (existing?.detectedConflict) return false
  const detected = found as unknown as Prisma.InputJsonArray
  await tx.review.upsert({
    where: key,
    create: { applicationId, reviewerId, stage, conflict: true, detectedConflict: detected },
    update: { conflict: true, detectedConflict: detected },
  })
  await recordAudit(tx, {
    actorId,
    action: 'review.conflict_detected',
    entityType: 'application',
    entityId: applicationId,
    applicationId,
    after: { reviewerId, named: detected },
  })
  return true
}

/** On submission: every reviewer who could reach the application, at both stages, checked against whom it names. */
export async function detectConflictsOnSubmission(tx: Tx, applicationId: string): Promise<void> {
  const application = await tx.application.findUniqueOrThrow({
    where: { id: applicationId },
    select: { kind: true, details: true, collegeId: true },
  })
  const named = namedPeople(application.kind as ProgramKind, application.details)
  if (!named.length) return
  for (const stage of ['college', 'office'] as const) {
    for (const reviewer of await reviewersFor(tx, stage, application.collegeId)) {
      const found = detectConflicts(reviewer, named)
      if (found.length) await keepOff(tx, null, applicationId, reviewer.id, stage, found)
    }
  }
}
