// Comments on an application, each written with its audit row in the caller's transaction: notes
// for the staff ('internal') and words addressed to the student.
import type { Prisma } from '~/generated/prisma/client'
import { recordAudit } from '~/lib/audit.server'

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
