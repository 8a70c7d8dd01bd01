// The HTTP server: Express with security headers in front of Remix. In development Vite serves the
// app with hot reload; in production the built server bundle is loaded.
import crypto from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import helmet from 'helmet'
import { env } from '../app/lib/env.server'
import { multipartMaxBytes } from '../app/lib/form-limits'
import { remixHandler } from './remix-handler'
import { limitRequests } from './request-limits'
import { checkSameOrigin } from './same-origin'

declare module '@remix-run/node' {
  interface AppLoadContext {
    cspNonce: string
    clientIp: string
  }
}

export type ServerOptions = {
  /** A ready server build (tests assemble one from the sources); default: Vite in development, build/ in production. */
  build?: ServerBuild
  /** Default: PORT. 0 picks a free port (see the returned url). */
  port?: number
  /** Production security headers (CSP, HSTS). Default: NODE_ENV is production. */
  production?: boolean
  /** Start the outbox worker and the scheduled jobs (app/jobs). Default: true. */
  workers?: boolean
}

/** The campus sign-on providers' origins (CAS, the OpenID provider), where sign-in and sign-out redirect. */
function signOnOrigins(config: ReturnType<typeof env>): string[] {
  return [config.CAS_BASE_URL, config.OIDC_ISSUER].flatMap((url) => (url ? [new URL(url).origin] : []))
}

export async function startServer(options: ServerOptions = {}): Promise<{ url: string; close(): Promise<void> }> {
  const config = env() // refuses to start, naming the bad variable, when the environment is wrong
  const isProduction = options.production ?? config.NODE_ENV === 'production'
  // Vite's reload socket listens beside the server: where the server does (every interface for a
  // wildcard HOST, the browser then connecting to the page's own host).
  const wildcard = config.HOST === '0.0.0.0' || config.HOST === '::'
  const hmr = wildcard ? {} : { host: config.HOST ?? '127.0.0.1' }
  const vite =
    isProduction || options.build ? undefined : await import('vite').then((v) => v.createServer({ server: { middlewareMode: true, hmr } }))

  const app = express()
  app.disable('x-powered-by')
  if (process.env.TRUST_PROXY) app.set('trust proxy', process.env.TRUST_PROXY)
  app.use(compression())
  app.use((_req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString('base64')
    next()
  })
  app.use(
    helmet({
      // Vite's dev client injects inline scripts, so the policy applies to production builds.
      contentSecurityPolicy: isProduction
        ? {
            directives: {
              defaultSrc: ["'self'"],
              scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
              styleSrc: ["'self'", "'unsafe-inline'"],
              imgSrc: ["'self'", 'data:', 'blob:'],
              connectSrc: ["'self'"],
              frameSrc: ["'self'"],
              frameAncestors: ["'self'"],
              // Signing in and out through the campus sign-on posts a form that the portal answers with
              // a redirect to the provider: form-action applies to that redirect too.
              formAction: ["'self'", ...signOnOrigins(config)],
              objectSrc: ["'none'"],
              upgradeInsecureRequests: null,
            },
          }
        : false,
      strictTransportSecurity: isProduction ? { maxAge: 31536000, includeSubDomains: true } : false,
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
      crossOriginEmbedderPolicy: false,
    }),
  )
  app.use(checkSameOrigin)
  app.use(limitRequests({ formMaxBytes: config.FORM_MAX_BYTES, multipartMaxBytes: multipartMaxBytes(config.UPLOAD_MAX_BYTES) }))

  if (vite) {
    app.use(vite.middlewares)
  } else {
    app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }))
    // Only a path that names a file (favicon.svg) is looked for on disk: pages have no extension,
    // and the look-up was a failed stat() on every page view.
    const publicFiles = express.static('build/client', { maxAge: '1h' })
    app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()))
  }

  const build =
    options.build ??
    (vite
      ? () => vite.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>
      : ((await import(path.resolve('build/server/index.js'))) as ServerBuild))

  app.all(
    '*',
    remixHandler({
      build,
      getLoadContext: (req, res) => ({
        cspNonce: res.locals.cspNonce as string,
        clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown',
      }),
    }),
  )

  app.use(handleServerError)

  const [{ startOutboxWorker }, { startJobs }] = await Promise.all([
    import('../app/lib/outbox.server'),
    import('../app/jobs/schedule.server'),
  ])
  const stopWorkers = options.workers === false ? [] : [startOutboxWorker(), startJobs()]

  // Outside production the server (with Vite, the project's files) answers this machine only, unless
  // HOST says otherwise. Production listens on every interface unless HOST is set.
  const hosts = config.HOST ? [config.HOST] : isProduction ? [undefined] : ['127.0.0.1', '::1']
  const servers: Server[] = []
  const closeAll = async () => {
    await Promise.all(stopWorkers.map((stop) => stop()))
    await Promise.all(servers.map((server) => new Promise((r) => server.close(r))))
    await vite?.close()
  }
  try {
    servers.push(await listen(app, options.port ?? config.PORT, hosts[0]))
    for (const host of hosts.slice(1)) {
      // A machine without IPv6 has no ::1: 127.0.0.1 is enough there.
      const server = await listen(app, (servers[0].address() as AddressInfo).port, host).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRNOTAVAIL' || error.code === 'EAFNOSUPPORT') return null
        throw error
      })
      if (server) servers.push(server)
    }
  } catch (error) {
    await closeAll()
    throw error
  }
  const port = (servers[0].address() as AddressInfo).port
  const url = `http://localhost:${port}`
  return { url, close: closeAll }
}

function listen(app: express.Express, port: number, host: string | undefined): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(app)
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve(server)
    })
  })
}

// Errors Express meets before Remix (e.g. a malformed %-escape in the path): a short plain answer.
const handleServerError: express.ErrorRequestHandler = (error, _req, res, next) => {
  if (res.headersSent) return next(error)
  if (error instanceof URIError) return void res.status(400).type('text/plain').send('Bad Request')
  console.error(error)
  res.status(500).type('text/plain').send('Internal Server Error')
}

// `npm start` runs this file directly.
if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startServer()
  console.log(`Mobility Portal listening on ${server.url}`)
  const stop = () => server.close().then(() => process.exit(0))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}
