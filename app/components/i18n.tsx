import { useMatches, useRouteLoaderData } from '@remix-run/react'
import { createContext, useContext, useMemo, type ReactNode } from 'react'
import {
  defaultLocale,
  pageAreas,
  pageTranslator,
  translateError,
  type Area,
  type Locale,
  type MessagesHandle,
  type Translate,
} from '~/i18n'
import type { loader as rootLoader } from '~/root'

export function useLocale(): Locale {
  const data = useRouteLoaderData<typeof rootLoader>('root')
  return data?.locale ?? defaultLocale
}

/** The message areas of the page: `common` and those its matched routes declare in `handle.messages`. */
export function usePageAreas(): Area[] {
  const matches = useMatches()
  const declared = matches.flatMap((m) => (m.handle as Partial<MessagesHandle> | undefined)?.messages ?? [])
  const key = pageAreas(declared).join(',')
  return useMemo(() => key.split(',') as Area[], [key])
}

const TranslatorContext = createContext<Translate | null>(null)

/**
 * Made once per page by the root layout for every component under it. Each component making its
 * own (matching the routes, collecting and sorting their areas) cost the application form's
 * hydration about 80 ms of a phone's main thread.
 */
export function TranslatorProvider({ locale, areas, children }: { locale: Locale; areas: Area[]; children: ReactNode }) {
  const t = useMemo(() => pageTranslator(locale, areas), [locale, areas])
  return <TranslatorContext.Provider value={t}>{children}</TranslatorContext.Provider>
}

/**
 * The page's translator. Its areas are already in the browser: in the page on the first load, and
 * loaded with each route's module on a client-side navigation (app/i18n/route-areas.ts). A key
 * from an area the page lacks is a console error (pageTranslator).
 */
export function useT(): Translate {
  const t = useContext(TranslatorContext)
  if (!t) throw new Error('useT() outside the root layout’s TranslatorProvider')
  return t
}

/** Translates a list of validation messages (i18n keys) for display. */
export function useErrorText() {
  const t = useT()
  return (errors: string[] | undefined) => errors?.map((e) => translateError(t, e))
}
