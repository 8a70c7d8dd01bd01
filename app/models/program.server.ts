import { academicYearOf } from '~/domain/academic-year'
import { isFull, placesLeft, placeStatuses } from '~/domain/workflow'
import type { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/lib/db.server'
import { agreementEnded } from './agreement-places.server'

type Db = Prisma.TransactionClient

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
  const taken = await placesTaken(
    prisma,
    programs.map((p) => p.id),
  )
  // Still-open programs first, soonest deadline first; closed ones after, most recently closed first.
  const open = programs.filter((p) => p.closesAt >= now)
  const closed = programs.filter((p) => p.closesAt < now).reverse()
  return [...open, ...closed].map((p) => withPlaces(p, taken.get(p.id) ?? 0))
}

export async function getProgram(id: string) {
  const program = await prisma.program.findFirst({ where: { id, retiredAt: null }, include: { partner: true } })
  if (!program) return null
  const taken = await placesTaken(prisma, [program.id])
  return { ...withPlaces(program, taken.get(program.id) ?? 0), agreementEnded: await agreementEnded(prisma, program.partnerId, new Date()) }
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

/**
 * The places each program has taken: its applications in a place-holding status (workflow.ts
 * placeStatuses). The one query behind the catalogue, the submit page, the review page and the
 * quota the decisions enforce; a program with none is missing from the map.
 */
async function placesTaken(db: Db, programIds: string[]): Promise<Map<string, number>> {
  if (!programIds.length) return new Map()
  const rows = await db.application.groupBy({
    by: ['programId'],
    where: { programId: { in: programIds }, status: { in: [...placeStatuses] } },
    _count: { _all: true },
  })
  return new Map(rows.map((r) => [r.programId, r._count._all]))
}

/** The places one program has taken. */
export async function placesTakenBy(db: Db, programId: string): Promise<number> {
  return (await placesTaken(db, [programId])).get(programId) ?? 0
}

/**
 * Whether every place of the program is taken, with the program's row locked until the transaction
 * ends: changes that take a place of one program queue up, and two cannot both take its last one.
 */
export async function lockedProgramFull(tx: Db, programId: string): Promise<boolean> {
  const [program] = await tx.$queryRaw<{ quota: number | null }[]>`
    SELECT "quota" FROM "Program" WHERE "id" = ${programId} FOR UPDATE`
  return program.quota !== null && isFull(program.quota, await placesTakenBy(tx, programId))
}

function withPlaces<T extends { quota: number | null }>(program: T, taken: number) {
  return { ...program, placesTaken: taken, placesLeft: placesLeft(program.quota, taken) }
}
