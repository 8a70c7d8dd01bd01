// For the fault tests: a PostgreSQL of the test's own (that it may stop and start: the shared test
// database must never be restarted under other test files), and proxies in front of the shared
// SMTP catcher and S3 server, so that they can be "down" for this test file alone.
// Call it from vi.hoisted, before the app modules read the environment.
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { applyMigrations } from '../../../scripts/lib/migrations.ts'
import { startPostgres } from '../../../scripts/services/postgres.ts'
import { startTcpProxy } from './tcp-proxy'

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })

type PrismaCache = { __prisma?: unknown }

export async function startPrivateServices() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mp-faults-pg-'))
  await chmod(dataDir, 0o755) // as root, PostgreSQL runs as `postgres`
  const port = await freePort()
  let postgres = await startPostgres({ dataDir, port, persistent: true })
  await postgres.createDatabase('mp_faults')
  const databaseUrl = postgres.url('mp_faults')
  await applyMigrations(databaseUrl)

  const smtp = await startTcpProxy({ host: '127.0.0.1', port: Number(process.env.SMTP_PORT) })
  const s3Url = new URL(process.env.S3_ENDPOINT!)
  const s3 = await startTcpProxy({ host: s3Url.hostname, port: Number(s3Url.port) })

  // db.server.ts keeps one client per process on globalThis: this file gets its own, and the
  // worker's is put back afterwards for the next test file.
  const cache = globalThis as PrismaCache
  const workersClient = cache.__prisma
  delete cache.__prisma
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    SMTP_PORT: String(smtp.port),
    S3_ENDPOINT: `http://127.0.0.1:${s3.port}`,
    OUTBOX_POLL_MS: '100',
  })

  return {
    smtp,
    s3,
    async stopDatabase() {
      await postgres.stop()
    },
    async startDatabase() {
      postgres = await startPostgres({ dataDir, port, persistent: true })
    },
    async close() {
      const mine = cache.__prisma as { $disconnect(): Promise<void> } | undefined
      await mine?.$disconnect()
      cache.__prisma = workersClient
      delete process.env.OUTBOX_POLL_MS // the rest is set again for the next file by worker-setup
      await Promise.all([smtp.close(), s3.close()])
      await postgres.stop().catch(() => {})
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
