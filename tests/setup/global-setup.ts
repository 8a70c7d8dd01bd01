// Runs once per `vitest` run, in the main process: one throw-away PostgreSQL for the whole run
// with a migrated template database that every worker clones (see worker-setup.ts).
import { mkdtemp, rm } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { testCampusAccounts } from '../support/campus-accounts.ts'
import { applyMigrations } from '../../scripts/lib/migrations.ts'
import { startCampusSignOn } from '../../scripts/services/campus.ts'
import { startMailCatcher } from '../../scripts/services/mail.ts'
import { startPostgres } from '../../scripts/services/postgres.ts'
import { S3RVER_ACCESS_KEY_ID, S3RVER_SECRET_ACCESS_KEY, startS3 } from '../../scripts/services/s3.ts'

const TEMPLATE_DATABASE = 'mp_template'
/** The address the app believes it has in tests (APP_URL unset: appUrl()'s default). */
const TEST_APP_URL = 'http://localhost:3000'
const DEV_POSTGRES_PORT = 54320

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the maintenance database `postgres`, and the migrated template to clone. */
    testDatabase: { adminUrl: string; template: string }
    /** Environment for app modules; worker-setup adds DATABASE_URL. */
    testEnv: Record<string, string>
    /** The real CAS server's and OpenID provider's addresses (tests/support/campus.ts signs in through them). */
    campusSignOn: { casUrl: string; oidcIssuer: string }
  }
}

export default async function setup(project: TestProject) {
  const started = performance.now()
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mp-test-pg-'))
  const campusDir = await mkdtemp(path.join(os.tmpdir(), 'mp-test-campus-'))
  let postgres: Awaited<ReturnType<typeof startPostgres>> | undefined
  let s3: Awaited<ReturnType<typeof startS3>> | undefined
  let mail: Awaited<ReturnType<typeof startMailCatcher>> | undefined
  let campus: Awaited<ReturnType<typeof startCampusSignOn>> | undefined
  const teardown = async () => {
    await campus?.stop()
    await mail?.stop()
    await s3?.stop()
    await postgres?.stop()
    await rm(dataDir, { recursive: true, force: true })
    await rm(campusDir, { recursive: true, force: true })
  }
  try {
    // The campus sign-on's CAS server (Debian's package, a Django project) starts while PostgreSQL does.
    const campusStarting = startCampusSignOn({
      appUrl: TEST_APP_URL,
      ports: { cas: await freePort(), oidc: 0 },
      dataDir: campusDir,
      accounts: testCampusAccounts,
      cas: 'required',
    })
    campusStarting.catch(() => {})
    postgres = await startPostgres({ dataDir, port: await freePort(), persistent: false })
    await postgres.createDatabase(TEMPLATE_DATABASE)
    await applyMigrations(postgres.url(TEMPLATE_DATABASE))
    s3 = await startS3({ directory: path.join(dataDir, 's3'), port: 0, bucket: 'mobility-test' })
    mail = await startMailCatcher({ smtpPort: 0, webPort: 0, directory: path.join(dataDir, 'mail') })
    campus = await campusStarting
  } catch (error) {
    await teardown()
    throw error
  }

  const testEnv: Record<string, string> = {
    NODE_ENV: 'test',
    SESSION_SECRET: 'test-session-secret-0123456789abcdefghijklmnop',
    // Workers share the S3 and mail servers: tests use their own keys and recipient addresses.
    S3_ENDPOINT: s3!.endpoint,
    S3_BUCKET: 'mobility-test',
    S3_ACCESS_KEY_ID: S3RVER_ACCESS_KEY_ID,
    S3_SECRET_ACCESS_KEY: S3RVER_SECRET_ACCESS_KEY,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(mail!.smtpPort),
    MAIL_CATCHER_URL: mail!.webUrl,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    // The campus sign-on: the portal's service and redirect URLs as registered with the providers.
    ...campus!.env,
    CAS_SERVICE_URL: `${TEST_APP_URL}/auth/cas`,
    OIDC_REDIRECT_URL: `${TEST_APP_URL}/auth/oidc/callback`,
  }

  project.provide('testDatabase', { adminUrl: postgres.url('postgres'), template: TEMPLATE_DATABASE })
  project.provide('testEnv', testEnv)
  project.provide('campusSignOn', { casUrl: campus!.casUrl!, oidcIssuer: campus!.oidcIssuer })
  if (process.env.DEBUG_TEST_SETUP) {
    console.log(`[global-setup] PostgreSQL + migrated template in ${Math.round(performance.now() - started)} ms`)
  }
  return teardown
}

/** A port the OS considers free right now (never the development database's). */
async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = net.createServer().once('error', reject)
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo
        server.close(() => resolve(port))
      })
    })
    if (port !== DEV_POSTGRES_PORT) return port
  }
}
