// The virtual module vite.config.ts makes for the browser build: one chunk per area and language.
declare module 'virtual:i18n-area-loaders' {
  import type { Locale } from '~/i18n'
  import type { Area } from '~/i18n/dictionaries'

  export const areaLoaders: Record<Locale, Record<Area, () => Promise<{ default: Record<string, string> }>>>
}
