// Reviewers for a round's applications. The office assigns them by hand or balanced automatically:
// an application waiting for its college goes to that college's reviewers, one endorsed to the
// office's reviewers, each to whoever has the fewest in the round. A reviewer the application
// names (a supervisor, a co-author: app/domain/conflicts.ts) is kept off: the conflict is recorded
// as theirs (a Review marked conflict, which the access policy reads), so they cannot open it;
// the office may override it with a reason, in the audit.
import { refuse, type Result } from '~/domain/result'
import { detectConflicts, namedPeople } from '~/domain/conflicts'
import type { ProgramKind } from '~/domain/program'
import { ROUND_TRANSACTION } from '~/domain/rounds'
import type { Prisma } from '~/generated/prisma/client'
import { recordAudit } from '~/lib/audit.server'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { keepOff, reviewersFor, stageOf } from './conflict-detection.server'

export type AssignResult = Result<{ assigned: number; keptOff: number }>

/** Assigns every unassigned application of the round at a review stage, balanced, keeping conflicted reviewers off. */
export async function assignRoundReviewers(actor: SessionUser, roundId: string): Promise<AssignResult> {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "SelectionRound" WHERE id = ${roundId} FOR UPDATE`
    if (!(await tx.selectionRound.count({ where: { id: roundId } }))) return refuse('round.error.notFound')
    const applications = await tx.application.findMany({
      where: { roundId, status: { in: ['submitted', 'college_endorsed'] } },
      select: { id: true, kind: true, status: true, collegeId: true, details: true, assignments: { select: { reviewerId: true } } },
      orderBy: { id: 'asc' },
    })
    const load = new Map<string, number>()
    for (const a of await tx.reviewAssignment.groupBy({ by: ['reviewerId'], where: { application: { roundId } }, _count: true }))
      load.set(a.reviewerId, a._count)
    let assigned = 0
    let keptOff = 0
    for (const application of applications) {
      const stage = stageOf(application.status)!
      const candidates = await reviewersFor(tx, stage, application.collegeId)
      if (candidates.some((c) => application.assignments.some((a) => a.reviewerId === c.id))) continue
      const named = namedPeople(application.kind as ProgramKind, application.details)
      const free = []
      for (const reviewer of candidates) {
        const found = detectConflicts(reviewer, named)
        if (found.length) {
          await keepOff(tx, actor.id, application.id, reviewer.id, stage, found)
          keptOff++
        } else free.push(reviewer)
      }
      const overridden = await tx.review.findMany({
        where: { applicationId: application.id, stage, conflict: true },
        select: { reviewerId: true },
      })
      const eligible = free.filter((r) => !overridden.some((o) => o.reviewerId === r.id))
      if (!eligible.length) continue
      const chosen = eligible.reduce((best, r) => ((load.get(r.id) ?? 0) < (load.get(best.id) ?? 0) ? r : best))
      await tx.reviewAssignment.create({ data: { applicationId: application.id, reviewerId: chosen.id, assignedById: actor.id } })
      await recordAudit(tx, {
        actorId: actor.id,
        action: 'review.assign',
        entityType: 'application',
        entityId: application.id,
        applicationId: application.id,
        after: { reviewerId: chosen.id },
      })
      load.set(chosen.id, (load.get(chosen.id) ?? 0) + 1)
      assigned++
    }
    return { ok: true, assigned, keptOff }
  }, ROUND_TRANSACTION)
}

export type AssignOneResult = Result

/**
 * Assigns one reviewer by hand. A reviewer the application names is refused unless the office
 * gives a reason to override the conflict: the reason goes into the audit and the assignment.
 */
export async function assignReviewer(
  actor: SessionUser,
  roundId: string,
  input: { applicationId: string; reviewerId: string; overrideReason: string | null },
): Promise<AssignOneResult> {
  return prisma.$transaction(async (tx) => {
    const application = await tx.application.findFirst({
      where: { id: input.applicationId, roundId, status: { in: ['submitted', 'college_endorsed'] } },
      select: { id: true, kind: true, status: true, collegeId: true, details: true },
    })
    if (!application) return refuse('round.error.notInRound')
    const stage = stageOf(application.status)!
    const reviewer = (await reviewersFor(tx, stage, application.collegeId)).find((r) => r.id === input.reviewerId)
    if (!reviewer) return refuse('round.error.notInRound')
    const found = detectConflicts(reviewer, namedPeople(application.kind as ProgramKind, application.details))
    if (found.length && input.overrideReason && reviewer.id === actor.id) return refuse('round.error.selfOverride')
    if (found.length && !input.overrideReason) {
      await keepOff(tx, actor.id, application.id, reviewer.id, stage, found)
      return refuse('round.error.conflict')
    }
    if (found.length) {
      // The office overrides the detected conflict: the reviewer may open the application again.
      await tx.review.updateMany({ where: { applicationId: application.id, reviewerId: reviewer.id, stage }, data: { conflict: false } })
    }
    await tx.reviewAssignment.upsert({
      where: { applicationId_reviewerId: { applicationId: application.id, reviewerId: reviewer.id } },
      create: { applicationId: application.id, reviewerId: reviewer.id, assignedById: actor.id, overrideReason: input.overrideReason },
      update: { overrideReason: input.overrideReason },
    })
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'review.assign',
      entityType: 'application',
      entityId: application.id,
      applicationId: application.id,
      after: { reviewerId: reviewer.id, ...(found.length && { conflictOverridden: found as unknown as Prisma.InputJsonArray }) },
      reason: input.overrideReason ?? undefined,
    })
    return { ok: true }
  })
}

/** Who reviews each application of the round, and who is kept off by a detected conflict: the office's view. */
export async function roundReviewers(roundId: string) {
  const [assignments, conflicts] = await Promise.all([
    prisma.reviewAssignment.findMany({
      where: { application: { roundId } },
      select: { applicationId: true, overrideReason: true, reviewer: { select: { id: true, nameZh: true, nameEn: true } } },
    }),
    prisma.review.findMany({
      where: { application: { roundId }, detectedConflict: { not: { equals: null } } as Prisma.JsonNullableFilter<'Review'> },
      select: { applicationId: true, conflict: true, reviewer: { select: { id: true, nameZh: true, nameEn: true } } },
    }),
  ])
  return { assignments, conflicts }
}
