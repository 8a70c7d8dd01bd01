// Periods counted in working days on the Chinese calendar, e.g. a public announcement (公示) of 5
// working days. Which days are working days is the caller's (app/models/calendar.server.ts: the
// chinese-days data package with the administrator's corrections): public holidays are not, and
// the weekend days made working days (调休上班) are. Dates are Beijing calendar dates, yyyy-mm-dd
// (app/domain/dates.ts).
import { addDays, isIsoDate } from './dates'

export type IsWorkingDay = (day: string) => boolean

/** No real calendar rests this long in a row: a longer search means the calendar has no working days left. */
const MAX_SEARCH_DAYS = 366

function check(day: string, n: number) {
  if (!isIsoDate(day)) throw new Error(`Not a calendar day: ${day}`)
  if (!Number.isInteger(n) || n < 0) throw new Error(`Not a number of working days: ${n}`)
}

/**
 * The day on which a period of n working days starting the day after `start` ends: its last
 * working day. A list published on 2026-09-30 for 5 working days runs 8, 9, 10 (a Saturday made a
 * working day), 12 and 13 October 2026: it ends on 2026-10-13. n = 0 is `start` itself.
 */
export function addWorkingDays(start: string, n: number, isWorkingDay: IsWorkingDay): string {
  check(start, n)
  let day = start
  for (let counted = 0, searched = 0; counted < n;) {
    day = addDays(day, 1)
    if (isWorkingDay(day)) {
      counted++
      searched = 0
    } else if (++searched > MAX_SEARCH_DAYS) throw new Error(`No working day for ${MAX_SEARCH_DAYS} days after ${day}`)
  }
  return day
}

/** The working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string, isWorkingDay: IsWorkingDay): number {
  check(from, 0)
  check(to, 0)
  let count = 0
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day)) count++
  return count
}

/** Every calendar day from `from` to `to`, both included. */
export function daysFromTo(from: string, to: string): string[] {
  check(from, 0)
  check(to, 0)
  const days: string[] = []
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day)
  return days
}

/** Monday to Friday: the rule when no calendar says otherwise. */
export function isWeekday(day: string): boolean {
  check(day, 0)
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
  return weekday !== 0 && weekday !== 6
}
