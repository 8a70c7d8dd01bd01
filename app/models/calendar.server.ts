// The working-day calendar: public holidays and make-up working days (调休) from the data package
// chinese-days, corrected day by day by an administrator (CalendarOverride), decision 20. The
// routes that call the commands require the admin role; reading the calendar is for everyone's
// periods (a public announcement's end).
import { createRequire } from 'node:module'
import { addDays, isIsoDate } from '~/domain/dates'
import { addWorkingDays, daysFromTo, isWeekday, type IsWorkingDay } from '~/domain/working-days'
import type { SessionUser } from '~/lib/auth.server'
import { recordAudit } from '~/lib/audit.server'
import { prisma } from '~/lib/db.server'
import type { Prisma } from '~/generated/prisma/client'

/** A Beijing calendar day as the DATE column keeps it (midnight UTC of that date). */
const asDate = (day: string) => new Date(`${day}T00:00:00.000Z`)
const asDay = (date: Date) => date.toISOString().slice(0, 10)

function checkDay(day: string) {
  if (!isIsoDate(day)) throw new Error(`Not a calendar day: ${day}`)
}

/**
 * The package's data: `holidays` and `workdays` (make-up working days), each "yyyy-mm-dd" → "National
 * Day,国庆节,3". Read as the JSON its README documents, not through its functions: those parse a
 * date in the server's time zone and answer for the day before west of Greenwich (America/New_York).
 */
type PackageData = { holidays: Record<string, string>; workdays: Record<string, string> }
const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as PackageData
const coveredYears = new Set(Object.keys(data.holidays).map((day) => day.slice(0, 4)))

/** Whether the data package has the year's arrangement (it has none for a year the State Council has not published yet). */
const packageCovers = (year: number) => coveredYears.has(String(year))

/** The package's answer for a day: working or not, and the holiday it belongs to (English and Chinese names), if any. */
function packageDay(day: string): { working: boolean; holiday: { en: string; zh: string } | null } {
  const holiday = data.holidays[day]
  const workday = data.workdays[day]
  const [en, zh] = (holiday ?? workday ?? '').split(',')
  return { working: workday !== undefined || (holiday === undefined && isWeekday(day)), holiday: zh ? { en, zh } : null }
}

/**
 * Whether each day from `from` to `to` is a working day: the administrator's correction where
 * there is one, else the package's calendar. Asking about a day outside [from, to] is a bug of
 * the caller (its corrections were not loaded) and throws.
 */
export async function workingDayCalendar(from: string, to: string): Promise<IsWorkingDay> {
  checkDay(from)
  checkDay(to)
  const overrides = await prisma.calendarOverride.findMany({
    where: { day: { gte: asDate(from), lte: asDate(to) } },
    select: { day: true, working: true },
  })
  const corrected = new Map(overrides.map((o) => [asDay(o.day), o.working]))
  return (day: string) => {
    if (day < from || day > to) throw new Error(`The working-day calendar was loaded for ${from} to ${to}, not ${day}`)
    return corrected.get(day) ?? packageDay(day).working
  }
}

/**
 * The last day of a period of n working days starting the day after `start` (a public
 * announcement of 5 working days published on `start`). Loads the corrections of a window long
 * enough for any real run of holidays.
 */
export async function workingDaysEnd(start: string, n: number): Promise<string> {
  checkDay(start)
  const calendar = await workingDayCalendar(start, addDays(start, n * 2 + 60))
  return addWorkingDays(start, n, calendar)
}

export type CalendarYear = {
  year: number
  /** False when the package has no arrangement for the year: only weekends and the corrections count. */
  covered: boolean
  /** Days off that would be working days but for a holiday (weekdays and holiday weekends in the package's list). */
  holidays: { day: string; en: string; zh: string }[]
  /** Saturdays and Sundays the package makes working days (调休上班). */
  makeUpDays: { day: string; en: string; zh: string }[]
  overrides: {
    day: string
    working: boolean
    note: string
    setBy: { nameZh: string; nameEn: string }
    setAt: Date
    packageWorking: boolean
  }[]
}

/** A year's calendar for the administration page: the package's holidays and make-up days, and the corrections. */
export async function calendarYear(year: number): Promise<CalendarYear> {
  const from = `${year}-01-01`
  const to = `${year}-12-31`
  const holidays: CalendarYear['holidays'] = []
  const makeUpDays: CalendarYear['makeUpDays'] = []
  for (const day of daysFromTo(from, to)) {
    const { working, holiday } = packageDay(day)
    if (!holiday) continue
    if (!working) holidays.push({ day, ...holiday })
    else if (!isWeekday(day)) makeUpDays.push({ day, ...holiday })
  }
  const rows = await prisma.calendarOverride.findMany({
    where: { day: { gte: asDate(from), lte: asDate(to) } },
    orderBy: { day: 'asc' },
    select: { day: true, working: true, note: true, setAt: true, setBy: { select: { nameZh: true, nameEn: true } } },
  })
  const overrides = rows.map((r) => ({ ...r, day: asDay(r.day), packageWorking: packageDay(asDay(r.day)).working }))
  return { year, covered: packageCovers(year), holidays, makeUpDays, overrides }
}

const overrideSnapshot = (o: { day: Date; working: boolean; note: string; setById: string }): Prisma.InputJsonValue => ({
  day: asDay(o.day),
  working: o.working,
  note: o.note,
  setById: o.setById,
})

/** One correction at a time per day, so that the audit's "before" is the row the change replaced. */
const lockDay = (tx: Prisma.TransactionClient, day: string) => tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`calendar:${day}`}))`

/** Marks a day working or not, whatever the package says, with a note; replaces an earlier correction of that day. */
export async function setCalendarOverride(actor: SessionUser, day: string, working: boolean, note: string): Promise<void> {
  checkDay(day)
  await prisma.$transaction(async (tx) => {
    await lockDay(tx, day)
    const before = await tx.calendarOverride.findUnique({ where: { day: asDate(day) } })
    const data = { working, note, setById: actor.id, setAt: new Date() }
    const after = await tx.calendarOverride.upsert({ where: { day: asDate(day) }, update: data, create: { day: asDate(day), ...data } })
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'calendar.set',
      entityType: 'calendarDay',
      entityId: day,
      ...(before && { before: overrideSnapshot(before) }),
      after: overrideSnapshot(after),
    })
  })
}

/** Removes a day's correction: the package's calendar holds again. False when the day had none. */
export async function clearCalendarOverride(actor: SessionUser, day: string): Promise<boolean> {
  checkDay(day)
  return prisma.$transaction(async (tx) => {
    await lockDay(tx, day)
    const before = await tx.calendarOverride.findUnique({ where: { day: asDate(day) } })
    if (!before) return false
    await tx.calendarOverride.delete({ where: { id: before.id } })
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'calendar.clear',
      entityType: 'calendarDay',
      entityId: day,
      before: overrideSnapshot(before),
    })
    return true
  })
}
