import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { text } from '~/schemas/fields'
import { textLength } from './text'

describe('textLength', () => {
  test('counts characters, not UTF-16 units', () => {
    expect(textLength('')).toBe(0)
    expect(textLength('PZ-2027')).toBe(7)
    expect(textLength('凭证号')).toBe(3)
    expect(textLength('😀'.repeat(40))).toBe(40)
    expect('😀'.repeat(40).length).toBe(80)
    expect(textLength('𠮷野家')).toBe(3)
  })

  // The forms' schemas and the models must agree on every text, or a text the form takes is refused behind it.
  test("agrees with the schemas' text(max) at the limit and one over", () => {
    for (const char of ['a', '中', '😀', '𠮷']) {
      expect(text(64).safeParse(char.repeat(64)).success, `64 × ${char}`).toBe(true)
      expect(text(64).safeParse(char.repeat(65)).success, `65 × ${char}`).toBe(false)
    }
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', '中', '😀', '𠮷', 'é'), maxLength: 12 }),
        fc.integer({ min: 1, max: 8 }),
        (value, max) => {
          expect(text(max).safeParse(value).success).toBe(textLength(value) >= 1 && textLength(value) <= max)
        },
      ),
    )
  })
})
