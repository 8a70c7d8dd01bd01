import { describe, expect, it } from 'vitest'
import { formatFen } from './money'

describe('formatFen', () => {
  it('formats fen as yuan without floating point', () => {
    expect(formatFen(123456789, 'zh-CN')).toBe('¥1,234,567.89')
    expect(formatFen(5n, 'en')).toBe('¥0.05')
    expect(formatFen(-250, 'en')).toBe('-¥2.50')
    expect(formatFen(9007199254740993n, 'en')).toBe('¥90,071,992,547,409.93')
  })
})
