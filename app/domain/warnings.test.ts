import { describe, expect, it } from 'vitest'
import {
  conferenceYearWarning,
  dateOrderWarning,
  draftWarnings,
  jointTrainingLengthWarning,
  languageWarning,
  passportWarning,
} from './warnings'

describe('passportWarning', () => {
  it('is quiet when the passport is valid exactly six months after the mobility ends, or longer', () => {
    expect(passportWarning('2027-07-31', '2028-01-31')).toBeNull()
    expect(passportWarning('2027-07-31', '2030-05-01')).toBeNull()
  })
  it('warns one day short, saying until when the passport must be valid', () => {
    expect(passportWarning('2027-07-31', '2028-01-30')).toEqual({
      code: 'warning.passportExpiresTooSoon',
      params: { validUntil: '2028-01-31', months: 6 },
      field: 'passportExpiry',
    })
  })
  it('clamps at month ends: six months after 31 August is the end of February', () => {
    expect(passportWarning('2027-08-31', '2028-02-29')).toBeNull()
    expect(passportWarning('2027-08-31', '2028-02-28')?.params.validUntil).toBe('2028-02-29')
  })
  it('says nothing while a date is missing or malformed', () => {
    expect(passportWarning(undefined, '2020-01-01')).toBeNull()
    expect(passportWarning('2027-07-31', '')).toBeNull()
    expect(passportWarning('2027-07-31', '2028-02-30')).toBeNull()
  })
})

describe('dateOrderWarning', () => {
  it('warns when the end comes before the start, not when they are the same day', () => {
    expect(dateOrderWarning('2027-03-01', '2027-02-28')).toEqual({ code: 'warning.endBeforeStart', params: {}, field: 'endDate' })
    expect(dateOrderWarning('2027-03-01', '2027-03-01')).toBeNull()
    expect(dateOrderWarning('2027-03-01', undefined)).toBeNull()
    expect(dateOrderWarning('2027-03', '2027-02-28')).toBeNull()
  })
})

describe('jointTrainingLengthWarning (both first and last day count)', () => {
  it('accepts exactly six months', () => {
    expect(jointTrainingLengthWarning('2026-09-01', '2027-02-28')).toBeNull()
    expect(jointTrainingLengthWarning('2026-09-15', '2027-03-14')).toBeNull()
  })
  it('warns one day short of six months, naming the earliest end', () => {
    expect(jointTrainingLengthWarning('2026-09-01', '2027-02-27')).toEqual({
      code: 'warning.jointTrainingTooShort',
      params: { months: 6, earliestEnd: '2027-02-28' },
      field: 'endDate',
    })
  })
  it('accepts exactly twenty-four months', () => {
    expect(jointTrainingLengthWarning('2026-09-01', '2028-08-31')).toBeNull()
  })
  it('warns one day over twenty-four months, naming the latest end', () => {
    expect(jointTrainingLengthWarning('2026-09-01', '2028-09-01')).toEqual({
      code: 'warning.jointTrainingTooLong',
      params: { months: 24, latestEnd: '2028-08-31' },
      field: 'endDate',
    })
  })
  it('leaves reversed or missing dates to the other checks', () => {
    expect(jointTrainingLengthWarning('2027-09-01', '2026-09-01')).toBeNull()
    expect(jointTrainingLengthWarning('2026-09-01', undefined)).toBeNull()
  })
})

describe('conferenceYearWarning', () => {
  it('accepts conferences on the first and last day of the funding year', () => {
    expect(conferenceYearWarning('2026-2027', '2026-09-01', '2026-09-03')).toBeNull()
    expect(conferenceYearWarning('2026-2027', '2027-08-29', '2027-08-31')).toBeNull()
  })
  it('warns when the conference starts before or ends after the funding year', () => {
    const params = { academicYear: '2026-2027', from: '2026-09-01', to: '2027-08-31' }
    expect(conferenceYearWarning('2026-2027', '2026-08-31', '2026-09-02')).toEqual({
      code: 'warning.conferenceOutsideFundingYear',
      params,
      field: 'startDate',
    })
    expect(conferenceYearWarning('2026-2027', '2027-08-30', '2027-09-01')).toEqual({
      code: 'warning.conferenceOutsideFundingYear',
      params,
      field: 'endDate',
    })
  })
  it('checks the dates that are there', () => {
    expect(conferenceYearWarning('2026-2027', undefined, '2027-09-01')?.field).toBe('endDate')
    expect(conferenceYearWarning(undefined, '2020-01-01', '2020-01-02')).toBeNull()
  })
})

describe('languageWarning', () => {
  const requirement = { ielts: 6.5, toefl: 90 }
  it('is quiet at or above the minimum and while the score is not typed yet', () => {
    expect(languageWarning(requirement, 'ielts', 6.5)).toBeNull()
    expect(languageWarning(requirement, 'toefl', '95')).toBeNull()
    expect(languageWarning(requirement, 'ielts', undefined)).toBeNull()
    expect(languageWarning(requirement, 'ielts', '')).toBeNull()
    expect(languageWarning(requirement, undefined, 7)).toBeNull()
  })
  it('warns below the minimum, on the score', () => {
    expect(languageWarning(requirement, 'ielts', '6')).toEqual({
      code: 'warning.languageTooLow',
      params: { test: 'IELTS', min: 6.5, accepted: 'IELTS 6.5 / TOEFL iBT 90' },
      field: 'languageScore',
    })
  })
  it('warns about a test the program does not accept, or none', () => {
    expect(languageWarning(requirement, 'cet6', 600)?.code).toBe('warning.languageTestNotAccepted')
    expect(languageWarning(requirement, 'other', undefined)?.code).toBe('warning.languageTestNotAccepted')
    expect(languageWarning(requirement, 'none', undefined)).toEqual({
      code: 'warning.languageMissing',
      params: { accepted: 'IELTS 6.5 / TOEFL iBT 90' },
      field: 'languageTest',
    })
  })
  it('is quiet when the program requires nothing', () => {
    expect(languageWarning(undefined, 'none', undefined)).toBeNull()
    expect(languageWarning({}, 'ielts', 3)).toBeNull()
  })
})

describe('draftWarnings', () => {
  it('applies the checks of each kind', () => {
    const values = { startDate: '2026-09-01', endDate: '2027-01-31', passportExpiry: '2027-05-01', languageTest: 'ielts', languageScore: 6 }
    const program = { academicYear: '2025-2026', requirements: { language: { ielts: 6.5 } } }
    const codes = (kind: 'exchange' | 'joint_training' | 'conference') => draftWarnings({ kind, values, program }).map((w) => w.code)
    expect(codes('exchange')).toEqual(['warning.languageTooLow', 'warning.passportExpiresTooSoon'])
    expect(codes('joint_training')).toEqual(['warning.jointTrainingTooShort', 'warning.languageTooLow', 'warning.passportExpiresTooSoon'])
    expect(codes('conference')).toEqual(['warning.conferenceOutsideFundingYear', 'warning.passportExpiresTooSoon'])
  })
  it('says nothing about an empty draft', () => {
    expect(draftWarnings({ kind: 'joint_training', values: {} })).toEqual([])
    expect(draftWarnings({ kind: 'conference', values: {}, program: { academicYear: '2026-2027' } })).toEqual([])
  })
})
