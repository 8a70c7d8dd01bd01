// Builds zip files (and so xlsx workbooks) part by part, for tests that need what a spreadsheet
// program would not write: a sheet of 400,000 rows in a small file, an entry that unpacks to far
// more than it says, parts in an unusual order.
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib'

export type ZipPart = {
  name: string
  data: Buffer | string
  /** Store instead of deflate. */
  stored?: boolean
  /** The uncompressed size the headers declare, when it should lie. */
  declaredSize?: number
}

export function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const part of parts) {
    const data = Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data, 'utf8')
    const body = part.stored ? data : deflateRawSync(data, { level: 9 })
    const name = Buffer.from(part.name, 'utf8')
    const size = part.declaredSize ?? data.length
    const common = (header: Buffer, at: number) => {
      header.writeUInt16LE(part.stored ? 0 : 8, at) // method
      header.writeUInt32LE(crc32(data), at + 6)
      header.writeUInt32LE(body.length, at + 10)
      header.writeUInt32LE(size, at + 14)
      header.writeUInt16LE(name.length, at + 18)
    }
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4) // version needed
    local.writeUInt16LE(0x0800, 6) // UTF-8 names
    common(local, 8)
    const entry = Buffer.alloc(46)
    entry.writeUInt32LE(0x02014b50, 0)
    entry.writeUInt16LE(20, 4)
    entry.writeUInt16LE(20, 6)
    entry.writeUInt16LE(0x0800, 8)
    common(entry, 10)
    entry.writeUInt32LE(offset, 42)
    locals.push(local, name, body)
    central.push(entry, name)
    offset += local.length + name.length + body.length
  }
  const directory = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(parts.length, 8)
  end.writeUInt16LE(parts.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const column = (i: number) => String.fromCharCode(65 + i)

/**
 * A minimal xlsx workbook of one sheet, as Excel orders its parts (the sheet before the shared
 * strings). `rows` is called for row numbers 1..count and returns the row's cells (inline strings);
 * the sheet is made a chunk at a time, so a huge one needs no huge string.
 */
export function xlsxWorkbook({
  count,
  row,
  sharedStrings = [],
  sheetDeclaredSize,
}: {
  count: number
  row: (n: number) => string[]
  sharedStrings?: string[]
  sheetDeclaredSize?: number
}): Buffer {
  const chunks: Buffer[] = [
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
    ),
  ]
  let text = ''
  for (let n = 1; n <= count; n++) {
    const cells = row(n).map((value, i) => `<c r="${column(i)}${n}" t="inlineStr"><is><t>${escape(value)}</t></is></c>`)
    text += `<row r="${n}">${cells.join('')}</row>`
    if (text.length > 1 << 20) {
      chunks.push(Buffer.from(text))
      text = ''
    }
  }
  chunks.push(Buffer.from(`${text}</sheetData></worksheet>`))
  const ns = 'http://schemas.openxmlformats.org'
  return zip([
    {
      name: '[Content_Types].xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="${ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><sheets><sheet name="导入" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${ns}/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.concat(chunks), declaredSize: sheetDeclaredSize },
    {
      name: 'xl/sharedStrings.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${ns}/spreadsheetml/2006/main" count="${sharedStrings.length}" uniqueCount="${sharedStrings.length}">${sharedStrings.map((s) => `<si><t>${escape(s)}</t></si>`).join('')}</sst>`,
    },
  ])
}

/** The entries of a zip file by name (stored or deflated), read through its central directory. */
export function unzip(file: Buffer): Map<string, Buffer> {
  const end = file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  if (end < 0) throw new Error('Not a zip file: no end of central directory')
  const count = file.readUInt16LE(end + 10)
  let at = file.readUInt32LE(end + 16)
  const entries = new Map<string, Buffer>()
  for (let i = 0; i < count; i++) {
    if (file.readUInt32LE(at) !== 0x02014b50) throw new Error('Bad central directory entry')
    const method = file.readUInt16LE(at + 10)
    const compressed = file.readUInt32LE(at + 20)
    const nameLength = file.readUInt16LE(at + 28)
    const extra = file.readUInt16LE(at + 30)
    const comment = file.readUInt16LE(at + 32)
    const local = file.readUInt32LE(at + 42)
    const name = file.subarray(at + 46, at + 46 + nameLength).toString('utf8')
    const start = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28)
    const body = file.subarray(start, start + compressed)
    entries.set(name, method === 0 ? Buffer.from(body) : inflateRawSync(body))
    at += 46 + nameLength + extra + comment
  }
  return entries
}
