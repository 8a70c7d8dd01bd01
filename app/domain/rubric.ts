// The scoring rubric per program kind: every criterion scored 1 (weak) to 5 (excellent).
// Criterion ids are stored as the keys of Review.scores; labels are i18n keys review.criterion.<id>.
import { z } from 'zod'
import type { ProgramKind } from './program'

const SCORE_MIN = 1
const SCORE_MAX = 5

export const rubrics = {
  exchange: ['academicRecord', 'language', 'studyPlan', 'partnerFit'],
  joint_training: ['researchPlan', 'supervisorFit', 'academicRecord', 'language'],
  conference: ['paperQuality', 'relevance', 'budgetReasonableness'],
} as const satisfies Record<ProgramKind, readonly string[]>

type Criterion = (typeof rubrics)[ProgramKind][number]
export type Scores = Partial<Record<Criterion, number>>

const score = z.number().int().min(SCORE_MIN).max(SCORE_MAX)

/** Every criterion of the kind scored; unknown criteria refused (a typo must not vanish). */
export function rubricSchema<K extends ProgramKind>(kind: K) {
  const shape = Object.fromEntries(rubrics[kind].map((c) => [c, score]))
  return z.strictObject(shape as Record<(typeof rubrics)[K][number], typeof score>)
}

/** The mean of the scores given, or null when there are none. */
export function averageScore(scores: Scores): number | null {
  const values = Object.values(scores).filter((v): v is number => typeof v === 'number')
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null
}
