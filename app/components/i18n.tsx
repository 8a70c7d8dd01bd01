import { useRouteLoaderData } from '@remix-run/react'
import { useMemo } from 'react'
import { defaultLocale, translateError, translator, type Locale } from '~/i18n'
import type { loader as rootLoader } from '~/root'

export function useLocale(): Locale {
  const data = useRouteLoaderData<typeof rootLoader>('root')
  return data?.locale ?? defaultLocale
}

export function useT() {
  const locale = useLocale()
  return useMemo(() => translator(locale), [locale])
}

/** Translates a list of validation messages (i18n keys) for display. */
export function useErrorText() {
  const t = useT()
  return (errors: string[] | undefined) => errors?.map((e) => translateError(t, e))
}
