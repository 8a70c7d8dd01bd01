// Comments on an application: notes for the staff ('internal') and words addressed to the
// student. Each is written with its audit row in one transaction; the status change door writes
// the message that goes with a decision through writeComment, in its own transaction.
import { refuse, type Result } from '~/domain/result'
import { fitsReviewText, MAX_REVIEW_TEXT } from '~/domain/text'
import type { Prisma } from '~/generated/prisma/client'
import { recordAudit } from '~/lib/audit.server'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { findForReviewer } from './review-access.server'

export async function writeComment(
  tx: Prisma.TransactionClient,
  authorId: string,
  applicationId: string,
  visibility: 'internal' | 'student',
  body: string,
) {
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

/** A comment by a member of staff who may open the application, for the staff only ('internal') or addressed to the student. */
export async function addComment(
  actor: SessionUser,
  input: { applicationId: string; visibility: 'internal' | 'student'; body: string },
): Promise<Result<{ id: string }>> {
  if (!(await findForReviewer(actor, input.applicationId))) return refuse('rv.error.notFound')
  const body = input.body.trim()
  if (input.visibility !== 'internal' && input.visibility !== 'student') return refuse('form.invalidChoice')
  if (!body) return refuse('form.required')
  if (!fitsReviewText(body)) return refuse('form.tooLong', { max: MAX_REVIEW_TEXT })
  const comment = await prisma.$transaction((tx) => writeComment(tx, actor.id, input.applicationId, input.visibility, body))
  return { ok: true, id: comment.id }
}

/** Every comment on the application, oldest first, for staff who may open it; none for anyone else. */
export async function listComments(actor: SessionUser, applicationId: string) {
  if (!(await findForReviewer(actor, applicationId))) return []
  return prisma.comment.findMany({
    where: { applicationId },
    orderBy: { createdAt: 'asc' },
    include: { author: { select: { id: true, nameZh: true, nameEn: true } } },
  })
}
