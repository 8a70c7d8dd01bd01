// What a fund (or one college's share of it) has used: outstanding commitments plus payments
// (app/domain/funding.ts usedFen). The one definition of "used" behind the admin's fund pages, the
// policy dashboard and finance's queue; read under the fund's row lock by finance before committing
// and by admins before lowering a budget or an allocation. However many funds are asked for, it
// is one query grouped by fund and college, over the award totals kept by triggers in the same
// transaction as every award change (decision 29), so it costs the same at any number of awards.
import type { CommitmentRoom } from '~/domain/funding'
import { Prisma } from '~/generated/prisma/client'

type Db = Prisma.TransactionClient

const USED = Prisma.sql`COALESCE(SUM(CASE WHEN "status" = 'committed' THEN "approvedFen" - "paidFen" ELSE 0 END) + SUM("paidFen"), 0)::bigint`

/** What one fund has used, in total and per college that has awards on it. */
export type FundUsage = { usedFen: number; byCollege: Map<string, number> }

/** What each fund has used (a fund without awards used 0), from one query. */
export async function fundsUsage(db: Db, fundIds: readonly string[]): Promise<Map<string, FundUsage>> {
  const usage = new Map(fundIds.map((id) => [id, { usedFen: 0, byCollege: new Map<string, number>() }]))
  if (!fundIds.length) return usage
  const rows = await db.$queryRaw<{ fundId: string; collegeId: string; used: bigint }[]>`
    SELECT "fundId", "collegeId", ${USED} AS used FROM "AwardTotal"
    WHERE "fundId" IN (${Prisma.join([...usage.keys()])})
    GROUP BY "fundId", "collegeId"
    HAVING SUM(awards) > 0`
  for (const row of rows) {
    const fund = usage.get(row.fundId)!
    fund.usedFen += Number(row.used)
    fund.byCollege.set(row.collegeId, Number(row.used))
  }
  return usage
}

/** The fund's use, or one college's when collegeId is given. */
export const usedBy = (usage: FundUsage, collegeId?: string) => (collegeId ? (usage.byCollege.get(collegeId) ?? 0) : usage.usedFen)

/** Σ outstanding + paid of the fund's awards, for one college when collegeId is given. */
export async function fundUsedFen(db: Db, fundId: string, collegeId?: string): Promise<number> {
  return usedBy((await fundsUsage(db, [fundId])).get(fundId)!, collegeId)
}

/** A commitment of one college on one fund. */
export type RoomKey = { fundId: string; collegeId: string }

/**
 * What a commitment of each college on each fund may still use (null for a fund that does not
 * exist), in three queries however many are asked for. With `lock`, first locks the funds' rows
 * (FOR UPDATE, in id order): every commitment and every budget change does, so they queue up per
 * fund and no check can be overtaken by another commitment before its own transaction commits.
 */
export async function commitmentRooms(db: Db, keys: readonly RoomKey[], { lock }: { lock: boolean }): Promise<(CommitmentRoom | null)[]> {
  const fundIds = [...new Set(keys.map((k) => k.fundId))].sort()
  if (!fundIds.length) return []
  const ids = Prisma.join(fundIds)
  const funds = await db.$queryRaw<{ id: string; budgetFen: bigint }[]>`
    SELECT "id", "budgetFen" FROM "Fund" WHERE "id" IN (${ids}) ORDER BY "id" ${lock ? Prisma.sql`FOR UPDATE` : Prisma.empty}`
  const [allocations, usage] = await Promise.all([
    db.fundAllocation.findMany({ where: { fundId: { in: fundIds } }, select: { fundId: true, collegeId: true, amountFen: true } }),
    fundsUsage(db, fundIds),
  ])
  return keys.map(({ fundId, collegeId }) => {
    const fund = funds.find((f) => f.id === fundId)
    if (!fund) return null
    const used = usage.get(fundId)!
    const allocated = allocations.filter((a) => a.fundId === fundId)
    const own = allocated.find((a) => a.collegeId === collegeId)
    return {
      budgetFen: Number(fund.budgetFen),
      fundUsedFen: used.usedFen,
      allocation: own ? { amountFen: Number(own.amountFen), usedFen: usedBy(used, collegeId) } : null,
      allocatedFen: allocated.reduce((sum, a) => sum + Number(a.amountFen), 0),
      unallocatedUsedFen: used.usedFen - allocated.reduce((sum, a) => sum + usedBy(used, a.collegeId), 0),
    }
  })
}

/** The room of one college on one fund: commitmentRooms for one. */
export async function commitmentRoom(
  db: Db,
  fundId: string,
  collegeId: string,
  options: { lock: boolean },
): Promise<CommitmentRoom | null> {
  const [room] = await commitmentRooms(db, [{ fundId, collegeId }], options)
  return room
}
