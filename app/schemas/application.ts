// The application forms: one schema per program kind, a discriminated union on `kind` for submit,
// and a lenient draft schema for saving. Used by conform (parseWithZod from @conform-to/zod/v4) on
// the client and the server; conform turns empty inputs into undefined and numeric inputs into
// numbers before these schemas see them. Messages are i18n keys, like fields.ts.
import { z } from 'zod'
import { gpaScaleMax, gpaScales, type GpaScale } from '~/domain/eligibility'
import { isScoredTest, languageTests, OTHER_SCORE_MAX, scoreProblem } from '~/domain/language'
import { budgetLines, fenToYuanInput, requestedTotalFen, type BudgetLines } from '~/domain/money'
import type { ProgramKind } from '~/domain/program'
import { ANSWER_MAX_CHARS, QUESTION_SLOTS } from '~/domain/program-questions'
import { dateOrderWarning, jointTrainingLengthWarning } from '~/domain/warnings'
import { choice, CONTROL_CHARS_BUT_LINES, decimal, email, isoDate, LINE_CHARS, msg, paragraphs, text, yuan } from './fields'

export const terms = ['semester', 'academic_year', 'summer_winter_school'] as const
export const fundingSources = ['csc', 'university', 'host', 'self'] as const
export const acceptanceStatuses = ['accepted', 'under_review'] as const
export const presentationTypes = ['oral', 'poster'] as const
export const MAX_COURSES = 20

// ---- field builders ---------------------------------------------------------------------------

const id = () =>
  z
    .string(msg('form.required'))
    .trim()
    .min(1, msg('form.required'))
    .max(40, msg('form.tooLong', { max: 40 }))

const passportNumber = () =>
  z
    .string(msg('form.required'))
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{5,20}$/, msg('application.error.passportNumber'))

const website = () =>
  z
    .string(msg('form.required'))
    .trim()
    .max(500, msg('form.tooLong', { max: 500 }))
    .pipe(z.url({ protocol: /^https?$/, hostname: z.regexes.domain, error: msg('application.error.url') }))

/** Answers to the chosen programs' own questions: { [programId]: { q1: '…' } }; blanks are left out. */
const programAnswers = () =>
  z
    .record(
      z.string().regex(/^[a-z0-9]{1,40}$/i, msg('form.invalidChoice')),
      z.partialRecord(
        z.enum(QUESTION_SLOTS, msg('form.invalidChoice')),
        z
          .string()
          .overwrite((v) => v.replace(/\r\n?/g, '\n'))
          .trim()
          .max(ANSWER_MAX_CHARS, msg('form.tooLong', { max: ANSWER_MAX_CHARS }))
          .refine((v) => !CONTROL_CHARS_BUT_LINES.test(v.replace(LINE_CHARS, '')), msg('form.controlChars'))
          .optional(),
      ),
      msg('form.invalidChoice'),
    )
    .refine((r) => Object.keys(r).length <= 10, msg('form.invalidChoice'))
    .transform((r) =>
      Object.fromEntries(
        Object.entries(r).map(([program, answers]) => [program, Object.fromEntries(Object.entries(answers).filter(([, a]) => a))]),
      ),
    )
    .optional()

// ---- the fields of each kind ------------------------------------------------------------------

// Each kind's fields, in form order: the names the pages need without building a schema.
export const applicationFields = {
  exchange: [
    'programId',
    'term',
    'startDate',
    'endDate',
    'gpa',
    'gpaScale',
    'languageTest',
    'languageScore',
    'studyPlan',
    'courses',
    'motivation',
    'passportNumber',
    'passportExpiry',
    'programAnswers',
  ],
  joint_training: [
    'programId',
    'hostInstitution',
    'hostDepartment',
    'hostSupervisorName',
    'hostSupervisorTitle',
    'hostSupervisorEmail',
    'homeSupervisor',
    'startDate',
    'endDate',
    'researchPlan',
    'fundingSource',
    'languageTest',
    'languageScore',
    'passportNumber',
    'passportExpiry',
    'programAnswers',
  ],
  conference: [
    'programId',
    'conferenceName',
    'organiser',
    'city',
    'country',
    'startDate',
    'endDate',
    'website',
    'paperTitle',
    'authors',
    'acceptanceStatus',
    'presentationType',
    'budget',
    'passportNumber',
    'passportExpiry',
    'programAnswers',
  ],
} as const satisfies Record<ProgramKind, readonly string[]>

// The schemas are built when first used, not when this module loads: building them cost the
// application page's start about 60 ms of a phone's main thread (Lighthouse, bench/README.md), and
// the browser needs them only once the student sends the form.
function buildSchemas() {
  const language = {
    languageTest: choice(languageTests),
    // Required for a scored test (checked across fields), optional for "other", ignored for "none".
    languageScore: decimal(0, OTHER_SCORE_MAX, 2).optional(),
  }

  const passport = { passportNumber: passportNumber(), passportExpiry: isoDate() }

  const courseRow = z.object({ homeCourse: text(200), hostCourse: text(200), credits: decimal(0.5, 30, 1) }, msg('form.required'))

  const exchangeFields = {
    programId: id(),
    term: choice(terms),
    startDate: isoDate(),
    endDate: isoDate(),
    gpa: decimal(0, 100, 2),
    gpaScale: choice(gpaScales),
    ...language,
    studyPlan: paragraphs(5000),
    courses: z
      .array(courseRow, msg('application.error.coursesMin'))
      .min(1, msg('application.error.coursesMin'))
      .max(MAX_COURSES, msg('application.error.coursesMax', { max: MAX_COURSES })),
    motivation: paragraphs(3000),
    ...passport,
    programAnswers: programAnswers(),
  }

  const jointTrainingFields = {
    programId: id(),
    hostInstitution: text(200),
    hostDepartment: text(200),
    hostSupervisorName: text(100),
    hostSupervisorTitle: text(100),
    hostSupervisorEmail: email(),
    homeSupervisor: text(100),
    startDate: isoDate(),
    endDate: isoDate(),
    researchPlan: paragraphs(5000),
    fundingSource: choice(fundingSources),
    ...language,
    ...passport,
    programAnswers: programAnswers(),
  }

  const budget = z.object(
    Object.fromEntries(budgetLines.map((l) => [l, yuan()])) as Record<(typeof budgetLines)[number], ReturnType<typeof yuan>>,
    msg('application.error.budgetEmpty'),
  )

  const conferenceFields = {
    programId: id(),
    conferenceName: text(300),
    organiser: text(200),
    city: text(100),
    country: text(100),
    startDate: isoDate(),
    endDate: isoDate(),
    website: website(),
    paperTitle: text(300),
    authors: text(1000),
    acceptanceStatus: choice(acceptanceStatuses),
    presentationType: choice(presentationTypes),
    budget: budget.refine((lines) => requestedTotalFen(lines as BudgetLines) > 0, msg('application.error.budgetEmpty')),
    ...passport,
    programAnswers: programAnswers(),
  }

  // ---- checks across fields ---------------------------------------------------------------------

  type Values = Record<string, unknown>
  type Problem = { code: string; params?: Record<string, string | number> } | null
  interface Across {
    v: Values
    /** The fields are present and passed their own checks. */
    valid: (...fields: string[]) => boolean
    add: (field: string, problem: Problem) => void
  }

  /**
   * Checks across fields. Zod skips object refinements after any issue; these run anyway (conform
   * shows every error at once), each only when the fields it reads are valid.
   */
  function acrossFields(check: (c: Across) => void) {
    return [
      (v: Values, ctx: z.RefinementCtx<Values>) => {
        const failed = new Set(ctx.issues.map((i) => String(i.path?.[0])))
        check({
          v,
          valid: (...fields) => fields.every((f) => !failed.has(f) && v[f] !== undefined),
          add: (field, problem) => {
            if (!problem) return
            const params = problem.params && Object.keys(problem.params).length ? problem.params : undefined
            ctx.addIssue({ code: 'custom', path: [field], message: msg(problem.code, params) })
          },
        })
      },
      { when: (payload: z.core.ParsePayload) => typeof payload.value === 'object' && payload.value !== null },
    ] as const
  }

  const datesInOrder = ({ v, valid }: Across) => (valid('startDate', 'endDate') ? dateOrderWarning(v.startDate, v.endDate) : null)

  function languageScoreCheck({ v, valid }: Across): Problem {
    if (!valid('languageTest') || !isScoredTest(v.languageTest)) return null
    if (v.languageScore === undefined) return { code: 'form.required' }
    return valid('languageScore') ? scoreProblem(v.languageTest, v.languageScore as number) : null
  }

  function gpaCheck({ v, valid }: Across): Problem {
    if (!valid('gpa', 'gpaScale')) return null
    const max = gpaScaleMax[v.gpaScale as GpaScale]
    return (v.gpa as number) > max ? { code: 'application.error.gpaAboveScale', params: { max } } : null
  }

  const exchangeChecks = acrossFields((c) => {
    c.add('endDate', datesInOrder(c))
    c.add('languageScore', languageScoreCheck(c))
    c.add('gpa', gpaCheck(c))
  })

  const jointTrainingChecks = acrossFields((c) => {
    const order = datesInOrder(c)
    c.add('endDate', order ?? (c.valid('startDate', 'endDate') ? jointTrainingLengthWarning(c.v.startDate, c.v.endDate) : null))
    c.add('languageScore', languageScoreCheck(c))
  })

  const conferenceChecks = acrossFields((c) => c.add('endDate', datesInOrder(c)))

  // ---- submit schemas ---------------------------------------------------------------------------

  const exchangeSchema = z.object({ kind: z.literal('exchange'), ...exchangeFields }).superRefine(...exchangeChecks)
  const jointTrainingSchema = z.object({ kind: z.literal('joint_training'), ...jointTrainingFields }).superRefine(...jointTrainingChecks)
  const conferenceSchema = z.object({ kind: z.literal('conference'), ...conferenceFields }).superRefine(...conferenceChecks)

  const applicationSchema = z.discriminatedUnion('kind', [exchangeSchema, jointTrainingSchema, conferenceSchema], {
    error: msg('form.invalidChoice'),
  })

  // ---- draft schemas ----------------------------------------------------------------------------

  // Every field optional, but a value that is there is still type-checked and bounded. No checks
  // across fields: warnings (app/domain/warnings.ts) tell the student about those while typing.
  const draftOf = <K extends ProgramKind, S extends z.ZodRawShape>(kind: K, fields: S) =>
    z.object({ kind: z.literal(kind) }).extend(z.object(fields).partial().shape)

  const exchangeDraftSchema = draftOf('exchange', exchangeFields).extend({
    courses: z
      .array(courseRow.partial())
      .max(MAX_COURSES, msg('application.error.coursesMax', { max: MAX_COURSES }))
      .optional(),
  })
  const jointTrainingDraftSchema = draftOf('joint_training', jointTrainingFields)
  const conferenceDraftSchema = draftOf('conference', conferenceFields).extend({ budget: budget.optional() })

  const applicationDraftSchema = z.discriminatedUnion('kind', [exchangeDraftSchema, jointTrainingDraftSchema, conferenceDraftSchema], {
    error: msg('form.invalidChoice'),
  })

  return {
    applicationSchema,
    applicationDraftSchema,
    fields: { exchange: exchangeFields, joint_training: jointTrainingFields, conference: conferenceFields },
  }
}

let schemas: ReturnType<typeof buildSchemas> | undefined
const built = () => (schemas ??= buildSchemas())

/** Submit: every required answer present and consistent. The output is Application.details. */
export const applicationSchema = z.lazy(() => built().applicationSchema)
/** Save: every field optional, a value that is there still checked. */
export const applicationDraftSchema = z.lazy(() => built().applicationDraftSchema)

/** Each kind's schemas, field by field (the lists above name the same fields; tests compare them). */
export const schemaFields = (kind: ProgramKind) => built().fields[kind]

export type ApplicationDetails = z.output<typeof applicationSchema>
export type ApplicationDraft = z.output<typeof applicationDraftSchema>

// The lists name exactly the fields the schemas have.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
type Check<T extends true> = T
type Built = ReturnType<typeof buildSchemas>['fields']
type _ExchangeListed = Check<Same<(typeof applicationFields)['exchange'][number], keyof Built['exchange']>>
type _JointTrainingListed = Check<Same<(typeof applicationFields)['joint_training'][number], keyof Built['joint_training']>>
type _ConferenceListed = Check<Same<(typeof applicationFields)['conference'][number], keyof Built['conference']>>

/** A field of some kind's form: its label is the message application.field.<field>. */
export type ApplicationField = (typeof applicationFields)[ProgramKind][number]
const fieldNames: ReadonlySet<string> = new Set(Object.values(applicationFields).flat())
export const isApplicationField = (name: string): name is ApplicationField => fieldNames.has(name)

/** Whether `name` is a field of the kind's form. */
export const isFieldOf = (kind: ProgramKind, name: string) => applicationFields[kind].some((field) => field === name)

/** Stored details (or a draft) back into form values: budget fen become yuan text again. */
export function toFormValues(details: ApplicationDraft): Record<string, unknown> {
  if (details.kind !== 'conference' || !details.budget) return { ...details }
  const lines = details.budget as BudgetLines
  return {
    ...details,
    budget: Object.fromEntries(budgetLines.map((l) => [l, lines[l] === undefined ? '' : fenToYuanInput(lines[l]!)])),
  }
}
