import { AsyncLocalStorage } from 'node:async_hooks'

// What one HTTP request may remember between its loaders (the root's and the page's both read
// the session): a map the server opens for each GET or HEAD request (server/remix-handler.ts)
// and that ends with it. A request that may change something (an action) gets none, so
// nothing it reads is remembered past a write. Kept on globalThis because the server and the
// Remix build each bundle their own copy of this module.
const KEY = Symbol.for('mobility-portal.request-scope')
const holder = globalThis as typeof globalThis & { [KEY]?: AsyncLocalStorage<Map<string, unknown>> }
const storage = (holder[KEY] ??= new AsyncLocalStorage<Map<string, unknown>>())

/** Runs `run` with a fresh scope for a read-only request. */
export function inRequestScope<T>(run: () => T): T {
  return storage.run(new Map(), run)
}

/** The value of `read()` for `key`, read once per request scope (every time outside one). */
export function oncePerRequest<T>(key: string, read: () => Promise<T>): Promise<T> {
  const scope = storage.getStore()
  if (!scope) return read()
  let value = scope.get(key) as Promise<T> | undefined
  if (!value) {
    value = read()
    scope.set(key, value)
    // A failed read is not remembered.
    value.catch(() => scope.delete(key))
  }
  return value
}

/** Whether this runs inside a request scope. */
export const inAnyRequestScope = () => storage.getStore() !== undefined

/** What this request holds under `key` (set by `holdInRequest`); nothing outside a request scope. */
export function heldInRequest<T>(key: string): T | undefined {
  return storage.getStore()?.get(key) as T | undefined
}

/** Holds `value` under `key` for the rest of this request; false (nothing held) outside a request scope. */
export function holdInRequest(key: string, value: unknown): boolean {
  const scope = storage.getStore()
  scope?.set(key, value)
  return scope !== undefined
}

/** Forgets what this request remembered (after a sign-out, say). */
export function forgetRequestScope() {
  storage.getStore()?.clear()
}
