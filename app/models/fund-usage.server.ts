// What a fund (or one college's share of it) has used: outstanding commitments plus payments
// (app/domain/funding.ts). Read by finance before committing and by admins before lowering a
// budget or an allocation, both under the fund's row lock.
import type { CommitmentRoom } from '~/domain/funding'
import { Prisma } from '~/generated/prisma/client'

type Db = Prisma.TransactionClient

const USED = Prisma.sql`COALESCE(SUM(CASE WHEN "status" = 'committed' THEN "approvedFen" ELSE 0 END) + SUM("paidFen"), 0)::bigint`

/** Σ outstanding + paid of the fund's awards, for one college when collegeId is given. */
export async function fundUsedFen(db: Db, fundId: string, collegeId?: string): Promise<number> {
  const [row] = await db.$queryRaw<{ used: bigint }[]>`
    SELECT ${USED} AS used FROM "Award"
    WHERE "fundId" = ${fundId} ${collegeId ? Prisma.sql`AND "collegeId" = ${collegeId}` : Prisma.empty}`
  return Number(row.used)
}

/**
 * What a commitment of one college on a fund may still use. With `lock`, first locks the fund row
 * (FOR UPDATE): every commitment and every budget change does, so they queue up per fund and no
 * check can be overtaken by another commitment before its own transaction commits.
 */
export async function commitmentRoom(tx: Db, fundId: string, collegeId: string, { lock }: { lock: boolean }): Promise<CommitmentRoom | null> {
  const [fund] = lock
    ? await tx.$queryRaw<{ budgetFen: bigint }[]>`SELECT "budgetFen" FROM "Fund" WHERE "id" = ${fundId} FOR UPDATE`
    : await tx.$queryRaw<{ budgetFen: bigint }[]>`SELECT "budgetFen" FROM "Fund" WHERE "id" = ${fundId}`
  if (!fund) return null
  const [row] = await tx.$queryRaw<{ allocatedFen: bigint; own: bigint | null; fundUsed: bigint; collegeUsed: bigint; unallocatedUsed: bigint }[]>`
    WITH alloc AS (SELECT "collegeId", "amountFen" FROM "FundAllocation" WHERE "fundId" = ${fundId}),
         used AS (
           SELECT "collegeId", ${USED} AS used FROM "Award" WHERE "fundId" = ${fundId} GROUP BY "collegeId"
         )
    SELECT
      (SELECT COALESCE(SUM("amountFen"), 0) FROM alloc)::bigint AS "allocatedFen",
      (SELECT "amountFen" FROM alloc WHERE "collegeId" = ${collegeId}) AS own,
      (SELECT COALESCE(SUM(used), 0) FROM used)::bigint AS "fundUsed",
      (SELECT COALESCE(SUM(used), 0) FROM used WHERE "collegeId" = ${collegeId})::bigint AS "collegeUsed",
      (SELECT COALESCE(SUM(used), 0) FROM used WHERE "collegeId" NOT IN (SELECT "collegeId" FROM alloc))::bigint AS "unallocatedUsed"`
  return {
    budgetFen: Number(fund.budgetFen),
    fundUsedFen: Number(row.fundUsed),
    allocation: row.own === null ? null : { amountFen: Number(row.own), usedFen: Number(row.collegeUsed) },
    allocatedFen: Number(row.allocatedFen),
    unallocatedUsedFen: Number(row.unallocatedUsed),
  }
}
