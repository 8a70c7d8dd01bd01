import { describe, expect, it } from 'vitest'
import { programKinds } from './program'
import { averageScore, rubrics, rubricSchema } from './rubric'

describe('rubricSchema', () => {
  it('accepts every criterion of the kind scored 1 to 5', () => {
    expect(rubricSchema('exchange').parse({ academicRecord: 5, language: 4, studyPlan: 3, partnerFit: 1 })).toEqual({
      academicRecord: 5,
      language: 4,
      studyPlan: 3,
      partnerFit: 1,
    })
    expect(rubricSchema('conference').safeParse({ paperQuality: 2, relevance: 3, budgetReasonableness: 4 }).success).toBe(true)
  })

  it('refuses scores out of range, fractions, missing and unknown criteria', () => {
    const ok = { researchPlan: 3, supervisorFit: 3, academicRecord: 3, language: 3 }
    const schema = rubricSchema('joint_training')
    expect(schema.safeParse(ok).success).toBe(true)
    for (const bad of [
      { ...ok, language: 0 },
      { ...ok, language: 6 },
      { ...ok, language: 3.5 },
      { ...ok, language: '3' },
      { researchPlan: 3, supervisorFit: 3, academicRecord: 3 },
      { ...ok, partnerFit: 3 },
    ]) {
      expect(schema.safeParse(bad).success, JSON.stringify(bad)).toBe(false)
    }
  })

  it('has a rubric for every kind, without duplicate criteria', () => {
    for (const kind of programKinds) {
      expect(rubrics[kind].length).toBeGreaterThanOrEqual(3)
      expect(new Set(rubrics[kind]).size).toBe(rubrics[kind].length)
    }
  })

  it('partial() accepts an unfinished review', () => {
    expect(rubricSchema('exchange').partial().safeParse({ language: 4 }).success).toBe(true)
  })
})

describe('averageScore', () => {
  it('is the mean of the scores given', () => {
    expect(averageScore({ academicRecord: 5, language: 4, studyPlan: 3, partnerFit: 4 })).toBe(4)
    expect(averageScore({ paperQuality: 5, relevance: 4 })).toBe(4.5)
  })
  it('is null without scores', () => {
    expect(averageScore({})).toBeNull()
  })
})
