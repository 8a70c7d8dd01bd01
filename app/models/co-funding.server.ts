// Other funding of a mobility (ADR 0024): the China Scholarship Council, the host university, an
// external scholarship, the student's own money. Finance records it on the award's page, in any
// currency (a foreign one converted at the central parity of the day named, as receipts are);
// the award's page shows the mobility's total cost and the university's share, and the policy
// dashboard the cost per mobility and the university's share by kind and college.
import { isIsoDate } from '~/domain/dates'
import { coFundingSources, type CoFundingSource } from '~/domain/funding'
import { amountTooLarge, isForeignCurrency, parseForeignAmount, toFenWithinCap } from '~/domain/fx'
import { parseYuan } from '~/domain/money'
import { notFound, refuseFields, type FieldMessage, type Result } from '~/domain/result'
import { Prisma } from '~/generated/prisma/client'
import { recordAudit } from '~/lib/audit.server'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { financeAwardId } from './finance.server'

export type CoFundingInput = { awardId: string; source: CoFundingSource; currency: string; amount: string; day: string }

/** Records other funding of the award's mobility; a foreign currency without a rate for the day is refused, naming it. */
export async function recordCoFunding(actor: SessionUser, input: CoFundingInput): Promise<Result<{ amountFen: number }>> {
  const award = await financeAwardId(actor, input.awardId)
  if (!award) return notFound()
  const currency = input.currency.trim().toUpperCase()
  const fields: Record<string, FieldMessage> = {}
  let minor: bigint | null = null
  if (currency === 'CNY') {
    const parsed = parseYuan(input.amount)
    minor = parsed.ok && parsed.fen > 0 ? BigInt(parsed.fen) : null
  } else if (isForeignCurrency(currency)) minor = parseForeignAmount(input.amount, currency)
  else fields.currency = 'fx.error.currency'
  if (!fields.currency && minor === null) fields.amount = 'fx.error.amount'
  if (!isIsoDate(input.day)) fields.day = 'application.error.date'
  if (!coFundingSources.includes(input.source)) fields.source = 'form.invalidChoice'
  if (Object.keys(fields).length || minor === null) return refuseFields(fields)
  let conversion: { rateDay: Date; units: number; cnyE4: number } | null = null
  if (currency !== 'CNY') {
    const rate = await prisma.exchangeRate.findUnique({ where: { currency_day: { currency, day: new Date(`${input.day}T00:00:00Z`) } } })
    if (!rate) return refuseFields({ day: { key: 'fx.error.noRate', params: { currency, day: input.day } } })
    conversion = { rateDay: rate.day, units: rate.units, cnyE4: rate.cnyE4 }
  }
  const amountFen = conversion ? toFenWithinCap(minor, currency, conversion) : Number(minor)
  if (amountFen === null) return refuseFields({ amount: amountTooLarge })
  await prisma.$transaction(async (tx) => {
    const row = await tx.coFunding.create({
      data: {
        applicationId: award.applicationId,
        source: input.source,
        currency,
        amountMinor: minor,
        ...conversion,
        amountFen,
        createdById: actor.id,
      },
    })
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'application.co_funding',
      entityType: 'application',
      entityId: award.applicationId,
      applicationId: award.applicationId,
      after: { coFunding: row.id, source: input.source, currency, amount: input.amount.trim(), amountFen },
    })
  })
  return { ok: true, amountFen }
}

/** The mobility's other funding, for the award's page. */
export function coFundingOf(applicationId: string) {
  return prisma.coFunding.findMany({ where: { applicationId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })
}

export type CostLine = {
  kind: string
  collegeId: string
  nameZh: string
  nameEn: string
  mobilities: number
  universityFen: number
  otherFen: number
}

/**
 * Cost per mobility of one academic year, per program kind and college: the mobilities the
 * university funds (an award committed or paid) or others fund, what the university's funds used
 * on them (committed and not paid, plus paid) and what other funding brought. `colleges` limits
 * it to the colleges the viewer may count (null: every college).
 */
export async function costPerMobility(academicYear: string, colleges: string[] | null): Promise<CostLine[]> {
  const scope = colleges ? Prisma.sql`AND t."collegeId" IN (${Prisma.join(colleges.length ? colleges : [''])})` : Prisma.empty
  // Totals per year, kind and college kept by triggers on awards and co-funding (decision 29).
  const rows = await prisma.$queryRaw<
    { kind: string; collegeId: string; nameZh: string; nameEn: string; mobilities: number; university: bigint; other: bigint }[]
  >`
    SELECT t."kind"::text AS kind, t."collegeId", c."nameZh", c."nameEn", t."mobilities", t."universityFen" AS university, t."otherFen" AS other
    FROM "CostTotal" t
    JOIN "College" c ON c."id" = t."collegeId"
    WHERE t."academicYear" = ${academicYear} AND t."mobilities" > 0 ${scope}
    ORDER BY t."kind", c."code"`
  return rows.map((r) => ({
    kind: r.kind,
    collegeId: r.collegeId,
    nameZh: r.nameZh,
    nameEn: r.nameEn,
    mobilities: Number(r.mobilities),
    universityFen: Number(r.university),
    otherFen: Number(r.other),
  }))
}
