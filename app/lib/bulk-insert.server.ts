// Thousands of rows in one INSERT with a single parameter: the rows as JSON, read through the
// table's own row type (json_populate_recordset), so PostgreSQL converts enums, arrays, JSON and
// timestamps exactly as for any insert. Prisma's createMany binds every value as a parameter of
// its own: for 5,000 imported students (about 50,000 values) that cost 2–3 s of the app's CPU
// for the accounts alone; this costs some tens of milliseconds of JSON per table (bench/import.ts).
import { randomUUID } from 'node:crypto'
import { Prisma } from '~/generated/prisma/client'

/** Prisma's createMany input without its JSON-null markers, which would not survive JSON.stringify. */
type Plain<T> = { [K in keyof T]: Exclude<T[K], Prisma.NullableJsonNullValueInput | Prisma.JsonNullValueInput> }

type Tables = {
  User: Plain<Prisma.UserCreateManyInput>
  PartnerInstitution: Plain<Prisma.PartnerInstitutionCreateManyInput>
  Program: Plain<Prisma.ProgramCreateManyInput>
  AuditEvent: Plain<Prisma.AuditEventCreateManyInput>
  PasswordResetToken: Plain<Prisma.PasswordResetTokenCreateManyInput>
  OutboxMessage: Plain<Prisma.OutboxMessageCreateManyInput>
}
type Table = keyof Tables
/** A row for insertRows: Prisma's createMany input for the table. */
export type NewRow<T extends Table> = Tables[T]

/**
 * What Prisma fills in itself on create (`@default(cuid())`, `@default(now())`, `@updatedAt`):
 * the database has no default for ids and `updatedAt`, and its now() would be read in the
 * session's time zone where Prisma stores UTC.
 */
const prismaDefaults = {
  User: (now: Date) => ({ id: cuidLike(), createdAt: now, updatedAt: now }),
  PartnerInstitution: (now: Date) => ({ id: cuidLike(), createdAt: now }),
  Program: (now: Date) => ({ id: cuidLike(), createdAt: now, updatedAt: now }),
  AuditEvent: (now: Date) => ({ at: now }),
  PasswordResetToken: (now: Date) => ({ id: cuidLike(), createdAt: now }),
  OutboxMessage: (now: Date) => ({ id: cuidLike(), createdAt: now, nextAttemptAt: now }),
} satisfies { [T in Table]: (now: Date) => Partial<Tables[T]> }

type Written<T extends Table> = Tables[T] & ReturnType<(typeof prismaDefaults)[T]>

/**
 * Inserts `rows` into `table` in one statement, inside the caller's transaction, and returns them
 * with the values Prisma would have filled in (ids among them). A column given in any row is
 * written for all (NULL where a row leaves it out). A unique violation fails the whole statement
 * (see isUniqueViolation).
 */
export async function insertRows<T extends Table>(tx: Prisma.TransactionClient, table: T, rows: Tables[T][]): Promise<Written<T>[]> {
  const now = new Date()
  const written = rows.map((row) => ({ ...prismaDefaults[table](now), ...row }) as Written<T>)
  if (written.length === 0) return written
  const columns = new Set<string>()
  for (const row of written) for (const column of Object.keys(row)) columns.add(column)
  const list = Prisma.raw([...columns].map(identifier).join(', '))
  const name = Prisma.raw(identifier(table))
  await tx.$executeRaw`INSERT INTO ${name} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${name}, ${JSON.stringify(written)}::json)`
  return written
}

/** True for a unique-constraint violation, whether from a Prisma query (P2002) or from insertRows (raw SQL). */
export function isUniqueViolation(error: unknown): error is Prisma.PrismaClientKnownRequestError {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false
  if (error.code === 'P2002') return true
  const cause = (error.meta?.driverAdapterError as { cause?: { originalCode?: string } } | undefined)?.cause
  return error.code === 'P2010' && cause?.originalCode === '23505'
}

const identifier = (name: string) => {
  if (!/^\w+$/.test(name)) throw new Error(`not a plain identifier: ${name}`)
  return `"${name}"`
}

let counter = 0
/**
 * An id shaped like Prisma's cuid(): "c", the time and a counter (so ids made later sort later),
 * then 48 random bits (from randomUUID, whose entropy Node buffers: far cheaper per id than
 * randomBytes); lower-case letters and digits only, as routes expect (idSchema).
 */
export function cuidLike(): string {
  counter = (counter + 1) % 36 ** 4
  return `c${Date.now().toString(36).padStart(8, '0')}${counter.toString(36).padStart(4, '0')}${randomUUID().slice(-12)}`
}
