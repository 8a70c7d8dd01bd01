import { describe, expect, it } from 'vitest'
import { addDays, addMonths, isIsoDate, shanghaiDate, shanghaiNoon } from './dates'

describe('isIsoDate', () => {
  it.each(['2026-09-01', '2028-02-29', '2000-02-29', '2027-12-31'])('accepts %s', (d) => expect(isIsoDate(d)).toBe(true))
  it.each(['2027-02-29', '1900-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-9-1', '2026-09-01T00:00', '', 20260901, null])(
    'refuses %j',
    (d) => expect(isIsoDate(d)).toBe(false),
  )
})

describe('addMonths', () => {
  it('adds calendar months across years', () => {
    expect(addMonths('2026-09-01', 6)).toBe('2027-03-01')
    expect(addMonths('2026-09-15', 24)).toBe('2028-09-15')
    expect(addMonths('2027-03-01', -6)).toBe('2026-09-01')
  })
  it('clamps to the last day of shorter months', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28')
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29')
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30')
  })
})

describe('addDays and Beijing time', () => {
  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29')
  })
  it('reads the Beijing calendar day of an instant', () => {
    expect(shanghaiDate(new Date('2026-08-31T15:59:59Z'))).toBe('2026-08-31')
    expect(shanghaiDate(new Date('2026-08-31T16:00:00Z'))).toBe('2026-09-01')
    expect(shanghaiNoon('2026-09-01').toISOString()).toBe('2026-09-01T04:00:00.000Z')
  })
})
