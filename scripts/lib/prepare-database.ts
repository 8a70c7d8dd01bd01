import pg from 'pg'
import { applyMigrations } from './migrations'

/** Applies pending migrations, then seeds the demo data if the database has no users yet. */
export async function prepareDatabase(databaseUrl: string): Promise<{ seeded: boolean }> {
  const applied = await applyMigrations(databaseUrl)
  if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`)
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM "User"')
  await client.end()
  if (rows[0].n > 0) return { seeded: false }
  const [{ seed }, { PrismaClient }, { PrismaPg }] = await Promise.all([
    import('../../prisma/seed'),
    import('../../app/generated/prisma/client'),
    import('@prisma/adapter-pg'),
  ])
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) })
  try {
    await seed(db)
  } finally {
    await db.$disconnect()
  }
  console.log('Seeded demo data.')
  return { seeded: true }
}
