// The reviewers' rubric reviews, one per reviewer and stage, and the conflicts of interest they
// declare on the same row: who may score, what a submitted review must hold, and whose scores a
// reviewer may read (only once their own is in, so nobody anchors on a colleague's).
import { reviewStage, seesPeerScores } from '~/domain/access'
import { averageScore, rubricSchema } from '~/domain/rubric'
import { refuse, type Result } from '~/domain/result'
import { fitsReviewText, MAX_REVIEW_TEXT } from '~/domain/text'
import type { Prisma, Review } from '~/generated/prisma/client'
import { recordAudit } from '~/lib/audit.server'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { findForReviewer, loadForCommand, openedFacts } from './review-access.server'

export type ReviewInput = { applicationId: string; scores: Record<string, unknown>; comment: string; submit: boolean }
type SaveReviewResult = Result<{ review: Review }>

/**
 * Saves the actor's rubric review at their stage. A draft may leave criteria out; a submitted
 * review has every criterion scored and stays submitted (later saves update it, each audited).
 */
export async function saveReview(actor: SessionUser, input: ReviewInput, now = new Date()): Promise<SaveReviewResult> {
  const loaded = await loadForCommand(actor, input.applicationId)
  if (!loaded.ok) return loaded
  const { application } = loaded
  const stage = reviewStage(actor, openedFacts(application))
  if (!stage) return refuse('rv.error.forbidden')
  const key = { applicationId_reviewerId_stage: { applicationId: application.id, reviewerId: actor.id, stage } }
  const existing = await prisma.review.findUnique({ where: key })
  const submittedAt = existing?.submittedAt ?? (input.submit ? now : null)
  const schema = submittedAt ? rubricSchema(application.kind) : rubricSchema(application.kind).partial()
  const scores = schema.safeParse(input.scores)
  const comment = input.comment.trim()
  if (!scores.success || !fitsReviewText(comment)) return refuse('rv.reviewInvalid')

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
 * The actor's own review and the others' submitted ones, the others as the access policy allows
 * (seesPeerScores: a reviewer once their own is submitted; staff who do not review see them all).
 */
export async function reviewPanel(
  actor: SessionUser,
  applicationId: string,
): Promise<{ mine: ReviewWithReviewer | null; others: ReviewWithReviewer[] | null }> {
  const application = await findForReviewer(actor, applicationId)
  if (!application) return { mine: null, others: null }
  const facts = openedFacts(application)
  const stage = reviewStage(actor, facts)
  const reviews = await prisma.review.findMany({
    where: { applicationId },
    orderBy: [{ submittedAt: 'asc' }, { createdAt: 'asc' }],
    include: { reviewer: { select: { id: true, nameZh: true, nameEn: true } } },
  })
  const mine = reviews.find((r) => r.reviewerId === actor.id && r.stage === stage) ?? null
  if (!seesPeerScores(actor, facts, !!mine?.submittedAt)) return { mine, others: null }
  return { mine, others: reviews.filter((r) => r.reviewerId !== actor.id && r.submittedAt && !r.conflict) }
}

/** Declares a conflict of interest: from then on the reviewer can neither open nor decide the application. */
export async function declareConflict(actor: SessionUser, applicationId: string, reason: string): Promise<Result> {
  const loaded = await loadForCommand(actor, applicationId)
  if (!loaded.ok) return loaded
  const stage = reviewStage(actor, openedFacts(loaded.application))
  if (!stage) return refuse('rv.error.forbidden')
  const why = reason.trim()
  if (!why) return refuse('form.required')
  if (!fitsReviewText(why)) return refuse('form.tooLong', { max: MAX_REVIEW_TEXT })
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
