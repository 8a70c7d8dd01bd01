import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatForeignAmount, formatRate, parseForeignAmount, parseRate, parseRateCsv, toFen } from './fx'

describe('rates', () => {
  it('reads the four decimals the bank quotes, and nothing else', () => {
    expect(parseRate('7.1050')).toBe(71_050)
    expect(parseRate('7.105')).toBe(71_050)
    expect(parseRate('４.７１２３')).toBe(47_123) // full-width digits from a Chinese keyboard
    expect(parseRate('7.10501')).toBeNull()
    expect(parseRate('0')).toBeNull()
    expect(parseRate('-7.1')).toBeNull()
    expect(formatRate(71_050)).toBe('7.1050')
  })

  it('reads the CSV, per 1 or per 100 units, and names every wrong line', () => {
    const rows = [
      ['day', 'pair', 'rate'],
      ['2027-05-12', 'USD/CNY', '7.1050'],
      ['2027-05-12', '100JPY/CNY', '4.7123'],
      ['2027-05-12', 'CNY/CNY', '1'],
      ['2027-02-30', 'EUR/CNY', '7.8'],
      ['2027-05-12', 'EUR/CNY', 'seven'],
      ['2027-05-12', 'EUR/CNY'],
      [''],
    ]
    expect(parseRateCsv(rows)).toEqual({
      rates: [
        { currency: 'USD', day: '2027-05-12', units: 1, cnyE4: 71_050 },
        { currency: 'JPY', day: '2027-05-12', units: 100, cnyE4: 47_123 },
      ],
      problems: [
        { line: 4, reason: 'pair' },
        { line: 5, reason: 'day' },
        { line: 6, reason: 'rate' },
        { line: 7, reason: 'columns' },
      ],
    })
  })
})

describe('amounts and conversion', () => {
  it('reads amounts with the currency’s own decimals', () => {
    expect(parseForeignAmount('500.00', 'USD')).toBe(50_000n)
    expect(parseForeignAmount('1,234.5', 'EUR')).toBe(123_450n)
    expect(parseForeignAmount('12000', 'JPY')).toBe(12_000n)
    expect(parseForeignAmount('12000.5', 'JPY')).toBeNull()
    expect(parseForeignAmount('1.234', 'KWD')).toBe(1_234n)
    expect(parseForeignAmount('0', 'USD')).toBeNull()
    expect(parseForeignAmount('1.001', 'USD')).toBeNull()
    expect(formatForeignAmount(123_450n, 'EUR')).toBe('1234.50')
    expect(formatForeignAmount(12_000n, 'JPY')).toBe('12000')
  })

  it('converts at the rate in integer arithmetic, rounding half up', () => {
    // $500.00 at 7.1050 = ¥3,552.50
    expect(toFen(50_000n, 'USD', { units: 1, cnyE4: 71_050 })).toBe(355_250)
    // ¥12,000 JPY at 4.7123 per 100 = ¥565.476 → ¥565.48
    expect(toFen(12_000n, 'JPY', { units: 100, cnyE4: 47_123 })).toBe(56_548)
    // $0.01 at 7.1050 = 7.105 fen → 7 fen
    expect(toFen(1n, 'USD', { units: 1, cnyE4: 71_050 })).toBe(7)
  })

  it('is within half a fen of the exact value and adds up across receipts within a fen each (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        fc.integer({ min: 1, max: 200_000 }),
        fc.constantFrom(1, 100),
        (minor, cnyE4, units) => {
          const fen = toFen(minor, 'USD', { units, cnyE4 })
          // exact fen × 2·units·10^4·100 compared with the integer result, no floats
          const exactTimes = minor * BigInt(cnyE4) * 100n
          const scale = BigInt(units) * 10_000n * 100n
          const diff = BigInt(fen) * scale - exactTimes
          expect(diff * 2n <= scale && diff * 2n > -scale).toBe(true)
        },
      ),
    )
  })
})
