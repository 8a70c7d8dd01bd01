import { describe, expect, test } from 'vitest'
import { CsvError, decodeUtf8, formatCsv, parseCsv } from './csv'

const cells = (text: string) => parseCsv(text).map((r) => r.cells)

describe('parseCsv', () => {
  test('splits plain fields and rows, with LF, CRLF or CR line ends', () => {
    expect(cells('a,b,c\n1,2,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ])
    expect(cells('a,b\r\n1,2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ])
    expect(cells('a,b\r1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ])
  })

  test('keeps empty fields, including a trailing one', () => {
    expect(cells('a,,c,\n')).toEqual([['a', '', 'c', '']])
    expect(cells('a,""')).toEqual([['a', '']])
  })

  test('reads quoted fields with commas, doubled quotes and line breaks (CRLF kept as \\n)', () => {
    const records = parseCsv('name,note\r\n"Opole, Poland","He said ""hi""\r\nthen left"\r\nx,y\r\n')
    expect(records).toEqual([
      { row: 1, cells: ['name', 'note'] },
      { row: 2, cells: ['Opole, Poland', 'He said "hi"\nthen left'] },
      { row: 3, cells: ['x', 'y'] },
    ])
  })

  test('drops blank rows but keeps counting them, so row numbers match the spreadsheet', () => {
    expect(parseCsv('h\n\n,\nv\n\n')).toEqual([
      { row: 1, cells: ['h'] },
      { row: 4, cells: ['v'] },
    ])
  })

  test('strips a byte-order mark and keeps Chinese text', () => {
    expect(cells('\uFEFF中文名称,英文名称\n奥波莱大学,University of Opole')).toEqual([
      ['中文名称', '英文名称'],
      ['奥波莱大学', 'University of Opole'],
    ])
  })

  test('a quote inside an unquoted field is literal', () => {
    expect(cells('5" floppy,b')).toEqual([['5" floppy', 'b']])
  })

  test('refuses an unclosed quote and text after a closing quote, naming the row', () => {
    expect(() => parseCsv('a\n"open,b\nc')).toThrow(expect.objectContaining({ code: 'unclosedQuote', row: 2 }))
    expect(() => parseCsv('a\nb\n"x"y,z')).toThrow(expect.objectContaining({ code: 'textAfterQuote', row: 3 }))
  })
})

describe('decodeUtf8', () => {
  test('decodes UTF-8 and drops the BOM', () => {
    expect(decodeUtf8(Buffer.from('\uFEFF学号,姓名', 'utf8'))).toBe('学号,姓名')
  })

  test('refuses GBK bytes (Excel in China) and UTF-16', () => {
    // "学号" in GBK: D1 A7 BA C5
    const gbk = Buffer.from([0xd1, 0xa7, 0xba, 0xc5, 0x2c, 0x41])
    expect(() => decodeUtf8(gbk)).toThrow(CsvError)
    expect(() => decodeUtf8(gbk)).toThrow(expect.objectContaining({ code: 'notUtf8' }))
    expect(() => decodeUtf8(Buffer.from('\uFEFFa,b', 'utf16le'))).toThrow(expect.objectContaining({ code: 'notUtf8' }))
  })
})

describe('formatCsv', () => {
  test('writes a BOM, CRLF and quotes only where needed; parseCsv reads it back', () => {
    const records = [
      ['名称', 'note'],
      ['Opole, Poland', 'say "hi"\nbye'],
      ['plain', ''],
    ]
    const text = formatCsv(records)
    expect(text.startsWith('\uFEFF名称,note\r\n"Opole, Poland","say ""hi""\nbye"\r\n')).toBe(true)
    expect(cells(text)).toEqual(records)
  })
})
