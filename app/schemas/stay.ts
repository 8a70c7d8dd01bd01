// The stay's forms (decision 22), told apart by `intent`: the student's checklist items and steps
// on the stay page; the office's reminders and incident messages; the public links' confirmations.
import { z } from 'zod'
import { isCountryCode } from '~/domain/countries'
import { programKinds } from '~/domain/program'
import { staySteps, visaStatuses } from '~/domain/stay'
import { choice, email, isoDate, msg, text } from './fields'

const country = () =>
  z
    .string(msg('stay.error.country'))
    .trim()
    .toUpperCase()
    .refine((v) => isCountryCode(v), msg('stay.error.country'))

const itinerary = z.object({
  intent: z.literal('itinerary'),
  flight: text(40),
  departOn: isoDate(),
  returnOn: isoDate(),
  countryCode: country(),
  city: text(100),
  address: text(300),
})
const contact = z.object({ intent: z.literal('contact'), name: text(100), relation: text(40), phone: text(40) })
const visa = z.object({ intent: z.literal('visa'), visaStatus: choice(visaStatuses) })
/** Answers by question: answer[0] is the first question's chosen choice (missing when unanswered). */
const quiz = z.object({
  intent: z.literal('quiz'),
  answer: z
    .array(z.coerce.number(msg('form.invalidChoice')).int(msg('form.invalidChoice')).min(0).max(9).optional())
    .max(30)
    .optional()
    .default([]),
})
const pledge = z.object({ intent: z.literal('pledge'), name: text(100) })
const guardian = z.object({ intent: z.literal('guardian'), guardianEmail: email() })
const step = z.object({ intent: z.literal('step'), step: choice(staySteps) })

export const stayActionSchema = z.discriminatedUnion(
  'intent',
  [itinerary, contact, visa, quiz, pledge, guardian, step],
  msg('form.invalidChoice'),
)
export type StayAction = z.output<typeof stayActionSchema>

/** The office's "where are our students" filter (query string). */
export const whereFilterSchema = z.object({
  on: isoDate().optional(),
  college: text(40).optional(),
  kind: choice(programKinds).optional(),
})

const MAX_MESSAGE = 1000
const message = () =>
  z
    .string(msg('office.stays.error.message'))
    .trim()
    .min(1, msg('office.stays.error.message'))
    .max(MAX_MESSAGE, msg('office.stays.error.message'))
    .refine((v) => !v.includes('\0'), msg('form.controlChars'))

const remind = z.object({
  intent: z.literal('remind'),
  applicationId: z.array(text(40), msg('form.invalidChoice')).min(1, msg('form.required')).max(500),
})
const incident = z.object({
  intent: z.literal('incident'),
  countryCode: country(),
  onDate: isoDate(),
  messageZh: message(),
  messageEn: message(),
})
/** A step the office records for a student (an arrival the student did not confirm). */
const officeStep = z.object({ intent: z.literal('step'), applicationId: text(40), step: choice(staySteps) })
export const officeStayActionSchema = z.discriminatedUnion('intent', [remind, incident, officeStep], msg('form.invalidChoice'))

/** The public links' one button (guardian's consent, an incident's answer): nothing but the press. */
export const linkConfirmSchema = z.object({ confirm: z.literal('1', msg('form.invalidChoice')) })
