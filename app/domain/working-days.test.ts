import data from 'chinese-days/dist/chinese-days.json'
import { describe, expect, it } from 'vitest'
import { addWorkingDays, daysFromTo, isWeekday, workingDaysBetween } from './working-days'

// The published calendar, as the data package has it (app/models/calendar.server.ts reads it so,
// and adds the administrator's corrections).
const china = (day: string) => day in data.workdays || (!(day in data.holidays) && isWeekday(day))

describe('addWorkingDays on the Chinese calendar', () => {
  it('closes a list published on 2026-09-30 for 5 working days after the National Day holiday, counting the Saturday made a working day', () => {
    // 1–7 October are the holiday; Saturday 10 October is a make-up working day (调休上班).
    expect(china('2026-10-07')).toBe(false)
    expect(china('2026-10-10')).toBe(true)
    expect(addWorkingDays('2026-09-30', 5, china)).toBe('2026-10-13')
    // On plain weekdays it would have closed within the holiday.
    expect(addWorkingDays('2026-09-30', 5, isWeekday)).toBe('2026-10-07')
  })

  it('counts a make-up working Sunday before the Spring Festival and skips the festival', () => {
    // 2026: Sunday 14 February is a working day; 15–23 February are the holiday.
    expect(addWorkingDays('2026-02-12', 2, china)).toBe('2026-02-14')
    expect(addWorkingDays('2026-02-13', 2, china)).toBe('2026-02-24')
  })

  it('starts counting the day after the start, and n = 0 is the start itself', () => {
    expect(addWorkingDays('2026-12-04', 1, china)).toBe('2026-12-07') // Friday → Monday
    expect(addWorkingDays('2026-12-07', 1, china)).toBe('2026-12-08')
    expect(addWorkingDays('2026-12-05', 0, china)).toBe('2026-12-05')
  })

  it('follows whatever calendar it is given (an administrator’s correction)', () => {
    const closed = new Set(['2026-12-08'])
    expect(addWorkingDays('2026-12-07', 1, (d) => !closed.has(d) && china(d))).toBe('2026-12-09')
  })

  it('refuses a date that is no calendar day, a negative or fractional count, and a calendar without working days', () => {
    expect(() => addWorkingDays('2026-02-30', 1, china)).toThrow(/calendar day/)
    expect(() => addWorkingDays('2026-09-30', -1, china)).toThrow(/working days/)
    expect(() => addWorkingDays('2026-09-30', 1.5, china)).toThrow(/working days/)
    expect(() => addWorkingDays('2026-09-30', 1, () => false)).toThrow(/No working day/)
  })
})

describe('workingDaysBetween', () => {
  it('counts the working days after the first date up to the second', () => {
    expect(workingDaysBetween('2026-09-30', '2026-10-13', china)).toBe(5)
    expect(workingDaysBetween('2026-09-30', '2026-10-12', china)).toBe(4)
    expect(workingDaysBetween('2026-10-13', '2026-09-30', china)).toBe(0)
    expect(workingDaysBetween('2026-10-01', '2026-10-07', china)).toBe(0)
  })

  it('is the inverse of addWorkingDays', () => {
    for (const start of ['2026-01-01', '2026-04-30', '2026-09-25', '2026-12-31'])
      for (const n of [1, 5, 10, 30]) expect(workingDaysBetween(start, addWorkingDays(start, n, china), china)).toBe(n)
  })
})

describe('daysFromTo and isWeekday', () => {
  it('lists every day, across a month and a leap day', () => {
    expect(daysFromTo('2028-02-28', '2028-03-01')).toEqual(['2028-02-28', '2028-02-29', '2028-03-01'])
    expect(daysFromTo('2026-01-02', '2026-01-01')).toEqual([])
  })
  it('knows Monday to Friday', () => {
    expect(['2026-12-05', '2026-12-06', '2026-12-07'].map(isWeekday)).toEqual([false, false, true])
  })
})
