// A selection round's composite score and ranking. The round states a formula: weights for GPA,
// language, the reviewers' rubric and an optional interview (each part first scaled to 0..100),
// and the order of tie-breakers. Pure: the caller gathers the inputs (see language.ts for the
// language part, rubric.ts for the rubric mean).
import { z } from 'zod'

const scoreParts = ['gpa', 'language', 'rubric', 'interview'] as const
type ScorePart = (typeof scoreParts)[number]
export const tieBreakers = ['gpa', 'language', 'rubric', 'submittedAt', 'studentNumber'] as const
type TieBreaker = (typeof tieBreakers)[number]

const weight = z.number('selection.error.weight').min(0, 'selection.error.weight').max(100, 'selection.error.weight')

export const scoreFormulaSchema = z.object({
  weights: z
    .object({ gpa: weight, language: weight, rubric: weight, interview: weight })
    // Weights are whole or decimal percentages; a sum off by float noise (33.3 + 33.3 + 33.4) is 100.
    .refine((w) => Math.abs(w.gpa + w.language + w.rubric + w.interview - 100) < 1e-9, 'selection.error.weightsSum'),
  tieBreak: z
    .array(z.enum(tieBreakers, 'form.invalidChoice'))
    .max(tieBreakers.length)
    .refine((list) => new Set(list).size === list.length, 'selection.error.tieBreakTwice'),
})
export type ScoreFormula = z.infer<typeof scoreFormulaSchema>

export const DEFAULT_SCORE_FORMULA: ScoreFormula = {
  weights: { gpa: 50, language: 20, rubric: 30, interview: 0 },
  tieBreak: ['gpa', 'submittedAt', 'studentNumber'],
}

export type ScoreInputs = {
  gpa: { value: number; scale: number } | null
  /** Already 0..100 (language.ts: bestLanguagePercent). */
  language: number | null
  /** The reviewers' rubric mean, 1..5. */
  rubric: number | null
  /** 0..100. */
  interview: number | null
  submittedAt: Date | null
  studentNumber: string
}
export type Scored = {
  /** 0..100, rounded to 2 decimals; null when a weighted part has no value. */
  score: number | null
  /** Each part scaled to 0..100 (2 decimals), whatever its weight. */
  parts: Record<ScorePart, number | null>
  /** Weighted parts (weight above 0) with no value. */
  missing: ScorePart[]
}

const round2 = (n: number) => Math.round(n * 100) / 100
const clamp = (n: number) => Math.min(100, Math.max(0, n))
const finite = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n)

function scaledParts(inputs: ScoreInputs): Record<ScorePart, number | null> {
  const { gpa, language, rubric, interview } = inputs
  return {
    gpa: gpa && finite(gpa.value) && finite(gpa.scale) && gpa.scale > 0 ? clamp((gpa.value / gpa.scale) * 100) : null,
    language: finite(language) ? clamp(language) : null,
    // 1 is the rubric's lowest mark, 5 its highest.
    rubric: finite(rubric) ? clamp(((rubric - 1) / 4) * 100) : null,
    interview: finite(interview) ? clamp(interview) : null,
  }
}

/** The weighted mean of the scaled parts. A part weighted 0 neither counts nor is missed. */
export function compositeScore(formula: ScoreFormula, inputs: ScoreInputs): Scored {
  const parts = scaledParts(inputs)
  const missing = scoreParts.filter((p) => formula.weights[p] > 0 && parts[p] === null)
  const score = missing.length
    ? null
    : round2(scoreParts.reduce((sum, p) => sum + (formula.weights[p] > 0 ? formula.weights[p] * parts[p]! : 0), 0) / 100)
  return {
    score,
    parts: { gpa: rp(parts.gpa), language: rp(parts.language), rubric: rp(parts.rubric), interview: rp(parts.interview) },
    missing,
  }
}
const rp = (n: number | null) => (n === null ? null : round2(n))

/** Higher first, a missing value last. */
const higherFirst = (a: number | null, b: number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : b - a)
/** Lower first, a missing value last. */
const lowerFirst = (a: number | null, b: number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a - b)

const tieBreak: Record<TieBreaker, (a: { scored: Scored; inputs: ScoreInputs }, b: { scored: Scored; inputs: ScoreInputs }) => number> = {
  gpa: (a, b) => higherFirst(a.scored.parts.gpa, b.scored.parts.gpa),
  language: (a, b) => higherFirst(a.scored.parts.language, b.scored.parts.language),
  rubric: (a, b) => higherFirst(a.scored.parts.rubric, b.scored.parts.rubric),
  // Earlier submission first; never submitted last.
  submittedAt: (a, b) => lowerFirst(a.inputs.submittedAt?.getTime() ?? null, b.inputs.submittedAt?.getTime() ?? null),
  studentNumber: (a, b) => compareText(a.inputs.studentNumber, b.inputs.studentNumber),
}
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Best first: by score (null last), then the formula's tie-breakers in order, then by id, so that
 * complete ties still come out in one order. Each gets its 1-based place as `rank`: no two share one.
 */
export function rankApplicants<T extends { id: string; scored: Scored; inputs: ScoreInputs }>(
  formula: ScoreFormula,
  items: readonly T[],
): (T & { rank: number })[] {
  const sorted = [...items].sort((a, b) => {
    const byScore = higherFirst(a.scored.score, b.scored.score)
    if (byScore) return byScore
    for (const rule of formula.tieBreak) {
      const order = tieBreak[rule](a, b)
      if (order) return order
    }
    return compareText(a.id, b.id)
  })
  return sorted.map((item, index) => ({ ...item, rank: index + 1 }))
}
