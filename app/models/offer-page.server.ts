// The student's offer page: their own application in a round, its program and the round's deadline.
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { ownedBy } from './access.server'

export async function offerPageData(user: SessionUser, applicationId: string) {
  return prisma.application.findFirst({
    where: { AND: [{ id: applicationId, roundId: { not: null } }, ownedBy(user)] },
    select: {
      id: true,
      status: true,
      version: true,
      program: { select: { titleZh: true, titleEn: true } },
      round: { select: { id: true, titleZh: true, titleEn: true, offerDeadline: true } },
    },
  })
}
