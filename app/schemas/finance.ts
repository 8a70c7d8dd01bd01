// Finance's forms on an award's page (confirm, return, pay) and the student's return report.
// Amounts are yuan typed by people, parsed to integer fen (fields.ts yuan()).
import { z } from 'zod'
import { isoDate, msg, text, withoutNul, yuan } from './fields'
import { coFundingSchema, foreignReceiptSchema } from './fx'

/** Length limits in characters (domain/text.ts), checked here and again by the models. */
export const MAX_NOTE = 2000
export const MAX_VOUCHER = 64
export const MAX_SUMMARY = 5000

const requiredYuan = () => yuan().refine((fen) => fen !== undefined, msg('form.required'))
// The version the page showed, a hidden field: anything else is a page out of date.
const version = z.coerce.number(msg('finance.award.stale')).int(msg('finance.award.stale')).min(0, msg('finance.award.stale'))
const optionalText = (max: number) =>
  z
    .string(msg('form.required'))
    .trim()
    .max(max, msg('form.tooLong', { max }))
    .refine(withoutNul, msg('form.controlChars'))
    .optional()
    .default('')

export const confirmAwardSchema = z.object({
  intent: z.literal('confirm'),
  version,
  // A line name too long, or no line at all (the field alone): no such line.
  approved: z.record(z.string().max(40), requiredYuan(), msg('finance.error.unknownLine')),
  note: optionalText(MAX_NOTE),
  // An id, looked up by the model: anything else (a NUL would fail the query) is no such fund.
  splitFundId: z
    .string(msg('finance.error.splitFund'))
    .regex(/^[a-z0-9]{1,40}$/, msg('finance.error.splitFund'))
    .optional(),
  splitAmount: yuan(),
})

export const returnAwardSchema = z.object({ intent: z.literal('return'), version, reason: text(MAX_NOTE) })

export const payAwardSchema = z.object({
  intent: z.literal('pay'),
  version,
  paidAmount: requiredYuan(),
  voucherNumber: text(MAX_VOUCHER),
  paidOn: isoDate(),
})

// An instalment's id, looked up by the model within the award: anything else is a page out of date.
const instalmentId = z.string(msg('finance.award.stale')).regex(/^[a-z0-9]{1,40}$/, msg('finance.award.stale'))

const payInstalmentSchema = z.object({
  intent: z.literal('payInstalment'),
  version,
  instalmentId,
  paidAmount: requiredYuan(),
  voucherNumber: text(MAX_VOUCHER),
  paidOn: isoDate(),
})

const editInstalmentSchema = z.object({
  intent: z.literal('editInstalment'),
  version,
  instalmentId,
  amount: requiredYuan(),
  dueOn: isoDate(),
})

export const closeAwardSchema = z.object({ intent: z.literal('close'), version, reason: text(MAX_NOTE) })

export const awardActionSchema = z.discriminatedUnion(
  'intent',
  [
    confirmAwardSchema,
    returnAwardSchema,
    payAwardSchema,
    payInstalmentSchema,
    editInstalmentSchema,
    closeAwardSchema,
    foreignReceiptSchema,
    coFundingSchema,
  ],
  {
    // A hidden field: no form of the page sends anything else.
    error: msg('finance.award.unknownForm'),
  },
)

export const returnReportSchema = z.object({
  summary: text(MAX_SUMMARY),
  actual: z.record(z.string().max(40), requiredYuan(), msg('report.error.actual')).optional().default({}),
})
