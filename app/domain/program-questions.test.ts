import { describe, expect, it } from 'vitest'
import { keepAsked, readQuestions, unansweredQuestions, type ProgramQuestion } from './program-questions'

const why: ProgramQuestion = { id: 'q1', zh: '为什么选择该校？', en: 'Why this university?', required: true }
const before: ProgramQuestion = { id: 'q2', zh: '曾出国吗？', en: 'Been abroad before?', required: false }
const programs = [
  { id: 'dublin', questions: [why, before] },
  { id: 'oslo', questions: [{ ...why, id: 'q3' as const }] },
  { id: 'lyon', questions: [] },
]

describe('program questions', () => {
  it('reads stored questions and refuses a malformed row', () => {
    expect(readQuestions([why])).toEqual([why])
    expect(readQuestions([])).toEqual([])
    expect(() => readQuestions([{ ...why, id: 'q9' }])).toThrow()
    expect(() => readQuestions([{ ...why, en: '' }])).toThrow()
    expect(() => readQuestions({})).toThrow()
  })

  it('finds the required questions left unanswered, a blank answer counting as none', () => {
    expect(unansweredQuestions(programs, undefined)).toEqual([
      { programId: 'dublin', questionId: 'q1' },
      { programId: 'oslo', questionId: 'q3' },
    ])
    expect(unansweredQuestions(programs, { dublin: { q1: '  ' }, oslo: { q3: 'Fjords.' } })).toEqual([
      { programId: 'dublin', questionId: 'q1' },
    ])
    // An answer given to the wrong program does not count.
    expect(unansweredQuestions(programs, { oslo: { q1: 'Books.', q3: 'Fjords.' } })).toEqual([{ programId: 'dublin', questionId: 'q1' }])
    expect(unansweredQuestions(programs, { dublin: { q1: 'Books.' }, oslo: { q3: 'Fjords.' } })).toEqual([])
  })

  it('keeps only answers to what the programs ask', () => {
    expect(
      keepAsked(programs, {
        dublin: { q1: 'Books.', q3: 'not asked here' },
        vienna: { q1: 'a program no longer chosen' },
        oslo: { q3: '' },
      }),
    ).toEqual({ dublin: { q1: 'Books.' } })
    expect(keepAsked(programs, undefined)).toEqual({})
  })
})
