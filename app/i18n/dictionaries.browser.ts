// The browser build's stand-in for dictionaries.ts (swapped in by vite.config.ts): the messages of
// the page's language only, and of those only the areas the page's routes declare, from the JSON
// the root layout rendered into the page. A client-side navigation to a route that declares other
// areas loads them with the route's module (app/i18n/route-areas.ts): each area of each language is
// a chunk of the build (the virtual module is made by vite.config.ts).
import { areaLoaders } from 'virtual:i18n-area-loaders'
import type { Locale } from '.'
import type { Area, Dictionary } from './dictionaries'
import { MESSAGES_ELEMENT_ID } from './messages-element'

export type { Area, Dictionary }

type PageMessages = { locale: Locale; areas: Partial<Record<Area, Record<string, string>>> }

function fromPage(): PageMessages | null {
  const element = typeof document === 'undefined' ? null : document.getElementById(MESSAGES_ELEMENT_ID)
  return element?.textContent ? (JSON.parse(element.textContent) as PageMessages) : null
}

const page = fromPage()
const loaded = new Map<Area, Record<string, string>>(Object.entries(page?.areas ?? {}) as [Area, Record<string, string>][])
const merged = Object.assign({}, ...loaded.values()) as Dictionary

/** The page's language, with every area loaded so far merged in (grows as areas arrive). */
export const dictionaries: Partial<Record<Locale, Dictionary>> = page ? { [page.locale]: merged } : {}

// Another language than the page's is only asked for just before the root reloads the page in it
// (app/root.tsx): until then the page's language stands in, as the whole page is in it.
export const areaMessages = (_locale: Locale, area: Area): Record<string, string> | undefined => loaded.get(area)

const loading = new Map<Area, Promise<void>>()

/**
 * Loads the areas not yet here, in the page's language (see areaMessages); null when all are.
 * Should a chunk fail to load (a new release replaced it), the page is loaded from the server,
 * which sends every area it needs, and the navigation never completes in the meantime.
 */
export function loadAreas(areas: readonly Area[]): Promise<void> | null {
  if (!page) return null
  const locale = page.locale
  const missing = areas.filter((a) => !loaded.has(a))
  if (missing.length === 0) return null
  return Promise.all(
    missing.map((area) => {
      let promise = loading.get(area)
      if (!promise) {
        promise = areaLoaders[locale][area]().then(
          (module) => {
            loaded.set(area, module.default)
            Object.assign(merged, module.default)
          },
          () => {
            window.location.reload()
            return new Promise<void>(() => {})
          },
        )
        loading.set(area, promise)
      }
      return promise
    }),
  ).then(() => undefined)
}
