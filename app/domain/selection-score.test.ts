import { describe, expect, it } from 'vitest'
import { bestLanguagePercent, languagePercent } from './language'
import {
  compositeScore,
  DEFAULT_SCORE_FORMULA,
  rankApplicants,
  scoreFormulaSchema,
  type ScoreFormula,
  type ScoreInputs,
} from './selection-score'

const inputs = (over: Partial<ScoreInputs> = {}): ScoreInputs => ({
  gpa: { value: 3.6, scale: 4 },
  language: 75,
  rubric: 4,
  interview: null,
  submittedAt: new Date('2026-10-01T02:00:00Z'),
  studentNumber: '2023001',
  ...over,
})

describe('scoreFormulaSchema', () => {
  it('accepts the default formula and weights summing to 100', () => {
    expect(scoreFormulaSchema.parse(DEFAULT_SCORE_FORMULA)).toEqual(DEFAULT_SCORE_FORMULA)
    expect(scoreFormulaSchema.safeParse({ weights: { gpa: 33.3, language: 33.3, rubric: 33.4, interview: 0 }, tieBreak: [] }).success).toBe(
      true,
    )
  })

  it('refuses weights off 0..100 or not summing to 100, and a tie-breaker named twice, with a message key', () => {
    const bad: unknown[] = [
      { weights: { gpa: 50, language: 20, rubric: 20, interview: 0 }, tieBreak: [] },
      { weights: { gpa: 120, language: -20, rubric: 0, interview: 0 }, tieBreak: [] },
      { weights: { gpa: 50, language: 50, rubric: 0, interview: 0 }, tieBreak: ['gpa', 'gpa'] },
      { weights: { gpa: 50, language: 50, rubric: 0, interview: 0 }, tieBreak: ['height'] },
    ]
    const messages = bad.map((b) => scoreFormulaSchema.safeParse(b).error?.issues.map((i) => i.message))
    expect(messages).toEqual([
      ['selection.error.weightsSum'],
      ['selection.error.weight', 'selection.error.weight'],
      ['selection.error.tieBreakTwice'],
      ['form.invalidChoice'],
    ])
  })
})

describe('languagePercent', () => {
  it('puts each test on 0..100 along its own scale', () => {
    expect(languagePercent({ test: 'ielts', score: 9 })).toBe(100)
    expect(languagePercent({ test: 'ielts', score: 6.5 })).toBeCloseTo(72.22, 2)
    expect(languagePercent({ test: 'toefl', score: 90 })).toBe(75)
    expect(languagePercent({ test: 'cet6', score: 500 })).toBeCloseTo(70.42, 2)
    expect(languagePercent({ test: 'cet4', score: 0 })).toBe(0)
    expect(languagePercent({ test: 'duolingo', score: 120 })).toBeCloseTo(73.33, 2)
  })

  it('is null for no test, "other", "none", no score or a score off the scale', () => {
    for (const r of [
      {},
      { test: 'other', score: 80 },
      { test: 'none' },
      { test: 'ielts', score: null },
      { test: 'ielts', score: 9.5 },
      { test: 'toefl', score: 90.5 },
    ] as const)
      expect(languagePercent(r), JSON.stringify(r)).toBeNull()
  })

  it('takes the best of several results', () => {
    expect(
      bestLanguagePercent([
        { test: 'cet6', score: 425 },
        { test: 'ielts', score: 7 },
        { test: 'other', score: 99 },
      ]),
    ).toBeCloseTo(77.78, 2)
    expect(bestLanguagePercent([{ test: 'none' }])).toBeNull()
  })
})

describe('compositeScore', () => {
  it('weighs the parts, each scaled to 0..100, to two decimals', () => {
    // GPA 3.6/4 = 90, language 75, rubric 4 of 1..5 = 75: 0.5 × 90 + 0.2 × 75 + 0.3 × 75 = 82.5
    expect(compositeScore(DEFAULT_SCORE_FORMULA, inputs())).toEqual({
      score: 82.5,
      parts: { gpa: 90, language: 75, rubric: 75, interview: null },
      missing: [],
    })
    const thirds: ScoreFormula = { weights: { gpa: 0, language: 0, rubric: 0, interview: 100 }, tieBreak: [] }
    expect(compositeScore(thirds, inputs({ interview: 200 / 3 })).score).toBe(66.67)
    expect(compositeScore(DEFAULT_SCORE_FORMULA, inputs({ gpa: { value: 85, scale: 100 }, rubric: 1 })).score).toBe(57.5)
  })

  it('has no score when a weighted part is missing, and lists it; a part weighted 0 is not missed', () => {
    expect(compositeScore(DEFAULT_SCORE_FORMULA, inputs({ language: null, rubric: null }))).toMatchObject({
      score: null,
      missing: ['language', 'rubric'],
    })
    // The interview is weighted 0 in the default formula.
    expect(compositeScore(DEFAULT_SCORE_FORMULA, inputs({ interview: null })).missing).toEqual([])
    const noGpa: ScoreFormula = { weights: { gpa: 0, language: 50, rubric: 50, interview: 0 }, tieBreak: [] }
    expect(compositeScore(noGpa, inputs({ gpa: null }))).toMatchObject({ score: 75, missing: [] })
  })

  it('keeps parts within 0..100 and treats a GPA scale of 0 as no GPA', () => {
    expect(compositeScore(DEFAULT_SCORE_FORMULA, inputs({ gpa: { value: 4.3, scale: 4 } })).parts.gpa).toBe(100)
    expect(compositeScore(DEFAULT_SCORE_FORMULA, inputs({ gpa: { value: 3, scale: 0 } })).missing).toEqual(['gpa'])
  })
})

describe('rankApplicants', () => {
  const item = (id: string, over: Partial<ScoreInputs>, formula: ScoreFormula = DEFAULT_SCORE_FORMULA) => {
    const i = inputs(over)
    return { id, inputs: i, scored: compositeScore(formula, i) }
  }

  it('puts the best score first, numbers the places, and puts applicants without a score last', () => {
    const ranked = rankApplicants(DEFAULT_SCORE_FORMULA, [
      item('low', { rubric: 2 }),
      item('none', { language: null }),
      item('high', { rubric: 5 }),
    ])
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([
      ['high', 1],
      ['low', 2],
      ['none', 3],
    ])
  })

  it('breaks equal scores by the tie-breakers in the order the formula names them', () => {
    // Same score (82.5): a has the higher GPA part, b the earlier submission.
    const a = item('a', { gpa: { value: 3.8, scale: 4 }, language: 62.5, submittedAt: new Date('2026-10-02T00:00:00Z') })
    const b = item('b', { gpa: { value: 3.6, scale: 4 }, language: 75, submittedAt: new Date('2026-10-01T00:00:00Z') })
    expect(a.scored.score).toBe(b.scored.score)
    expect(rankApplicants(DEFAULT_SCORE_FORMULA, [b, a]).map((r) => r.id)).toEqual(['a', 'b'])
    const bySubmission: ScoreFormula = { ...DEFAULT_SCORE_FORMULA, tieBreak: ['submittedAt', 'gpa'] }
    expect(rankApplicants(bySubmission, [a, b]).map((r) => r.id)).toEqual(['b', 'a'])
    const byLanguage: ScoreFormula = { ...DEFAULT_SCORE_FORMULA, tieBreak: ['language'] }
    expect(rankApplicants(byLanguage, [a, b]).map((r) => r.id)).toEqual(['b', 'a'])
  })

  it('puts a missing tie-breaker value last, and orders complete ties by student number, then by id', () => {
    const never = item('never', { submittedAt: null })
    const early = item('early', { submittedAt: new Date('2026-09-01T00:00:00Z') })
    expect(rankApplicants({ ...DEFAULT_SCORE_FORMULA, tieBreak: ['submittedAt'] }, [never, early]).map((r) => r.id)).toEqual([
      'early',
      'never',
    ])

    const n2 = item('x', { studentNumber: '2023002' })
    const n1 = item('y', { studentNumber: '2023001' })
    expect(rankApplicants({ ...DEFAULT_SCORE_FORMULA, tieBreak: ['studentNumber'] }, [n2, n1]).map((r) => r.id)).toEqual(['y', 'x'])
    // No tie-breakers at all: the id decides, whatever order they came in.
    const none: ScoreFormula = { ...DEFAULT_SCORE_FORMULA, tieBreak: [] }
    expect(rankApplicants(none, [n1, n2]).map((r) => [r.id, r.rank])).toEqual([
      ['x', 1],
      ['y', 2],
    ])
    expect(rankApplicants(none, [n2, n1]).map((r) => r.id)).toEqual(['x', 'y'])
  })
})
