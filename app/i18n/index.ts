// Every user-facing string lives in app/i18n/messages/<area>.ts, in zh-CN (the default) and
// English. Keys are checked by TypeScript: an English entry missing from an area fails to compile.
import { areaMessages, dictionaries, type Area, type Dictionary } from './dictionaries'
import { MESSAGES_ELEMENT_ID } from './messages-element'

export const locales = ['zh-CN', 'en'] as const
export type Locale = (typeof locales)[number]
export const defaultLocale: Locale = 'zh-CN'

export type MessageKey = keyof Dictionary & string
export type { Area }

export type Params = Record<string, string | number>
export type Translate = (key: MessageKey, params?: Params) => string

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value)
}

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === 'string' && Object.values(dictionaries).some((dict) => value in dict)
}

export function translator(locale: Locale): Translate {
  // In the browser only the page's language is loaded (see dictionaries.browser.ts).
  const dict: Record<string, string> = dictionaries[locale] ?? Object.values(dictionaries)[0] ?? {}
  return (key, params) => {
    const text = dict[key] ?? key
    return params ? text.replace(/\{(\w+)\}/g, (m, name) => String(params[name] ?? m)) : text
  }
}

/** The areas every page sends: the shell, the error pages and the form messages are in `common`. */
export const ALWAYS_SENT: readonly Area[] = ['common']

/** A route module's `handle`: the message areas its page and the components it renders use. */
export type MessagesHandle = { messages: readonly Area[] }

/** The areas a page sends: those every page sends and those its routes declare, in one order. */
export function pageAreas(declared: Iterable<Area>): Area[] {
  return [...new Set([...ALWAYS_SENT, ...declared])].sort()
}

/**
 * The page's language and areas as the JSON the root layout puts in the page (read by
 * dictionaries.browser.ts before hydration). `<` is escaped so no message can close the element.
 */
export function pageMessages(locale: Locale, areas: readonly Area[]): { id: string; json: string } {
  const cacheKey = `${locale}:${areas.join(',')}`
  let json = pageMessagesJson.get(cacheKey)
  if (json === undefined) {
    const messages = Object.fromEntries(areas.map((a) => [a, areaMessages(locale, a)]))
    json = JSON.stringify({ locale, areas: messages }).replace(/</g, '\\u003c')
    // Made once per language and set of areas on the server (every page renders it); in the
    // browser only the loaded language is kept, since it is the only one there.
    if (hasMessages(locale)) pageMessagesJson.set(cacheKey, json)
  }
  return { id: MESSAGES_ELEMENT_ID, json }
}
const pageMessagesJson = new Map<string, string>()

/** Whether the page's language has arrived (in the browser, only the first page's language has). */
export const hasMessages = (locale: Locale) => dictionaries[locale] !== undefined

/**
 * A translator that knows only the areas the page sends, the same on the server and in the
 * browser: a key from another area is rendered as the key and reported as an error on both sides
 * (the end-to-end journeys fail on it), so a page cannot silently depend on a message the browser
 * does not have.
 */
export function pageTranslator(locale: Locale, areas: readonly Area[]): Translate {
  const dicts = areas.map((a) => areaMessages(locale, a) ?? {})
  return (key, params) => {
    let text: string | undefined
    for (const dict of dicts) if ((text = dict[key]) !== undefined) break
    if (text === undefined) {
      reportMissing(key, areas)
      text = key
    }
    return params ? text.replace(/\{(\w+)\}/g, (m, name) => String(params[name] ?? m)) : text
  }
}

const reported = new Set<string>()
function reportMissing(key: string, areas: readonly Area[]) {
  if (reported.has(key)) return // once per key, not once per render
  reported.add(key)
  console.error(`Message "${key}" is not in the areas this page sends (${areas.join(', ')}): add its area to the route's handle.messages`)
}

/** Items of a list in the reader's language: 中文、英文 or Chinese, English. */
export const formatList = (t: Translate, items: readonly string[]) => items.join(t('text.listSeparator'))

/** Several messages about one thing, one after another: 必填；过长 or Required; too long. */
export const formatSentences = (t: Translate, items: readonly string[]) => items.join(t('text.sentenceSeparator'))

/** Translates a validation message: schemas carry message keys, optionally "key|{json params}". */
export function translateError(t: Translate, message: string): string {
  const [key, raw] = message.split('|', 2)
  if (!isMessageKey(key)) return message
  return t(key, raw ? (JSON.parse(raw) as Params) : undefined)
}

// The database enum spells the locale with an underscore.
export const toDbLocale = (l: Locale) => (l === 'zh-CN' ? 'zh_CN' : 'en') as 'zh_CN' | 'en'
export const fromDbLocale = (l: 'zh_CN' | 'en'): Locale => (l === 'zh_CN' ? 'zh-CN' : 'en')

// Dates and times are shown in China's time, UTC+8 all year since 1991 (no summer time), in
// Intl's "medium" date and "short" time of each locale, written out here rather than made by
// Intl.DateTimeFormat: a browser page's first one cost 25–40 ms (ICU loading the locale's data),
// the longest task of every page that shows a date, four times that in Lighthouse's mobile
// simulation (decision 44). The unit tests compare both with Intl's own.
const CHINA_OFFSET_MS = 8 * 3_600_000
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** The date's fields on a clock in China. */
function chinaClock(date: Date | string) {
  const time = new Date(date).getTime()
  if (Number.isNaN(time)) throw new RangeError(`Invalid time value: ${String(date)}`)
  const china = new Date(time + CHINA_OFFSET_MS)
  return {
    year: china.getUTCFullYear(),
    month: china.getUTCMonth(),
    day: china.getUTCDate(),
    hour: china.getUTCHours(),
    minute: china.getUTCMinutes(),
  }
}

const dateOf = (locale: Locale, { year, month, day }: ReturnType<typeof chinaClock>) =>
  locale === 'en' ? `${MONTHS_EN[month]} ${day}, ${year}` : `${year}年${month + 1}月${day}日`

export function formatDateTime(locale: Locale, date: Date | string): string {
  const clock = chinaClock(date)
  const minute = String(clock.minute).padStart(2, '0')
  if (locale === 'en') return `${dateOf(locale, clock)}, ${clock.hour % 12 || 12}:${minute} ${clock.hour < 12 ? 'AM' : 'PM'}`
  return `${dateOf(locale, clock)} ${String(clock.hour).padStart(2, '0')}:${minute}`
}

export function formatDate(locale: Locale, date: Date | string): string {
  return dateOf(locale, chinaClock(date))
}
