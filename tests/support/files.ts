// Small real files for upload tests (Vitest and Playwright), and a corpus of bad ones.
import { createHash } from 'node:crypto'

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** A 1×1 PNG. */
export const png1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

/**
 * A 1×1 grey baseline JPEG, assembled by hand: one 8×8 block whose only coefficients are a zero
 * DC difference and end-of-block, each coded by a one-symbol Huffman table as the bit 0.
 */
export const jpeg1x1 = Buffer.from([
  ...[0xff, 0xd8], // SOI
  ...[0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00], // APP0 JFIF
  ...[0xff, 0xdb, 0x00, 0x43, 0x00, ...Array<number>(64).fill(1)], // DQT: table 0, all ones
  ...[0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00], // SOF0: 1×1, one component
  ...[0xff, 0xc4, 0x00, 0x14, 0x00, 0x01, ...Array<number>(15).fill(0), 0x00], // DHT DC 0: symbol 0 = "0"
  ...[0xff, 0xc4, 0x00, 0x14, 0x10, 0x01, ...Array<number>(15).fill(0), 0x00], // DHT AC 0: EOB = "0"
  ...[0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00], // SOS
  0x3f, // bits 0 (DC) 0 (EOB), padded with ones
  ...[0xff, 0xd9], // EOI
])

/** A 1×1 GIF: a format we do not accept. */
export const gif1x1 = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')

/**
 * A valid one-page PDF showing `text` (ASCII), with a correct cross-reference table. `padding`
 * bytes in an unreferenced stream make it as large as a test needs.
 */
export function pdf({ text = 'Mobility Portal test document', padding = 0 } = {}): Buffer {
  const content = `BT /F1 18 Tf 20 40 Td (${text.replace(/[()\\]/g, '\\$&')}) Tj ET`
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${padding} >>\nstream\n${' '.repeat(padding)}\nendstream`,
  ]
  let body = '%PDF-1.4\n'
  const offsets = objects.map((object, i) => {
    const offset = body.length
    body += `${i + 1} 0 obj\n${object}\nendobj\n`
    return offset
  })
  const xref = [
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`,
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`),
  ].join('')
  return Buffer.from(`${body}${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${body.length}\n%%EOF\n`, 'latin1')
}

/** A Chinese file name of exactly `length` characters ending in `.pdf`. */
export function chineseName(length: number): string {
  const stem = '二〇二六年春季学期本科生成绩单及学位证明材料'
  return `${stem.repeat(Math.ceil(length / stem.length)).slice(0, length - 4)}.pdf`
}

export type BadFile = {
  label: string
  fileName: string
  bytes: Buffer
  /** The `documents.error.*` code it is refused with. */
  error: 'badType' | 'emptyFile' | 'truncatedPdf' | 'badName' | 'nameTooLong'
}

const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(56)])
const windowsExe = Buffer.concat([
  Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'),
  Buffer.alloc(56),
  Buffer.from('This program cannot be run in DOS mode.\r\r\n$', 'latin1'),
])
const goodPdf = pdf()

/**
 * Files refused whatever the size limit (the oversize case depends on it and is built by the
 * test). A path-traversal name alone is not refused: the name is reduced to its last component.
 */
export const badFiles: BadFile[] = [
  { label: 'Windows executable renamed .pdf', fileName: 'transcript.pdf', bytes: windowsExe, error: 'badType' },
  { label: 'ELF executable renamed .pdf', fileName: 'passport.pdf', bytes: elf, error: 'badType' },
  { label: 'zero bytes', fileName: 'empty.pdf', bytes: Buffer.alloc(0), error: 'emptyFile' },
  { label: 'truncated PDF', fileName: 'cut.pdf', bytes: goodPdf.subarray(0, Math.floor(goodPdf.length * 0.6)), error: 'truncatedPdf' },
  {
    label: 'path traversal to a system file',
    fileName: '../../etc/passwd.pdf',
    bytes: Buffer.from('root:x:0:0:root:/root:/bin/bash\n'),
    error: 'badType',
  },
  { label: 'NUL byte in the name', fileName: 'report.html\0.pdf', bytes: goodPdf, error: 'badName' },
  { label: 'name of path separators only', fileName: '../', bytes: goodPdf, error: 'badName' },
  { label: 'Chinese name over 255 characters', fileName: chineseName(256), bytes: goodPdf, error: 'nameTooLong' },
  {
    label: 'HTML named .pdf',
    fileName: 'statement.pdf',
    bytes: Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>'),
    error: 'badType',
  },
  {
    label: 'PDF header followed by HTML',
    fileName: 'mixed.pdf',
    bytes: Buffer.from('%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF\n'),
    error: 'badType',
  },
  {
    label: 'SVG with script named .png',
    fileName: 'photo.png',
    bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'),
    error: 'badType',
  },
  { label: 'JavaScript named .png', fileName: 'photo2.png', bytes: Buffer.from('alert(document.domain)\n'), error: 'badType' },
  { label: 'GIF', fileName: 'photo.gif', bytes: gif1x1, error: 'badType' },
  {
    label: 'JPEG-PDF polyglot (JPEG first, PDF header inside the first KB)',
    fileName: 'scan.pdf',
    bytes: Buffer.concat([jpeg1x1.subarray(0, 20), goodPdf]),
    error: 'badType',
  },
  {
    label: 'ZIP (a .docx) named .pdf',
    fileName: 'plan.pdf',
    bytes: Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x06\x00', 'latin1'), Buffer.from('[Content_Types].xml'), Buffer.alloc(40)]),
    error: 'badType',
  },
]
