// Runs in each Vitest worker before every test file, so before any app module is imported.
// Each worker (VITEST_POOL_ID) gets its own database, cloned from the migrated template on first
// use and kept for the worker's later test files: a worker runs its tests one at a time. Tests
// that need an empty database call resetDatabase() from tests/support/db.ts.
import pg from 'pg'
import { inject } from 'vitest'

const { adminUrl, template } = inject('testDatabase')
const name = `mp_test_${process.env.VITEST_POOL_ID ?? '1'}`
const url = new URL(adminUrl)
url.pathname = `/${name}`

if (process.env.DATABASE_URL !== url.href) {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)} TEMPLATE ${client.escapeIdentifier(template)}`)
  } catch (error) {
    // 42P04: created by an earlier process of this worker slot.
    if ((error as { code?: string }).code !== '42P04') throw error
  } finally {
    await client.end()
  }
}

Object.assign(process.env, inject('testEnv'), { DATABASE_URL: url.href })
