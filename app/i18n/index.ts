// Every user-facing string lives in app/i18n/messages/<area>.ts, in zh-CN (the default) and
// English. Keys are checked by TypeScript: an English entry missing from an area fails to compile.
import { common } from './messages/common'
import { auth } from './messages/auth'
import { emails } from './messages/emails'
import { application } from './messages/application'
import { documents } from './messages/documents'
import { catalogue } from './messages/catalogue'
import { student } from './messages/student'
import { review } from './messages/review'
import { reviewPage } from './messages/review-page'
import { admin } from './messages/admin'
import { finance } from './messages/finance'
import { adminConfig } from './messages/admin-config'
import { imports } from './messages/imports'
import { dashboard } from './messages/dashboard'
import { financeDashboard } from './messages/finance-dashboard'

export const locales = ['zh-CN', 'en'] as const
export type Locale = (typeof locales)[number]
export const defaultLocale: Locale = 'zh-CN'

const areas = [common, auth, emails, application, documents, catalogue, student, review, reviewPage, admin, finance, adminConfig, imports, dashboard, financeDashboard]
type Merge<T extends readonly unknown[]> = T extends readonly [infer H, ...infer R]
  ? (H extends { 'zh-CN': infer M } ? M : never) & Merge<R>
  : unknown
type Messages = Merge<[typeof common, typeof auth, typeof emails, typeof application, typeof documents, typeof catalogue, typeof student, typeof review, typeof reviewPage, typeof admin, typeof finance, typeof adminConfig, typeof imports, typeof dashboard, typeof financeDashboard]>
export type MessageKey = keyof Messages & string

const dictionaries = Object.fromEntries(
  locales.map((l) => [l, Object.assign({}, ...areas.map((a) => a[l]))]),
) as Record<Locale, Record<MessageKey, string>>

export type Params = Record<string, string | number>
export type Translate = (key: MessageKey, params?: Params) => string

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value)
}

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === 'string' && value in dictionaries['zh-CN']
}

export function translator(locale: Locale): Translate {
  const dict = dictionaries[locale]
  return (key, params) => {
    const text = dict[key] ?? key
    return params ? text.replace(/\{(\w+)\}/g, (m, name) => String(params[name] ?? m)) : text
  }
}

/** Translates a validation message: schemas carry message keys, optionally "key|{json params}". */
export function translateError(t: Translate, message: string): string {
  const [key, raw] = message.split('|', 2)
  if (!isMessageKey(key)) return message
  return t(key, raw ? (JSON.parse(raw) as Params) : undefined)
}

// The database enum spells the locale with an underscore.
export const toDbLocale = (l: Locale) => (l === 'zh-CN' ? 'zh_CN' : 'en') as 'zh_CN' | 'en'
export const fromDbLocale = (l: 'zh_CN' | 'en'): Locale => (l === 'zh_CN' ? 'zh-CN' : 'en')

export const TIME_ZONE = 'Asia/Shanghai'

// One formatter per locale: making an Intl.DateTimeFormat costs far more than using one (a
// 50-row reviewer queue spent a fifth of its server time making them).
function perLocale(options: Intl.DateTimeFormatOptions): (locale: Locale) => Intl.DateTimeFormat {
  const made = new Map<Locale, Intl.DateTimeFormat>()
  return (locale) => {
    let format = made.get(locale)
    if (!format) made.set(locale, (format = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, ...options })))
    return format
  }
}
const dateTimeFormat = perLocale({ dateStyle: 'medium', timeStyle: 'short' })
const dateFormat = perLocale({ dateStyle: 'medium' })

export function formatDateTime(locale: Locale, date: Date | string): string {
  return dateTimeFormat(locale).format(new Date(date))
}

export function formatDate(locale: Locale, date: Date | string): string {
  return dateFormat(locale).format(new Date(date))
}
