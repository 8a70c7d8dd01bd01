// Foreign currency (ADR 0024): the People's Bank of China's central parity rates, per currency and
// day, and conversion of an amount in a foreign currency to fen with integer arithmetic only. A
// rate is "units of the currency are worth cnyE4 / 10,000 yuan" (the bank quotes four decimals,
// and some currencies per 100 units: 100 JPY = 4.7123 CNY).
import { isIsoDate } from './dates'
import { MAX_AMOUNT_FEN } from './money'

/** ISO 4217 currencies without minor units, and those with three decimals; every other has two. */
const NO_DECIMALS = new Set(['JPY', 'KRW', 'VND', 'ISK', 'CLP', 'IDR', 'HUF', 'UGX', 'PYG', 'XAF', 'XOF'])
const THREE_DECIMALS = new Set(['BHD', 'KWD', 'OMR', 'JOD', 'TND', 'LYD', 'IQD'])

const minorDigits = (currency: string) => (NO_DECIMALS.has(currency) ? 0 : THREE_DECIMALS.has(currency) ? 3 : 2)

/** An ISO 4217 code of a foreign currency (three capital letters, not the yuan itself). */
export const isForeignCurrency = (code: string) => /^[A-Z]{3}$/.test(code) && code !== 'CNY'

export type Rate = { currency: string; day: string; units: number; cnyE4: number }

/** "7.1050" → 71050 (ten-thousandths of a yuan), or null: positive, at most four decimals, below 100,000. */
export function parseRate(text: string): number | null {
  const match = /^(\d{1,5})(?:\.(\d{1,4}))?$/.exec(text.normalize('NFKC').trim())
  if (!match) return null
  const e4 = Number(match[1]) * 10_000 + Number((match[2] ?? '').padEnd(4, '0'))
  return e4 > 0 ? e4 : null
}

/** 71050 → "7.1050". */
export const formatRate = (cnyE4: number) => `${Math.floor(cnyE4 / 10_000)}.${String(cnyE4 % 10_000).padStart(4, '0')}`

/**
 * An amount typed in a currency ("1,234.56"; no more decimals than the currency has) to its minor
 * units, or null. At most 10^12 minor units, far beyond any receipt.
 */
export function parseForeignAmount(text: string, currency: string): bigint | null {
  const digits = minorDigits(currency)
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(text.normalize('NFKC').trim())
  if (!match || (match[2] ?? '').length > digits) return null
  const minor = BigInt(match[1].replaceAll(',', '')) * 10n ** BigInt(digits) + BigInt((match[2] ?? '').padEnd(digits, '0') || '0')
  return minor > 0n && minor <= 10n ** 12n ? minor : null
}

/** Minor units back to the currency's text: 123456n USD → "1234.56". */
export function formatForeignAmount(minor: bigint, currency: string): string {
  const digits = minorDigits(currency)
  if (!digits) return minor.toString()
  const scale = 10n ** BigInt(digits)
  return `${minor / scale}.${(minor % scale).toString().padStart(digits, '0')}`
}

/**
 * The amount in fen at a rate, rounded half up: minor × cnyE4 × 100 / (units × 10^4 × 10^digits).
 * Exact integer arithmetic, so the same receipt converts to the same fen everywhere.
 */
export function toFen(minor: bigint, currency: string, rate: { units: number; cnyE4: number }): number {
  const numerator = minor * BigInt(rate.cnyE4) * 100n
  const denominator = BigInt(rate.units) * 10_000n * 10n ** BigInt(minorDigits(currency))
  return Number((numerator * 2n + denominator) / (denominator * 2n))
}

/**
 * toFen, or null when the amount comes to more than MAX_AMOUNT_FEN, the cap of every amount typed
 * in yuan (a typo's extra zeros): refused like those (fx.error.amountTooLarge), never stored.
 */
export function toFenWithinCap(minor: bigint, currency: string, rate: { units: number; cnyE4: number }): number | null {
  const fen = toFen(minor, currency, rate)
  return fen <= MAX_AMOUNT_FEN ? fen : null
}

/** The refusal of an amount toFenWithinCap refused. */
export const amountTooLarge = { key: 'fx.error.amountTooLarge', params: { max: MAX_AMOUNT_FEN / 100 } } as const

/**
 * The day whose rate converts a receipt: the university's rule names the receipt's own day (the
 * day the money was spent abroad). One place to change if the rule changes.
 */
export const rateDayFor = (receipt: { receiptOn: string }) => receipt.receiptOn

export type CsvRateProblem = { line: number; reason: 'columns' | 'day' | 'pair' | 'rate' }

/**
 * The bank's central parity table as CSV: a header, then one line per day and pair,
 * `2027-05-12,USD/CNY,7.1050` or `2027-05-12,100JPY/CNY,4.7123` (the bank's way of writing a
 * rate per 100 units). Every line is checked; the problems name their line (1 is the header).
 */
export function parseRateCsv(rows: string[][]): { rates: Rate[]; problems: CsvRateProblem[] } {
  const rates: Rate[] = []
  const problems: CsvRateProblem[] = []
  rows.slice(1).forEach((cells, i) => {
    const line = i + 2
    if (cells.every((c) => !c.trim())) return
    if (cells.length < 3) return problems.push({ line, reason: 'columns' })
    const [day, pair, rateText] = cells.map((c) => c.trim())
    if (!isIsoDate(day)) return problems.push({ line, reason: 'day' })
    const match = /^(100)?([A-Z]{3})\/CNY$/.exec(pair.toUpperCase())
    if (!match || !isForeignCurrency(match[2])) return problems.push({ line, reason: 'pair' })
    const cnyE4 = parseRate(rateText)
    if (cnyE4 === null) return problems.push({ line, reason: 'rate' })
    rates.push({ currency: match[2], day, units: match[1] ? 100 : 1, cnyE4 })
  })
  return { rates, problems }
}
