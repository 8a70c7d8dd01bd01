// A partner's places per academic year, from its agreements (app/domain/agreements.ts): the one
// query behind the door's check on approvals, the selection round's allocation and the exchange
// balance on the partner's page.
import { agreementsExpired, exchangeBalance, openToCollege, placesFor, type AgreementPeriod } from '~/domain/agreements'
import { shanghaiDate } from '~/domain/dates'
import { placeStatuses } from '~/domain/workflow'
import type { Prisma } from '~/generated/prisma/client'

type Db = Prisma.TransactionClient

/** Each partner's agreements as periods of Beijing days. */
async function agreementPeriods(db: Db, partnerIds: readonly string[]): Promise<Map<string, AgreementPeriod[]>> {
  const rows = await db.partnerAgreement.findMany({
    where: { partnerId: { in: [...partnerIds] } },
    select: {
      partnerId: true,
      type: true,
      startsOn: true,
      endsOn: true,
      placesOut: true,
      placesIn: true,
      retiredAt: true,
      colleges: { select: { id: true } },
    },
  })
  const periods = new Map<string, AgreementPeriod[]>()
  for (const r of rows) {
    const list = periods.get(r.partnerId) ?? []
    list.push({
      type: r.type,
      startsOn: shanghaiDate(r.startsOn),
      endsOn: shanghaiDate(r.endsOn),
      placesOut: r.placesOut,
      placesIn: r.placesIn,
      retired: r.retiredAt !== null,
      collegeIds: r.colleges.map((c) => c.id),
    })
    periods.set(r.partnerId, list)
  }
  return periods
}

/**
 * Students the partner's programs hold places for in the academic year (workflow.ts placeStatuses),
 * leaving out a selection round's own applications when `outsideRound` names it.
 */
export function partnerPlacesUsed(db: Db, partnerId: string, academicYear: string, outsideRound?: string) {
  return db.application.count({
    where: {
      academicYear,
      status: { in: [...placeStatuses] },
      program: { partnerId },
      ...(outsideRound && { OR: [{ roundId: null }, { roundId: { not: outsideRound } }] }),
    },
  })
}

/** The places out each partner's agreements give in the year, for the partners that have a limit. */
export async function partnerPlacesOut(db: Db, partnerIds: readonly string[], academicYear: string): Promise<Map<string, number>> {
  const periods = await agreementPeriods(db, partnerIds)
  const limits = new Map<string, number>()
  for (const [partnerId, list] of periods) {
    const places = placesFor(list, academicYear)
    if (places !== null) limits.set(partnerId, places)
  }
  return limits
}

/**
 * Whether the program's partner has no place left for the year, with the partner's row locked
 * until the transaction ends: approvals to any of its programs queue up, so two cannot both take
 * its last place. Null when the program has no partner or the partner's agreements set no limit.
 * Callers lock the program first (lockedProgramFull), then the partner: always in that order.
 */
export async function lockedPartnerFull(tx: Db, programId: string, academicYear: string): Promise<{ places: number } | null> {
  const [program] = await tx.$queryRaw<{ partnerId: string | null }[]>`SELECT "partnerId" FROM "Program" WHERE "id" = ${programId}`
  if (!program?.partnerId) return null
  await tx.$queryRaw`SELECT 1 FROM "PartnerInstitution" WHERE "id" = ${program.partnerId} FOR UPDATE`
  const places = (await partnerPlacesOut(tx, [program.partnerId], academicYear)).get(program.partnerId)
  if (places === undefined) return null
  return (await partnerPlacesUsed(tx, program.partnerId, academicYear)) >= places ? { places } : null
}

/** Students sent vs places for one partner and academic year. */
export async function partnerBalance(db: Db, partnerId: string, academicYear: string) {
  const periods = (await agreementPeriods(db, [partnerId])).get(partnerId) ?? []
  const sent = await partnerPlacesUsed(db, partnerId, academicYear)
  return exchangeBalance(sent, placesFor(periods, academicYear), placesFor(periods, academicYear, 'placesIn'))
}

/**
 * Whether the program's partner has no agreement left in force (agreements.ts agreementsExpired):
 * its programs then take no new applications. False for a program without a partner.
 */
export async function agreementEnded(db: Db, partnerId: string | null, now: Date): Promise<boolean> {
  if (!partnerId) return false
  const periods = (await agreementPeriods(db, [partnerId])).get(partnerId) ?? []
  return agreementsExpired(periods, shanghaiDate(now))
}

/** Whether the partner's agreements in force let a student of the college apply (agreements.ts openToCollege). */
export async function agreementOpenToCollege(db: Db, partnerId: string | null, collegeId: string, now: Date): Promise<boolean> {
  if (!partnerId) return true
  const periods = (await agreementPeriods(db, [partnerId])).get(partnerId) ?? []
  return openToCollege(periods, collegeId, shanghaiDate(now))
}
