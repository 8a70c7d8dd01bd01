import { prisma } from '~/lib/db.server'
import { ownedBy } from './access.server'

// The figures each role's home page opens with.

export function listMyApplications(applicantId: string) {
  return prisma.application.findMany({
    where: ownedBy({ id: applicantId }),
    orderBy: { updatedAt: 'desc' },
    select: {
      id: true,
      kind: true,
      status: true,
      statusChangedAt: true,
      program: { select: { titleZh: true, titleEn: true, closesAt: true } },
    },
  })
}

export async function adminCounts() {
  const [colleges, partners, programs, users, funds] = await Promise.all([
    prisma.college.count({ where: { retiredAt: null } }),
    prisma.partnerInstitution.count({ where: { retiredAt: null } }),
    prisma.program.count({ where: { retiredAt: null } }),
    prisma.user.count({ where: { deactivatedAt: null } }),
    prisma.fund.count({ where: { retiredAt: null } }),
  ])
  return { colleges, partners, programs, users, funds }
}
