import { prisma } from '~/lib/db.server'

let truncate: string | undefined

/** Empties every app table of this worker's database (not `_prisma_migrations`). */
export async function resetDatabase(): Promise<void> {
  if (!truncate) {
    const tables = await prisma.$queryRaw<{ name: string }[]>`
      SELECT quote_ident(tablename) AS name FROM pg_tables
      WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`
    truncate = `TRUNCATE ${tables.map((t) => t.name).join(', ')} RESTART IDENTITY CASCADE`
  }
  await prisma.$executeRawUnsafe(truncate)
}
