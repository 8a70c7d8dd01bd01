import { describe, expect, it } from 'vitest'
import { academicYear, fundSchema, programSchema } from './admin'

describe('academicYear', () => {
  it('wants two consecutive years', () => {
    expect(academicYear().safeParse('2026-2027').success).toBe(true)
    for (const v of ['2026-2028', '2026/2027', '2026', '1999-2000']) expect(academicYear().safeParse(v).success, v).toBe(false)
  })
})

describe('programSchema', () => {
  const base = {
    kind: 'conference',
    academicYear: '2026-2027',
    titleZh: '会议',
    titleEn: 'Conference',
    opensOn: '2026-10-01',
    closesOn: '2026-10-01',
  }

  it('turns the form into stored shapes: requirements without blanks, stipends in fen, no duplicate levels', () => {
    const parsed = programSchema.parse({
      ...base,
      levels: ['master', 'master'],
      minGpa: 3,
      language: { ielts: 6, toefl: undefined },
      stipend: { europe: '100.5' },
    })
    expect(parsed.requirements).toEqual({ minGpa: 3, language: { ielts: 6 } })
    expect(parsed.stipend).toEqual({ monthlyFenByRegion: { europe: 10050 } })
    expect(parsed.levels).toEqual(['master'])
    expect(programSchema.parse(base)).toMatchObject({ requirements: {}, stipend: {}, levels: [], requiredDocuments: [] })
  })

  it("keeps the program's own questions written in both languages, in their slots, blank slots dropped", () => {
    const parsed = programSchema.parse({
      ...base,
      questions: {
        q1: { zh: ' 为什么？ ', en: 'Why?', required: true },
        q2: { zh: undefined, en: undefined },
        q4: { zh: '住哪里？', en: 'Where will you live?' },
      },
    })
    expect(parsed.questions).toEqual([
      { id: 'q1', zh: '为什么？', en: 'Why?', required: true },
      { id: 'q4', zh: '住哪里？', en: 'Where will you live?', required: false },
    ])
    expect(programSchema.parse(base).questions).toEqual([])
    const oneLanguage = programSchema.safeParse({ ...base, questions: { q3: { zh: '为什么？' } } })
    expect(oneLanguage.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['questions.q3.en', 'adminConfig.error.questionBothLanguages'],
    ])
    expect(programSchema.safeParse({ ...base, questions: { q1: { zh: '长'.repeat(501), en: 'Why?' } } }).success).toBe(false)
  })

  it('lets a program open and close on the same day, not close before it opens', () => {
    expect(programSchema.safeParse(base).success).toBe(true)
    const closed = programSchema.safeParse({ ...base, closesOn: '2026-09-30' })
    expect(closed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['closesOn', 'adminConfig.error.closesBeforeOpens']])
  })
})

describe('fundSchema', () => {
  it('reads yuan, drops blank allocations and lines', () => {
    const parsed = fundSchema.parse({
      academicYear: '2026-2027',
      nameZh: '经费',
      nameEn: 'Fund',
      purpose: 'other',
      budget: '2,000,000',
      kinds: ['exchange'],
      lines: { airfare: '1500', visa: undefined },
      allocations: { abcdefghij1234: '500', klmnopqrst5678: undefined },
    })
    expect(parsed).toMatchObject({ budget: 200_000_000, lines: { airfare: 150_000 }, allocations: { abcdefghij1234: 50_000 } })
  })

  it('requires a budget', () => {
    const result = fundSchema.safeParse({
      academicYear: '2026-2027',
      nameZh: '经费',
      nameEn: 'Fund',
      purpose: 'other',
      kinds: ['exchange'],
    })
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['budget', 'form.required']])
  })
})
