import type { Prisma } from '~/generated/prisma/client'
import type { SessionUser } from '~/lib/auth.server'
import { recordAudit } from '~/lib/audit.server'
import { prisma } from '~/lib/db.server'
import type { CollegeInput, ListQuery } from '~/schemas/admin'
import { isUniqueViolation, pageInfo, paging, retiredFilter, snapshot, type SaveResult } from './common.server'
import { notFound, refuseFields } from '~/domain/result'

export async function listColleges(query: ListQuery) {
  const where: Prisma.CollegeWhereInput = {
    ...retiredFilter(query.show),
    ...(query.q && {
      OR: [
        { code: { contains: query.q, mode: 'insensitive' } },
        { nameZh: { contains: query.q } },
        { nameEn: { contains: query.q, mode: 'insensitive' } },
      ],
    }),
  }
  const [rows, total] = await Promise.all([
    prisma.college.findMany({
      where,
      orderBy: [{ code: 'asc' }],
      ...paging(query),
      include: { _count: { select: { users: true, applications: true } } },
    }),
    prisma.college.count({ where }),
  ])
  return { rows, ...pageInfo(total, query.page) }
}

export const findCollege = (id: string) => prisma.college.findUnique({ where: { id } })

/** Every college for a drop-down: current ones, plus `keepId` (a retired college already chosen). */
export function collegeOptions(keepIds: (string | null | undefined)[] = []) {
  const ids = keepIds.filter((i): i is string => !!i)
  return prisma.college.findMany({
    where: { OR: [{ retiredAt: null }, { id: { in: ids } }] },
    orderBy: { code: 'asc' },
    select: { id: true, code: true, nameZh: true, nameEn: true, retiredAt: true },
  })
}

/** Creates a college (id undefined) or updates one; a code already in use is a field error. */
export async function saveCollege(actor: SessionUser, id: string | undefined, input: CollegeInput): Promise<SaveResult> {
  try {
    return await prisma.$transaction(async (tx) => {
      const before = id ? await tx.college.findUnique({ where: { id } }) : null
      if (id && !before) return notFound()
      const row = before ? await tx.college.update({ where: { id: before.id }, data: input }) : await tx.college.create({ data: input })
      await recordAudit(tx, {
        actorId: actor.id,
        action: before ? 'college.update' : 'college.create',
        entityType: 'college',
        entityId: row.id,
        ...(before && { before: snapshot(before) }),
        after: snapshot(row),
      })
      return { ok: true, id: row.id }
    })
  } catch (error) {
    if (isUniqueViolation(error)) return refuseFields({ code: 'adminConfig.error.codeTaken' })
    throw error
  }
}
