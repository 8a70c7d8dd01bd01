// Reads an uploaded import file into records, judging its format by its bytes, never its name:
// an xlsx workbook (a zip) or UTF-8 CSV text. Server-only because exceljs is large.
import ExcelJS from 'exceljs'
import { Readable } from 'node:stream'
import type { SheetRecord } from './columns'
import { CsvError, decodeUtf8, hasUtf16Bom, parseCsv } from './csv'
import { readPart, UnpackedTooLarge, zipParts } from './zip.server'

export type SheetProblem =
  | { code: 'emptyFile' | 'notUtf8' | 'oldExcel' | 'badXlsx' | 'notText' }
  | { code: 'unclosedQuote' | 'textAfterQuote'; row: number }
  | { code: 'unpackedTooLarge'; maxBytes: number }

/**
 * What a workbook may unpack to, all parts read together. An import of a few thousand rows is a
 * few MB of XML; a file within the upload limit that unpacks to more is built to exhaust memory.
 */
const XLSX_MAX_UNPACKED_BYTES = 32 * 1024 * 1024
/** Cells past this column are kept in one slot past it (a value under no header): a cell at XFD must not make every row 16,384 cells long. */
const MAX_COLUMNS = 256

const ZIP = [0x50, 0x4b, 0x03, 0x04]
const OLE = [0xd0, 0xcf, 0x11, 0xe0] // the pre-2007 .xls format
const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b)

export type SheetResult = { ok: true; format: 'csv' | 'xlsx'; records: SheetRecord[] } | { ok: false; problem: SheetProblem }

/**
 * The file's non-empty records (the first sheet of a workbook). Reading stops after
 * `maxRecords + 1` of them: enough for the caller to tell the file has too many, without reading
 * (or unpacking) the rest of a file that may hold hundreds of thousands.
 */
export async function readSheet(bytes: Uint8Array, { maxRecords }: { maxRecords: number }): Promise<SheetResult> {
  if (bytes.length === 0) return { ok: false, problem: { code: 'emptyFile' } }
  if (startsWith(bytes, OLE)) return { ok: false, problem: { code: 'oldExcel' } }
  if (startsWith(bytes, ZIP)) return readXlsx(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), maxRecords)
  // Text in any 8-bit encoding has no NUL bytes (UTF-16 does: it gets the encoding message).
  if (!hasUtf16Bom(bytes) && bytes.includes(0)) return { ok: false, problem: { code: 'notText' } }
  try {
    const text = decodeUtf8(bytes)
    // Valid UTF-8 can still be binary: C0 controls other than tab and line ends are.
    if (/[\x01-\x08\x0b\x0c\x0e-\x1f]/.test(text)) return { ok: false, problem: { code: 'notText' } }
    return { ok: true, format: 'csv', records: parseCsv(text, { maxRecords }) }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error
    return {
      ok: false,
      problem: error.code === 'notUtf8' ? { code: 'notUtf8' } : { code: error.code, row: error.row ?? 0 },
    }
  }
}

/** The parts of exceljs's streaming reader used here: its own parse() takes the parts in the zip's order (below). */
interface StreamingReader {
  _parseRels(stream: Readable): Promise<void>
  _parseWorkbook(stream: Readable): Promise<void>
  _parseSharedStrings(stream: Readable): AsyncGenerator<unknown>
  _parseStyles(stream: Readable): Promise<void>
  _parseWorksheet(stream: Readable, sheetNo: string): Generator<{ eventType: string; value: AsyncIterable<ExcelJS.Row> }>
  workbookRels?: { Id: string; Target: string }[]
  model?: { sheets?: { rId: string }[] }
}

/**
 * The first worksheet's non-empty rows as text, read as a stream: row by row, stopping after
 * maxRecords + 1, every part unpacked under one cap (XLSX_MAX_UNPACKED_BYTES).
 *
 * exceljs's streaming WorkbookReader takes the parts in the zip's order, and Excel writes the
 * sheets before the shared strings they refer to: the reader then unpacks each whole sheet to a
 * temporary file first, however many rows it has. The file is in memory, so its parts are read
 * here in the order they are needed (relationships, workbook, shared strings, styles, then the
 * sheet) with the reader's own part parsers.
 */
async function readXlsx(bytes: Buffer, maxRecords: number): Promise<SheetResult> {
  const parts = zipParts(bytes)
  if (!parts) return { ok: false, problem: { code: 'badXlsx' } }
  const budget = { maxBytes: XLSX_MAX_UNPACKED_BYTES, used: 0 }
  const open = (name: string) => {
    const part = parts.get(name)
    return part ? readPart(bytes, part, budget) : null
  }
  // Dates need the styles (a number formatted as a date is a date); hyperlinks are read as their text.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  }) as unknown as StreamingReader
  const records: SheetRecord[] = []
  try {
    const rels = open('xl/_rels/workbook.xml.rels')
    if (!rels) return { ok: false, problem: { code: 'badXlsx' } }
    await reader._parseRels(rels)
    const workbook = open('xl/workbook.xml')
    if (!workbook) return { ok: false, problem: { code: 'badXlsx' } }
    await reader._parseWorkbook(workbook)
    const sharedStrings = open('xl/sharedStrings.xml')
    if (sharedStrings) for await (const _ of reader._parseSharedStrings(sharedStrings)); // cached on the reader
    const styles = open('xl/styles.xml')
    if (styles) await reader._parseStyles(styles)

    // The first sheet in the workbook's tab order, through its relationship to its part.
    const first = reader.model?.sheets?.[0]
    const target = first && reader.workbookRels?.find((r) => r.Id === first.rId)?.Target
    const name = target && (target.startsWith('/') ? target.slice(1) : `xl/${target}`)
    const sheetNo = name && /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(name)?.[1]
    const sheet = name && open(name)
    if (!sheet || !sheetNo) return { ok: false, problem: { code: 'badXlsx' } }
    for (const { value: rows } of reader._parseWorksheet(sheet, sheetNo)) {
      for await (const row of rows) {
        const cells: string[] = []
        row.eachCell({ includeEmpty: false }, (cell, column) => {
          cells[Math.min(column, MAX_COLUMNS + 1) - 1] = cellText(cell.value)
        })
        const filled = Array.from(cells, (c) => c ?? '')
        if (filled.some((c) => c.trim() !== '')) records.push({ row: row.number, cells: filled })
        // Leaving the loop destroys the sheet's stream: nothing more is unpacked.
        if (records.length > maxRecords) break
      }
    }
  } catch (error) {
    if (error instanceof UnpackedTooLarge) return { ok: false, problem: { code: 'unpackedTooLarge', maxBytes: error.maxBytes } }
    return { ok: false, problem: { code: 'badXlsx' } }
  }
  return { ok: true, format: 'xlsx', records }
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
