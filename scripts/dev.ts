// `npm run dev`: the portal with demo data and every service it needs, nothing installed by hand.
// Data lives in .data/ (git-ignored) between runs; `npm run reset` wipes it and seeds again.
import path from 'node:path'
import { DEV_PORTS, startServices } from './services'
import { startCampusSignOn } from './services/campus'
import { demoCampusAccounts } from './services/campus-accounts'
import { prepareDatabase } from './lib/prepare-database'

const dataDir = path.resolve('.data')
const appUrl = process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`
const services = await startServices({ dataDir, ports: DEV_PORTS, persistent: true })
// The campus sign-on: an OpenID provider (npm) always, a CAS server when Debian's package is installed.
const campus = await startCampusSignOn({
  appUrl,
  ports: { oidc: 4010, cas: 4011 },
  dataDir: path.join(dataDir, 'campus'),
  accounts: demoCampusAccounts,
  cas: 'if-installed',
}).catch(async (error: unknown) => {
  await services.stop()
  throw error
})
Object.assign(process.env, services.env, campus.env, {
  NODE_ENV: process.env.NODE_ENV ?? 'development',
  // Development only; production must set its own (see .env.example).
  SESSION_SECRET: process.env.SESSION_SECRET ?? 'development-only-secret-not-for-production-use',
  // The SDK's notice that later releases will need Node 22; package.json pins a version that runs on 20.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
})

let shuttingDown = false
async function shutdown(code = 0) {
  if (shuttingDown) return
  shuttingDown = true
  await server?.close().catch(() => {})
  await campus.stop()
  await services.stop()
  process.exit(code)
}
process.on('SIGINT', () => void shutdown())
process.on('SIGTERM', () => void shutdown())

let server: { url: string; close(): Promise<void> } | undefined
try {
  await prepareDatabase(services.env.DATABASE_URL)
  const { startServer } = await import('../server/index')
  server = await startServer()
  console.log(`
  Mobility Portal      ${server.url}
  Mail catcher (web)   ${services.env.MAIL_CATCHER_URL}   (SMTP 127.0.0.1:${services.env.SMTP_PORT})
  S3 (s3rver)          ${services.env.S3_ENDPOINT}   bucket ${services.env.S3_BUCKET}
  PostgreSQL           ${services.env.DATABASE_URL}
  OpenID provider      ${campus.oidcIssuer}   ("sign in with campus account")
  CAS server           ${campus.casUrl ?? 'off (apt-get install -y python3-django-cas-server to try it)'}
  Demo accounts (campus accounts too) are listed in README.md. Ctrl-C stops everything.
`)
} catch (error) {
  console.error(error)
  await shutdown(1)
}
