// A small A4 writer over pdf-lib for the PDFs the portal prints (the approval form, the safety
// pledge). Chinese and Latin text both embed as font subsets from the fonts the project ships
// (assets/fonts, decision 22): DejaVu Sans for what it covers below the CJK blocks, Droid Sans
// Fallback for the rest. No system font is read, so a fresh clone prints the same PDF.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import fontkit from '@pdf-lib/fontkit'
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib'

const FONT_DIR = path.resolve(process.cwd(), 'assets/fonts')
const LATIN = 'DejaVuSans.ttf'
const CJK = 'DroidSansFallbackFull.ttf'

type Fonts = { latin: Uint8Array; cjk: Uint8Array; latinHas: (cp: number) => boolean; cjkHas: (cp: number) => boolean }
let loaded: Promise<Fonts> | null = null

/** The two font files, read once; a missing file says which and where. */
function fonts(): Promise<Fonts> {
  loaded ??= (async () => {
    const read = async (file: string) => {
      try {
        return new Uint8Array(await readFile(path.join(FONT_DIR, file)))
      } catch {
        throw new Error(`PDF font missing: ${path.join(FONT_DIR, file)} (shipped in assets/fonts; see its README)`)
      }
    }
    const [latin, cjk] = await Promise.all([read(LATIN), read(CJK)])
    const glyphs = (bytes: Uint8Array) => {
      const font = fontkit.create(Buffer.from(bytes)) as unknown as { hasGlyphForCodePoint(cp: number): boolean }
      return (cp: number) => font.hasGlyphForCodePoint(cp)
    }
    return { latin, cjk, latinHas: glyphs(latin), cjkHas: glyphs(cjk) }
  })().catch((error: unknown) => {
    loaded = null
    throw error
  })
  return loaded
}

/**
 * fontkit's TrueType subset (the fork pdf-lib uses, pinned at 1.1.1) copies each glyph as it is and
 * writes the short `loca` format, which stores offsets halved: after a glyph of odd length every
 * later glyph is found one byte off and renders blank (most of Droid Sans Fallback's hanzi, while
 * the text still extracts). Each copied glyph is padded to an even length, as the format requires.
 * app/lib/pdf.server.test.ts renders the glyphs and checks each one shows.
 */
type TtfSubset = { _addGlyph(gid: number): number; glyf: Uint8Array[]; offset: number }
const evenGlyphsFontkit = {
  create(bytes: Uint8Array) {
    const font = fontkit.create(bytes as Buffer) as unknown as { createSubset(): unknown }
    const createSubset = font.createSubset.bind(font)
    font.createSubset = () => {
      const subset = createSubset() as TtfSubset
      const addGlyph = subset._addGlyph
      if (typeof addGlyph !== 'function') return subset // a CFF font: not affected
      subset._addGlyph = function (this: TtfSubset, gid: number) {
        const index = addGlyph.call(this, gid)
        const glyph = this.glyf[index]
        if (glyph && glyph.length % 2) {
          // fontkit's bundled Buffer (not Node's) is what its encoder accepts: make the same kind.
          const padded = (glyph.constructor as unknown as { alloc(size: number): Uint8Array }).alloc(glyph.length + 1)
          padded.set(glyph)
          this.glyf[index] = padded
          this.offset += 1
        }
        return index
      }
      return subset
    }
    return font
  },
}

/** Where CJK begins (CJK radicals); DejaVu Sans is used for what it has below it. */
const CJK_START = 0x2e80

export const A4 = { width: 595.28, height: 841.89 }
export const MARGIN = 50

type Run = { text: string; font: PDFFont }

export class PdfWriter {
  private page: PDFPage
  /** The baseline of the next line, from the page's bottom. */
  y: number

  private constructor(
    private readonly doc: PDFDocument,
    private readonly latin: PDFFont,
    private readonly cjk: PDFFont,
    private readonly has: Pick<Fonts, 'latinHas' | 'cjkHas'>,
  ) {
    this.page = doc.addPage([A4.width, A4.height])
    this.y = A4.height - MARGIN
  }

  static async create(title: string): Promise<PdfWriter> {
    const f = await fonts()
    const doc = await PDFDocument.create()
    doc.registerFontkit(evenGlyphsFontkit as unknown as Parameters<typeof doc.registerFontkit>[0])
    doc.setTitle(title)
    doc.setCreator('Mobility Portal')
    doc.setProducer('Mobility Portal')
    const [latin, cjk] = await Promise.all([doc.embedFont(f.latin, { subset: true }), doc.embedFont(f.cjk, { subset: true })])
    return new PdfWriter(doc, latin, cjk, f)
  }

  /** The text cut into runs of one font each; a character neither font has is printed as "?". */
  private runs(text: string): Run[] {
    const runs: Run[] = []
    for (const char of text.replace(/[\r\n\t]+/g, ' ')) {
      const cp = char.codePointAt(0)!
      const font =
        cp < CJK_START && this.has.latinHas(cp) ? this.latin : this.has.cjkHas(cp) ? this.cjk : this.has.latinHas(cp) ? this.latin : null
      const shown = font ? char : '?'
      const use = font ?? this.latin
      const last = runs.at(-1)
      if (last && last.font === use) last.text += shown
      else runs.push({ text: shown, font: use })
    }
    return runs
  }

  width(text: string, size: number): number {
    return this.runs(text).reduce((sum, run) => sum + run.font.widthOfTextAtSize(run.text, size), 0)
  }

  /** Draws one line at (x, y) without moving the cursor. */
  drawAt(text: string, x: number, y: number, size: number) {
    let at = x
    for (const run of this.runs(text)) {
      this.page.drawText(run.text, { x: at, y, size, font: run.font, color: rgb(0, 0, 0) })
      at += run.font.widthOfTextAtSize(run.text, size)
    }
  }

  /** Lines of at most `max` points: Chinese breaks anywhere, other text at spaces where it can. */
  wrap(text: string, size: number, max: number): string[] {
    const lines: string[] = []
    let line = ''
    for (const char of text) {
      const next = line + char
      if (this.width(next, size) <= max || !line) {
        line = next
        continue
      }
      const space = line.lastIndexOf(' ')
      if (space > 0 && char.codePointAt(0)! < CJK_START && /\S$/.test(line)) {
        lines.push(line.slice(0, space))
        line = line.slice(space + 1) + char
      } else {
        lines.push(line)
        line = char.trimStart()
      }
    }
    if (line) lines.push(line)
    return lines
  }

  /** Starts a new page when fewer than `height` points are left above the bottom margin. */
  ensure(height: number) {
    if (this.y - height >= MARGIN) return
    this.page = this.doc.addPage([A4.width, A4.height])
    this.y = A4.height - MARGIN
  }

  /** A paragraph from the left margin (or `indent`), wrapped to the page's width. */
  paragraph(text: string, { size = 10.5, indent = 0, gap = 4, max }: { size?: number; indent?: number; gap?: number; max?: number } = {}) {
    const width = max ?? A4.width - 2 * MARGIN - indent
    for (const line of this.wrap(text, size, width)) {
      this.ensure(size + gap)
      this.y -= size
      this.drawAt(line, MARGIN + indent, this.y, size)
      this.y -= gap
    }
  }

  /** A centred title line. */
  title(text: string, size = 17) {
    this.ensure(size + 10)
    this.y -= size
    this.drawAt(text, (A4.width - this.width(text, size)) / 2, this.y, size)
    this.y -= 12
  }

  /** A section heading with a rule under it. */
  heading(text: string, size = 12.5) {
    this.ensure(size + 30)
    this.y -= 8 + size
    this.drawAt(text, MARGIN, this.y, size)
    this.y -= 4
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: A4.width - MARGIN, y: this.y }, thickness: 0.6 })
    this.y -= 6
  }

  /** Label and value on one row (the value wrapped in its column). */
  field(label: string, value: string, { size = 10.5, labelWidth = 110 } = {}) {
    const lines = this.wrap(value || '—', size, A4.width - 2 * MARGIN - labelWidth)
    this.ensure(lines.length * (size + 4))
    this.y -= size
    this.drawAt(label, MARGIN, this.y, size)
    lines.forEach((line, i) => {
      if (i) this.y -= size + 4
      this.drawAt(line, MARGIN + labelWidth, this.y, size)
    })
    this.y -= 5
  }

  /** An empty box with a caption, for a signature and stamp. */
  box(caption: string, x: number, width: number, height: number, dateLabel: string) {
    const top = this.y
    this.page.drawRectangle({ x, y: top - height, width, height, borderWidth: 0.8, borderColor: rgb(0, 0, 0) })
    this.drawAt(caption, x + 6, top - 16, 10)
    this.drawAt(dateLabel, x + 6, top - height + 8, 9)
  }

  /** A PNG (the QR code) with its top-left corner at (x, top). */
  async image(png: Uint8Array, x: number, top: number, size: number) {
    const image = await this.doc.embedPng(png)
    this.page.drawImage(image, { x, y: top - size, width: size, height: size })
  }

  save(): Promise<Uint8Array> {
    return this.doc.save()
  }
}
