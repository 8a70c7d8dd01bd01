// The browser build appends `await routeAreas(handle)` to every route module that declares message
// areas (vite.config.ts, `routeModuleAreas`). The router loads a route's module before it renders
// the route, so a page is rendered only once its areas are here: a client-side navigation waits
// for them as it waits for the page's data and code, and no component ever suspends on them.
// (Suspending did: when a loaded machine let the navigation's render expire, React failed the
// root with "Root did not complete", error 345.) On the first page load the areas are in the page.
import type { MessagesHandle } from '.'
import { loadAreas } from './dictionaries.browser'

export function routeAreas(handle: Partial<MessagesHandle> | undefined): Promise<void> | null {
  return handle?.messages ? loadAreas(handle.messages) : null
}
