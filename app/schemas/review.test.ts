import { describe, expect, test } from 'vitest'
import { parseForm } from '~/lib/form.server'
import { MAX_REVIEW_TEXT as MAX_TEXT } from '~/domain/text'
import { reviewActionSchema } from './review'

const parse = (pairs: [string, string][]) => {
  const form = new FormData()
  for (const [name, value] of pairs) form.append(name, value)
  const submission = parseForm(form, { schema: reviewActionSchema })
  return submission.status === 'success'
    ? { status: submission.status, value: submission.value, error: undefined }
    : { status: submission.status, value: undefined, error: submission.error }
}

describe('reviewActionSchema', () => {
  test('a decision: blank texts as empty, one checkbox or several as a list, the over-quota box as a boolean', () => {
    expect(
      parse([
        ['intent', 'decide'],
        ['version', '3'],
        ['command', 'office_approve'],
        ['reason', ''],
        ['confirmOverQuota', 'on'],
      ]).value,
    ).toEqual({
      intent: 'decide',
      version: 3,
      command: 'office_approve',
      reason: '',
      fields: [],
      documents: [],
      messageToStudent: '',
      confirmOverQuota: true,
    })
    const changes = parse([
      ['intent', 'decide'],
      ['version', '1'],
      ['command', 'college_request_changes'],
      ['reason', ' two\nlines '],
      ['fields', 'studyPlan'],
      ['documents', 'transcript'],
      ['documents', 'passport'],
    ])
    expect(changes.value).toMatchObject({
      reason: 'two\nlines',
      fields: ['studyPlan'],
      documents: ['transcript', 'passport'],
      confirmOverQuota: false,
    })
  })

  test('a version that is not a number matches no row (the model answers stale); an unknown command or document is refused', () => {
    expect(
      parse([
        ['intent', 'decide'],
        ['version', 'abc'],
        ['command', 'office_approve'],
      ]).value,
    ).toMatchObject({ version: -1 })
    expect(
      parse([
        ['intent', 'decide'],
        ['command', 'office_approve'],
      ]).value,
    ).toMatchObject({ version: -1 })
    expect(
      parse([
        ['intent', 'decide'],
        ['version', '1'],
        ['command', 'nope'],
      ]).error,
    ).toEqual({ command: ['form.invalidChoice'] })
    expect(
      parse([
        ['intent', 'decide'],
        ['version', '1'],
        ['command', 'office_approve'],
        ['documents', 'diary'],
      ]).status,
    ).toBe('error')
  })

  test('rubric scores: blank is not scored yet, anything else a number (the rubric of the kind is the model’s)', () => {
    expect(
      parse([
        ['intent', 'review'],
        ['score.language', '3'],
        ['score.partnerFit', ''],
        ['comment', ''],
      ]).value,
    ).toEqual({ intent: 'review', score: { language: 3 }, comment: '' })
    expect(parse([['intent', 'submit-review']]).value).toEqual({ intent: 'submit-review', score: {}, comment: '' })
    expect(
      parse([
        ['intent', 'submit-review'],
        ['score.language', 'x'],
      ]).status,
    ).toBe('error')
  })

  test('texts are limited in characters, whole: at the limit taken, one over refused', () => {
    expect(
      parse([
        ['intent', 'comment'],
        ['body', '😀'.repeat(MAX_TEXT)],
        ['visibility', 'internal'],
      ]).status,
    ).toBe('success')
    expect(
      parse([
        ['intent', 'comment'],
        ['body', '😀'.repeat(MAX_TEXT + 1)],
        ['visibility', 'internal'],
      ]).error,
    ).toEqual({ body: [`form.tooLong|{"max":${MAX_TEXT}}`] })
    expect(
      parse([
        ['intent', 'decide'],
        ['version', '1'],
        ['command', 'office_reject'],
        ['reason', 'x'.repeat(MAX_TEXT + 1)],
      ]).status,
    ).toBe('error')
  })

  test('a comment and a conflict need their text; a NUL, an unknown visibility or intent is refused', () => {
    expect(
      parse([
        ['intent', 'comment'],
        ['body', '  '],
        ['visibility', 'internal'],
      ]).error,
    ).toEqual({ body: ['form.required'] })
    expect(
      parse([
        ['intent', 'conflict'],
        ['reason', ''],
      ]).error,
    ).toEqual({ reason: ['form.required'] })
    expect(
      parse([
        ['intent', 'conflict'],
        ['reason', 'a\u0000b'],
      ]).error,
    ).toEqual({ reason: ['form.controlChars'] })
    expect(
      parse([
        ['intent', 'comment'],
        ['body', 'hi'],
        ['visibility', 'everyone'],
      ]).status,
    ).toBe('error')
    expect(parse([['intent', 'zzz']]).error).toEqual({ intent: ['form.invalidChoice'] })
    expect(parse([]).error).toEqual({ intent: ['form.invalidChoice'] })
  })
})
