import { academicYearOf } from '~/domain/academic-year'
import type { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/lib/db.server'

export type CatalogueFilters = {
  q?: string
  kind?: 'exchange' | 'joint_training' | 'conference'
  level?: 'undergraduate' | 'master' | 'doctoral'
  region?: string
  country?: string
  tier?: 'comprehensive' | 'close' | 'general'
  beltAndRoad?: boolean
  openNow?: boolean
}

const SHOWN_STATUSES = ['approved', 'completed'] as const

/** Programs of the current academic year (and any still open), soonest deadline first. */
export async function searchPrograms(filters: CatalogueFilters, now = new Date()) {
  const partner: Prisma.PartnerInstitutionWhereInput = {
    ...(filters.region && { region: filters.region }),
    ...(filters.country && { countryCode: filters.country }),
    ...(filters.tier && { tier: filters.tier }),
    ...(filters.beltAndRoad && { beltAndRoad: true }),
  }
  const q = filters.q?.trim()
  const where: Prisma.ProgramWhereInput = {
    retiredAt: null,
    OR: [{ academicYear: academicYearOf(now) }, { closesAt: { gte: now } }],
    ...(filters.kind && { kind: filters.kind }),
    ...(filters.level && { levels: { has: filters.level } }),
    ...(Object.keys(partner).length > 0 && { partner }),
    ...(filters.openNow && { opensAt: { lte: now }, closesAt: { gte: now } }),
    ...(q && {
      AND: [
        {
          OR: [
            { titleZh: { contains: q, mode: 'insensitive' } },
            { titleEn: { contains: q, mode: 'insensitive' } },
            { partner: { nameZh: { contains: q, mode: 'insensitive' } } },
            { partner: { nameEn: { contains: q, mode: 'insensitive' } } },
            { partner: { countryZh: { contains: q, mode: 'insensitive' } } },
            { partner: { countryEn: { contains: q, mode: 'insensitive' } } },
          ],
        },
      ],
    }),
  }
  const programs = await prisma.program.findMany({
    where,
    orderBy: [{ closesAt: 'asc' }, { titleEn: 'asc' }],
    take: 200,
    include: { partner: true },
  })
  const taken = await placesTaken(programs.map((p) => p.id))
  // Still-open programs first, soonest deadline first; closed ones after, most recently closed first.
  const open = programs.filter((p) => p.closesAt >= now)
  const closed = programs.filter((p) => p.closesAt < now).reverse()
  return [...open, ...closed].map((p) => withPlaces(p, taken.get(p.id) ?? 0))
}

export async function getProgram(id: string) {
  const program = await prisma.program.findFirst({ where: { id, retiredAt: null }, include: { partner: true } })
  if (!program) return null
  const taken = await placesTaken([program.id])
  return withPlaces(program, taken.get(program.id) ?? 0)
}

/** Countries and regions that have partners, for the catalogue's filters. */
export async function catalogueFacets() {
  const partners = await prisma.partnerInstitution.findMany({
    where: { retiredAt: null },
    select: { countryCode: true, countryZh: true, countryEn: true, region: true },
    distinct: ['countryCode'],
    orderBy: { countryEn: 'asc' },
  })
  return {
    countries: partners.map((p) => ({ code: p.countryCode, nameZh: p.countryZh, nameEn: p.countryEn })),
    regions: [...new Set(partners.map((p) => p.region))].sort(),
  }
}

async function placesTaken(programIds: string[]) {
  const rows = await prisma.application.groupBy({
    by: ['programId'],
    where: { programId: { in: programIds }, status: { in: [...SHOWN_STATUSES] } },
    _count: { _all: true },
  })
  return new Map(rows.map((r) => [r.programId, r._count._all]))
}

function withPlaces<T extends { quota: number | null }>(program: T, taken: number) {
  return { ...program, placesTaken: taken, placesLeft: program.quota === null ? null : Math.max(0, program.quota - taken) }
}
