import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { dictionaries } from './dictionaries'
import { formatList, formatSentences, translator } from './index'

// English pages once showed "Current GPA：This field is required" and lists joined with "；": the
// punctuation was written into the pages instead of coming from the reader's language.
const CJK_PUNCTUATION = /[：；、，。]/

describe('punctuation follows the reader’s language', () => {
  test('no English message carries Chinese punctuation', () => {
    const wrong = Object.entries(dictionaries.en as Record<string, string>).filter(([, text]) => CJK_PUNCTUATION.test(text))
    expect(wrong).toEqual([])
  })

  test('no page or component writes Chinese punctuation itself (it comes from the messages)', () => {
    const files = ['app/routes', 'app/components'].flatMap((dir) =>
      readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((f) => /\.tsx?$/.test(f) && !/\.test\./.test(f))
        .map((f) => path.join(dir, f)),
    )
    const wrong = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => [`${file}:${i + 1}`, line] as const)
        .filter(([, line]) => CJK_PUNCTUATION.test(line) && !/^\s*(\/\/|\*)/.test(line)),
    )
    expect(wrong).toEqual([])
  })

  test.each([
    ['zh-CN', '必填：太长；格式不对', '中文、英文'],
    ['en', 'Required: too long; wrong format', 'Chinese, English'],
  ] as const)('%s: a label with its messages, and a list', (locale, labelled, list) => {
    const t = translator(locale)
    const [label, ...messages] = locale === 'en' ? ['Required', 'too long', 'wrong format'] : ['必填', '太长', '格式不对']
    expect(t('text.labelled', { label: label!, text: formatSentences(t, messages) })).toBe(labelled)
    expect(formatList(t, locale === 'en' ? ['Chinese', 'English'] : ['中文', '英文'])).toBe(list)
  })
})
