// A program's own questions, asked besides its kind's form (e.g. "Why this university?" for one
// exchange partner). Up to five, each in both languages, in fixed slots q1…q5: an answer belongs
// to its program and slot, so editing a question's wording keeps the answers given to it. A
// student in a selection round answers the questions of every program they rank.
import { z } from 'zod'

export const QUESTION_SLOTS = ['q1', 'q2', 'q3', 'q4', 'q5'] as const
export type QuestionSlot = (typeof QUESTION_SLOTS)[number]
export const QUESTION_MAX_CHARS = 500
export const ANSWER_MAX_CHARS = 2000

export type ProgramQuestion = { id: QuestionSlot; zh: string; en: string; required: boolean }

/** Answers by program id, then by question slot. */
export type ProgramAnswers = Record<string, Partial<Record<QuestionSlot, string>>>

// Built when first read, not when the module loads (the browser imports this module for its types
// and helpers only).
const storedQuestions = z.lazy(() =>
  z.array(
    z.object({
      id: z.enum(QUESTION_SLOTS),
      zh: z.string().min(1),
      en: z.string().min(1),
      required: z.boolean(),
    }),
  ),
)

/** A program's stored questions (Program.questions); a malformed row is a bug to surface. */
export function readQuestions(stored: unknown): ProgramQuestion[] {
  return storedQuestions.parse(stored)
}

type WithQuestions = { id: string; questions: readonly ProgramQuestion[] }

/** A program with its questions, as pages show them. */
export type ProgramWithQuestions = WithQuestions & { titleZh: string; titleEn: string }

/** The required questions left unanswered, program by program in the order given. */
export function unansweredQuestions(programs: readonly WithQuestions[], answers: ProgramAnswers | undefined) {
  return programs.flatMap((p) =>
    p.questions.filter((q) => q.required && !answers?.[p.id]?.[q.id]?.trim()).map((q) => ({ programId: p.id, questionId: q.id })),
  )
}

/** The answers to questions the programs ask: answers to a program no longer chosen, or a slot no longer asked, are dropped. */
export function keepAsked(programs: readonly WithQuestions[], answers: ProgramAnswers | undefined): ProgramAnswers {
  const kept: ProgramAnswers = {}
  for (const p of programs) {
    for (const q of p.questions) {
      const answer = answers?.[p.id]?.[q.id]
      if (answer) (kept[p.id] ??= {})[q.id] = answer
    }
  }
  return kept
}
