import { useMatches, useRouteLoaderData } from '@remix-run/react'
import { useMemo } from 'react'
import { defaultLocale, loadAreas, pageAreas, pageTranslator, translateError, type Area, type Locale, type MessagesHandle } from '~/i18n'
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
 * The page's translator. After a client-side navigation to a page whose areas the browser lacks,
 * it suspends until they have loaded: navigations render in a transition, so the previous page
 * stays on screen meanwhile (a few kilobytes, cached by the browser after the first time).
 */
export function useT() {
  const locale = useLocale()
  const areas = usePageAreas()
  const loading = loadAreas(locale, areas)
  if (loading) throw loading
  return useMemo(() => pageTranslator(locale, areas), [locale, areas])
}

/** Translates a list of validation messages (i18n keys) for display. */
export function useErrorText() {
  const t = useT()
  return (errors: string[] | undefined) => errors?.map((e) => translateError(t, e))
}
