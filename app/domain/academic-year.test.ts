import { describe, expect, it } from 'vitest'
import { academicYearBounds, academicYearOf } from './academic-year'

describe('academicYearOf', () => {
  it('starts the year on 1 September in Beijing time', () => {
    expect(academicYearOf(new Date('2026-11-27T12:00:00Z'))).toBe('2026-2027')
    expect(academicYearOf(new Date('2027-08-31T15:59:59Z'))).toBe('2026-2027')
    // 16:00 UTC on 31 August is already 1 September in Beijing.
    expect(academicYearOf(new Date('2027-08-31T16:00:00Z'))).toBe('2027-2028')
    expect(academicYearOf(new Date('2027-03-01T00:00:00Z'))).toBe('2026-2027')
  })
})

describe('academicYearBounds', () => {
  it('round-trips with academicYearOf at both ends', () => {
    const { start, end } = academicYearBounds('2026-2027')
    expect(academicYearOf(start)).toBe('2026-2027')
    expect(academicYearOf(end)).toBe('2026-2027')
    expect(academicYearOf(new Date(start.getTime() - 1))).toBe('2025-2026')
    expect(academicYearOf(new Date(end.getTime() + 1))).toBe('2027-2028')
  })
  it('refuses malformed years', () => {
    expect(() => academicYearBounds('2026-2028')).toThrow()
    expect(() => academicYearBounds('2026')).toThrow()
  })
})
