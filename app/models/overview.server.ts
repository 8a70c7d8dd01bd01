import { academicYearOf } from '~/domain/academic-year'
import type { ApplicationStatus } from '~/generated/prisma/client'
import { prisma } from '~/lib/db.server'

// The figures each role's home page opens with.

export function listMyApplications(applicantId: string) {
  return prisma.application.findMany({
    where: { applicantId },
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

/** Applications per status, for one college or (without one) the whole university; drafts are private. */
export async function countByStatus(collegeId?: string): Promise<Partial<Record<ApplicationStatus, number>>> {
  const rows = await prisma.application.groupBy({
    by: ['status'],
    where: { collegeId, status: { not: 'draft' } },
    _count: { _all: true },
  })
  return Object.fromEntries(rows.map((r) => [r.status, r._count._all]))
}

export async function countByCollege() {
  const [colleges, rows] = await Promise.all([
    prisma.college.findMany({ where: { retiredAt: null }, orderBy: { code: 'asc' } }),
    prisma.application.groupBy({ by: ['collegeId'], where: { status: { not: 'draft' } }, _count: { _all: true } }),
  ])
  const counts = new Map(rows.map((r) => [r.collegeId, r._count._all]))
  return colleges.map((c) => ({ id: c.id, nameZh: c.nameZh, nameEn: c.nameEn, count: counts.get(c.id) ?? 0 }))
}

export function listFundsOfYear(academicYear = academicYearOf(new Date())) {
  return prisma.fund.findMany({ where: { academicYear, retiredAt: null }, orderBy: { nameEn: 'asc' } })
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

export function listStaff() {
  return prisma.user.findMany({
    where: { NOT: { roles: { equals: ['student'] } } },
    orderBy: { email: 'asc' },
    select: { id: true, email: true, nameZh: true, nameEn: true, roles: true, college: { select: { nameZh: true, nameEn: true } } },
  })
}
