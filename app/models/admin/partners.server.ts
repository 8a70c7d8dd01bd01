import type { Prisma } from '~/generated/prisma/client'
import type { SessionUser } from '~/lib/auth.server'
import { recordAudit } from '~/lib/audit.server'
import { prisma } from '~/lib/db.server'
import type { ListQuery, PartnerInput } from '~/schemas/admin'
import { pageInfo, paging, retiredFilter, snapshot, type SaveResult } from './common.server'
import { notFound } from '~/domain/result'

export async function listPartners(query: ListQuery) {
  const where: Prisma.PartnerInstitutionWhereInput = {
    ...retiredFilter(query.show),
    ...(query.q && {
      OR: [
        { nameZh: { contains: query.q } },
        { nameEn: { contains: query.q, mode: 'insensitive' } },
        { countryZh: { contains: query.q } },
        { countryEn: { contains: query.q, mode: 'insensitive' } },
        { countryCode: query.q.toUpperCase() },
      ],
    }),
  }
  const [rows, total] = await Promise.all([
    prisma.partnerInstitution.findMany({
      where,
      orderBy: [{ countryEn: 'asc' }, { nameEn: 'asc' }, { id: 'asc' }],
      ...paging(query),
      include: {
        _count: { select: { programs: true } },
        // The agreement that ends last: the list shows when the partnership runs out.
        agreements: { where: { retiredAt: null }, orderBy: { endsOn: 'desc' }, take: 1, select: { endsOn: true } },
      },
    }),
    prisma.partnerInstitution.count({ where }),
  ])
  return { rows, ...pageInfo(total, query.page) }
}

export const findPartner = (id: string) => prisma.partnerInstitution.findUnique({ where: { id } })

/** Partners for a program's drop-down: current ones, plus the one already chosen even if retired. */
export function partnerOptions(keepId?: string | null) {
  return prisma.partnerInstitution.findMany({
    where: { OR: [{ retiredAt: null }, ...(keepId ? [{ id: keepId }] : [])] },
    orderBy: [{ countryEn: 'asc' }, { nameEn: 'asc' }],
    select: { id: true, nameZh: true, nameEn: true, countryZh: true, countryEn: true, retiredAt: true },
  })
}

export async function savePartner(actor: SessionUser, id: string | undefined, input: PartnerInput): Promise<SaveResult> {
  return prisma.$transaction(async (tx) => {
    const before = id ? await tx.partnerInstitution.findUnique({ where: { id } }) : null
    if (id && !before) return notFound()
    const data = input
    const row = before
      ? await tx.partnerInstitution.update({ where: { id: before.id }, data })
      : await tx.partnerInstitution.create({ data })
    await recordAudit(tx, {
      actorId: actor.id,
      action: before ? 'partner.update' : 'partner.create',
      entityType: 'partner',
      entityId: row.id,
      ...(before && { before: snapshot(before) }),
      after: snapshot(row),
    })
    return { ok: true, id: row.id }
  })
}
