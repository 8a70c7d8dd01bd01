import { z } from 'zod'

// Field builders shared by every form. Messages are i18n keys ("key|{params}"), translated where
// the error is shown, so the same schema serves the browser and the server in both languages.
const CONTROL_CHARS = /[\p{Cc}\p{Cf}\u2028\u2029]/u

export const msg = (key: string, params?: Record<string, number | string>) =>
  params ? `${key}|${JSON.stringify(params)}` : key

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

export const choice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, msg('form.invalidChoice'))
