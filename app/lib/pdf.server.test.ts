// The PDFs' fonts, looked at as printed: each character drawn in a cell of its own, the page
// rendered by poppler (pdftoppm), and every cell must have ink. Text extraction alone would pass
// with glyphs that render blank (as fontkit's subsets did for most hanzi before the padding).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PNG } from 'pngjs'
import { expect, test } from 'vitest'
import { A4, PdfWriter } from './pdf.server'

// Common and rare hanzi (names use any character), full-width punctuation, Latin with accents.
const SAMPLE = '学生出国境审批表编号当前状态已批准扫码核验学院机械工程欧阳鑫垚龘犇淼喆昇（）：、¥ÅéßŁłżЖ'
const CELL = 40
const SIZE = 20
const DPI = 72

test('every character of a sample prints with ink, Chinese and Latin alike', async () => {
  const pdf = await PdfWriter.create('glyphs')
  const perRow = Math.floor((A4.width - 40) / CELL)
  ;[...SAMPLE].forEach((char, i) => {
    pdf.drawAt(char, 20 + (i % perRow) * CELL + 8, A4.height - 60 - Math.floor(i / perRow) * CELL, SIZE)
  })
  const dir = mkdtempSync(path.join(tmpdir(), 'pdf-glyphs-'))
  writeFileSync(path.join(dir, 'g.pdf'), await pdf.save())
  execFileSync('pdftoppm', ['-png', '-r', String(DPI), '-singlefile', path.join(dir, 'g.pdf'), path.join(dir, 'g')])
  const png = PNG.sync.read(readFileSync(path.join(dir, 'g.png')))
  const scale = DPI / 72
  const blank = [...SAMPLE].filter((_, i) => {
    const left = Math.round((20 + (i % perRow) * CELL) * scale)
    const baseline = Math.round((60 + Math.floor(i / perRow) * CELL) * scale)
    let ink = 0
    for (let y = baseline - SIZE - 4; y < baseline + 6; y++) {
      for (let x = left; x < left + CELL * scale; x++) {
        if (png.data[(y * png.width + x) * 4]! < 128) ink++
      }
    }
    return ink < 8
  })
  expect(blank).toEqual([])
})

test('a character no shipped font has prints as a question mark, never as nothing', async () => {
  const pdf = await PdfWriter.create('missing')
  expect(pdf.wrap('a\u{1FAE8}b', 10, 500)).toEqual(['a\u{1FAE8}b'])
  pdf.drawAt('a\u{1FAE8}b', 50, 700, 12)
  const dir = mkdtempSync(path.join(tmpdir(), 'pdf-missing-'))
  writeFileSync(path.join(dir, 'm.pdf'), await pdf.save())
  expect(execFileSync('pdftotext', [path.join(dir, 'm.pdf'), '-'], { encoding: 'utf8' }).trim()).toBe('a?b')
})
