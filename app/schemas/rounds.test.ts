import { describe, expect, test } from 'vitest'
import { parseForm } from '~/lib/form.server'
import { openRoundSchema, roundActionSchema } from './rounds'

const form = (entries: [string, string][]) => {
  const data = new FormData()
  for (const [k, v] of entries) data.append(k, v)
  return data
}

describe('the round page actions', () => {
  test('ranked choices skip blank ranks, keeping the order', () => {
    const parsed = parseForm(
      form([
        ['intent', 'choose'],
        ['choice[0]', 'a'],
        ['choice[1]', ''],
        ['choice[2]', 'c'],
      ]),
      { schema: roundActionSchema },
    )
    expect(parsed.status === 'success' && parsed.value).toEqual({ intent: 'choose', choice: ['a', 'c'] })
  })

  test('an objection too long is refused with the limit, not as an unknown form', () => {
    const parsed = parseForm(
      form([
        ['intent', 'object'],
        ['body', 'x'.repeat(6000)],
      ]),
      { schema: roundActionSchema },
    )
    expect(parsed.status).toBe('error')
    expect(JSON.stringify(parsed.status === 'error' && parsed.error)).toContain('form.tooLong')
  })

  test('an adjustment without a program holds the student out; an interview score is a whole number 0 to 100, blank clears it', () => {
    const adjust = parseForm(
      form([
        ['intent', 'adjust'],
        ['applicationId', 'app'],
        ['programId', ''],
        ['reason', 'Ill'],
      ]),
      { schema: roundActionSchema },
    )
    expect(adjust.status === 'success' && adjust.value).toEqual({ intent: 'adjust', applicationId: 'app', programId: null, reason: 'Ill' })
    const score = (value: string) =>
      parseForm(
        form([
          ['intent', 'interview'],
          ['applicationId', 'app'],
          ['score', value],
        ]),
        { schema: roundActionSchema },
      )
    expect(score('').status).toBe('success')
    expect(score('101').status).toBe('error')
    expect(score('7.5').status).toBe('error')
  })
})

describe('opening a round', () => {
  const valid: [string, string][] = [
    ['titleZh', '2027 春季交换'],
    ['titleEn', '2027 spring exchange'],
    ['kind', 'exchange'],
    ['academicYear', '2026-2027'],
    ['opensOn', '2026-12-10'],
    ['closesOn', '2027-01-10'],
    ['offerDeadlineOn', '2027-03-01'],
    ['maxChoices', '3'],
    ['announcementDays', '5'],
    ['weightGpa', '50'],
    ['weightLanguage', '20'],
    ['weightRubric', '30'],
    ['weightInterview', '0'],
    ['tieBreak', 'gpa'],
    ['tieBreak', 'submittedAt'],
    ['programIds', 'p1'],
  ]
  test('reads the formula from the weights and tie-breakers', () => {
    const parsed = parseForm(form(valid), { schema: openRoundSchema })
    expect(parsed.status === 'success' && parsed.value.formula).toEqual({
      weights: { gpa: 50, language: 20, rubric: 30, interview: 0 },
      tieBreak: ['gpa', 'submittedAt'],
    })
  })
  test.each([
    ['weights not adding up to 100', 'weightGpa', '60', 'selection.error.weightsSum'],
    ['closing before opening', 'closesOn', '2026-12-01', 'round.error.closesBeforeOpens'],
    ['offers due before applications close', 'offerDeadlineOn', '2027-01-05', 'round.error.deadlineBeforeClose'],
    ['more choices than allowed', 'maxChoices', '11', 'application.error.numberMax'],
  ])('refuses %s', (_, field, value, message) => {
    const parsed = parseForm(form(valid.map(([k, v]) => [k, k === field ? value : v])), { schema: openRoundSchema })
    expect(parsed.status).toBe('error')
    expect(JSON.stringify(parsed.status === 'error' && parsed.error)).toContain(message)
  })
})
