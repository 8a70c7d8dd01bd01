// The selection rounds' forms: the office opens a round; the round page's actions (told apart by
// `intent`): a student's ranked choices, anyone's objection, and the office's interview scores,
// allocation, adjustments, confirmation, answers and offers; a student's answer to an offer.
import { z } from 'zod'
import { programKinds } from '~/domain/program'
import { MAX_ANNOUNCEMENT_DAYS, MAX_CHOICES_LIMIT } from '~/domain/rounds'
import { scoreFormulaSchema, tieBreakers } from '~/domain/selection-score'
import { MAX_REVIEW_TEXT } from '~/domain/text'
import { choice, decimal, isoDate, msg, text, withoutNul } from './fields'

const whole = (min: number, max: number) => z.coerce.number(msg('application.error.number')).pipe(decimal(min, max, 0))
const weight = () => z.coerce.number(msg('application.error.number')).pipe(decimal(0, 100, 2))
const id = () => text(40)
/** Required free text over several lines (text() is for single lines). */
const longText = () =>
  z
    .string(msg('form.required'))
    .trim()
    .min(1, msg('form.required'))
    .max(MAX_REVIEW_TEXT, msg('form.tooLong', { max: MAX_REVIEW_TEXT }))
    .refine(withoutNul, msg('form.controlChars'))

export const openRoundSchema = z
  .object({
    titleZh: text(200),
    titleEn: text(200),
    kind: choice(programKinds),
    academicYear: z.string(msg('form.required')).regex(/^\d{4}-\d{4}$/, msg('round.error.academicYear')),
    opensOn: isoDate(),
    closesOn: isoDate(),
    offerDeadlineOn: isoDate(),
    maxChoices: whole(1, MAX_CHOICES_LIMIT),
    announcementDays: whole(1, MAX_ANNOUNCEMENT_DAYS),
    weightGpa: weight(),
    weightLanguage: weight(),
    weightRubric: weight(),
    weightInterview: weight(),
    tieBreak: z.array(choice(tieBreakers), msg('form.invalidChoice')).optional().default([]),
    programIds: z.array(id(), msg('round.error.programs')).min(1, msg('round.error.programs')).max(500),
  })
  .superRefine((v, ctx) => {
    if (v.closesOn < v.opensOn) ctx.addIssue({ code: 'custom', path: ['closesOn'], message: msg('round.error.closesBeforeOpens') })
    if (v.offerDeadlineOn <= v.closesOn)
      ctx.addIssue({ code: 'custom', path: ['offerDeadlineOn'], message: msg('round.error.deadlineBeforeClose') })
    if (new Set(v.tieBreak).size !== v.tieBreak.length)
      ctx.addIssue({ code: 'custom', path: ['tieBreak'], message: msg('selection.error.tieBreakTwice') })
    const sum = v.weightGpa + v.weightLanguage + v.weightRubric + v.weightInterview
    if (Math.abs(sum - 100) > 1e-9) ctx.addIssue({ code: 'custom', path: ['weightGpa'], message: msg('selection.error.weightsSum') })
  })
  .transform(({ weightGpa, weightLanguage, weightRubric, weightInterview, tieBreak, ...rest }) => ({
    ...rest,
    formula: scoreFormulaSchema.parse({
      weights: { gpa: weightGpa, language: weightLanguage, rubric: weightRubric, interview: weightInterview },
      tieBreak,
    }),
  }))
export type OpenRound = z.output<typeof openRoundSchema>

const chooseSchema = z.object({
  intent: z.literal('choose'),
  // One select per rank: blank ranks are skipped, so "1st and 3rd" is two choices in that order.
  choice: z
    .array(z.string().trim().max(40, msg('form.invalidChoice')).optional(), msg('form.invalidChoice'))
    .max(MAX_CHOICES_LIMIT, msg('round.error.tooManyChoices'))
    .optional()
    .default([])
    .transform((list) => list.filter((c): c is string => !!c)),
})

const objectSchema = z.object({ intent: z.literal('object'), body: longText() })

const interviewSchema = z.object({
  intent: z.literal('interview'),
  applicationId: id(),
  score: z.preprocess(
    (v) => (v === '' ? null : v),
    z.coerce
      .number(msg('application.error.number'))
      .pipe(decimal(0, 100, 0))
      .nullable(),
  ),
})

const adjustSchema = z.object({
  intent: z.literal('adjust'),
  applicationId: id(),
  // '' holds the student out of the allocation.
  programId: z
    .string()
    .trim()
    .max(40, msg('form.invalidChoice'))
    .optional()
    .transform((v) => v || null),
  reason: longText(),
})

const answerSchema = z.object({ intent: z.literal('answer'), objectionId: id(), answer: longText() })

const simpleIntent = z.object({ intent: z.enum(['allocate', 'offers', 'assign']) })

const assignOneSchema = z.object({
  intent: z.literal('assignOne'),
  applicationId: id(),
  reviewerId: id(),
  // Needed only to override a detected conflict of interest.
  overrideReason: z
    .string()
    .trim()
    .max(MAX_REVIEW_TEXT, msg('form.tooLong', { max: MAX_REVIEW_TEXT }))
    .refine(withoutNul, msg('form.controlChars'))
    .optional()
    .transform((v) => v || null),
})
// A college's quota in a program: at most `places` of its students placed there; blank removes it.
const quotaSchema = z.object({
  intent: z.literal('quota'),
  programId: id(),
  collegeId: id(),
  places: z.preprocess(
    (v) => (v === '' || v === undefined ? null : v),
    z.coerce
      .number(msg('application.error.number'))
      .pipe(decimal(0, 10_000, 0))
      .nullable(),
  ),
})
const confirmSchema = z.object({ intent: z.literal('confirm'), version: z.coerce.number().int().min(0).catch(-1) })
// The round's dates while it is open: applications close, the offer deadline, the announcement's length.
const scheduleSchema = z
  .object({
    intent: z.literal('schedule'),
    closesOn: isoDate(),
    offerDeadlineOn: isoDate(),
    announcementDays: whole(1, MAX_ANNOUNCEMENT_DAYS),
    version: z.coerce.number().int().min(0).catch(-1),
  })
  .superRefine((v, ctx) => {
    if (v.offerDeadlineOn <= v.closesOn)
      ctx.addIssue({ code: 'custom', path: ['offerDeadlineOn'], message: msg('round.error.deadlineBeforeClose') })
  })

export const roundActionSchema = z.discriminatedUnion(
  'intent',
  [
    chooseSchema,
    objectSchema,
    interviewSchema,
    adjustSchema,
    answerSchema,
    simpleIntent,
    confirmSchema,
    assignOneSchema,
    quotaSchema,
    scheduleSchema,
  ],
  {
    error: msg('form.invalidChoice'),
  },
)
export type RoundAction = z.output<typeof roundActionSchema>

export const offerAnswerSchema = z.object({
  intent: z.enum(['accept', 'decline']),
  version: z.coerce.number().int().min(0).catch(-1),
})
