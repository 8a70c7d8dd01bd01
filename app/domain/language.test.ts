import { describe, expect, it } from 'vitest'
import { formatLanguageRequirement, isValidScore, languageShortfall, meetsLanguageRequirement, scoreProblem } from './language'

describe('score scales', () => {
  it.each([
    ['ielts', [0, 5.5, 6.5, 9]],
    ['toefl', [0, 90, 120]],
    ['cet4', [0, 425, 710]],
    ['cet6', [0, 425, 710]],
    ['duolingo', [10, 105, 160]],
  ] as const)('accepts %s scores on the scale', (test, scores) => {
    for (const s of scores) expect(isValidScore(test, s)).toBe(true)
  })
  it.each([
    ['ielts', [-0.5, 6.3, 6.75, 9.5, 10]],
    ['toefl', [-1, 90.5, 121]],
    ['cet4', [-1, 425.5, 711]],
    ['cet6', [711, 500.5]],
    ['duolingo', [5, 0, 103, 165]],
  ] as const)('refuses %s scores off the scale', (test, scores) => {
    for (const s of scores) expect(isValidScore(test, s)).toBe(false)
  })
  it('refuses non-finite scores', () => {
    expect(isValidScore('ielts', Number.NaN)).toBe(false)
    expect(isValidScore('toefl', Number.POSITIVE_INFINITY)).toBe(false)
  })
  it('explains a score off the scale with the scale', () => {
    expect(scoreProblem('ielts', 6.3)).toEqual({
      code: 'application.error.languageScore',
      params: { test: 'IELTS', min: 0, max: 9, step: 0.5 },
    })
    expect(scoreProblem('ielts', 6.5)).toBeNull()
  })
})

describe('meetsLanguageRequirement', () => {
  const requirement = { ielts: 6.5, toefl: 90, cet6: 425 }
  it('passes with any one listed test at or above its minimum', () => {
    expect(meetsLanguageRequirement(requirement, { test: 'ielts', score: 6.5 })).toBe(true)
    expect(meetsLanguageRequirement(requirement, { test: 'toefl', score: 100 })).toBe(true)
    expect(meetsLanguageRequirement(requirement, { test: 'cet6', score: 425 })).toBe(true)
  })
  it('fails just below the minimum', () => {
    expect(meetsLanguageRequirement(requirement, { test: 'ielts', score: 6 })).toBe(false)
    expect(meetsLanguageRequirement(requirement, { test: 'toefl', score: 89 })).toBe(false)
    expect(meetsLanguageRequirement(requirement, { test: 'cet6', score: 424 })).toBe(false)
  })
  it('does not count a test the program does not list', () => {
    expect(languageShortfall(requirement, { test: 'cet4', score: 700 })).toEqual({ reason: 'notAccepted', test: 'cet4' })
    expect(languageShortfall(requirement, { test: 'other', score: 100 })).toEqual({ reason: 'notAccepted', test: 'other' })
  })
  it('reports a missing result', () => {
    expect(languageShortfall(requirement, {})).toEqual({ reason: 'missing' })
    expect(languageShortfall(requirement, { test: 'none' })).toEqual({ reason: 'missing' })
    expect(languageShortfall(requirement, { test: 'ielts' })).toEqual({ reason: 'missing' })
  })
  it('says how far below the result is', () => {
    expect(languageShortfall(requirement, { test: 'ielts', score: 6 })).toEqual({ reason: 'tooLow', test: 'ielts', score: 6, min: 6.5 })
  })
  it('passes everyone when nothing is required', () => {
    expect(meetsLanguageRequirement(undefined, {})).toBe(true)
    expect(meetsLanguageRequirement({}, { test: 'none' })).toBe(true)
  })
  it('formats a requirement the same way in every language', () => {
    expect(formatLanguageRequirement(requirement)).toBe('IELTS 6.5 / TOEFL iBT 90 / CET-6 425')
  })
})
