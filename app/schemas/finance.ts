// Finance's forms on an award's page (confirm, return, pay) and the student's return report.
// Amounts are yuan typed by people, parsed to integer fen (fields.ts yuan()).
import { z } from 'zod'
import { decimal, isoDate, msg, text, yuan } from './fields'

const requiredYuan = () => yuan().refine((fen) => fen !== undefined, msg('form.required'))
const version = z.coerce.number().int().min(0)
const optionalText = (max: number) => z.string().trim().max(max, msg('form.tooLong', { max })).optional().default('')

export const confirmAwardSchema = z.object({
  intent: z.literal('confirm'),
  version,
  approved: z.record(z.string().max(40), requiredYuan()),
  note: optionalText(2000),
  splitFundId: z.string().max(40).optional(),
  splitAmount: yuan(),
})

export const returnAwardSchema = z.object({ intent: z.literal('return'), version, reason: text(2000) })

export const payAwardSchema = z.object({
  intent: z.literal('pay'),
  version,
  paidAmount: requiredYuan(),
  voucherNumber: text(64),
  paidOn: isoDate(),
})

export const awardActionSchema = z.discriminatedUnion('intent', [confirmAwardSchema, returnAwardSchema, payAwardSchema])

export const returnReportSchema = z.object({
  summary: text(5000),
  /** Exchange only: the credits recognised, in steps of 0.5. */
  credits: decimal(0, 200, 1).optional(),
  actual: z.record(z.string().max(40), requiredYuan()).optional().default({}),
})
