// The personal-information forms (PIPL): consent to the processing notice, the admin's notice and
// retention periods, a student's deletion request and the office's answer.
import { z } from 'zod'
import { RETENTION_MONTHS, retentionKinds } from '~/domain/personal-data'
import { msg } from './fields'

export const MAX_NOTICE = 20000
export const MAX_PRIVACY_TEXT = 1000

/** Multi-line text: \n line breaks, trimmed, bounded, no NUL or other control characters but line breaks and tabs. */
function paragraphs(max: number, required: boolean) {
  const base = z
    .string(msg('form.required'))
    .overwrite((v) => v.replace(/\r\n?/g, '\n'))
    .trim()
    .max(max, msg('form.tooLong', { max }))
    .refine((v) => !/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(v.replace(/[\n\t]/g, '')), msg('form.controlChars'))
  return required ? base.min(1, msg('form.required')) : base.optional().default('')
}

/** A ticked checkbox ("on"); unticked sends nothing. */
const ticked = (message: Parameters<typeof msg>[0]) => z.literal('on', msg(message))

export const consentSchema = z.object({
  version: z.coerce.number().int().min(0).max(1_000_000).catch(-1),
  notice: ticked('privacy.consent.noticeRequired'),
  sensitive: ticked('privacy.consent.sensitiveRequired'),
})

const months = z.coerce
  .number(msg('form.required'))
  .int(msg('privacy.retention.months'))
  .min(RETENTION_MONTHS.min, msg('privacy.retention.months'))
  .max(RETENTION_MONTHS.max, msg('privacy.retention.months'))

export const adminPrivacySchema = z.discriminatedUnion(
  'intent',
  [
    z.object({
      intent: z.literal('retention'),
      months: z.object(
        Object.fromEntries(retentionKinds.map((k) => [k, months])) as Record<(typeof retentionKinds)[number], typeof months>,
      ),
    }),
    z.object({ intent: z.literal('notice'), bodyZh: paragraphs(MAX_NOTICE, true), bodyEn: paragraphs(MAX_NOTICE, true) }),
  ],
  { error: msg('form.invalidChoice') },
)

export const deletionRequestSchema = z.object({ note: paragraphs(MAX_PRIVACY_TEXT, false) })

/** Which request (a hidden input): anything else is a form the page never sent. */
const requestId = z.string(msg('form.invalidChoice')).trim().min(1, msg('form.invalidChoice')).max(40, msg('form.invalidChoice'))

export const deletionAnswerSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('complete'), requestId }),
    z.object({ intent: z.literal('refuse'), requestId, reason: paragraphs(MAX_PRIVACY_TEXT, true) }),
  ],
  { error: msg('form.invalidChoice') },
)
