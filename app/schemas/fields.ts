import { z } from 'zod'
import { isIsoDate } from '~/domain/dates'
import { fenToYuanInput, MAX_AMOUNT_FEN, parseYuan } from '~/domain/money'

// Field builders shared by every form. Messages are i18n keys ("key|{params}"), translated where
// the error is shown, so the same schema serves the browser and the server in both languages.
const CONTROL_CHARS = /[\p{Cc}\p{Cf}\u2028\u2029]/u

export const msg = (key: string, params?: Record<string, number | string>) => (params ? `${key}|${JSON.stringify(params)}` : key)

/** PostgreSQL text cannot hold NUL: a search term with one would fail the query. */
export const withoutNul = (v: string) => !v.includes('\0')

/** Required single-line text: trimmed, bounded, no control characters. */
export function text(max: number, min = 1) {
  return z
    .string(msg('form.required'))
    .trim()
    .min(min, min <= 1 ? msg('form.required') : msg('form.tooShort', { min }))
    .max(max, msg('form.tooLong', { max }))
    .refine((v) => !CONTROL_CHARS.test(v), msg('form.controlChars'))
}

export const email = () =>
  z
    .string(msg('form.required'))
    .trim()
    .max(254, msg('form.tooLong', { max: 254 }))
    .pipe(z.email(msg('form.invalidEmail')))
    .transform((v) => v.toLowerCase())

export const password = () =>
  z
    .string(msg('form.required'))
    .min(10, msg('form.tooShort', { min: 10 }))
    .max(128, msg('form.tooLong', { max: 128 }))

export const choice = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, msg('form.invalidChoice'))

/** A calendar day yyyy-mm-dd (the value of <input type="date">), within a plausible range. */
export const isoDate = () =>
  z
    .string(msg('form.required'))
    .trim()
    .refine((v) => isIsoDate(v) && v >= '1990-01-01' && v <= '2100-12-31', msg('application.error.date'))

/** A number typed by a person: bounded, with at most `decimals` decimals. */
export function decimal(min: number, max: number, decimals: number) {
  return z
    .number({ error: (issue) => (issue.input === undefined ? msg('form.required') : msg('application.error.number')) })
    .min(min, msg('application.error.numberMin', { min }))
    .max(max, msg('application.error.numberMax', { max }))
    .refine((n) => Number(n.toFixed(decimals)) === n, msg('application.error.decimals', { decimals }))
}

/**
 * A budget amount: yuan typed as text ("1234.5") in, integer fen out; blank is no amount.
 * Stored details keep fen, so a whole number is read as fen: stored details parse again unchanged.
 */
export const yuan = () =>
  z
    .preprocess(
      (v) => (Number.isSafeInteger(v) ? fenToYuanInput(v as number) : v),
      z.string(msg('application.error.amount.format')).optional(),
    )
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return undefined
      const parsed = parseYuan(v)
      if (parsed.ok) return parsed.fen
      ctx.issues.push({
        code: 'custom',
        input: v,
        message: msg(`application.error.amount.${parsed.reason}`, { max: MAX_AMOUNT_FEN / 100 }),
      })
      return z.NEVER
    })

// Control characters but line breaks and tabs, for multi-line answers (text() refuses newlines).
export const CONTROL_CHARS_BUT_LINES = /[\p{Cc}\p{Cf}\u2028\u2029]/u
export const LINE_CHARS = /[\n\t]/g

/** Required multi-line text: line endings normalised to \n, trimmed, bounded. */
export function paragraphs(max: number) {
  return z
    .string(msg('form.required'))
    .overwrite((v) => v.replace(/\r\n?/g, '\n'))
    .trim()
    .min(1, msg('form.required'))
    .max(max, msg('form.tooLong', { max }))
    .refine((v) => !CONTROL_CHARS_BUT_LINES.test(v.replace(LINE_CHARS, '')), msg('form.controlChars'))
}
