import type { Prisma } from '~/generated/prisma/client'
import type { SessionUser } from '~/lib/auth.server'
import { recordAudit } from '~/lib/audit.server'
import { prisma } from '~/lib/db.server'
import { fundsUsage, usedBy } from '~/models/fund-usage.server'
import type { FundInput, ListQuery } from '~/schemas/admin'
import { pageInfo, paging, retiredFilter, snapshot, yuanInputs, type FieldErrors, type SaveResult } from './common.server'
import { notFound, refuseFields } from '~/domain/result'

export async function listFunds(query: ListQuery) {
  const where: Prisma.FundWhereInput = {
    ...retiredFilter(query.show),
    ...(query.year && { academicYear: query.year }),
    ...(query.q && { OR: [{ nameZh: { contains: query.q } }, { nameEn: { contains: query.q, mode: 'insensitive' } }] }),
  }
  const [rows, total, years] = await Promise.all([
    prisma.fund.findMany({ where, orderBy: [{ academicYear: 'desc' }, { nameEn: 'asc' }, { id: 'asc' }], ...paging(query) }),
    prisma.fund.count({ where }),
    prisma.fund.findMany({ distinct: ['academicYear'], select: { academicYear: true }, orderBy: { academicYear: 'desc' } }),
  ])
  const usage = await fundsUsage(
    prisma,
    rows.map((f) => f.id),
  )
  return {
    rows: rows.map((f) => ({ ...f, budgetFen: f.budgetFen.toString(), usedFen: String(usage.get(f.id)!.usedFen) })),
    years: years.map((y) => y.academicYear),
    ...pageInfo(total, query.page),
  }
}

/** A fund with its allocations and what it (and each allocated college) has used, for the edit page. */
export async function findFund(id: string) {
  const fund = await prisma.fund.findUnique({ where: { id }, include: { allocations: true } })
  if (!fund) return null
  const usage = (await fundsUsage(prisma, [id])).get(id)!
  return {
    fund,
    usedFen: String(usage.usedFen),
    usedByCollege: Object.fromEntries(fund.allocations.map((a) => [a.collegeId, String(usedBy(usage, a.collegeId))])),
  }
}

/** The form's values for an existing fund: amounts as yuan strings. */
export function fundFormValues(fund: NonNullable<Awaited<ReturnType<typeof findFund>>>['fund']) {
  return {
    academicYear: fund.academicYear,
    nameZh: fund.nameZh,
    nameEn: fund.nameEn,
    purpose: fund.purpose,
    budget: yuanInputs({ budget: fund.budgetFen }).budget,
    perPersonCap: fund.perPersonCapFen === null ? undefined : yuanInputs({ cap: fund.perPersonCapFen }).cap,
    kinds: fund.kinds,
    stipend: yuanInputs((fund.stipendRules as { monthlyFenByRegion?: Record<string, number> }).monthlyFenByRegion ?? {}),
    lines: yuanInputs(fund.lineStandards as Record<string, number>),
    allocations: yuanInputs(Object.fromEntries(fund.allocations.map((a) => [a.collegeId, a.amountFen]))),
  }
}

const yuanText = (fen: bigint) => yuanInputs({ fen }).fen

/**
 * Creates or updates a fund and its per-college allocations. The allocations may not add up to more
 * than the budget, and neither the budget nor an allocation may drop below what is already used.
 * The fund row is locked for the check and the update, so finance cannot commit an award between them.
 */
export async function saveFund(actor: SessionUser, id: string | undefined, input: FundInput): Promise<SaveResult> {
  return prisma.$transaction(async (tx) => {
    if (id) {
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Fund" WHERE "id" = ${id} FOR UPDATE`
      if (!locked.length) return notFound()
    }
    const before = id ? await tx.fund.findUnique({ where: { id }, include: { allocations: true } }) : null
    const errors: FieldErrors = {}
    const budget = BigInt(input.budget ?? 0)
    const allocations = Object.entries(input.allocations).map(([collegeId, fen]) => ({ collegeId, amountFen: BigInt(fen) }))

    const known = await tx.college.findMany({ where: { id: { in: allocations.map((a) => a.collegeId) } }, select: { id: true } })
    for (const a of allocations) if (!known.some((c) => c.id === a.collegeId)) errors[`allocations.${a.collegeId}`] = 'form.invalidChoice'
    const allocated = allocations.reduce((sum, a) => sum + a.amountFen, 0n)
    if (allocated > budget) errors.allocations = { key: 'adminConfig.error.overAllocated', params: { total: yuanText(allocated) } }

    if (before) {
      // Read under the fund's lock taken above: no commitment can change it before this transaction ends.
      const usage = (await fundsUsage(tx, [before.id])).get(before.id)!
      const used = BigInt(usage.usedFen)
      const usedByCollege = (collegeId: string) => BigInt(usedBy(usage, collegeId))
      if (budget < used) errors.budget = { key: 'adminConfig.error.budgetBelowUsed', params: { used: yuanText(used) } }
      const colleges = [...new Set([...before.allocations.map((a) => a.collegeId), ...allocations.map((a) => a.collegeId)])]
      // Lowering or removing a college's allocation: not below what that college has used.
      for (const collegeId of colleges) {
        const amount = allocations.find((a) => a.collegeId === collegeId)?.amountFen ?? 0n
        const collegeUsed = usedByCollege(collegeId)
        if (amount < collegeUsed) {
          errors[`allocations.${collegeId}`] = { key: 'adminConfig.error.allocationBelowUsed', params: { used: yuanText(collegeUsed) } }
        }
      }
      // Colleges without an allocation draw on the unallocated rest of the budget (app/domain/funding).
      const poolUsed = used - allocations.reduce((sum, a) => sum + usedByCollege(a.collegeId), 0n)
      if (!errors.allocations && budget - allocated < poolUsed) {
        errors.allocations = { key: 'adminConfig.error.poolBelowUsed', params: { used: yuanText(poolUsed) } }
      }
      // Programs already drawing on the fund must stay of its year and kinds.
      const mismatched = await tx.program.count({
        where: { fundId: before.id, OR: [{ academicYear: { not: input.academicYear } }, { kind: { notIn: input.kinds } }] },
      })
      if (mismatched) errors.kinds = 'adminConfig.error.fundProgramsMismatch'
    }
    if (Object.keys(errors).length) return refuseFields(errors)

    const data = {
      academicYear: input.academicYear,
      nameZh: input.nameZh,
      nameEn: input.nameEn,
      purpose: input.purpose,
      budgetFen: budget,
      perPersonCapFen: input.perPersonCap ?? null,
      kinds: input.kinds,
      stipendRules: input.stipend,
      lineStandards: input.lines,
    }
    const fund = before ? await tx.fund.update({ where: { id: before.id }, data }) : await tx.fund.create({ data })
    await tx.fundAllocation.deleteMany({ where: { fundId: fund.id, collegeId: { notIn: allocations.map((a) => a.collegeId) } } })
    for (const a of allocations) {
      await tx.fundAllocation.upsert({
        where: { fundId_collegeId: { fundId: fund.id, collegeId: a.collegeId } },
        create: { fundId: fund.id, ...a },
        update: { amountFen: a.amountFen },
      })
    }
    const after = await tx.fund.findUniqueOrThrow({ where: { id: fund.id }, include: { allocations: true } })
    await recordAudit(tx, {
      actorId: actor.id,
      action: before ? 'fund.update' : 'fund.create',
      entityType: 'fund',
      entityId: fund.id,
      ...(before && { before: snapshot(before) }),
      after: snapshot(after),
    })
    return { ok: true, id: fund.id }
  })
}
