import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '~/generated/prisma/client'
import { env } from '~/lib/env.server'

// Types and enums: import them from '~/generated/prisma/client' in server code, and from
// '~/generated/prisma/browser' in code that also runs in the browser.

function createClient() {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: env().DATABASE_URL }),
    // Prisma's defaults (2 s to get a connection, 5 s per transaction) turned a busy moment (two
    // instances, 200 decisions, both outbox workers: tests/reliability/scale-out.test.ts) into 500s.
    // Short transactions that wait a little longer are better than decisions lost to an error page.
    transactionOptions: { maxWait: 10_000, timeout: 15_000 },
  })
}

// Outside production one client per process: Vite HMR in development, and every test file in a
// Vitest worker, re-evaluate this module and would otherwise each open a new connection pool.
const cache = globalThis as typeof globalThis & { __prisma?: PrismaClient }
export const prisma: PrismaClient = env().NODE_ENV === 'production' ? createClient() : (cache.__prisma ??= createClient())
