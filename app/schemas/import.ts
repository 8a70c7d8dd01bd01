import { z } from 'zod'
import { isIsoDate } from '~/domain/dates'
import { gpaScaleMax, gpaScales } from '~/domain/eligibility'
import { sanitizeFileName } from '~/domain/file-type'
import { importKinds } from '~/domain/import/columns'
import { partnerTiers, regions } from '~/domain/policy'
import { programKinds } from '~/domain/program'
import { levels } from '~/domain/roles'
import { translator, type MessageKey } from '~/i18n'
import { signupSchema } from './auth'
import { choice, msg, text } from './fields'

// What an administrator's import file holds, one schema per row (every cell arrives as text).
// Enumerations accept the English key or either language's label ("close", "紧密合作伙伴",
// "Close partner"); empty optional cells mean "none".

const zh = translator('zh-CN')
const en = translator('en')

/** Accepts a key, or its label in either language (case and surrounding spaces ignored). */
function labelled<const T extends readonly [string, ...string[]]>(values: T, labelKey: (v: T[number]) => MessageKey) {
  const lookup = new Map<string, T[number]>()
  for (const v of values) {
    for (const name of [v, zh(labelKey(v)), en(labelKey(v))]) lookup.set(name.toLowerCase(), v)
  }
  return z
    .string(msg('form.required'))
    .trim()
    .min(1, msg('form.required'))
    .transform((v) => lookup.get(v.toLowerCase()) ?? v)
    .pipe(oneOf(values))
}

/** One of `values`, naming them when the cell holds something else. */
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, msg('imports.error.choice', { values: values.join(', ') }))

/** A cell that must not be empty, then checked by `schema`. */
const required = <T extends z.ZodType<unknown, string>>(schema: T) =>
  z.string(msg('form.required')).trim().min(1, msg('form.required')).pipe(schema)

/** An empty cell becomes undefined, so `.optional()` fields treat it as missing. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional())

/** yyyy-mm-dd; also accepts yyyy/m/d and yyyy.m.d as typed in Chinese spreadsheets. */
const isoDate = () =>
  z
    .string()
    .trim()
    .transform((v) => {
      const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(v)
      return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : v
    })
    .refine(isIsoDate, msg('imports.error.date'))

const integer = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, msg('imports.error.integer', { min, max }))
    .transform(Number)
    .refine((n) => n >= min && n <= max, msg('imports.error.integer', { min, max }))

const yes = new Set(['是', 'y', 'yes', 'true', '1'])
const no = new Set(['否', 'n', 'no', 'false', '0'])
const yesNo = () =>
  z
    .string()
    .trim()
    .transform((v) => v.toLowerCase())
    .refine((v) => yes.has(v) || no.has(v), msg('imports.error.yesNo'))
    .transform((v) => yes.has(v))

/** Multi-line free text (descriptions): line breaks allowed, other control characters not. */
const longText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, msg('form.tooLong', { max }))
    .refine((v) => !/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(v.replace(/\n/g, '')), msg('form.controlChars'))

/** A pair of dates in order: the end (when both are given) is not before the start. */
const inOrder = (start: string, end: string) => (v: Record<string, unknown>, ctx: z.RefinementCtx) => {
  if (v[start] && v[end] && String(v[end]) < String(v[start])) {
    ctx.addIssue({ code: 'custom', path: [end], message: msg('imports.error.endBeforeStart') })
  }
}

export const partnerRowSchema = z
  .object({
    nameZh: text(100),
    nameEn: text(200),
    countryCode: required(
      z
        .string()
        .toUpperCase()
        .regex(/^[A-Z]{2}$/, msg('imports.error.countryCode')),
    ),
    countryZh: text(50),
    countryEn: text(100),
    region: labelled(regions, (r) => `region.${r}`),
    tier: labelled(partnerTiers, (t) => `tier.${t}`),
    beltAndRoad: optional(yesNo()),
    agreementStart: optional(isoDate()),
    agreementEnd: optional(isoDate()),
    placesPerYear: optional(integer(0, 1000)),
  })
  .superRefine(inOrder('agreementStart', 'agreementEnd'))

/** Several levels in one cell, separated by ; , 、 or spaces. */
const levelList = () =>
  z
    .string()
    .trim()
    .transform((v) => v.split(/[;,，；、\s]+/).filter(Boolean))
    .pipe(z.array(labelled(levels, (l) => `level.${l}`)).min(1, msg('form.required')))
    .transform((list) => [...new Set(list)])

export const programRowSchema = z
  .object({
    kind: labelled(programKinds, (k) => `kind.${k}`),
    /** The partner's English name or id; resolved against the database. */
    partner: optional(text(200)),
    academicYear: required(
      z.string().refine((v) => {
        const m = /^(\d{4})-(\d{4})$/.exec(v)
        return !!m && Number(m[2]) === Number(m[1]) + 1
      }, msg('imports.error.academicYear')),
    ),
    titleZh: text(200),
    titleEn: text(200),
    descriptionZh: optional(longText(5000)),
    descriptionEn: optional(longText(5000)),
    levels: required(levelList()),
    quota: optional(integer(1, 10_000)),
    opensAt: required(isoDate()),
    closesAt: required(isoDate()),
    startsOn: optional(isoDate()),
    endsOn: optional(isoDate()),
    fundId: optional(text(40)),
  })
  .superRefine(inOrder('opensAt', 'closesAt'))
  .superRefine(inOrder('startsOn', 'endsOn'))
  .superRefine((v, ctx) => {
    // Only the standing conference-funding program has no partner.
    if (v.kind !== 'conference' && !v.partner)
      ctx.addIssue({ code: 'custom', path: ['partner'], message: msg('imports.error.partnerRequired') })
  })

// Students: the same rules as the sign-up form for the fields they share.
const { nameZh, nameEn, studentNumber, email } = signupSchema.shape

export const studentRowSchema = z.object({
  studentNumber,
  nameZh,
  nameEn,
  email,
  college: required(
    z
      .string()
      .toUpperCase()
      .max(20, msg('form.tooLong', { max: 20 })),
  ),
  level: labelled(levels, (l) => `level.${l}`),
  locale: optional(
    z
      .string()
      .trim()
      .transform((v) => ({ 'zh-cn': 'zh-CN', zh: 'zh-CN', 中文: 'zh-CN', en: 'en', english: 'en', 英文: 'en' })[v.toLowerCase()] ?? v)
      .pipe(oneOf(['zh-CN', 'en'])),
  ),
})

/** A GPA as the academic affairs system writes it: at most two decimals, stored in hundredths. */
const gpaHundredths = () =>
  z
    .string()
    .trim()
    .regex(/^\d{1,3}(\.\d{1,2})?$/, msg('imports.error.gpa'))
    .transform((v) => Math.round(Number(v) * 100))

const recordRowSchema = z
  .object({
    studentNumber,
    gpa: required(gpaHundredths()),
    gpaScale: required(z.string().pipe(oneOf(gpaScales))),
    level: labelled(levels, (l) => `level.${l}`),
    college: required(
      z
        .string()
        .toUpperCase()
        .max(20, msg('form.tooLong', { max: 20 })),
    ),
    programme: text(200),
    enrolmentYear: required(integer(1950, 2100)),
  })
  .superRefine((v, ctx) => {
    const max = gpaScaleMax[v.gpaScale]
    if (v.gpa > max * 100) ctx.addIssue({ code: 'custom', path: ['gpa'], message: msg('imports.error.gpaAboveScale', { max }) })
  })

export const importRowSchemas = {
  partners: partnerRowSchema,
  programs: programRowSchema,
  students: studentRowSchema,
  records: recordRowSchema,
}

type PartnerRow = z.output<typeof partnerRowSchema>
type ProgramRow = z.output<typeof programRowSchema>
type StudentRow = z.output<typeof studentRowSchema>
type RecordRow = z.output<typeof recordRowSchema>
export type ImportRow = { partners: PartnerRow; programs: ProgramRow; students: StudentRow; records: RecordRow }

const isFile = (v: unknown): v is File =>
  typeof v === 'object' && v !== null && typeof (v as File).arrayBuffer === 'function' && (v as File).size > 0

/** The upload form: which kind, and a file (its size, type and content are checked by the model). */
export const importUploadSchema = z.object({
  kind: choice(importKinds),
  file: z.custom<File>(isFile, msg('imports.file.required')),
})

/**
 * The uploaded file's name as the preview and the audit trail show it: cleaned like a document's
 * (sanitizeFileName: no path, no control characters), or "import" when no usable name is left
 * (a NUL byte, nothing but control characters, over 255 characters). PostgreSQL refuses NUL in
 * text and JSON, so an uncleaned name would fail the import's audit row.
 */
export function importFileName(raw: string): string {
  const name = sanitizeFileName(raw)
  return name.ok ? name.name : 'import'
}

/** The confirm form: what was previewed, and whether to import only the good rows. */
export const importConfirmSchema = z.object({
  kind: choice(importKinds),
  uploadId: z.uuid(),
  // Sent back by the page from the upload's answer, so cleaned again: the form can be tampered with.
  fileName: z.string().default('').transform(importFileName),
  mode: z.enum(['all', 'good']),
  expectedGood: z.coerce.number().int().min(0),
})
