import { describe, expect, it } from 'vitest'
import {
  budgetLines,
  fenToYuanInput,
  formatFen,
  inLineOrder,
  lineEntries,
  MAX_AMOUNT_FEN,
  parseYuan,
  requestedTotalFen,
  sortLines,
} from './money'

describe('formatFen', () => {
  it('groups the yuan as Intl.NumberFormat does in both locales (decision 44)', () => {
    const intl = { 'zh-CN': new Intl.NumberFormat('zh-CN'), en: new Intl.NumberFormat('en-US') }
    let seed = 7
    const amounts = [0n, 99n, 100n, 99_999n, 100_000n, 123_456_789n, 9_007_199_254_740_993n]
    for (let i = 0; i < 500; i++) amounts.push(BigInt(Math.floor((seed = (seed * 48271) % 2147483647) * 10 ** (i % 12))))
    for (const fen of amounts)
      for (const locale of ['zh-CN', 'en'] as const)
        expect({ fen, text: formatFen(fen, locale) }).toEqual({
          fen,
          text: `¥${intl[locale].format(fen / 100n)}.${(fen % 100n).toString().padStart(2, '0')}`,
        })
  })

  it('formats fen as yuan without floating point', () => {
    expect(formatFen(123456789, 'zh-CN')).toBe('¥1,234,567.89')
    expect(formatFen(5n, 'en')).toBe('¥0.05')
    expect(formatFen(-250, 'en')).toBe('-¥2.50')
    expect(formatFen(9007199254740993n, 'en')).toBe('¥90,071,992,547,409.93')
  })
})

describe('parseYuan', () => {
  it.each([
    ['1234.5', 123450],
    ['1234.56', 123456],
    ['1234', 123400],
    ['1234.', 123400],
    ['0.01', 1],
    ['0', 0],
    [' 007.10 ', 710],
    ['1,234.50', 123450],
    ['１２３４．５', 123450], // full-width, as a Chinese keyboard may type it
    ['1000000', MAX_AMOUNT_FEN],
    ['0.29', 29], // 0.29 * 100 is 28.999999999999996 in floating point
  ])('reads %j as %d fen', (text, fen) => {
    expect(parseYuan(text)).toEqual({ ok: true, fen })
  })
  it.each([
    ['-1', 'negative'],
    ['-0.5', 'negative'],
    ['1.234', 'precision'],
    ['1000000.01', 'tooLarge'],
    ['99999999999999999999999', 'tooLarge'],
    ['', 'format'],
    ['.5', 'format'],
    ['1e3', 'format'],
    ['12,34', 'format'],
    ['¥100', 'format'],
    ['abc', 'format'],
    ['1.2.3', 'format'],
  ])('refuses %j (%s)', (text, reason) => {
    expect(parseYuan(text)).toEqual({ ok: false, reason })
  })
  it('takes a lower ceiling when asked', () => {
    expect(parseYuan('100.01', 10_000)).toEqual({ ok: false, reason: 'tooLarge' })
  })
})

describe('fenToYuanInput and requestedTotalFen', () => {
  it('writes fen back as an input value', () => {
    expect(fenToYuanInput(123450)).toBe('1234.50')
    expect(fenToYuanInput(5)).toBe('0.05')
    expect(fenToYuanInput(-250n)).toBe('-2.50')
  })
  it('round-trips with parseYuan', () => {
    for (const fen of [0, 1, 99, 100, 123456, MAX_AMOUNT_FEN]) expect(parseYuan(fenToYuanInput(fen))).toEqual({ ok: true, fen })
  })
  it('sums the budget lines, missing ones as zero', () => {
    expect(requestedTotalFen({ registration: 350000, airfare: 800050, perDiem: 1 })).toBe(1150051)
    expect(requestedTotalFen({})).toBe(0)
  })
})

describe('the order of budget lines', () => {
  it("is the student's form's, whatever order the lines come in (jsonb hands them back shortest first)", () => {
    expect(sortLines(['visa', 'airfare', 'registration', 'accommodation'])).toEqual(['registration', 'airfare', 'accommodation', 'visa'])
    expect(sortLines([...budgetLines].reverse())).toEqual([...budgetLines])
  })

  it("puts a line the form does not have (the stipend) after the form's, others by name", () => {
    expect(sortLines(['zeta', 'stipend', 'other', 'registration'])).toEqual(['registration', 'other', 'stipend', 'zeta'])
  })

  it('orders records the same way, as pairs or as a record', () => {
    const lines = { visa: 1, perDiem: 2, airfare: 3, other: 4, registration: 5 }
    expect(lineEntries(lines)).toEqual([
      ['registration', 5],
      ['airfare', 3],
      ['perDiem', 2],
      ['visa', 1],
      ['other', 4],
    ])
    expect(Object.keys(inLineOrder(lines))).toEqual(['registration', 'airfare', 'perDiem', 'visa', 'other'])
    expect(inLineOrder(lines)).toEqual(lines)
  })
})
