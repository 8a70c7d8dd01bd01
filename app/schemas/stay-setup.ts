// The office's set-up of the stay (decision 22, amendment): a kind's pre-departure checklist and
// its education (material in both languages, the quiz as text, the pass mark).
import { z } from 'zod'
import { programKinds } from '~/domain/program'
import { levels } from '~/domain/roles'
import { stayItems } from '~/domain/stay'
import { choice, msg, paragraphs } from './fields'

/** A checkbox group: nothing ticked is an empty list, one ticked a list of one. */
const ticked = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(choice(values)).max(values.length))

const days = z.coerce
  .number(msg('stay.setup.error.days'))
  .int(msg('stay.setup.error.days'))
  .min(0, msg('stay.setup.error.days'))
  .max(365, msg('stay.setup.error.days'))

const checklist = z.object({
  intent: z.literal('checklist'),
  kind: choice(programKinds),
  required: ticked(stayItems),
  levels: z.partialRecord(choice(stayItems), ticked(levels)).optional().default({}),
  days: z.partialRecord(choice(stayItems), days).optional().default({}),
})
export type ChecklistInput = z.output<typeof checklist>

export const MATERIAL_MAX = 20000
const education = z.object({
  intent: z.literal('education'),
  kind: choice(programKinds),
  materialZh: paragraphs(MATERIAL_MAX),
  materialEn: paragraphs(MATERIAL_MAX),
  quiz: paragraphs(40000),
  passPercent: z.coerce
    .number(msg('stay.setup.error.pass'))
    .int(msg('stay.setup.error.pass'))
    .min(1, msg('stay.setup.error.pass'))
    .max(100, msg('stay.setup.error.pass')),
})
export type EducationInput = z.output<typeof education>

export const staySetupActionSchema = z.discriminatedUnion('intent', [checklist, education], msg('form.invalidChoice'))

/** The kind the page shows (query string). */
export const setupKindSchema = z.object({ kind: choice(programKinds).optional().default('exchange') })
