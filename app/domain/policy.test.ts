import { describe, expect, it } from 'vitest'
import {
  barWidth,
  conferenceCountryKey,
  conferenceCountryLabel,
  drillDownHref,
  isAcademicYear,
  mobilityFilterSchema,
  NO_COUNTRY,
  percentOf,
  policyTargets,
  previousAcademicYear,
  shareOf,
  splitMismatch,
  targetKindOf,
  yearOverYear,
} from './policy'

describe('targetKindOf', () => {
  it('counts undergraduates of any kind toward undergraduates abroad', () => {
    expect(targetKindOf('exchange', 'undergraduate')).toBe('undergraduate_abroad')
    expect(targetKindOf('conference', 'undergraduate')).toBe('undergraduate_abroad')
    expect(targetKindOf('joint_training', 'undergraduate')).toBe('undergraduate_abroad')
  })

  it('counts graduates by kind: joint training and conference trips, their exchanges toward none', () => {
    expect(targetKindOf('joint_training', 'master')).toBe('graduate_joint_training')
    expect(targetKindOf('joint_training', 'doctoral')).toBe('graduate_joint_training')
    expect(targetKindOf('conference', 'master')).toBe('graduate_conference')
    expect(targetKindOf('conference', 'doctoral')).toBe('graduate_conference')
    expect(targetKindOf('exchange', 'master')).toBeNull()
    expect(targetKindOf('exchange', null)).toBeNull()
  })
})

describe('the policy', () => {
  it('sets 800 undergraduates, 150 joint trainees, 300 conference trips and 800 faculty trips a year', () => {
    expect(policyTargets).toEqual({
      undergraduate_abroad: 800,
      graduate_joint_training: 150,
      graduate_conference: 300,
      faculty_abroad: 800,
    })
  })
})

describe('percentOf, shareOf and barWidth', () => {
  it('rounds to one decimal and has no percent without a target', () => {
    expect(percentOf(1, 300)).toBe(0.3)
    expect(percentOf(2, 3)).toBe(66.7)
    expect(percentOf(450, 300)).toBe(150)
    expect(percentOf(5, 0)).toBeNull()
    expect(percentOf(5, null)).toBeNull()
    expect(shareOf(1, 4)).toBe(25)
    expect(shareOf(0, 0)).toBeNull()
  })

  it('caps the bar at 100 and draws nothing for no percent', () => {
    expect(barWidth(150)).toBe(100)
    expect(barWidth(42.5)).toBe(42.5)
    expect(barWidth(null)).toBe(0)
  })
})

describe('yearOverYear', () => {
  it('gives the difference and its percent of last year', () => {
    expect(yearOverYear(12, 8)).toEqual({ delta: 4, percent: 50 })
    expect(yearOverYear(3, 6)).toEqual({ delta: -3, percent: -50 })
    expect(yearOverYear(5, 0)).toEqual({ delta: 5, percent: null })
  })
})

describe('academic years', () => {
  it('knows a year and the one before', () => {
    expect(isAcademicYear('2026-2027')).toBe(true)
    expect(isAcademicYear('2026-2028')).toBe(false)
    expect(isAcademicYear('2026')).toBe(false)
    expect(previousAcademicYear('2026-2027')).toBe('2025-2026')
  })
})

describe('splitMismatch', () => {
  it('warns only when colleges have targets and they do not add up to the university number', () => {
    expect(splitMismatch(800, 700, 3)).toBe(true)
    expect(splitMismatch(800, 800, 3)).toBe(false)
    expect(splitMismatch(800, 0, 0)).toBe(false)
    expect(splitMismatch(undefined, 50, 2)).toBe(false)
  })
})

describe('drill-down links', () => {
  it('round-trip through the filter schema', () => {
    const filter = {
      year: '2026-2027',
      college: 'ckcollege000001',
      target: 'graduate_conference' as const,
      partner: 'none' as const,
      conferenceCountry: 'Austria',
    }
    const href = drillDownHref(filter, 2)
    const params = new URL(href, 'http://x').searchParams
    expect(params.get('page')).toBe('2')
    params.delete('page')
    expect(mobilityFilterSchema.parse(Object.fromEntries(params))).toEqual(filter)
  })

  it('drops what makes no sense and refuses a bad year', () => {
    expect(mobilityFilterSchema.parse({ year: '2026-2027', tier: 'bogus', country: 'Germany' })).toEqual({ year: '2026-2027' })
    expect(mobilityFilterSchema.safeParse({ year: '2026' }).success).toBe(false)
  })
})

describe('conference countries', () => {
  it('count under the recognised country, else under the text as typed, blank under NO_COUNTRY', () => {
    for (const typed of ['美国', 'USA', 'United States', 'united states ', 'US']) expect(conferenceCountryKey(typed), typed).toBe('US')
    expect(conferenceCountryKey(' Atlantis\t')).toBe('Atlantis')
    for (const typed of [null, '', '  ', NO_COUNTRY]) expect(conferenceCountryKey(typed), String(typed)).toBe(NO_COUNTRY)
  })

  it('are labelled with the country’s name in the reader’s language, or the text as typed', () => {
    expect(conferenceCountryLabel('US', 'zh-CN')).toBe('美国')
    expect(conferenceCountryLabel('US', 'en')).toBe('United States')
    expect(conferenceCountryLabel('Atlantis', 'en')).toBe('Atlantis')
    expect(conferenceCountryLabel(NO_COUNTRY, 'en')).toBeNull()
  })
})
