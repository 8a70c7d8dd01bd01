// A small RFC 4180 CSV reader for administrators' import files. Pure: bytes in, records out.
// Handles a UTF-8 byte-order mark, CRLF / LF / CR line ends, quoted fields with embedded commas,
// quotes ("") and line breaks. Anything that is not UTF-8 (Excel in China often saves GBK) is
// refused rather than decoded into mojibake.

/** A record and its row number as a spreadsheet shows it (the first record is row 1). */
export type CsvRecord = { row: number; cells: string[] }

export type CsvErrorCode = 'notUtf8' | 'unclosedQuote' | 'textAfterQuote'

export class CsvError extends Error {
  constructor(
    readonly code: CsvErrorCode,
    readonly row?: number,
  ) {
    super(`csv.${code}${row ? ` (row ${row})` : ''}`)
    this.name = 'CsvError'
  }
}

const BOM = '\uFEFF'

/** UTF-16 text (Excel's "Unicode text") starts with FF FE or FE FF. */
export const hasUtf16Bom = (bytes: Uint8Array) => (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)

/** Decodes strict UTF-8 (dropping a BOM); throws CsvError('notUtf8') on any invalid byte sequence. */
export function decodeUtf8(bytes: Uint8Array): string {
  if (hasUtf16Bom(bytes)) throw new CsvError('notUtf8')
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    throw new CsvError('notUtf8')
  }
  return text.startsWith(BOM) ? text.slice(BOM.length) : text
}

/**
 * Splits CSV text into records. A record's line breaks inside quotes stay in the field (a
 * spreadsheet shows such a record as one row). Rows whose cells are all empty are dropped
 * (spreadsheets often end with a few), but row numbers keep counting them, so they match what
 * the user sees. With `maxRecords`, parsing stops after maxRecords + 1 records: enough for the
 * caller to tell there are too many, without building the rest.
 */
export function parseCsv(text: string, { maxRecords = Infinity }: { maxRecords?: number } = {}): CsvRecord[] {
  const input = text.startsWith(BOM) ? text.slice(BOM.length) : text
  const records: CsvRecord[] = []
  let cells: string[] = []
  let field = ''
  let row = 1
  let i = 0
  const n = input.length

  const endField = () => {
    cells.push(field)
    field = ''
  }
  const endRecord = () => {
    endField()
    if (cells.some((c) => c !== '')) records.push({ row, cells })
    cells = []
    row++
  }
  // A line end: CRLF, LF or a lone CR. Returns its length, 0 if none at `at`.
  const lineEnd = (at: number) => (input[at] === '\r' ? (input[at + 1] === '\n' ? 2 : 1) : input[at] === '\n' ? 1 : 0)

  while (i < n && records.length <= maxRecords) {
    if (input[i] === '"' && field === '') {
      // Quoted field: runs to the next lone quote, across commas and line breaks.
      i++
      for (;;) {
        if (i >= n) throw new CsvError('unclosedQuote', row)
        if (input[i] === '"') {
          if (input[i + 1] === '"') {
            field += '"'
            i += 2
            continue
          }
          i++
          break
        }
        // Line breaks inside a field are kept, written as \n whatever the file used.
        const end = lineEnd(i)
        field += end ? '\n' : input[i]
        i += end || 1
      }
      if (i < n && input[i] !== ',' && !lineEnd(i)) throw new CsvError('textAfterQuote', row)
      continue
    }
    const end = lineEnd(i)
    if (end) {
      endRecord()
      i += end
    } else if (input[i] === ',') {
      endField()
      i++
    } else {
      field += input[i]
      i++
    }
  }
  if ((field !== '' || cells.length > 0) && records.length <= maxRecords) endRecord()
  return records
}

/**
 * Writes records as CSV for Excel: a UTF-8 BOM (without it Excel reads Chinese as GBK), CRLF line
 * ends, and quotes around fields holding a comma, quote or line break.
 */
export function formatCsv(records: string[][]): string {
  const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)
  return BOM + records.map((cells) => cells.map(field).join(',')).join('\r\n') + '\r\n'
}

/** Text a spreadsheet would run as a formula (a student's name "=HYPERLINK(…)") is kept as text. */
export function inert(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}
