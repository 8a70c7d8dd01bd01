// The administration forms: colleges, partner institutions, programs, funds and staff accounts.
// Messages are i18n keys (see fields.ts). conform turns empty inputs into undefined and numeric
// inputs into numbers before these schemas see them. Checks that need the database (unique codes,
// a fund's year and kinds, what a fund has already used) live in app/models/admin.
import { QUESTION_MAX_CHARS, QUESTION_SLOTS, type ProgramQuestion, type QuestionSlot } from '~/domain/program-questions'
import { z } from 'zod'
import { isCountryCode } from '~/domain/countries'
import { agreementTypes, partnerMemberships } from '~/domain/agreements'
import { isIsoDate } from '~/domain/dates'
import { documentKinds } from '~/domain/documents'
import { isValidScore, scoredTests, scoreScales, type ScoredTest } from '~/domain/language'
import { budgetLines, MAX_AMOUNT_FEN, parseYuan } from '~/domain/money'
import { partnerTiers, regions } from '~/domain/policy'
import { programKinds } from '~/domain/program'
import { levels } from '~/domain/roles'
import { choice, email, msg, text, withoutNul } from './fields'

export const fundPurposes = ['exchange_scholarship', 'joint_training_fund', 'conference_travel', 'csc_top_up', 'other'] as const
export const staffRoles = ['college_reviewer', 'office_reviewer', 'finance', 'admin', 'academic_approver'] as const

/** The largest budget a fund may have: ¥10 billion, far beyond any real fund, safe as a JS number. */
export const MAX_BUDGET_FEN = 1_000_000_000_000

const id = z.string(msg('form.invalidChoice')).regex(/^[a-z0-9]{10,40}$/, msg('form.invalidChoice'))
const optionalId = () => id.optional()

/** A yuan amount typed as text, integer fen out; blank is undefined. */
const yuan = (maxFen = MAX_AMOUNT_FEN) =>
  z
    .string(msg('adminConfig.error.amount.format'))
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return undefined
      const parsed = parseYuan(v, maxFen)
      if (parsed.ok) return parsed.fen
      ctx.issues.push({ code: 'custom', input: v, message: msg(`adminConfig.error.amount.${parsed.reason}`, { max: maxFen / 100 }) })
      return z.NEVER
    })

const requiredYuan = (maxFen?: number) => yuan(maxFen).refine((v) => v !== undefined, msg('form.required'))

/** A calendar day yyyy-mm-dd, the value of <input type="date">. */
const isoDate = () =>
  z
    .string(msg('form.required'))
    .trim()
    .refine((v) => isIsoDate(v) && v >= '2000-01-01' && v <= '2100-12-31', msg('adminConfig.error.date'))

const wholeNumber = (max: number) =>
  z
    .number({ error: (issue) => (issue.input === undefined ? msg('form.required') : msg('adminConfig.error.number')) })
    .int(msg('adminConfig.error.wholeNumber'))
    .min(0, msg('adminConfig.error.notNegative'))
    .max(max, msg('adminConfig.error.numberMax', { max }))

export const academicYear = () =>
  z
    .string(msg('form.required'))
    .trim()
    .refine((v) => {
      const m = /^(\d{4})-(\d{4})$/.exec(v)
      return !!m && Number(m[2]) === Number(m[1]) + 1 && Number(m[1]) >= 2000 && Number(m[1]) <= 2099
    }, msg('adminConfig.error.academicYear'))

/** Monthly stipends per destination region, yuan in, `{ monthlyFenByRegion }` out (only regions filled in). */
const stipendByRegion = () =>
  z
    .object(
      Object.fromEntries(regions.map((r) => [r, yuan()])) as Record<(typeof regions)[number], ReturnType<typeof yuan>>,
      msg('adminConfig.error.amount.format'),
    )
    .partial()
    .optional()
    .transform((v) => {
      const entries = Object.entries(v ?? {}).filter((e): e is [string, number] => e[1] !== undefined)
      return entries.length ? { monthlyFenByRegion: Object.fromEntries(entries) } : {}
    })

// ---- colleges ---------------------------------------------------------------------------------

export const collegeSchema = z.object({
  code: z
    .string(msg('form.required'))
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9_-]{2,20}$/, msg('adminConfig.error.collegeCode')),
  nameZh: text(100),
  nameEn: text(200),
})
export type CollegeInput = z.output<typeof collegeSchema>

// ---- partner institutions -----------------------------------------------------------------------

export const partnerSchema = z.object({
  nameZh: text(200),
  nameEn: text(200),
  countryCode: z.string(msg('form.required')).trim().toUpperCase().refine(isCountryCode, msg('adminConfig.error.countryCode')),
  countryZh: text(100),
  countryEn: text(100),
  region: choice(regions),
  tier: choice(partnerTiers),
  beltAndRoad: z
    .boolean(msg('form.invalidChoice'))
    .optional()
    .transform((v) => v ?? false),
  memberships: z
    .array(choice(partnerMemberships))
    .optional()
    .transform((v) => [...new Set(v ?? [])]),
})
export type PartnerInput = z.output<typeof partnerSchema>

// ---- programs ----------------------------------------------------------------------------------

/** A program's description: free text, blank allowed; no NUL (PostgreSQL cannot store one). */
const description = () =>
  z
    .string(msg('form.required'))
    .trim()
    .max(5000, msg('form.tooLong', { max: 5000 }))
    .refine(withoutNul, msg('form.controlChars'))
    .optional()
    .transform((v) => v ?? '')

/** A minimum score on the test's own scale (IELTS in half bands, Duolingo in steps of 5…). */
const minimumScore = (test: ScoredTest) =>
  z
    .number({ error: () => msg('adminConfig.error.number') })
    .refine(
      (n) => isValidScore(test, n),
      msg('adminConfig.error.score', { min: scoreScales[test].min, max: scoreScales[test].max, step: scoreScales[test].step }),
    )
    .optional()

/** One of a program's own questions, in both languages (both blank: no question in that slot). */
const programQuestion = z
  .object({
    zh: text(QUESTION_MAX_CHARS, 0).optional(),
    en: text(QUESTION_MAX_CHARS, 0).optional(),
    required: z.boolean(msg('form.invalidChoice')).optional().default(false),
  })
  .superRefine((q, ctx) => {
    if (!q.zh !== !q.en)
      ctx.addIssue({ code: 'custom', path: [q.zh ? 'en' : 'zh'], message: msg('adminConfig.error.questionBothLanguages') })
  })

export const programSchema = z
  .object({
    kind: choice(programKinds),
    partnerId: optionalId(),
    academicYear: academicYear(),
    titleZh: text(200),
    titleEn: text(200),
    descriptionZh: description(),
    descriptionEn: description(),
    levels: z
      .array(choice(levels))
      .optional()
      .transform((v) => [...new Set(v ?? [])]),
    quota: wholeNumber(100_000).optional(),
    opensOn: isoDate(),
    closesOn: isoDate(),
    startsOn: isoDate().optional(),
    endsOn: isoDate().optional(),
    minGpa: z
      .number({ error: () => msg('adminConfig.error.number') })
      .min(0, msg('adminConfig.error.notNegative'))
      .max(4, msg('adminConfig.error.numberMax', { max: 4 }))
      .optional(),
    language: z
      .object(
        Object.fromEntries(scoredTests.map((t) => [t, minimumScore(t)])) as Record<ScoredTest, ReturnType<typeof minimumScore>>,
        msg('adminConfig.error.number'),
      )
      .partial()
      .optional(),
    requiredDocuments: z
      .array(choice(documentKinds))
      .optional()
      .transform((v) => [...new Set(v ?? [])]),
    fundId: optionalId(),
    stipend: stipendByRegion(),
    questions: z
      .object(
        Object.fromEntries(QUESTION_SLOTS.map((slot) => [slot, programQuestion.optional()])) as Record<
          QuestionSlot,
          z.ZodOptional<typeof programQuestion>
        >,
        msg('form.invalidChoice'),
      )
      .optional()
      .transform((slots): ProgramQuestion[] =>
        QUESTION_SLOTS.flatMap((id) => {
          const q = slots?.[id]
          return q?.zh && q.en ? [{ id, zh: q.zh, en: q.en, required: q.required }] : []
        }),
      ),
  })
  .superRefine((v, ctx) => {
    if (v.kind !== 'conference' && !v.partnerId) {
      ctx.addIssue({ code: 'custom', path: ['partnerId'], message: msg('adminConfig.error.partnerRequired') })
    }
    if (v.closesOn < v.opensOn) ctx.addIssue({ code: 'custom', path: ['closesOn'], message: msg('adminConfig.error.closesBeforeOpens') })
    if (v.startsOn && v.endsOn && v.endsOn < v.startsOn) {
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: msg('adminConfig.error.endsBeforeStarts') })
    }
  })
  .transform(({ minGpa, language, ...rest }) => {
    const scores = Object.fromEntries(Object.entries(language ?? {}).filter(([, n]) => n !== undefined))
    return {
      ...rest,
      requirements: {
        ...(minGpa !== undefined && { minGpa }),
        ...(Object.keys(scores).length > 0 && { language: scores }),
      },
    }
  })
export type ProgramInput = z.output<typeof programSchema>

// ---- funds -------------------------------------------------------------------------------------

export const fundSchema = z.object({
  academicYear: academicYear(),
  nameZh: text(200),
  nameEn: text(200),
  purpose: choice(fundPurposes),
  budget: requiredYuan(MAX_BUDGET_FEN),
  perPersonCap: yuan(),
  kinds: z
    .array(choice(programKinds), msg('adminConfig.error.kindsRequired'))
    .min(1, msg('adminConfig.error.kindsRequired'))
    .transform((v) => [...new Set(v)]),
  stipend: stipendByRegion(),
  lines: z
    .object(
      Object.fromEntries(budgetLines.map((l) => [l, yuan()])) as Record<(typeof budgetLines)[number], ReturnType<typeof yuan>>,
      msg('adminConfig.error.amount.format'),
    )
    .partial()
    .optional()
    .transform((v) => Object.fromEntries(Object.entries(v ?? {}).filter(([, fen]) => fen !== undefined)) as Record<string, number>),
  // Per-college allocations keyed by college id; a blank amount means no allocation.
  allocations: z
    .record(z.string().regex(/^[a-z0-9]{10,40}$/), yuan(MAX_BUDGET_FEN), msg('form.invalidChoice'))
    .optional()
    .transform((v) => Object.fromEntries(Object.entries(v ?? {}).filter(([, fen]) => fen !== undefined)) as Record<string, number>),
})
export type FundInput = z.output<typeof fundSchema>

// ---- staff accounts ----------------------------------------------------------------------------

const staffFields = {
  nameZh: text(100),
  nameEn: text(100),
  roles: z
    .array(choice(staffRoles), msg('adminConfig.error.rolesRequired'))
    .min(1, msg('adminConfig.error.rolesRequired'))
    .transform((v) => [...new Set(v)]),
  collegeId: optionalId(),
}

const collegeForReviewers = (v: { roles: readonly string[]; collegeId?: string }, ctx: z.RefinementCtx) => {
  // Both roles work for one college: the account's.
  if ((v.roles.includes('college_reviewer') || v.roles.includes('academic_approver')) && !v.collegeId) {
    ctx.addIssue({ code: 'custom', path: ['collegeId'], message: msg('adminConfig.error.collegeRequired') })
  }
}

export const newStaffSchema = z.object({ email: email(), ...staffFields }).superRefine(collegeForReviewers)
export type NewStaffInput = z.output<typeof newStaffSchema>

// A student may hold no staff role (they keep the student role); the model checks staff keep one.
export const editUserSchema = z
  .object({
    ...staffFields,
    roles: z
      .array(choice(staffRoles))
      .optional()
      .transform((v) => [...new Set(v ?? [])]),
  })
  .superRefine(collegeForReviewers)
export type EditUserInput = z.output<typeof editUserSchema>

// ---- list pages --------------------------------------------------------------------------------

const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined)

/** Search, retired/active filter and page of an admin list, from the URL; nonsense is dropped. */
const listQuerySchema = z.object({
  q: lenient(z.string().trim().min(1).max(100)),
  show: z.enum(['current', 'retired', 'all']).catch('current'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  kind: lenient(z.enum(programKinds)),
  year: lenient(z.string().regex(/^\d{4}-\d{4}$/)),
  role: lenient(z.enum(['student', ...staffRoles])),
  collegeId: lenient(id),
})
export type ListQuery = z.output<typeof listQuerySchema>

export function parseListQuery(url: string): ListQuery {
  const params = new URL(url).searchParams
  return listQuerySchema.parse(Object.fromEntries([...params.entries()].filter(([, v]) => v !== '')))
}

// ---- partner agreements (decision 23) -----------------------------------------------------------

export const agreementSchema = z
  .object({
    partnerId: id,
    type: choice(agreementTypes),
    startsOn: isoDate(),
    endsOn: isoDate(),
    placesOut: wholeNumber(10_000).optional(),
    placesIn: wholeNumber(10_000).optional(),
    colleges: z
      .array(id)
      .max(200, msg('form.invalidChoice'))
      .optional()
      .transform((v) => [...new Set(v ?? [])]),
    note: description(),
    /** The version the administrator edited: a save over someone else's is refused. */
    version: wholeNumber(1_000_000_000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.endsOn <= v.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: msg('adminConfig.error.agreementEnd') })
  })
export type AgreementInput = z.output<typeof agreementSchema>
