// Money is integer fen (1 CNY = 100 fen), never floating point.

// Whole yuan grouped by thousands with commas, as Intl.NumberFormat writes them in both zh-CN
// and en-US; written out here because a browser page's first Intl formatter costs tens of
// milliseconds (ICU loading the locale's data: decision 44). The unit tests compare with Intl's.
const groupThousands = (digits: string) => digits.replace(/\B(?=(\d{3})+$)/g, ',')

// The locale is kept for when a locale groups otherwise (both group alike today).
export function formatFen(fen: number | bigint, _locale: 'zh-CN' | 'en'): string {
  const value = BigInt(fen)
  const negative = value < 0n
  const abs = negative ? -value : value
  const yuan = groupThousands((abs / 100n).toString())
  const cents = (abs % 100n).toString().padStart(2, '0')
  return `${negative ? '-' : ''}¥${yuan}.${cents}`
}

// Amounts typed by people are yuan with at most two decimals. Beyond this the input is a typo,
// and it keeps any sum of a few amounts far inside Application.requestedFen's 32-bit integer.
export const MAX_AMOUNT_FEN = 100_000_000 // ¥1,000,000

export type ParsedYuan = { ok: true; fen: number } | { ok: false; reason: 'format' | 'negative' | 'precision' | 'tooLarge' }

/**
 * Parses "1234.5" (or "1,234.50", or full-width digits from a Chinese keyboard) to 123450 fen
 * with integer arithmetic only. Refuses negatives, a third decimal and amounts over maxFen.
 */
export function parseYuan(text: string, maxFen: number = MAX_AMOUNT_FEN): ParsedYuan {
  const value = text.normalize('NFKC').trim()
  if (/^-\s*[\d.,]/.test(value)) return { ok: false, reason: 'negative' }
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?$/.exec(value)
  if (!match) return { ok: false, reason: 'format' }
  const decimals = match[2] ?? ''
  if (decimals.length > 2) return { ok: false, reason: 'precision' }
  const fen = BigInt(match[1].replaceAll(',', '')) * 100n + BigInt(decimals.padEnd(2, '0'))
  if (fen > BigInt(maxFen)) return { ok: false, reason: 'tooLarge' }
  return { ok: true, fen: Number(fen) }
}

/** Fen as a yuan amount for an input's value: 123450 → "1234.50" (no grouping, no symbol). */
export function fenToYuanInput(fen: number | bigint): string {
  const value = BigInt(fen)
  const abs = value < 0n ? -value : value
  return `${value < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`
}

// Conference budget lines, the keys of Fund.lineStandards and Award.lines.
export const budgetLines = ['registration', 'airfare', 'accommodation', 'perDiem', 'visa', 'other'] as const
type BudgetLine = (typeof budgetLines)[number]
const lineNames: ReadonlySet<string> = new Set(budgetLines)
export const isBudgetLine = (line: string | undefined): line is BudgetLine => line !== undefined && lineNames.has(line)
export type BudgetLines = Partial<Record<BudgetLine, number>>

/**
 * The order every page lists lines in: the student's form (budgetLines), then any other line (an
 * exchange's stipend) by name. Lines kept as JSON come back from PostgreSQL in jsonb's own key
 * order (shortest first), never in the order they were written.
 */
function compareLines(a: string, b: string): number {
  const rank = (line: string) => {
    const i = (budgetLines as readonly string[]).indexOf(line)
    return i === -1 ? budgetLines.length : i
  }
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)
}

/** Line names in the form's order. */
export const sortLines = (lines: Iterable<string>): string[] => [...lines].sort(compareLines)

/** A record of lines as [line, value] pairs in the form's order. */
export const lineEntries = <T>(lines: Record<string, T>): [string, T][] => Object.entries(lines).sort(([a], [b]) => compareLines(a, b))

/** The same record with its keys in the form's order (as a loader returns it). */
export const inLineOrder = <T>(lines: Record<string, T>): Record<string, T> => Object.fromEntries(lineEntries(lines))

/** The requested total in fen: the sum of the lines (a missing line is zero). */
export function requestedTotalFen(lines: BudgetLines): number {
  return budgetLines.reduce((sum, line) => sum + (lines[line] ?? 0), 0)
}
