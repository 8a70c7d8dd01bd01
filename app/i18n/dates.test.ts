import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, type Locale } from './index'

// formatDate and formatDateTime write out what Intl.DateTimeFormat writes in China's time zone
// (decision 44): the same text for any instant since China's last summer time (1991).
const intl = (locale: Locale, options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Shanghai', ...options })
const locales: Locale[] = ['zh-CN', 'en']

/** Instants from 1992 to 2100, spread by a fixed generator, and the hours around midnight and noon in China. */
function instants(): Date[] {
  const out: Date[] = []
  let seed = 20261207
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  const from = Date.UTC(1992, 0, 1)
  const to = Date.UTC(2100, 0, 1)
  for (let i = 0; i < 2000; i++) out.push(new Date(from + Math.floor(next() * (to - from))))
  // 15:59–16:00 UTC is midnight in China (the date changes there first), 03:59–04:00 UTC noon; a year's last minute.
  for (const iso of [
    '2026-12-31T15:59:00Z',
    '2026-12-31T16:00:00Z',
    '2027-03-01T03:59:59Z',
    '2027-03-01T04:00:00Z',
    '2028-02-28T16:30:00Z',
    '2026-01-01T00:00:00Z',
  ])
    out.push(new Date(iso))
  return out
}

describe('dates and times in China, in the reader’s language', () => {
  it('writes what Intl writes, for every locale, date and time', () => {
    for (const locale of locales) {
      const date = intl(locale, { dateStyle: 'medium' })
      const dateTime = intl(locale, { dateStyle: 'medium', timeStyle: 'short' })
      for (const instant of instants()) {
        expect({ locale, instant, text: formatDate(locale, instant) }).toEqual({ locale, instant, text: date.format(instant) })
        expect({ locale, instant, text: formatDateTime(locale, instant) }).toEqual({ locale, instant, text: dateTime.format(instant) })
      }
    }
  })

  it('reads the ISO strings pages receive in their data, and the day in China, not in UTC', () => {
    expect(formatDate('zh-CN', '2026-12-31T16:30:00.000Z')).toBe('2027年1月1日')
    expect(formatDateTime('en', '2026-12-31T16:30:00.000Z')).toBe('Jan 1, 2027, 12:30 AM')
    expect(formatDateTime('zh-CN', '2026-03-05T01:07:00.000Z')).toBe('2026年3月5日 09:07')
  })

  it('refuses what is not a date, as Intl does', () => {
    expect(() => formatDate('en', 'not a date')).toThrow(RangeError)
    expect(() => formatDateTime('zh-CN', new Date(Number.NaN))).toThrow(RangeError)
  })
})
