import { describe, expect, it } from 'vitest'
import { quizSchema } from './stay'
import { formatQuiz, parseQuiz } from './stay-setup'

const good = `? 紧急电话是多少？ | Which number is the emergency line?
- 110 | 110
* 驻外使领馆 | The embassy or consulate
- 不用打 | No need to call

? 护照丢失先做什么？ | Lost passport: first step?
* 报警并联系使馆 | Report it and call the embassy
- 等待 | Wait`

describe('parseQuiz', () => {
  it('reads blocks into the stored shape, the starred choice as the answer', () => {
    const parsed = parseQuiz(good)
    expect(parsed).toEqual({
      ok: true,
      questions: [
        {
          promptZh: '紧急电话是多少？',
          promptEn: 'Which number is the emergency line?',
          choicesZh: ['110', '驻外使领馆', '不用打'],
          choicesEn: ['110', 'The embassy or consulate', 'No need to call'],
          answer: 1,
        },
        expect.objectContaining({ promptEn: 'Lost passport: first step?', answer: 0 }),
      ],
    })
    expect(parsed.ok && quizSchema.safeParse(parsed.questions).success).toBe(true)
  })

  it('round-trips through the text the office edits', () => {
    const parsed = parseQuiz(good)
    if (!parsed.ok) throw new Error('expected a quiz')
    expect(formatQuiz(parsed.questions)).toBe(good)
    expect(parseQuiz(formatQuiz(parsed.questions))).toEqual(parsed)
  })

  it('accepts Windows line ends and extra blank lines', () => {
    expect(parseQuiz(`\r\n\r\n${good.replace(/\n/g, '\r\n')}\r\n\r\n`).ok).toBe(true)
  })

  it.each([
    ['a line without a mark', '? 题 | Q\n- a | a\n* b | b\nhello', 4, 'unknown'],
    ['a half missing', '? 题 | Q\n- a | a\n* b', 3, 'pair'],
    ['too many bars', '? 题 | Q | x\n- a | a\n* b | b', 1, 'pair'],
    ['a choice before the prompt', '- a | a\n? 题 | Q\n* b | b', 1, 'promptFirst'],
    ['two prompts in a block', '? 题 | Q\n? 题 | Q\n* b | b', 2, 'twoPrompts'],
    ['one choice only', '? 题 | Q\n* b | b', 1, 'choices'],
    ['seven choices', `? 题 | Q\n* b | b\n${'- a | a\n'.repeat(6)}`, 1, 'choices'],
    ['no correct choice', good.replace('* 报警并联系使馆', '- 报警并联系使馆'), 6, 'correct'],
    ['two correct choices', good.replace('- 等待', '* 等待'), 6, 'correct'],
    ['no question at all', '\n\n', 3, 'count'],
    ['21 questions', Array.from({ length: 21 }, () => '? 题 | Q\n- a | a\n* b | b').join('\n\n'), 83, 'count'],
    ['a text over 500 characters', `? ${'长'.repeat(501)} | Q\n- a | a\n* b | b`, 1, 'tooLong'],
  ])('refuses %s, naming the line', (_, source, line, problem) => {
    expect(parseQuiz(source)).toEqual({ ok: false, line, problem })
  })
})
