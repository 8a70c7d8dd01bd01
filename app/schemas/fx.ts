// Finance's forms for foreign currency (ADR 0024): the bank's rate table pasted as CSV, one rate by
// hand, and a receipt in a foreign currency on an award's page.
import { z } from 'zod'
import { exportLayoutIds } from '~/domain/export-layout'
import { coFundingSources } from '~/domain/funding'
import { parseRate } from '~/domain/fx'
import { choice, isoDate, msg, withoutNul } from './fields'

/** The bank's CSV for a few months of rates is far below this. */
const MAX_RATE_CSV = 500_000

const currency = () =>
  z
    .string(msg('form.required'))
    .trim()
    .regex(/^[A-Za-z]{3}$/, msg('fx.error.currency'))
    .transform((v) => v.toUpperCase())

export const importRatesSchema = z.object({
  intent: z.literal('import'),
  csv: z
    .string(msg('form.required'))
    .min(1, msg('form.required'))
    .max(MAX_RATE_CSV, msg('form.tooLong', { max: MAX_RATE_CSV }))
    .refine(withoutNul, msg('form.controlChars')),
})

export const setRateSchema = z.object({
  intent: z.literal('set'),
  currency: currency(),
  day: isoDate(),
  units: choice(['1', '100']).transform(Number),
  rate: z.string(msg('form.required')).transform((v, ctx) => {
    const e4 = parseRate(v)
    if (e4 === null) ctx.issues.push({ code: 'custom', input: v, message: msg('fx.error.rate') })
    return e4 ?? 0
  }),
})

export const ratesActionSchema = z.discriminatedUnion('intent', [importRatesSchema, setRateSchema], {
  error: msg('finance.award.unknownForm'),
})

export const foreignReceiptSchema = z.object({
  intent: z.literal('receipt'),
  line: z.string(msg('form.required')).max(40, msg('finance.error.unknownLine')).refine(withoutNul, msg('finance.error.unknownLine')),
  currency: currency(),
  amount: z.string(msg('form.required')).trim().min(1, msg('form.required')).max(30, msg('fx.error.amount')),
  receiptOn: isoDate(),
})

/** Year end on the fiscal view: the fiscal year whose open commitments go into the next. */
export const carryForwardSchema = z.object({
  fiscalYear: z.coerce
    .number(msg('fiscal.error.year'))
    .int(msg('fiscal.error.year'))
    .min(2000, msg('fiscal.error.year'))
    .max(2100, msg('fiscal.error.year')),
})

/** Other funding of a mobility on the award's page (co-funding.server.ts). */
export const coFundingSchema = z.object({
  intent: z.literal('cofunding'),
  source: choice(coFundingSources),
  currency: currency(),
  amount: z.string(msg('form.required')).trim().min(1, msg('form.required')).max(30, msg('fx.error.amount')),
  day: isoDate(),
})

/** The admin's column order of an export (which one: `layout`): a column or nothing per position. */
export const exportLayoutSchema = z.object({
  layout: z.enum(exportLayoutIds, msg('exportLayout.error.unknown')).default('finance-movements'),
  columns: z
    // A position left empty arrives as nothing (conform reads '' as undefined): not exported.
    .array(z.string(msg('exportLayout.error.unknown')).max(40, msg('exportLayout.error.unknown')).optional().default(''))
    .max(40, msg('exportLayout.error.unknown')),
})
