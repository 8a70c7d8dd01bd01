// Finance's table of the People's Bank of China's central parity rates (ADR 0024): imported from
// the bank's CSV or entered by hand, one rate per currency and day (a later entry replaces the
// earlier one, audited with both), and receipts in a foreign currency converted at the rate of
// the day the university's rule names (domain/fx.ts rateDayFor). A receipt whose day has no rate
// is refused with a message naming the day.
import { isIsoDate, shanghaiDate } from '~/domain/dates'
import {
  amountTooLarge,
  formatRate,
  isForeignCurrency,
  parseForeignAmount,
  parseRateCsv,
  rateDayFor,
  toFenWithinCap,
  type Rate,
} from '~/domain/fx'
import { parseCsv, CsvError } from '~/domain/import/csv'
import { notFound, refuse, refuseFields, type FieldMessage, type Refusal, type Result } from '~/domain/result'
import { Prisma } from '~/generated/prisma/client'
import { recordAudit, recordAudits } from '~/lib/audit.server'
import { cuidLike } from '~/lib/bulk-insert.server'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { refusableTransaction } from '~/lib/refusable-transaction.server'
import { financeAwardId } from './finance.server'

type Tx = Prisma.TransactionClient
const asDay = (day: string) => new Date(`${day}T00:00:00Z`)

/** The most recent rates first: the table finance reads and corrects. */
export async function recentRates(limit = 100) {
  const rows = await prisma.exchangeRate.findMany({ orderBy: [{ day: 'desc' }, { currency: 'asc' }], take: limit })
  return rows.map((r) => ({
    id: r.id,
    currency: r.currency,
    day: shanghaiDate(r.day),
    units: r.units,
    rate: formatRate(r.cnyE4),
    source: r.source,
  }))
}

/**
 * Writes the rates, each replacing the table's rate of its currency and day, in a few statements
 * whatever their number (a year of the bank's file is some thousands: row by row, 6,000 of them
 * outlasted the transaction's 15 s). A replaced rate that differed is audited with both, in order of
 * day and currency. Should the file name a currency and day twice, its later line is the one kept
 * (and the only one compared with the table's). Returns how many rates were written.
 */
async function saveRates(tx: Tx, actor: SessionUser, rates: Rate[], source: 'csv' | 'manual'): Promise<number> {
  const latest = new Map(rates.map((rate) => [`${rate.currency} ${rate.day}`, rate]))
  const rows = JSON.stringify(
    [...latest.values()].map((r) => ({ id: cuidLike(), currency: r.currency, day: r.day, units: r.units, cnyE4: r.cnyE4 })),
  )
  const given = Prisma.sql`json_to_recordset(${rows}::json) AS n(id text, currency text, day date, units int, "cnyE4" int)`
  const replaced = await tx.$queryRaw<
    { id: string; currency: string; day: string; units: number; cnyE4: number; newUnits: number; newCnyE4: number }[]
  >`
    SELECT e.id, e.currency, to_char(e.day, 'YYYY-MM-DD') AS day, e.units, e."cnyE4", n.units AS "newUnits", n."cnyE4" AS "newCnyE4"
    FROM ${given} JOIN "ExchangeRate" e ON e.currency = n.currency AND e.day = n.day
    WHERE e.units <> n.units OR e."cnyE4" <> n."cnyE4"
    ORDER BY e.day, e.currency`
  // Prisma stores UTC in columns without a zone: the time is written as such, not as now().
  const setAt = new Date().toISOString().replace('Z', '')
  await tx.$executeRaw`
    INSERT INTO "ExchangeRate" (id, currency, day, units, "cnyE4", source, "setById", "setAt")
    SELECT n.id, n.currency, n.day, n.units, n."cnyE4", ${source}, ${actor.id}, ${setAt}::timestamp FROM ${given}
    ON CONFLICT (currency, day) DO UPDATE
    SET units = excluded.units, "cnyE4" = excluded."cnyE4", source = excluded.source, "setById" = excluded."setById", "setAt" = excluded."setAt"`
  await recordAudits(
    tx,
    replaced.map((before) => ({
      actorId: actor.id,
      action: 'fx.rate_replace',
      entityType: 'exchange_rate',
      entityId: before.id,
      before: { currency: before.currency, day: before.day, units: before.units, rate: formatRate(before.cnyE4) },
      after: { currency: before.currency, day: before.day, units: before.newUnits, rate: formatRate(before.newCnyE4), source },
    })),
  )
  return latest.size
}

/** Imports the bank's CSV: all of it, or nothing when a line is wrong (the refusal names the first lines). */
export async function importRates(actor: SessionUser, text: string): Promise<Result<{ imported: number }>> {
  let records
  try {
    records = parseCsv(text.replace(/^\uFEFF/, ''), { maxRecords: 20_000 })
  } catch (error) {
    if (error instanceof CsvError) return refuseFields({ csv: 'fx.error.csvFormat' })
    throw error
  }
  const { rates, problems } = parseRateCsv(records.map((r) => r.cells))
  if (problems.length) {
    const lines = problems
      .slice(0, 5)
      .map((p) => p.line)
      .join(', ')
    return refuseFields({ csv: { key: 'fx.error.csvLines', params: { lines } } })
  }
  if (!rates.length) return refuseFields({ csv: 'fx.error.csvEmpty' })
  let imported = 0
  const result = await refusableTransaction(async (tx) => {
    imported = await saveRates(tx, actor, rates, 'csv')
    const days = rates.map((r) => r.day).sort()
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'fx.import',
      entityType: 'exchange_rate',
      entityId: 'csv',
      after: { rates: imported, from: days[0], to: days[days.length - 1] },
    })
  })
  return result.ok ? { ok: true, imported } : result
}

export type ManualRate = { currency: string; day: string; units: number; cnyE4: number }

/** One rate entered by hand (a day the bank's file did not have, or a correction). */
export async function setRate(actor: SessionUser, input: ManualRate): Promise<Result> {
  const currency = input.currency.trim().toUpperCase()
  if (!isForeignCurrency(currency)) return refuseFields({ currency: 'fx.error.currency' })
  if (!isIsoDate(input.day)) return refuseFields({ day: 'application.error.date' })
  if (!Number.isSafeInteger(input.cnyE4) || input.cnyE4 <= 0 || ![1, 100].includes(input.units))
    return refuseFields({ rate: 'fx.error.rate' })
  return refusableTransaction(async (tx) => {
    await saveRates(tx, actor, [{ ...input, currency }], 'manual')
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'fx.rate_set',
      entityType: 'exchange_rate',
      entityId: `${currency}:${input.day}`,
      after: { currency, day: input.day, units: input.units, rate: formatRate(input.cnyE4) },
    })
  })
}

export type ReceiptInput = { awardId: string; line: string; currency: string; amount: string; receiptOn: string }

/**
 * A receipt in a foreign currency against one of the award's lines, converted at the rate of the
 * rule's day: stored with the original amount, currency, rate and day beside the fen. Refused,
 * naming the day, when the table has no rate for it.
 */
export async function recordForeignReceipt(actor: SessionUser, input: ReceiptInput): Promise<Result<{ convertedFen: number }>> {
  const award = await financeAwardId(actor, input.awardId)
  if (!award) return notFound()
  if (award.status === 'proposed' || award.status === 'released') return refuse('finance.award.stale')
  const fields: Record<string, FieldMessage> = {}
  const currency = input.currency.trim().toUpperCase()
  if (!isForeignCurrency(currency)) fields.currency = 'fx.error.currency'
  const minor = isForeignCurrency(currency) ? parseForeignAmount(input.amount, currency) : null
  if (isForeignCurrency(currency) && minor === null) fields.amount = 'fx.error.amount'
  if (!(input.line in (award.lines as Record<string, unknown>))) fields.line = 'finance.error.unknownLine'
  if (!isIsoDate(input.receiptOn)) fields.receiptOn = 'application.error.date'
  if (Object.keys(fields).length || minor === null) return refuseFields(fields)
  const day = rateDayFor({ receiptOn: input.receiptOn })
  const rate = await prisma.exchangeRate.findUnique({ where: { currency_day: { currency, day: asDay(day) } } })
  if (!rate) return refuseFields({ receiptOn: { key: 'fx.error.noRate', params: { currency, day } } })
  const convertedFen = toFenWithinCap(minor, currency, rate)
  if (convertedFen === null) return refuseFields({ amount: amountTooLarge })
  const outcome = await refusableTransaction(async (tx): Promise<Refusal | void> => {
    const receipt = await tx.foreignReceipt.create({
      data: {
        awardId: award.id,
        line: input.line,
        currency,
        amountMinor: minor,
        receiptOn: asDay(input.receiptOn),
        rateDay: asDay(day),
        units: rate.units,
        cnyE4: rate.cnyE4,
        convertedFen,
        createdById: actor.id,
      },
    })
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'award.foreign_receipt',
      entityType: 'award',
      entityId: award.id,
      applicationId: award.applicationId,
      after: {
        receipt: receipt.id,
        line: input.line,
        currency,
        amount: input.amount.trim(),
        rateDay: day,
        rate: formatRate(rate.cnyE4),
        units: rate.units,
        convertedFen,
      },
    })
  })
  return outcome.ok ? { ok: true, convertedFen } : outcome
}
