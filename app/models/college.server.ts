// Colleges as the pages outside administration read them (administration: admin/colleges.server.ts).
import { prisma } from '~/lib/db.server'

/** The colleges a student or a page may choose from: those not retired, by code. */
export function activeColleges() {
  return prisma.college.findMany({
    where: { retiredAt: null },
    orderBy: { code: 'asc' },
    select: { id: true, code: true, nameZh: true, nameEn: true },
  })
}

/** A college's names, for a page headed by it. */
export function collegeNames(id: string) {
  return prisma.college.findUniqueOrThrow({ where: { id }, select: { nameZh: true, nameEn: true } })
}
