import { z } from 'zod'
import { isAcademicYear, targetKinds, type TargetKind } from '~/domain/policy'
import { msg } from './fields'

export const MAX_TARGET = 1_000_000

/**
 * One cell of the target table: blank (no target) or a whole number of trips, 0 or more. Blank is
 * handled here: conform does not blank-to-undefined inside a record.
 */
const count = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z
    .string(msg('targets.error.count', { max: MAX_TARGET }))
    .trim()
    .regex(/^\d+$/, msg('targets.error.count', { max: MAX_TARGET }))
    .transform(Number)
    .refine((n) => n <= MAX_TARGET, msg('targets.error.count', { max: MAX_TARGET }))
    .optional(),
)

const row = z.object(
  Object.fromEntries(targetKinds.map((k) => [k, count])) as Record<TargetKind, typeof count>,
  msg('targets.error.count', { max: MAX_TARGET }),
)

/**
 * The yearly targets form: `targets.<scope>.<kind>`, scope "university" or a college id. Scopes
 * the portal does not know are refused by the model.
 */
export const targetsFormSchema = z.object({
  year: z.string(msg('form.required')).refine(isAcademicYear, msg('targets.error.year')),
  targets: z.record(z.string().regex(/^(university|[a-z0-9]{10,40})$/), row, msg('targets.error.unknownScope')).default({}),
})

export type TargetGrid = Record<string, Partial<Record<TargetKind, number>>>
