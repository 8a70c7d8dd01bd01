// The learning agreement's forms (decision 26): the student's (a line added or removed, the draft
// submitted, a new version, the grades), the approver's (a line decided, a recognition confirmed)
// and the admin's grade scale. Credits are typed as numbers with at most one decimal and leave
// here as integer tenths.
import { z } from 'zod'
import { isCountryCode } from '~/domain/countries'
import { MAX_COURSE_TENTHS, MAX_LINES } from '~/domain/learning-agreement'
import { choice, msg, paragraphs, text } from './fields'

const id = z.string(msg('la.error.stale')).regex(/^[a-z0-9]{10,40}$/, msg('la.error.stale'))
/** The version counter the page was drawn with (0: no agreement yet). */
const version = z.coerce
  .number(msg('la.error.stale'))
  .int(msg('la.error.stale'))
  .min(0, msg('la.error.stale'))
  .max(1_000_000, msg('la.error.stale'))

const credits = z.coerce
  .number(msg('la.error.credits'))
  .min(0, msg('la.error.credits'))
  .max(MAX_COURSE_TENTHS / 10, msg('la.error.credits'))
  .refine((n) => Number(n.toFixed(1)) === n, msg('la.error.credits'))
  .transform((n) => Math.round(n * 10))

// A blank input reaches the schema as nothing (conform), so optional text is text(…).optional().
const optionalText = (max: number) => text(max).optional()

const addLine = z
  .object({
    intent: z.literal('add'),
    version,
    hostCode: text(40),
    hostTitle: text(200),
    hostCredits: credits,
    term: text(40),
    homeCode: optionalText(40),
    homeTitle: optionalText(200),
    homeCredits: credits,
  })
  .superRefine((v, ctx) => {
    if (v.homeCode && !v.homeTitle) ctx.addIssue({ code: 'custom', path: ['homeTitle'], message: msg('la.error.homeTitle') })
  })

export const studentAgreementSchema = z.discriminatedUnion(
  'intent',
  [
    addLine,
    z.object({ intent: z.literal('remove'), version, lineId: id }),
    z.object({ intent: z.literal('submit'), version }),
    z.object({ intent: z.literal('newVersion'), version }),
    z.object({
      intent: z.literal('grades'),
      version,
      grades: z
        .record(id, z.string().trim().max(20, msg('la.error.grade')).optional().default(''))
        .refine((g) => Object.keys(g).length <= MAX_LINES, msg('la.error.stale'))
        .optional()
        .default({}),
    }),
  ],
  msg('form.invalidChoice'),
)

export const approverAgreementSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({
      intent: z.literal('decide'),
      versionId: id,
      version,
      lineId: id,
      decision: choice(['approved', 'rejected']),
      comment: optionalText(500),
    }),
    z.object({ intent: z.literal('recognise'), versionId: id, version, lineId: id }),
  ],
  msg('form.invalidChoice'),
)

export const gradeScaleSchema = z
  .object({
    scope: choice(['partner', 'country']),
    partnerId: z
      .string()
      .regex(/^[a-z0-9]{10,40}$/, msg('la.scales.error.scope'))
      .optional(),
    countryCode: z
      .string()
      .refine((v) => isCountryCode(v), msg('la.scales.error.scope'))
      .optional(),
    bands: paragraphs(4000),
  })
  .superRefine((v, ctx) => {
    if (v.scope === 'partner' ? !v.partnerId : !v.countryCode)
      ctx.addIssue({ code: 'custom', path: [v.scope === 'partner' ? 'partnerId' : 'countryCode'], message: msg('la.scales.error.scope') })
  })

/** The export's academic year (query string). */
export const exportYearSchema = z.object({ year: z.string().regex(/^\d{4}-\d{4}$/) })
