// The review page's forms (decision, rubric review, conflict of interest, comment): one action,
// told apart by `intent`. The forms validate in the browser with the inputs' own attributes
// (required, maxLength from the limits below); this schema is the server's truth. Checks that need
// the application (the commands its status allows, a reason the command requires, the rubric of
// its kind, the fields of its kind) stay in the models.
import { z } from 'zod'
import { documentKinds } from '~/domain/documents'
import { sensitiveFields } from '~/domain/personal-data'
import { MAX_REVIEW_TEXT } from '~/domain/text'
import { commands, type Command } from '~/domain/workflow'
import { choice, msg, text, withoutNul } from './fields'

/** Every text of the review page, in characters: the inputs' maxLength, this schema and the models share it. */
const MAX_TEXT = MAX_REVIEW_TEXT

/** Free text over several lines: trimmed, bounded, blank as ''. The model says whether blank will do. */
const optionalText = () =>
  z
    .string(msg('form.required'))
    .trim()
    .max(MAX_TEXT, msg('form.tooLong', { max: MAX_TEXT }))
    .refine(withoutNul, msg('form.controlChars'))
    .optional()
    .default('')

/** Required free text over several lines (text() is for single lines: it refuses line breaks). */
const requiredText = () => optionalText().refine((v) => v !== '', msg('form.required'))

// The version the page showed, a hidden field. Anything but a number matches no row, so the model
// answers it as it answers an out-of-date page: 409, with what the application looks like now.
const version = z.coerce.number().int().min(0).catch(-1)

const decisionSchema = z.object({
  intent: z.literal('decide'),
  version,
  command: choice(commands as [Command, ...Command[]]),
  reason: optionalText(),
  // A request for changes names answers and documents: which answers, the application's kind says (the model).
  fields: z.array(text(40), msg('form.invalidChoice')).optional().default([]),
  documents: z.array(choice(documentKinds), msg('form.invalidChoice')).optional().default([]),
  messageToStudent: optionalText(),
  confirmOverQuota: z.boolean(msg('form.invalidChoice')).optional().default(false),
})

const reviewScoresSchema = z.object({
  // Saving keeps a draft; submitting needs every criterion scored (the rubric of the kind, the model).
  intent: z.enum(['review', 'submit-review']),
  // score.<criterion>: 1 to 5, blank for not scored yet.
  score: z
    .record(
      z.string().max(40),
      z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number(msg('rv.reviewInvalid')).optional()),
      msg('rv.reviewInvalid'),
    )
    .optional()
    .transform((scores) => Object.fromEntries(Object.entries(scores ?? {}).filter(([, v]) => v !== undefined)) as Record<string, number>),
  comment: optionalText(),
})

const conflictSchema = z.object({ intent: z.literal('conflict'), reason: requiredText() })

const commentSchema = z.object({
  intent: z.literal('comment'),
  body: requiredText(),
  visibility: choice(['internal', 'student']),
})

/** Reveal one masked sensitive answer, saying why (PIPL: logged with the reason). */
const revealSchema = z.object({ intent: z.literal('reveal'), field: choice(sensitiveFields), reason: text(200) })

export const reviewActionSchema = z.discriminatedUnion(
  'intent',
  [decisionSchema, reviewScoresSchema, conflictSchema, commentSchema, revealSchema],
  {
    // A hidden field or a button's value: no form of the page sends anything else.
    error: msg('form.invalidChoice'),
  },
)

export type DecisionForm = z.output<typeof decisionSchema>
