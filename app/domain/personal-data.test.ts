import { describe, expect, it } from 'vitest'
import {
  anonymisedAnswers,
  consentCurrent,
  maskAnswers,
  maskDate,
  maskIdentifier,
  retentionCutoff,
  retentionPeriods,
} from './personal-data'

describe('masking', () => {
  it('hides the second half of an identifier, at least four characters', () => {
    expect(maskIdentifier('E12345678')).toBe('E1234****')
    expect(maskIdentifier('EA1234567')).toBe('EA123****')
    expect(maskIdentifier('G1234')).toBe('G12****')
    expect(maskIdentifier('AB')).toBe('A****')
  })

  it('keeps only the year of a date of birth', () => {
    expect(maskDate('2004-05-17')).toBe('2004-**-**')
    expect(maskDate('17/05/2004')).toBe('17/05*****')
  })

  it('masks every sensitive answer present and says which; the rest is untouched', () => {
    const details = { passportNumber: 'E12345678', dateOfBirth: '2004-05-17', passportExpiry: '2030-01-01', motivation: 'x' }
    expect(maskAnswers(details)).toEqual({
      details: { passportNumber: 'E1234****', dateOfBirth: '2004-**-**', passportExpiry: '2030-01-01', motivation: 'x' },
      masked: ['passportNumber', 'dateOfBirth'],
    })
    expect(maskAnswers({ passportNumber: '', gpa: 3.5 })).toEqual({ details: { passportNumber: '', gpa: 3.5 }, masked: [] })
  })
})

describe('anonymisation', () => {
  it('keeps what the figures read and drops everything else, answers added later included', () => {
    expect(
      anonymisedAnswers({
        kind: 'conference',
        programId: 'p1',
        country: 'USA',
        startDate: '2027-01-01',
        endDate: '2027-01-05',
        budget: { registration: 1 },
        passportNumber: 'E12345678',
        paperTitle: 'Mine',
        guardianPhone: '123',
      }),
    ).toEqual({
      kind: 'conference',
      programId: 'p1',
      country: 'USA',
      startDate: '2027-01-01',
      endDate: '2027-01-05',
      budget: { registration: 1 },
    })
    expect(anonymisedAnswers(null)).toEqual({})
    expect(anonymisedAnswers(['x'])).toEqual({})
  })
})

describe('retention', () => {
  it('counts calendar months back from now', () => {
    expect(retentionCutoff(new Date('2026-12-06T00:00:00Z'), 24).toISOString()).toBe('2024-12-06T00:00:00.000Z')
    expect(retentionCutoff(new Date('2026-12-06T00:00:00Z'), 60).toISOString()).toBe('2021-12-06T00:00:00.000Z')
  })

  it("uses the admin's periods, else the defaults", () => {
    expect(
      retentionPeriods([
        { kind: 'documents', months: 12 },
        { kind: 'unknown', months: 1 },
      ]),
    ).toEqual({
      documents: 12,
      rejected_answers: 24,
      completed_answers: 60,
      read_log: 36,
    })
  })
})

describe('consent', () => {
  it('is current only with the separate sensitive consent to the version in force', () => {
    expect(consentCurrent([{ noticeVersion: 0, sensitive: true }], 0)).toBe(true)
    expect(consentCurrent([{ noticeVersion: 0, sensitive: true }], 1)).toBe(false)
    expect(consentCurrent([{ noticeVersion: 1, sensitive: false }], 1)).toBe(false)
    expect(consentCurrent([], 0)).toBe(false)
  })
})
