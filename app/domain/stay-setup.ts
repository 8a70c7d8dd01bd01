// The office's set-up of the stay (decision 22, amendment): the pre-departure quiz written as
// text, one question per block separated by a blank line:
//   ? 中文题干 | English prompt
//   - 中文选项 | English choice
//   * 正确选项 | The correct choice
// Parsed into the stored shape (quizSchema in ./stay) and written back for editing. No I/O.
import type { QuizQuestion } from './stay'

const QUIZ_MAX_QUESTIONS = 20
const MAX_CHOICES = 6
const MAX_TEXT = 500

/** What is wrong with the quiz text, at a line (1-based; the last line for a missing question). */
export type QuizProblem = 'unknown' | 'pair' | 'tooLong' | 'promptFirst' | 'twoPrompts' | 'choices' | 'correct' | 'count'
export type QuizParse = { ok: true; questions: QuizQuestion[] } | { ok: false; line: number; problem: QuizProblem }

type Block = { line: number; prompt: [string, string] | null; choices: [string, string][]; correct: number[] }

/** "中文 | English": both halves present, neither too long. */
function pair(rest: string): [string, string] | 'pair' | 'tooLong' {
  const parts = rest.split('|')
  if (parts.length !== 2) return 'pair'
  const [zh, en] = parts.map((p) => p.trim()) as [string, string]
  if (!zh || !en) return 'pair'
  return zh.length > MAX_TEXT || en.length > MAX_TEXT ? 'tooLong' : [zh, en]
}

function finish(block: Block): QuizProblem | null {
  if (!block.prompt) return 'promptFirst'
  if (block.choices.length < 2 || block.choices.length > MAX_CHOICES) return 'choices'
  if (block.correct.length !== 1) return 'correct'
  return null
}

export function parseQuiz(source: string): QuizParse {
  const lines = source.replace(/\r\n?/g, '\n').split('\n')
  const questions: QuizQuestion[] = []
  let block: Block | null = null
  const close = (): QuizParse | null => {
    if (!block) return null
    const problem = finish(block)
    if (problem) return { ok: false, line: block.line, problem }
    const prompt = block.prompt as [string, string]
    questions.push({
      promptZh: prompt[0],
      promptEn: prompt[1],
      choicesZh: block.choices.map((c) => c[0]),
      choicesEn: block.choices.map((c) => c[1]),
      answer: block.correct[0] as number,
    })
    block = null
    return null
  }
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim()
    const number = i + 1
    if (!line) {
      const refused = close()
      if (refused) return refused
      continue
    }
    const mark = line[0]
    if (mark !== '?' && mark !== '-' && mark !== '*') return { ok: false, line: number, problem: 'unknown' }
    const parsed = pair(line.slice(1))
    if (typeof parsed === 'string') return { ok: false, line: number, problem: parsed }
    block ??= { line: number, prompt: null, choices: [], correct: [] }
    if (mark === '?') {
      if (block.prompt) return { ok: false, line: number, problem: 'twoPrompts' }
      if (block.choices.length) return { ok: false, line: number, problem: 'promptFirst' }
      block.prompt = parsed
    } else {
      if (!block.prompt) return { ok: false, line: number, problem: 'promptFirst' }
      if (mark === '*') block.correct.push(block.choices.length)
      block.choices.push(parsed)
    }
  }
  const refused = close()
  if (refused) return refused
  if (questions.length < 1 || questions.length > QUIZ_MAX_QUESTIONS) return { ok: false, line: Math.max(1, lines.length), problem: 'count' }
  return { ok: true, questions }
}

/** The stored questions as the text the office edits (parseQuiz reads it back unchanged). */
export function formatQuiz(questions: readonly QuizQuestion[]): string {
  return questions
    .map((q) =>
      [
        `? ${q.promptZh} | ${q.promptEn}`,
        ...q.choicesZh.map((zh, i) => `${i === q.answer ? '*' : '-'} ${zh} | ${q.choicesEn[i] ?? ''}`),
      ].join('\n'),
    )
    .join('\n\n')
}
