// The message areas (app/i18n/messages/<area>.ts), merged per language.
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
import { rounds } from './messages/rounds'
import { calendar } from './messages/calendar'
import { campus } from './messages/campus'
import { agreements } from './messages/agreements'
import { privacy } from './messages/privacy'
import { instalments } from './messages/instalments'
import { fx } from './messages/fx'
import { exportLayout } from './messages/export-layout'
import { stay } from './messages/stay'
import { learningAgreement } from './messages/learning-agreement'
import { audit } from './messages/audit'

import type { Locale } from '.'

/** The message areas by file name: a page sends only those its routes declare (app/i18n/page-messages.ts). */
export const areas = {
  common,
  auth,
  emails,
  application,
  documents,
  catalogue,
  student,
  review,
  'review-page': reviewPage,
  admin,
  finance,
  'admin-config': adminConfig,
  imports,
  dashboard,
  'finance-dashboard': financeDashboard,
  rounds,
  calendar,
  campus,
  agreements,
  privacy,
  instalments,
  fx,
  'export-layout': exportLayout,
  stay,
  'learning-agreement': learningAgreement,
  audit,
}
export type Area = keyof typeof areas
type Merge<T extends readonly unknown[]> = T extends readonly [infer H, ...infer R]
  ? (H extends { 'zh-CN': infer M } ? M : never) & Merge<R>
  : unknown
type Messages = Merge<
  [
    typeof common,
    typeof auth,
    typeof emails,
    typeof application,
    typeof documents,
    typeof catalogue,
    typeof student,
    typeof review,
    typeof reviewPage,
    typeof admin,
    typeof finance,
    typeof adminConfig,
    typeof imports,
    typeof dashboard,
    typeof financeDashboard,
    typeof calendar,
    typeof rounds,
    typeof campus,
    typeof agreements,
    typeof privacy,
    typeof instalments,
    typeof fx,
    typeof exportLayout,
    typeof stay,
    typeof learningAgreement,
    typeof audit,
  ]
>
export type Dictionary = { [K in keyof Messages & string]: string }

/**
 * Every message in both languages: the server, scripts and tests use this module. The browser
 * build gets dictionaries.browser.ts in its place (vite.config.ts), which holds only the page's
 * language and the areas the page's routes declare: the dictionaries stay out of the JavaScript
 * every page downloads and out of the pages that do not use them.
 */
export const dictionaries: Partial<Record<Locale, Dictionary>> = Object.fromEntries(
  (['zh-CN', 'en'] as const).map((l) => [l, Object.assign({}, ...Object.values(areas).map((a) => a[l]))]),
)

/** One area's messages in one language (the server has them all). */
export const areaMessages = (locale: Locale, area: Area): Record<string, string> | undefined => areas[area][locale]
