import { describe, expect, test } from 'vitest'
import { withHiddenErrorsOnForm } from './form-reply.server'

describe('withHiddenErrorsOnForm', () => {
  test("moves the hidden inputs' errors to the form's, after its own, keeping the visible fields' errors", () => {
    const reply = {
      status: 'error' as const,
      error: { '': ['budget'], version: ['stale'], intent: ['unknown', 'stale'], note: ['tooLong'] },
    }
    expect(withHiddenErrorsOnForm(reply, ['intent', 'version'])).toEqual({
      status: 'error',
      error: { '': ['budget', 'unknown', 'stale'], note: ['tooLong'] },
    })
  })

  test('leaves a reply without errors on hidden inputs as it is', () => {
    const reply = { status: 'error' as const, error: { note: ['tooLong'], version: null } }
    expect(withHiddenErrorsOnForm(reply, ['version'])).toBe(reply)
    const accepted = { initialValue: null }
    expect(withHiddenErrorsOnForm(accepted, ['version'])).toBe(accepted)
  })
})
