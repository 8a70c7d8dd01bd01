import { toPlainText } from '@react-email/render'
import { describe, expect, test } from 'vitest'
import { locales } from '~/i18n'
import { emailTemplates, renderEmail } from './index'
import { emailSamples } from './samples'

// renderEmail makes the plain-text part with react-email's fast converter instead of
// html-to-text (toPlainText), which costs several times more per email: a reader of the text part
// must get the same text from either, for every email in both languages.
describe('the plain-text part', () => {
  describe.each(emailTemplates)('%s', (template) => {
    test.each(locales)('in %s is what html-to-text makes of the html', async (locale) => {
      const { html, text } = await renderEmail(template, locale, emailSamples[template](locale) as never)
      expect(text).toBe(toPlainText(html))
    })
  })
})
