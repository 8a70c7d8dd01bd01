import { useMatches, useRouteLoaderData } from '@remix-run/react'
import { useMemo } from 'react'
import { defaultLocale, pageAreas, pageTranslator, translateError, type Area, type Locale, type MessagesHandle } from '~/i18n'
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

/**
 * The page's translator. Its areas are already in the browser: in the page on the first load, and
 * loaded with each route's module on a client-side navigation (app/i18n/route-areas.ts). A key
 * from an area the page lacks is a console error (pageTranslator).
 */
export function useT() {
  const locale = useLocale()
  const areas = usePageAreas()
  return useMemo(() => pageTranslator(locale, areas), [locale, areas])
}

/** Translates a list of validation messages (i18n keys) for display. */
export function useErrorText() {
  const t = useT()
  return (errors: string[] | undefined) => errors?.map((e) => translateError(t, e))
}
