// Reads an uploaded import file into records, judging its format by its bytes, never its name:
// an xlsx workbook (a zip) or UTF-8 CSV text. Server-only because exceljs is large.
import ExcelJS from 'exceljs'
import type { SheetRecord } from './columns'
import { CsvError, decodeUtf8, hasUtf16Bom, parseCsv } from './csv'

export type SheetProblem =
  | { code: 'emptyFile' | 'notUtf8' | 'oldExcel' | 'badXlsx' | 'notText' }
  | { code: 'unclosedQuote' | 'textAfterQuote'; row: number }

const ZIP = [0x50, 0x4b, 0x03, 0x04]
const OLE = [0xd0, 0xcf, 0x11, 0xe0] // the pre-2007 .xls format
const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b)

export async function readSheet(
  bytes: Uint8Array,
): Promise<{ ok: true; format: 'csv' | 'xlsx'; records: SheetRecord[] } | { ok: false; problem: SheetProblem }> {
  if (bytes.length === 0) return { ok: false, problem: { code: 'emptyFile' } }
  if (startsWith(bytes, OLE)) return { ok: false, problem: { code: 'oldExcel' } }
  if (startsWith(bytes, ZIP)) {
    const records = await readXlsx(bytes)
    return records ? { ok: true, format: 'xlsx', records } : { ok: false, problem: { code: 'badXlsx' } }
  }
  // Text in any 8-bit encoding has no NUL bytes (UTF-16 does: it gets the encoding message).
  if (!hasUtf16Bom(bytes) && bytes.includes(0)) return { ok: false, problem: { code: 'notText' } }
  try {
    const text = decodeUtf8(bytes)
    // Valid UTF-8 can still be binary: C0 controls other than tab and line ends are.
    if (/[\x01-\x08\x0b\x0c\x0e-\x1f]/.test(text)) return { ok: false, problem: { code: 'notText' } }
    return { ok: true, format: 'csv', records: parseCsv(text) }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error
    return {
      ok: false,
      problem: error.code === 'notUtf8' ? { code: 'notUtf8' } : { code: error.code, row: error.row ?? 0 },
    }
  }
}

/** The first worksheet's non-empty rows as text, or null when the zip is no readable workbook. */
async function readXlsx(bytes: Uint8Array): Promise<SheetRecord[] | null> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer)
  } catch {
    return null
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) return null
  const records: SheetRecord[] = []
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = []
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value)
    })
    const filled = Array.from(cells, (c) => c ?? '')
    if (filled.some((c) => c.trim() !== '')) records.push({ row: rowNumber, cells: filled })
  })
  return records
}

/** A cell as the text a CSV export would hold: dates as yyyy-mm-dd, formulas as their result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10) // Excel dates carry no zone: read as UTC
  if (typeof value !== 'object') return String(value)
  if ('richText' in value) return value.richText.map((r) => r.text).join('')
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : cellText(value.text as ExcelJS.CellValue)
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue)
  if ('error' in value) return ''
  return ''
}
