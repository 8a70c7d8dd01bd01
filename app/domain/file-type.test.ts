import { describe, expect, test } from 'vitest'
import { badFiles, chineseName, gif1x1, jpeg1x1, pdf, png1x1 } from '../../tests/support/files'
import { checkHead, checkTail, downloadName, formatBytes, sanitizeFileName, sniffType } from './file-type'

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'))

describe('sniffType', () => {
  test('recognises PDF, JPEG and PNG by their first bytes', () => {
    expect(sniffType(pdf())).toBe('application/pdf')
    expect(sniffType(jpeg1x1)).toBe('image/jpeg')
    expect(sniffType(png1x1)).toBe('image/png')
  })

  test('anything else, and too few bytes, is unknown', () => {
    expect(sniffType(gif1x1)).toBeNull()
    expect(sniffType(bytes('%PDF'))).toBeNull()
    expect(sniffType(png1x1.subarray(0, 7))).toBeNull()
    expect(sniffType(new Uint8Array())).toBeNull()
    expect(sniffType(bytes(' %PDF-1.4'))).toBeNull()
  })
})

describe('checkHead', () => {
  test('accepts the real files', () => {
    expect(checkHead(pdf())).toEqual({ ok: true, type: 'application/pdf' })
    expect(checkHead(jpeg1x1)).toEqual({ ok: true, type: 'image/jpeg' })
    expect(checkHead(png1x1)).toEqual({ ok: true, type: 'image/png' })
  })

  test.each(badFiles.filter((f) => f.error === 'badType'))('refuses $label', ({ bytes: b }) => {
    expect(checkHead(b)).toEqual({ ok: false, error: 'badType' })
  })

  test('a PDF header or markup after the first kilobyte is not looked at', () => {
    const late = Buffer.concat([png1x1.subarray(0, 8), Buffer.alloc(1100), Buffer.from('%PDF-1.4 <script>')])
    expect(checkHead(late.subarray(0, 1024))).toEqual({ ok: true, type: 'image/png' })
  })

  test('markup is recognised in any case, but not look-alike words', () => {
    expect(checkHead(bytes('%PDF-1.7\n<SVG onload=x>'))).toEqual({ ok: false, error: 'badType' })
    expect(checkHead(bytes('%PDF-1.7\n<headers> <scripts> <x:xmpmeta>'))).toEqual({ ok: true, type: 'application/pdf' })
  })
})

describe('checkTail', () => {
  test('a PDF must end with %%EOF within its last kilobyte', () => {
    const good = pdf()
    expect(checkTail('application/pdf', good)).toEqual({ ok: true })
    expect(checkTail('application/pdf', good.subarray(0, good.length - 8))).toEqual({ ok: false, error: 'truncatedPdf' })
    expect(checkTail('application/pdf', Buffer.concat([good, Buffer.alloc(1024)]))).toEqual({ ok: false, error: 'truncatedPdf' })
  })

  test('images have no tail check', () => {
    expect(checkTail('image/jpeg', jpeg1x1.subarray(0, 10))).toEqual({ ok: true })
    expect(checkTail('image/png', png1x1.subarray(0, 10))).toEqual({ ok: true })
  })
})

describe('sanitizeFileName', () => {
  test('keeps Unicode names, normalised to NFC', () => {
    expect(sanitizeFileName('成绩单（2026 春）.pdf')).toEqual({ ok: true, name: '成绩单（2026 春）.pdf' })
    expect(sanitizeFileName('Lebenslauf Mu\u0308ller.pdf')).toEqual({ ok: true, name: 'Lebenslauf Müller.pdf' })
    expect(sanitizeFileName('护照 🛂.jpg')).toEqual({ ok: true, name: '护照 🛂.jpg' })
  })

  test('drops path components of either kind', () => {
    expect(sanitizeFileName('../../etc/passwd.pdf')).toEqual({ ok: true, name: 'passwd.pdf' })
    expect(sanitizeFileName('C:\\x\\y.pdf')).toEqual({ ok: true, name: 'y.pdf' })
    expect(sanitizeFileName('/abs/成绩单.pdf')).toEqual({ ok: true, name: '成绩单.pdf' })
  })

  test('removes control and bidirectional characters and trims', () => {
    expect(sanitizeFileName(' a\tb\r\n\u0085c.pdf ')).toEqual({ ok: true, name: 'abc.pdf' })
    expect(sanitizeFileName('invoice\u202Efdp.exe')).toEqual({ ok: true, name: 'invoicefdp.exe' })
  })

  // Every format character (general category Cf) and every other default-ignorable code point
  // (Hangul fillers, variation selectors, tags…) renders as nothing, so it can only disguise a name.
  const invisible = [
    '\u00ad',
    '\u034f',
    '\u061c',
    '\u115f',
    '\u1160',
    '\u17b4',
    '\u180b',
    '\u180e',
    '\u200b',
    '\u200c',
    '\u200d',
    '\u200e',
    '\u200f',
    '\u202a',
    '\u202b',
    '\u202c',
    '\u202d',
    '\u202e',
    '\u2028',
    '\u2029',
    '\u2060',
    '\u2061',
    '\u2064',
    '\u2066',
    '\u2067',
    '\u2068',
    '\u2069',
    '\u206f',
    '\u3164',
    '\ufe0f',
    '\ufeff',
    '\uffa0',
    '\ufff9',
    '\ufffb',
    '\u{110bd}',
    '\u{1bca0}',
    '\u{1d173}',
    '\u{e0001}',
    '\u{e0041}',
    '\u{e01ef}',
  ]
  test.each(invisible.map((c) => [`U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`, c]))(
    'removes the invisible %s',
    (_, c) => {
      expect(sanitizeFileName(`re${c}port${c}.pdf`)).toEqual({ ok: true, name: 'report.pdf' })
      expect(sanitizeFileName(`${c}${c}`)).toEqual({ ok: false, error: 'badName' })
      expect(sanitizeFileName(`.${c}.`)).toEqual({ ok: false, error: 'badName' })
    },
  )

  test('removes every format (Cf), control (Cc), separator (Zl, Zp) and lone surrogate character there is', () => {
    const cleaned = /[\p{Cf}\p{Cc}\p{Zl}\p{Zp}\p{Cs}]/u
    for (let cp = 1; cp <= 0x10ffff; cp++) {
      const c = String.fromCodePoint(cp)
      if (!cleaned.test(c)) continue
      const result = sanitizeFileName(`a${c}b.pdf`)
      expect(result, `U+${cp.toString(16)}`).toEqual({ ok: true, name: 'ab.pdf' })
    }
  })

  test('what is left is in NFC, even when a removed character stood between a letter and its accent', () => {
    expect(sanitizeFileName('Mu\u034f\u0308ller.pdf')).toEqual({ ok: true, name: 'Müller.pdf' })
    expect(sanitizeFileName('Mu\u200b\u0308ller.pdf')).toEqual({ ok: true, name: 'Müller.pdf' })
  })

  test('refuses NUL bytes and names that end up empty', () => {
    for (const raw of ['a.html\0.pdf', '', '   ', '../', 'a/..', '.', '\u0001\u0002', 'C:\\'])
      expect(sanitizeFileName(raw)).toEqual({ ok: false, error: 'badName' })
  })

  test('accepts 255 characters (code points) and refuses more', () => {
    const longest = chineseName(255)
    expect(sanitizeFileName(longest)).toEqual({ ok: true, name: longest })
    expect(sanitizeFileName(chineseName(256))).toEqual({ ok: false, error: 'nameTooLong', max: 255 })
    const emoji = '🛂'.repeat(251) + '.pdf' // 255 code points, 506 UTF-16 units
    expect(sanitizeFileName(emoji)).toEqual({ ok: true, name: emoji })
  })
})

describe('downloadName', () => {
  test('adds the real extension when the name lacks it', () => {
    expect(downloadName('成绩单.PDF', 'application/pdf')).toBe('成绩单.PDF')
    expect(downloadName('photo.jpeg', 'image/jpeg')).toBe('photo.jpeg')
    expect(downloadName('cv.html', 'application/pdf')).toBe('cv.html.pdf')
    expect(downloadName('scan.pdf', 'image/png')).toBe('scan.pdf.png')
    expect(downloadName('passport', 'image/jpeg')).toBe('passport.jpg')
  })
})

describe('formatBytes', () => {
  test('bytes, kilobytes and megabytes', () => {
    expect(formatBytes(532)).toBe('532 B')
    expect(formatBytes(1536)).toBe('1.5 KB')
    expect(formatBytes(48 * 1024 + 300)).toBe('48 KB')
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MB')
  })
})
