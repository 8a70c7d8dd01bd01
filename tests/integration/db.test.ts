import { beforeEach, expect, test, vi } from 'vitest'
import { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/lib/db.server'
import { jsonTimestamp, literal, selectBatch, selectRows } from '~/lib/sql.server'
import { resetDatabase } from '../support/db.ts'

beforeEach(resetDatabase)

test("the app's Prisma client writes to and reads from this worker's database", async () => {
  expect(new URL(process.env.DATABASE_URL!).pathname).toMatch(/^\/mp_test_\d+$/)

  const created = await prisma.college.create({
    data: { code: 'CS', nameZh: '计算机学院', nameEn: 'School of Computer Science' },
  })
  const found = await prisma.college.findUniqueOrThrow({ where: { code: 'CS' } })

  expect(found).toEqual(created)
  expect(found.retiredAt).toBeNull()
})

test('resetDatabase empties the tables', async () => {
  await prisma.college.create({ data: { code: 'EE', nameZh: '电子学院', nameEn: 'Electronics' } })
  await resetDatabase()
  expect(await prisma.college.count()).toBe(0)
})

test('selectBatch reads several queries in one round trip, each in its own order, and none for a null one', async () => {
  for (const [code, nameEn] of [
    ['B', 'Biology'],
    ['A', 'Arts'],
    ['C', 'Chemistry'],
  ])
    await prisma.college.create({ data: { code, nameZh: code, nameEn } })
  const { sql } = Prisma
  const read = await selectBatch<{ byCode: { code: string }[]; byName: { name: string; n: number }[]; skipped: unknown[] }>({
    byCode: sql`SELECT code FROM "College" ORDER BY code DESC`,
    byName: sql`SELECT "nameEn" AS name, length("nameEn")::int AS n FROM "College" WHERE "nameEn" <> ${'Arts'} ORDER BY "nameEn"`,
    skipped: null,
  })
  expect(read).toEqual({
    byCode: [{ code: 'C' }, { code: 'B' }, { code: 'A' }],
    byName: [
      { name: 'Biology', n: 7 },
      { name: 'Chemistry', n: 9 },
    ],
    skipped: [],
  })
  expect(await selectBatch({ none: sql`SELECT 1 AS one WHERE false` })).toEqual({ none: [] })
})

test('selectBatch shares common table expressions among its queries, and a timestamp read through JSON is the instant stored', async () => {
  const retiredAt = new Date('2026-03-01T08:30:15.250Z')
  await prisma.college.create({ data: { code: 'R', nameZh: 'R', nameEn: 'Retired', retiredAt } })
  const { sql } = Prisma
  const read = await selectBatch<{ first: { at: string }[]; again: { n: number }[] }>(
    { first: sql`SELECT at FROM retired`, again: sql`SELECT count(*)::int AS n FROM retired` },
    sql`retired AS MATERIALIZED (SELECT "retiredAt" AS at FROM "College" WHERE "retiredAt" IS NOT NULL)`,
  )
  expect(read.again).toEqual([{ n: 1 }])
  expect(jsonTimestamp(read.first[0].at)).toEqual(retiredAt)
})

test('selectRows prepares each statement on a connection, plans it for any values, and still runs statements past the ones a connection prepares', async () => {
  const sql = Prisma.sql
  await prisma.college.createMany({
    data: [
      { code: 'CS', nameZh: '计算机学院', nameEn: 'Computer Science' },
      { code: 'PH', nameZh: '物理学院', nameEn: 'Physics' },
    ],
  })
  // The same text with other values, many times over the pool's connections: each answer is its own.
  const named = (code: string) => selectRows<{ name: string }>(sql`SELECT "nameEn" AS name FROM "College" WHERE code = ${code}`)
  const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => named(i % 2 ? 'PH' : 'CS')))
  expect(answers.map((rows) => rows[0]?.name)).toEqual(Array.from({ length: 40 }, (_, i) => (i % 2 ? 'Physics' : 'Computer Science')))
  // One plan for any values (the values that decide a plan are literals in the text), and never
  // one that waits for worker processes to start (decision 41).
  expect(
    await selectRows(sql`SELECT current_setting('plan_cache_mode') AS mode, current_setting('max_parallel_workers_per_gather') AS workers`),
  ).toEqual([{ mode: 'force_generic_plan', workers: '0' }])
  // One after another, the reads take the same connection (the pool's most recently idle): there
  // the statement is prepared, and each run took the plan for any values, none one for its own.
  for (const code of ['CS', 'PH', 'CS', 'PH']) await named(code)
  const plans = await selectRows<{ generic: number; custom: number }>(
    sql`SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE statement = ${'SELECT "nameEn" AS name FROM "College" WHERE code = $1'}`,
  )
  expect(plans).toHaveLength(1)
  expect(plans[0].custom).toBe(0)
  expect(plans[0].generic).toBeGreaterThanOrEqual(4)
  // Texts past a connection's prepared ones run unnamed, with their values, as right; the first
  // one prepared still answers under its name.
  const numbered = (i: number) => selectRows<{ n: number }>(sql`SELECT ${Prisma.raw(String(i))}::int + ${i}::int AS n`)
  for (let i = 0; i < 120; i += 1) expect(await numbered(i)).toEqual([{ n: 2 * i }])
  expect(await numbered(0)).toEqual([{ n: 0 }])
})

test('a read whose connection the database ends fails with that error, and the next read takes another connection', async () => {
  const sql = Prisma.sql
  const reading = selectRows(sql`SELECT pg_sleep(10) AS slept`)
  let pid: number | undefined
  for (let tries = 0; pid === undefined && tries < 100; tries += 1) {
    const [row] = await prisma.$queryRaw<{ pid: number }[]>`
      SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND query LIKE 'SELECT pg_sleep(10)%'`
    pid = row?.pid
    if (pid === undefined) await new Promise((resolve) => setTimeout(resolve, 20))
  }
  expect(pid).toBeDefined()
  await prisma.$queryRaw`SELECT pg_terminate_backend(${pid}::int)`
  await expect(reading).rejects.toThrow(/terminating connection/)
  expect(await selectRows(sql`SELECT 1 AS one`)).toEqual([{ one: 1 }])
})

test('literal writes an integer or an enum value into the text, and refuses anything that could end its string', async () => {
  const sql = Prisma.sql
  const status = literal('college_endorsed')
  expect(status.text).toBe("'college_endorsed'")
  expect(status.values).toEqual([])
  expect(literal(1001).text).toBe('1001')
  expect(literal(-3).text).toBe('(-3)')
  // After a minus, a bare -3 would start a comment and hide the rest of the line.
  expect(await selectRows(sql`SELECT ${status}::text AS s, 1 -${literal(-3)} AS n, 2 AS two`)).toEqual([
    { s: 'college_endorsed', n: 4, two: 2 },
  ])
  for (const value of ["x' OR '1'='1", 'a b', '', 'é', 'x;--', "'"]) expect(() => literal(value)).toThrow(/Not an SQL literal/)
  for (const value of [1.5, Number.NaN, Infinity, 2 ** 60]) expect(() => literal(value)).toThrow(/Not an SQL literal/)
})

test('a statement is named by its text: the module evaluated again (a reload in development) reuses the connections the pool kept', async () => {
  const sql = Prisma.sql
  // Prepared on every connection of the pool, which outlives the module (it is kept on globalThis).
  await Promise.all(Array.from({ length: 10 }, () => selectRows(sql`SELECT 1 AS one`)))
  vi.resetModules()
  const reloaded = await import('~/lib/sql.server')
  const answers = await Promise.all(Array.from({ length: 10 }, () => reloaded.selectRows<{ two: number }>(sql`SELECT 2 AS two`)))
  expect(answers).toEqual(Array.from({ length: 10 }, () => [{ two: 2 }]))
})
