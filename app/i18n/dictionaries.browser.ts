// The browser build's stand-in for dictionaries.ts (swapped in by vite.config.ts): the messages of
// the page's language only, from the JSON the root layout rendered into the page.
import type { Locale } from '.'
import type { Dictionary } from './dictionaries'
import { MESSAGES_ELEMENT_ID } from './messages-element'

export type { Dictionary }

function fromPage(): Partial<Record<Locale, Dictionary>> {
  const element = typeof document === 'undefined' ? null : document.getElementById(MESSAGES_ELEMENT_ID)
  if (!element?.textContent) return {}
  const { locale, messages } = JSON.parse(element.textContent) as { locale: Locale; messages: Dictionary }
  return { [locale]: messages }
}

export const dictionaries = fromPage()
