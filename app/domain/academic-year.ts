// A Chinese university's academic year runs from 1 September to 31 August, in Beijing time.
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000

export function academicYearOf(date: Date): string {
  const local = new Date(date.getTime() + SHANGHAI_OFFSET_MS)
  const year = local.getUTCFullYear()
  const start = local.getUTCMonth() >= 8 ? year : year - 1
  return `${start}-${start + 1}`
}

/** The first and last instants of an academic year such as "2026-2027". */
export function academicYearBounds(academicYear: string): { start: Date; end: Date } {
  const match = /^(\d{4})-(\d{4})$/.exec(academicYear)
  if (!match || Number(match[2]) !== Number(match[1]) + 1) throw new Error(`Not an academic year: ${academicYear}`)
  const startYear = Number(match[1])
  return {
    start: new Date(Date.UTC(startYear, 8, 1) - SHANGHAI_OFFSET_MS),
    end: new Date(Date.UTC(startYear + 1, 8, 1) - SHANGHAI_OFFSET_MS - 1),
  }
}
