import { describe, expect, test } from 'vitest'
import { locales } from '~/i18n'
import { emailTemplates, renderEmail } from './index'
import { emailSamples } from './samples'

// The previews page shows every registered email with its sample: each must render in both
// languages, and no message key may be left untranslated (a key would show as "email.x.y").
const untranslated = /\b(?:email|imports|form|application|documents|kind|level)\.[a-zA-Z]+(?:\.[a-zA-Z_]+)+\b/

describe('email samples', () => {
  test('cover every registered template and nothing else', () => {
    expect(Object.keys(emailSamples).sort()).toEqual([...emailTemplates].sort())
  })

  describe.each(emailTemplates)('%s', (template) => {
    test.each(locales)('renders in %s with every string translated', async (locale) => {
      const { subject, html, text } = await renderEmail(template, locale, emailSamples[template](locale) as never)
      expect(subject.length).toBeGreaterThan(0)
      expect(html).toContain(`lang="${locale}"`)
      for (const part of [subject, text]) expect(part).not.toMatch(untranslated)
      // Each language's text is in that language: Chinese characters only where Chinese is expected.
      if (locale === 'en') expect(subject).not.toMatch(/\p{Script=Han}/u)
      else expect(subject).toMatch(/\p{Script=Han}/u)
    })
  })
})
