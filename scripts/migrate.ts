// Prisma Migrate without the native schema engine (see scripts/lib/migrations.ts).
//
//   tsx scripts/migrate.ts deploy        apply pending migrations to DATABASE_URL
//   tsx scripts/migrate.ts new <name>    write prisma/migrations/<timestamp>_<name>/migration.sql
//
// `new` diffs the schema the last migration was made from against prisma/schema.prisma. That
// schema is kept in prisma/migrations/schema.snapshot.prisma and rewritten with every new
// migration: the WASM engine cannot rebuild it from the SQL (that needs a shadow database).
// Prisma Migrate ignores files in the migrations folder, so `prisma migrate deploy` still works
// on it. Never edit the snapshot by hand; after hand-editing a migration.sql, keep it in line with
// the snapshot (the migrations test compares a database built from them with schema.prisma).
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import {
  applyMigrations,
  diffSchemas,
  LOCKFILE_CONTENT,
  LOCKFILE_NAME,
  MIGRATIONS_DIR,
  readMigrations,
  SCHEMA_PATH,
} from './lib/migrations.ts'

const SNAPSHOT_PATH = path.join(MIGRATIONS_DIR, 'schema.snapshot.prisma')

async function deploy() {
  if (existsSync('.env')) process.loadEnvFile('.env')
  const url = process.env.DATABASE_URL
  if (!url) throw new Error('DATABASE_URL is not set.')
  const applied = await applyMigrations(url)
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations.')
}

async function create(rawName: string | undefined) {
  const name = (rawName ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
  if (!name) throw new Error('Usage: tsx scripts/migrate.ts new <name>')

  const { migrationDirectories } = await readMigrations()
  const previous = migrationDirectories.length ? await readFile(SNAPSHOT_PATH, 'utf8').catch(() => undefined) : null
  if (previous === undefined) {
    throw new Error(`${SNAPSHOT_PATH} is missing: cannot tell which schema the last migration matches.`)
  }
  const schema = await readFile(SCHEMA_PATH, 'utf8')
  const sql = await diffSchemas(previous, schema)
  if (!sql) throw new Error('schema.prisma has not changed since the last migration: nothing to do.')

  const dir = path.join(MIGRATIONS_DIR, `${timestamp(new Date())}_${name}`)
  const last = migrationDirectories.at(-1)?.path
  if (last && path.basename(dir) <= last) throw new Error(`${dir} would not sort after ${last}.`)
  await mkdir(dir, { recursive: true })
  await writeFile(path.join(dir, 'migration.sql'), sql)
  await writeFile(SNAPSHOT_PATH, schema)
  if (!existsSync(path.join(MIGRATIONS_DIR, LOCKFILE_NAME))) {
    await writeFile(path.join(MIGRATIONS_DIR, LOCKFILE_NAME), LOCKFILE_CONTENT)
  }
  console.log(`Created ${path.relative(process.cwd(), dir)}/migration.sql`)
}

/** UTC YYYYMMDDHHMMSS, as Prisma Migrate names its folders. */
function timestamp(date: Date): string {
  return date.toISOString().replace(/\D/g, '').slice(0, 14)
}

const [command, ...args] = process.argv.slice(2)
const commands: Record<string, () => Promise<void>> = {
  deploy,
  new: () => create(args[0]),
}
const run = commands[command ?? '']
if (!run) {
  console.error('Usage: tsx scripts/migrate.ts deploy | new <name>')
  process.exit(1)
}
await run().catch((error: Error) => {
  console.error(error.message)
  process.exit(1)
})
