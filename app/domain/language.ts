// Language tests a student may report, their score scales, and program language requirements.
export const languageTests = ['ielts', 'toefl', 'cet4', 'cet6', 'duolingo', 'other', 'none'] as const
export type LanguageTest = (typeof languageTests)[number]

export const scoredTests = ['ielts', 'toefl', 'cet4', 'cet6', 'duolingo'] as const
export type ScoredTest = (typeof scoredTests)[number]

/** Score scales. Labels are the tests' own names, the same in every language. */
export const scoreScales: Record<ScoredTest, { min: number; max: number; step: number; label: string }> = {
  ielts: { min: 0, max: 9, step: 0.5, label: 'IELTS' },
  toefl: { min: 0, max: 120, step: 1, label: 'TOEFL iBT' },
  cet4: { min: 0, max: 710, step: 1, label: 'CET-4' },
  cet6: { min: 0, max: 710, step: 1, label: 'CET-6' },
  // Duolingo English Test scores are reported in steps of 5.
  duolingo: { min: 10, max: 160, step: 5, label: 'Duolingo' },
}

// Scores another test ("other") may carry: the reviewer reads the certificate.
export const OTHER_SCORE_MAX = 10_000

/** Minimum score per accepted test; a test not listed does not count. */
export type LanguageRequirement = Partial<Record<ScoredTest, number>>

export const isScoredTest = (test: unknown): test is ScoredTest =>
  typeof test === 'string' && (scoredTests as readonly string[]).includes(test)

/** True when the score is on the test's scale (within bounds, a whole number of steps). */
export function isValidScore(test: ScoredTest, score: number): boolean {
  const { min, max, step } = scoreScales[test]
  // Steps are 0.5, 1 or 5: score / step is exact in binary floating point for valid scores.
  return Number.isFinite(score) && score >= min && score <= max && Number.isInteger(score / step)
}

/** The schema message for a score off the test's scale, or null. */
export function scoreProblem(test: ScoredTest, score: number) {
  if (isValidScore(test, score)) return null
  const { min, max, step, label } = scoreScales[test]
  return { code: 'application.error.languageScore', params: { test: label, min, max, step } } as const
}

/** "IELTS 6.5 / TOEFL iBT 90 / CET-6 425", in the order of scoredTests. */
export function formatLanguageRequirement(requirement: LanguageRequirement): string {
  return scoredTests
    .filter((t) => requirement[t] !== undefined)
    .map((t) => `${scoreScales[t].label} ${requirement[t]}`)
    .join(' / ')
}

export const hasLanguageRequirement = (requirement: LanguageRequirement | undefined): requirement is LanguageRequirement =>
  !!requirement && scoredTests.some((t) => requirement[t] !== undefined)

export type LanguageShortfall =
  | { reason: 'missing' } // no test, "none", or a scored test without its score
  | { reason: 'notAccepted'; test: LanguageTest }
  | { reason: 'tooLow'; test: ScoredTest; score: number; min: number }

/** Why a result does not meet the requirement, or null when it does (or nothing is required). */
export function languageShortfall(
  requirement: LanguageRequirement | undefined,
  result: { test?: LanguageTest | null; score?: number | null },
): LanguageShortfall | null {
  if (!hasLanguageRequirement(requirement)) return null
  const { test, score } = result
  if (!test || test === 'none') return { reason: 'missing' }
  const min = isScoredTest(test) ? requirement[test] : undefined
  if (min === undefined) return { reason: 'notAccepted', test }
  if (score === undefined || score === null || !Number.isFinite(score)) return { reason: 'missing' }
  return score >= min ? null : { reason: 'tooLow', test: test as ScoredTest, score, min }
}

/** Any one listed test at or above its minimum passes; no requirement always passes. */
export function meetsLanguageRequirement(
  requirement: LanguageRequirement | undefined,
  result: { test?: LanguageTest | null; score?: number | null },
): boolean {
  return languageShortfall(requirement, result) === null
}

/**
 * A scored result on a common 0..100 scale for a selection round's composite score: linear on
 * the test's own scale (IELTS 6.5 of 0–9 is 72.22, TOEFL 90 of 0–120 is 75, CET-6 500 of 0–710 is
 * 70.42, Duolingo 120 of 10–160 is 73.33). Null for "other", "none", no score, or a score off the
 * test's scale. The scales are not equivalent to each other; a round whose students take different
 * tests should weigh this part knowing so.
 */
export function languagePercent(result: { test?: LanguageTest | null; score?: number | null }): number | null {
  const { test, score } = result
  if (!isScoredTest(test) || score === undefined || score === null || !isValidScore(test, score)) return null
  const { min, max } = scoreScales[test]
  return ((score - min) / (max - min)) * 100
}

/** The best of a student's results on the 0..100 scale of languagePercent, or null when none is scored. */
export function bestLanguagePercent(results: readonly { test?: LanguageTest | null; score?: number | null }[]): number | null {
  const percents = results.map(languagePercent).filter((p): p is number => p !== null)
  return percents.length ? Math.max(...percents) : null
}
