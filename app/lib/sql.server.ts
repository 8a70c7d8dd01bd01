// Reads on the busiest pages (every signed-in request's session, the reviewer queues) go to
// PostgreSQL through `pg` directly, written with Prisma's `sql` template like every raw query.
// Through Prisma's client each query cost the server about 0.35 ms of its own work (bench/queue.ts
// with BENCH_CPU_PROF_DIR: 2.7 ms of a queue page's 14), a fifth of the page. Only for single
// reads outside a transaction: a transaction's queries stay on its Prisma connection.
import { createHash } from 'node:crypto'
import pg from 'pg'
import { Prisma } from '~/generated/prisma/client'
import { env } from '~/lib/env.server'
import { setRecent } from '~/lib/recent'

// Values come back as Prisma's $queryRaw returns them: a timestamp without time zone is UTC (as
// Prisma stores it), a date is UTC midnight, a bigint is a BigInt.
const TIMESTAMP = 1114
const DATE = 1082
const INT8 = 20
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === TIMESTAMP) return (value: string) => new Date(`${value.replace(' ', 'T')}Z`)
    if (oid === DATE) return (value: string) => new Date(`${value}T00:00:00Z`)
    if (oid === INT8) return (value: string) => BigInt(value)
    return pg.types.getTypeParser(oid, format)
  },
} as pg.CustomTypesConfig

function createPool() {
  // Idle connections do not keep a script or a test worker alive. Every statement is planned for
  // any values (a generic plan), a prepared one once per connection (`execute`): the values that
  // decide how best to read are in its text (`literal`). Planning the queue's statement for each
  // execution was most of PostgreSQL's work on a queue page (decision 41). No parallel workers: a
  // page's read waited about 8 ms for one to start, for 3 ms of work.
  const pool = new pg.Pool({
    connectionString: env().DATABASE_URL,
    max: 5,
    allowExitOnIdle: true,
    options: '-c plan_cache_mode=force_generic_plan -c max_parallel_workers_per_gather=0',
  })
  // An idle connection the database ends (a restart: tests/reliability/faults.test.ts) is dropped
  // by the pool and the next query opens a new one; unheard, the error would stop the process.
  pool.on('error', () => {})
  return pool
}

// As for Prisma's client (db.server.ts): one pool per process outside production.
const cache = globalThis as typeof globalThis & { __sqlPool?: pg.Pool }
const pool = () => (env().NODE_ENV === 'production' ? (production ??= createPool()) : (cache.__sqlPool ??= createPool()))
let production: pg.Pool | undefined

/**
 * The name each connection prepares the statement `text` under: PostgreSQL then parses, analyses
 * and plans it once per connection instead of on every execution (a queue page's statement: 1.5–5
 * ms of PostgreSQL's CPU per page on 100,000 applications; decisions 36 and 41). The name is the
 * text's hash, so a module evaluated again (Vite's reload in development, each test file) names a
 * text as the connections the pool kept have prepared it. The texts are the code's own (values are
 * parameters, or literals of a closed set: `literal`).
 */
const statementNames = new Map<string, string>()
function statementName(text: string): string {
  let name = statementNames.get(text)
  if (!name) name = `mp_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`
  setRecent(statementNames, text, name, 1_000)
  return name
}

/**
 * A prepared statement keeps its plan on its connection: about half a megabyte of PostgreSQL's
 * memory for a queue page's. A connection prepares its first PREPARED_PER_CONNECTION texts (5
 * connections: at most 125 MB); it runs any other unnamed, planned on each execution for any
 * values, which with the deciding values in its text costs about what planning for its own values
 * did. The names a connection prepared are kept on it, as the pool is (a reload keeps both).
 */
const PREPARED_PER_CONNECTION = 50
const prepared = Symbol.for('mobility.preparedStatements')
type Connection = pg.PoolClient & { [prepared]?: Set<string> }

/** `text` with `values` on a connection of the pool, under its name while the connection may prepare it. */
async function execute(text: string, values: unknown[]): Promise<pg.QueryResult> {
  const connection: Connection = await pool().connect()
  // Back to the pool once, or closed when its query failed or the database ended it (as pg's
  // pool.query does). Out of the pool, a connection the database ends (a restart) emits an error
  // that only this listener hears: unheard, it would stop the process.
  let released = false
  const release = (error?: Error) => {
    if (released) return
    released = true
    connection.release(error)
  }
  const ended = (error: Error) => release(error)
  connection.on('error', ended)
  try {
    const names = (connection[prepared] ??= new Set())
    let name: string | undefined = statementName(text)
    if (!names.has(name)) {
      if (names.size < PREPARED_PER_CONNECTION) names.add(name)
      else name = undefined
    }
    const result = await connection.query({ name, text, values, types })
    release()
    return result
  } catch (error) {
    release(error instanceof Error ? error : new Error(String(error)))
    throw error
  } finally {
    connection.removeListener('error', ended)
  }
}

/**
 * `value` written into a statement's text instead of sent as a parameter: for the values that
 * decide which plan is best, since a statement is planned once for any values of its parameters
 * (decision 41): an enum's value (a status, a kind), an id validated as letters and digits (a
 * college), or a number of the code's (a limit, a cap). Only an integer or a word of ASCII letters,
 * digits and underscores is taken: anything else could end the string it is written in.
 */
export function literal(value: string | number): Prisma.Sql {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`Not an SQL literal: ${value}`)
    // In parentheses when negative: after a minus, "-3" would start a comment ("x --3").
    return Prisma.raw(value < 0 ? `(${value})` : String(value))
  }
  if (!/^[A-Za-z0-9_]+$/.test(value)) throw new Error(`Not an SQL literal: ${JSON.stringify(value)}`)
  return Prisma.raw(`'${value}'`)
}

/** The rows of one read query. A Date parameter is sent as UTC, as Prisma sends it. */
export async function selectRows<T>(query: Prisma.Sql): Promise<T[]> {
  const values = query.values.map((v) => (v instanceof Date ? v.toISOString() : v))
  const result = await execute(query.text, values)
  return result.rows as T[]
}

/**
 * Independent reads in one round trip: each query's rows come back as JSON (a number as a number,
 * a timestamp as an ISO string without its zone: jsonTimestamp), in the query's order. `shared`:
 * common table expressions ("name AS (...)") the queries may read. A round trip cost the app about
 * 0.5 ms of its own work on a queue page, more than rendering ten of its rows (bench/queue.ts with
 * BENCH_CPU_PROF_DIR).
 */
export async function selectBatch<T extends Record<string, unknown[]>>(
  queries: { [K in keyof T]: Prisma.Sql | null },
  shared?: Prisma.Sql,
): Promise<T> {
  // An aggregate reads a sorted subquery in its order (PostgreSQL's manual, "Aggregate Expressions").
  const keys = (Object.keys(queries) as (keyof T & string)[]).filter((key) => queries[key] !== null)
  const columns = keys.map((key, i) => Prisma.sql`(SELECT coalesce(json_agg(q), '[]') FROM (${queries[key]}) q) AS ${Prisma.raw(`r${i}`)}`)
  const select = Prisma.sql`${shared ? Prisma.sql`WITH ${shared} ` : Prisma.empty}SELECT ${Prisma.join(columns, ', ')}`
  const [row] = keys.length ? await selectRows<Record<string, unknown[]>>(select) : [{}]
  // A query not given (null) reads nothing: no rows.
  return Object.fromEntries(Object.keys(queries).map((key) => [key, keys.includes(key) ? row[`r${keys.indexOf(key)}`] : []])) as T
}

/** A key for an SQL fragment, its text with its values: for what a process keeps per query. */
export const sqlKey = (query: Prisma.Sql) => `${query.text}\0${JSON.stringify(query.values)}`

/** A row as selectBatch returns it: its timestamps are strings. */
export type JsonRow<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] }

/** A timestamp column read through JSON: stored as UTC without a zone (as Prisma stores it). */
export const jsonTimestamp = (text: string) => new Date(`${text}Z`)
