// What an uploaded file is, judged from its bytes (never from its name or the browser's word),
// and the name it may be shown under. Pure: used by the server while streaming and by the
// upload widget for an early check in the browser.
import { textLength } from './text'

export const fileTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const
export type FileType = (typeof fileTypes)[number]

/** How many leading bytes checkHead wants: PDF readers accept `%PDF-` anywhere in the first 1 KB. */
export const HEAD_BYTES = 1024
/** PDF readers look for `%%EOF` within the last 1 KB. */
export const TAIL_BYTES = 1024
const MAX_NAME_LENGTH = 255

const signatures: [FileType, number[]][] = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
]

const extensions: Record<FileType, string[]> = {
  'application/pdf': ['.pdf'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
}

/** The type announced by the first bytes, or null for anything else. */
export function sniffType(head: Uint8Array): FileType | null {
  const match = signatures.find(([, bytes]) => bytes.every((b, i) => head[i] === b))
  return match ? match[0] : null
}

// Bytes as Latin-1 text, so byte patterns can be searched with string methods.
const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes)

// Markup near the start is what makes a file render as a page in a sniffing browser or viewer.
const markup = /<(!doctype\s+html|html|head|body|script|svg|iframe|object|embed)[\s>/]/i

/**
 * Judges the first HEAD_BYTES bytes (fewer when the file is shorter). Refused: unknown types, and
 * polyglots: a PDF header after the start (a PDF reader would open the "image"), or HTML/SVG
 * markup in the head.
 */
export function checkHead(head: Uint8Array): { ok: true; type: FileType } | { ok: false; error: 'badType' } {
  const type = sniffType(head)
  const text = latin1(head.subarray(0, HEAD_BYTES))
  if (!type || text.indexOf('%PDF-', 1) !== -1 || markup.test(text)) return { ok: false, error: 'badType' }
  return { ok: true, type }
}

/** Judges the last TAIL_BYTES bytes: a PDF without `%%EOF` there is truncated. */
export function checkTail(type: FileType, tail: Uint8Array): { ok: true } | { ok: false; error: 'truncatedPdf' } {
  if (type === 'application/pdf' && !latin1(tail.subarray(-TAIL_BYTES)).includes('%%EOF')) {
    return { ok: false, error: 'truncatedPdf' }
  }
  return { ok: true }
}

// Characters that show nothing, so they can only disguise a name: controls (Cc, NUL is refused
// before this), every format character (Cf: the bidirectional controls that make
// "report‮fdp.exe" look like "reportexe.pdf", U+061C, zero-width spaces and joiners, U+FEFF…),
// line and paragraph separators, lone surrogates, and the other default-ignorable code points
// (Hangul fillers, variation selectors, tags, which are not all Cf).
const invisible = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Default_Ignorable_Code_Point}]/gu

export type FileNameResult = { ok: true; name: string } | { ok: false; error: 'badName' } | { ok: false; error: 'nameTooLong'; max: number }

/**
 * The original file name, fit for display and for Content-Disposition: Unicode kept (NFC), path
 * components dropped, invisible characters (see `invisible`) removed. A NUL byte is refused
 * rather than stripped (no file system allows it: it is always a crafted name), as are names left
 * empty and names over 255 characters (code points), which no file system would have produced
 * either.
 */
export function sanitizeFileName(raw: string): FileNameResult {
  if (raw.includes('\0')) return { ok: false, error: 'badName' }
  // NFC after the removal too: a removed character may have stood between a letter and its accent.
  const name = (raw.split(/[/\\]/).pop() ?? '').replace(invisible, '').normalize('NFC').trim()
  if (!name || name === '.' || name === '..') return { ok: false, error: 'badName' }
  if (textLength(name) > MAX_NAME_LENGTH) return { ok: false, error: 'nameTooLong', max: MAX_NAME_LENGTH }
  return { ok: true, name }
}

/**
 * The name a download is saved under: the original one, with the extension of the real type
 * added when it does not already end so ("cv.html" holding a PDF is saved as "cv.html.pdf").
 */
export function downloadName(name: string, type: FileType): string {
  const lower = name.toLowerCase()
  return extensions[type].some((ext) => lower.endsWith(ext)) ? name : `${name}${extensions[type][0]}`
}

/** "532 B", "48 KB", "1.5 MB": sizes as people read them (1 KB = 1024 bytes). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KB'] : [bytes / (1024 * 1024), 'MB']
  return `${Number(value.toFixed(value < 10 ? 1 : 0))} ${unit}`
}
