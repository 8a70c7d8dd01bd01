import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '~/generated/prisma/client'
import { env } from '~/lib/env.server'

// Types and enums: import them from '~/generated/prisma/client' in server code, and from
// '~/generated/prisma/browser' in code that also runs in the browser.

function createClient() {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: env().DATABASE_URL }) })
}

// Outside production one client per process: Vite HMR in development, and every test file in a
// Vitest worker, re-evaluate this module and would otherwise each open a new connection pool.
const cache = globalThis as typeof globalThis & { __prisma?: PrismaClient }
export const prisma: PrismaClient =
  env().NODE_ENV === 'production' ? createClient() : (cache.__prisma ??= createClient())
