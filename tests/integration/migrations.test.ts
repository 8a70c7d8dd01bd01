// The migrations folder and schema.prisma must describe the same database. Built two ways —
// from the migrations, and from the empty→schema.prisma diff — the databases must match. And a
// migration that moves data moves it: the job marks are carried over from the audit trail.
import { randomUUID } from 'node:crypto'
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { inject } from 'vitest'
import { applyMigrations, diffSchemas, MIGRATIONS_DIR, readMigrations, SCHEMA_PATH } from '../../scripts/lib/migrations.ts'

const { adminUrl } = inject('testDatabase')
const suffix = randomUUID().slice(0, 8)
const fromMigrations = `mp_check_migrations_${suffix}`
const fromSchema = `mp_check_schema_${suffix}`
const beforeJobMarks = `mp_check_job_marks_${suffix}`
const beforeAgreements = `mp_check_agreements_${suffix}`

function urlOf(database: string) {
  const url = new URL(adminUrl)
  url.pathname = `/${database}`
  return url.href
}

async function withClient<T>(database: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: urlOf(database) })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

const admin = (sql: string) => withClient('postgres', (c) => c.query(sql))

beforeAll(async () => {
  await admin(`CREATE DATABASE "${fromMigrations}"`)
  await admin(`CREATE DATABASE "${fromSchema}"`)
  await admin(`CREATE DATABASE "${beforeJobMarks}"`)
  await admin(`CREATE DATABASE "${beforeAgreements}"`)
})

afterAll(async () => {
  await admin(`DROP DATABASE IF EXISTS "${fromMigrations}"`)
  await admin(`DROP DATABASE IF EXISTS "${fromSchema}"`)
  await admin(`DROP DATABASE IF EXISTS "${beforeJobMarks}"`)
  await admin(`DROP DATABASE IF EXISTS "${beforeAgreements}"`)
})

/**
 * Indexes schema.prisma cannot declare, made by a migration alone: on an expression (the
 * characters of each user's names, for a search) or with INCLUDE columns (the applications'
 * covering indexes for the queues' counts and name search).
 */
const EXPRESSION_INDEXES = [
  'User_names_characters_idx',
  'Application_applicantId_academicYear_idx',
  'Application_statusChangedAt_id_idx',
  'Application_status_statusChangedAt_id_idx',
  'Application_collegeId_status_statusChangedAt_idx',
]

/** Everything about the app's tables that the migrations decide. */
function describeDatabase(database: string) {
  return withClient(database, async (client) => {
    const rows = async (sql: string) => (await client.query(sql)).rows
    return {
      tables: await rows(`
        SELECT table_name, table_type FROM information_schema.tables
        WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name`),
      columns: await rows(`
        SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default,
               character_maximum_length, numeric_precision, numeric_scale, datetime_precision
        FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
        ORDER BY table_name, column_name`),
      indexes: await rows(`
        SELECT tablename, indexname, indexdef FROM pg_indexes
        WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY indexname`),
      constraints: await rows(`
        SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS definition
        FROM pg_constraint
        WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations'
        ORDER BY conname`),
      enums: await rows(`
        SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text AS labels
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
        WHERE t.typnamespace = 'public'::regnamespace GROUP BY t.typname ORDER BY t.typname`),
    }
  })
}

test('applying the migrations gives the database schema.prisma describes', async () => {
  const { migrationDirectories } = await readMigrations()
  expect(migrationDirectories.length).toBeGreaterThan(0)
  expect(await applyMigrations(urlOf(fromMigrations))).toEqual(migrationDirectories.map((m) => m.path))

  // Extensions are created by migrations (Prisma 7's schema does not declare them): the database
  // built from schema.prisma needs the same ones before its indexes (pg_trgm's operator classes).
  const extensions = await withClient(fromMigrations, (c) =>
    c.query<{ name: string }>(`SELECT extname AS name FROM pg_extension WHERE extname <> 'plpgsql'`),
  )
  const script = await diffSchemas(null, await readFile(SCHEMA_PATH, 'utf8'))
  // Indexes on expressions are made by migrations too (schema.prisma cannot declare them): the ones
  // named here are copied as the migrations made them; any other index must come from the schema.
  const expressionIndexes = await withClient(fromMigrations, (c) =>
    c.query<{ name: string; definition: string }>(
      `SELECT indexname AS name, indexdef AS definition FROM pg_indexes WHERE schemaname = 'public' AND indexname = ANY($1)`,
      [EXPRESSION_INDEXES],
    ),
  )
  expect(expressionIndexes.rows.map((i) => i.name).sort()).toEqual([...EXPRESSION_INDEXES].sort())
  await withClient(fromSchema, async (client) => {
    for (const { name } of extensions.rows) await client.query(`CREATE EXTENSION IF NOT EXISTS ${client.escapeIdentifier(name)}`)
    await client.query(script)
    for (const { definition } of expressionIndexes.rows) await client.query(definition)
  })

  const expected = await describeDatabase(fromSchema)
  expect(expected.tables.map((t) => t.table_name)).toContain('College')
  expect(expected.indexes.length).toBeGreaterThan(0)
  // If this fails, schema.prisma changed without a migration: run `npm run db:new-migration <name>`.
  expect(await describeDatabase(fromMigrations)).toEqual(expected)
})

test('applying the migrations again applies nothing', async () => {
  expect(await applyMigrations(urlOf(fromMigrations))).toEqual([])
  const applied = await withClient(fromMigrations, (c) =>
    c.query('SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL'),
  )
  expect(applied.rows[0].n).toBe((await readMigrations()).migrationDirectories.length)
})

test("the job marks migration carries the reminders' markers over from the audit trail, which keeps its rows", async () => {
  // The database as it was deployed before JobMark, with markers written by the reminders of then.
  const { migrationDirectories } = await readMigrations()
  const jobMarks = migrationDirectories.findIndex((m) => m.path.endsWith('_job_marks'))
  expect(jobMarks).toBeGreaterThan(0)
  const before = await mkdtemp(path.join(tmpdir(), 'migrations-'))
  try {
    await cp(MIGRATIONS_DIR, before, {
      recursive: true,
      filter: (src) => !migrationDirectories.slice(jobMarks).some((m) => src.includes(m.path)),
    })
    await applyMigrations(urlOf(beforeJobMarks), before)
  } finally {
    await rm(before, { recursive: true, force: true })
  }
  const at = '2026-12-01 02:00:00'
  await withClient(beforeJobMarks, (c) =>
    c.query(
      `INSERT INTO "AuditEvent" ("at", "action", "entityType", "entityId") VALUES
        ($1, 'reminder.review', 'reminder', 'review-reminder:reviewer1:2026-12-01'),
        ($1, 'reminder.newApplications', 'reminder', 'new-applications:reviewer1:2026-11-30T16:00:00.000Z'),
        ($1, 'reminder.draftDeadline', 'reminder', 'draft-deadline:app1'),
        ($1, 'reminder.returnReport', 'reminder', 'return-report:app2:2917'),
        ($1, 'application.submit', 'application', 'app1')`,
      [at],
    ),
  )

  expect(await applyMigrations(urlOf(beforeJobMarks))).toEqual(migrationDirectories.slice(jobMarks).map((m) => m.path))
  const marks = await withClient(beforeJobMarks, (c) =>
    c.query(`SELECT "job", "key", "at" = $1::timestamp AS "kept" FROM "JobMark" ORDER BY "job"`, [at]),
  )
  expect(marks.rows).toEqual([
    { job: 'draft-deadline-reminders', key: 'app1', kept: true },
    { job: 'new-applications-digest', key: 'reviewer1:2026-11-30T16:00:00.000Z', kept: true },
    { job: 'return-report-reminders', key: 'app2:2917', kept: true },
    { job: 'review-reminders', key: 'reviewer1:2026-12-01', kept: true },
  ])
  const audit = await withClient(beforeJobMarks, (c) => c.query('SELECT count(*)::int AS n FROM "AuditEvent"'))
  expect(audit.rows[0].n).toBe(5)
})

test("the partner agreements migration turns each partner's dates and places into its first agreement", async () => {
  const { migrationDirectories } = await readMigrations()
  const agreements = migrationDirectories.findIndex((m) => m.path.endsWith('_partner_agreements'))
  expect(agreements).toBeGreaterThan(0)
  const before = await mkdtemp(path.join(tmpdir(), 'migrations-'))
  try {
    await cp(MIGRATIONS_DIR, before, {
      recursive: true,
      filter: (src) => !migrationDirectories.slice(agreements).some((m) => src.includes(m.path)),
    })
    await applyMigrations(urlOf(beforeAgreements), before)
  } finally {
    await rm(before, { recursive: true, force: true })
  }
  await withClient(beforeAgreements, (c) =>
    c.query(
      `INSERT INTO "PartnerInstitution" ("id", "nameZh", "nameEn", "countryCode", "countryZh", "countryEn", "region", "tier",
         "agreementStart", "agreementEnd", "placesPerYear", "createdAt") VALUES
        ('p1', '甲', 'A', 'PL', '波兰', 'Poland', 'europe', 'close', '2022-09-01 04:00', '2027-08-31 04:00', 6, '2020-01-01'),
        ('p2', '乙', 'B', 'DE', '德国', 'Germany', 'europe', 'close', '2024-09-01 04:00', NULL, NULL, '2020-01-01'),
        ('p3', '丙', 'C', 'JP', '日本', 'Japan', 'asia', 'general', NULL, NULL, NULL, '2020-01-01')`,
    ),
  )
  await applyMigrations(urlOf(beforeAgreements))
  const rows = await withClient(
    beforeAgreements,
    async (c) =>
      (
        await c.query(
          `SELECT "partnerId", "type"::text, to_char("startsOn", 'YYYY-MM-DD HH24:MI') AS "startsOn",
           to_char("endsOn", 'YYYY-MM-DD HH24:MI') AS "endsOn", "placesOut" FROM "PartnerAgreement" ORDER BY "partnerId"`,
        )
      ).rows,
  )
  expect(rows).toEqual([
    { partnerId: 'p1', type: 'exchange', startsOn: '2022-09-01 04:00', endsOn: '2027-08-31 04:00', placesOut: 6 },
    // No end: five years from the start.
    { partnerId: 'p2', type: 'exchange', startsOn: '2024-09-01 04:00', endsOn: '2029-09-01 04:00', placesOut: null },
  ])
})
