import { describe, expect, test } from 'vitest'
import { strayErrors } from './field'

describe('strayErrors', () => {
  test('keeps the errors of group members the page draws no input for, and only those', () => {
    const all = {
      'actual.registration': ['report.error.actual'],
      'actual.visa': ['finance.error.unknownLine'],
      actualTotal: ['elsewhere'],
      summary: ['form.required'],
    }
    expect(strayErrors(all, 'actual', ['registration', 'travel'])).toEqual(['finance.error.unknownLine'])
    expect(strayErrors(all, 'actual', ['registration', 'visa'])).toEqual([])
  })
})
