// Money is integer fen (1 CNY = 100 fen), never floating point.
export function formatFen(fen: number | bigint, locale: 'zh-CN' | 'en'): string {
  const value = BigInt(fen)
  const negative = value < 0n
  const abs = negative ? -value : value
  const yuan = (abs / 100n).toLocaleString(locale === 'en' ? 'en-US' : 'zh-CN')
  const cents = (abs % 100n).toString().padStart(2, '0')
  return `${negative ? '-' : ''}¥${yuan}.${cents}`
}
