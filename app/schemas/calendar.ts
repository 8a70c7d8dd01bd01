// The administrator's corrections of the working-day calendar (admin.calendar): set a day working
// or not with a note, or remove a day's correction.
import { z } from 'zod'
import { choice, isoDate, msg, text } from './fields'

export const MAX_CALENDAR_NOTE = 200

export const calendarSetSchema = z.object({
  intent: z.literal('set'),
  day: isoDate(),
  working: choice(['working', 'off']).transform((v) => v === 'working'),
  note: text(MAX_CALENDAR_NOTE),
})

const calendarClearSchema = z.object({ intent: z.literal('clear'), day: isoDate() })

export const calendarActionSchema = z.discriminatedUnion('intent', [calendarSetSchema, calendarClearSchema], {
  error: msg('form.invalidChoice'),
})
