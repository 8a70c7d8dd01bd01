// The real HTTP server of the portal, in-process, for Vitest tests that need HTTP: server/index.ts's
// startServer (Express, helmet, the same-origin check, Remix's request handler, the error
// handler) on a free port, against the worker's test database, S3 and SMTP catcher.
//
// Why not the production build: `npm test` runs Vitest before `remix vite:build`, and a Vite dev
// server inside a Vitest worker is slow and leaves out the production headers. Instead the Remix
// server build is assembled here from the sources, the way the Vite plugin would: the route
// manifest from Remix's own flat-routes convention, the route modules and entry.server imported
// through Vitest (so they share this worker's `prisma` and `env()` with the test). Only the browser
// assets manifest is a stand-in: pages render their real HTML but no client script is served.
import path from 'node:path'
import { UNSAFE_flatRoutes as flatRoutes } from '@remix-run/dev'
import type { ServerBuild } from '@remix-run/node'
import { startServer, type ServerOptions } from '../../server/index'

const appDirectory = path.resolve('app')
const future = {
  v3_fetcherPersist: true,
  v3_relativeSplatPath: true,
  v3_throwAbortReason: true,
  v3_singleFetch: true,
  v3_lazyRouteDiscovery: true,
}

/** Route files as Remix sees them (ignoring tests, as vite.config.ts does): id → file, path, parent. */
export function routeManifest() {
  return flatRoutes(appDirectory, ['**/*.test.{ts,tsx}'])
}

let cachedBuild: Promise<ServerBuild> | undefined
/** The server build assembled from app/ (see the comment at the top). */
export function sourceBuild(): Promise<ServerBuild> {
  cachedBuild ??= (async () => {
    const manifest = { root: { id: 'root', file: 'root.tsx', path: '' }, ...routeManifest() } as Record<
      string,
      { id: string; file: string; path?: string; index?: boolean; caseSensitive?: boolean; parentId?: string }
    >
    const routes: ServerBuild['routes'] = {}
    const assetRoutes: ServerBuild['assets']['routes'] = {}
    for (const route of Object.values(manifest)) {
      const module = await import(/* @vite-ignore */ path.join(appDirectory, route.file))
      const common = { id: route.id, parentId: route.parentId, path: route.path, index: route.index, caseSensitive: route.caseSensitive }
      routes[route.id] = { ...common, module }
      assetRoutes[route.id] = {
        ...common,
        module: `/stand-in/${route.id}.js`,
        hasAction: 'action' in module,
        hasLoader: 'loader' in module,
        hasClientAction: 'clientAction' in module,
        hasClientLoader: 'clientLoader' in module,
        hasErrorBoundary: 'ErrorBoundary' in module,
        imports: [],
      }
    }
    return {
      mode: 'production',
      // entry.server's handleRequest resolves a Response but is typed Promise<unknown>.
      entry: { module: (await import('~/entry.server')) as ServerBuild['entry']['module'] },
      routes,
      assets: {
        entry: { module: '/stand-in/entry.client.js', imports: [] },
        routes: assetRoutes,
        url: '/stand-in/manifest.js',
        version: 'test',
      },
      publicPath: '/',
      assetsBuildDirectory: 'build/client',
      future,
      isSpaMode: false,
      basename: '/',
    } satisfies ServerBuild
  })()
  return cachedBuild
}

export type AppServer = {
  url: string
  /** fetch against the server, never following redirects; `cookie` signs the request in. */
  request(path: string, init?: RequestInit & { cookie?: string; form?: Record<string, string> | URLSearchParams }): Promise<Response>
  close(): Promise<void>
}

/** Starts the portal on a free port. Workers (outbox, scheduled jobs) only when asked for. */
export async function startAppServer(options: Omit<ServerOptions, 'build' | 'port'> = {}): Promise<AppServer> {
  const server = await startServer({ workers: false, ...options, build: await sourceBuild(), port: 0 })
  return {
    url: server.url,
    request: (target, { cookie, form, headers, ...init } = {}) => {
      const h = new Headers(headers)
      if (cookie) h.set('Cookie', cookie)
      const body = form ? (form instanceof URLSearchParams ? form : new URLSearchParams(form)) : init.body
      return fetch(new URL(target, server.url), {
        redirect: 'manual',
        ...init,
        method: init.method ?? (form ? 'POST' : 'GET'),
        headers: h,
        body,
      })
    },
    close: server.close,
  }
}

/** A signed-in session for the user, as the `Cookie` header value (`mp_session=…`). */
export async function sessionCookie(userId: string): Promise<string> {
  const { createSession } = await import('~/lib/session.server')
  const setCookie = await createSession(userId, new Request('http://localhost/'))
  return setCookie.split(';')[0]
}
