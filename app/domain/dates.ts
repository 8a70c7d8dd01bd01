// Calendar dates as ISO "yyyy-mm-dd" strings (what forms send and JSON keeps). They name a day in
// the university's time zone (Asia/Shanghai), so no time-zone arithmetic is needed until a date is
// compared with an instant. Strings of this shape compare correctly with < and >.
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate()
const pad = (n: number, width = 2) => String(n).padStart(width, '0')
const format = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`

function parts(iso: string): [number, number, number] {
  const match = ISO_DATE.exec(iso)
  if (!match) throw new Error(`Not an ISO date: ${iso}`)
  return [Number(match[1]), Number(match[2]), Number(match[3])]
}

/** A real calendar day written yyyy-mm-dd (so 2027-02-29 is not one). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false
  const [y, m, d] = parts(value)
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)
}

/** Adds calendar months, clamping to the month's last day: 2026-08-31 + 6 months = 2027-02-28. */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = parts(iso)
  const index = y * 12 + (m - 1) + months
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  return format(year, month, Math.min(d, daysInMonth(year, month)))
}

export function addDays(iso: string, days: number): string {
  const [y, m, d] = parts(iso)
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/** The calendar day an instant falls on in Beijing time. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
}

/** Noon of that day in Beijing time: safely inside the day whatever the caller compares it with. */
export function shanghaiNoon(iso: string): Date {
  const [y, m, d] = parts(iso)
  return new Date(Date.UTC(y, m - 1, d, 12) - SHANGHAI_OFFSET_MS)
}
