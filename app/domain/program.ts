// Program kinds and the eligibility thresholds a program keeps in Program.requirements (JSON).
import { z } from 'zod'
import { isValidScore, scoredTests, type LanguageRequirement, type ScoredTest } from './language'

export const programKinds = ['exchange', 'joint_training', 'conference'] as const
export type ProgramKind = (typeof programKinds)[number]

const minimumScore = (test: ScoredTest) => z.number().refine((n) => isValidScore(test, n), { message: `not a ${test} score` })

/**
 * Parses Program.requirements, e.g. `{ minGpa: 3.3, language: { ielts: 6.5, toefl: 90, cet6: 425 } }`.
 * Strict: a misspelt key must fail loudly (in the admin form, or as a bug on read), never drop a
 * requirement silently. `{}` means no thresholds.
 */
// Built when first parsed, not when the module loads (every page importing it paid for it in the browser).
export const programRequirementsSchema = z.lazy(() =>
  z
    .object({
      /** On the 4.0 scale; the student's GPA is normalised before comparing. */
      minGpa: z.number().min(0).max(4).optional(),
      language: z
        .strictObject(
          Object.fromEntries(scoredTests.map((t) => [t, minimumScore(t).optional()])) as {
            [T in ScoredTest]: z.ZodOptional<z.ZodNumber>
          },
        )
        .optional(),
    })
    .strict(),
)

export type ProgramRequirements = { minGpa?: number; language?: LanguageRequirement }
