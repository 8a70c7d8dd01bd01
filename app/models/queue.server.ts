import type { Command } from '~/domain/workflow'
import { Prisma, type ApplicationStatus, type ProgramKind, type StudentLevel } from '~/generated/prisma/client'
import type { Locale } from '~/i18n'
import type { SessionUser } from '~/lib/auth.server'
import type { SessionAccount } from '~/lib/session.server'
import { setRecent } from '~/lib/recent'
import { jsonTimestamp, literal, selectBatch, sqlKey, type JsonRow } from '~/lib/sql.server'
import { env } from '~/lib/env.server'
import { QUEUE_COUNT_CAP } from '~/domain/queue'
import { parseQueueFilters, type QueueFilters } from '~/schemas/queue'
import { staffReach } from '~/domain/access'
import { roundStandings } from './round-selection.server'
import { accessSql } from './access.server'
import { decideMany } from './review-decisions.server'

// The reviewer queues read with SQL of their own: one statement for a page of rows with the names
// they show, counts that stop at QUEUE_COUNT_CAP (kept while the snapshot stays the same: decision
// 35), the filters' options and the assigned list, with conditions shaped for the indexes made for
// them (schema.prisma, and decision 34). On 100,000 applications the Prisma version spent most of a
// page view counting every match and loading each relation separately (bench/queue.ts).

export const QUEUE_PAGE_SIZE = 50
const DAY = 86_400_000
const { sql, join, raw, empty } = Prisma

/**
 * What a list selects: conditions on `a` ("Application"), its applicant `u` and its program `p`,
 * and whether they read `u` and `p` (joined only then: a join costs a lookup per application).
 */
type Selection = { conditions: Prisma.Sql[]; applicant: boolean; program: boolean }

/**
 * Whose names a search by name or number tests: the students' (`u`, which their indexes narrow), or
 * each application's copy of its applicant's (decision 42), for a read that walks the applications
 * in the sort's order: it would otherwise read each one's student only for that test (for a common
 * surname, about 1,100 of them for a page; 2 of its 4.5 ms on 100,000 applications).
 */
type Names = 'student' | 'application'

function selection(reachable: Prisma.Sql, filters: QueueFilters, now: Date, names: Names = 'student'): Selection {
  // Which applications the reviewer may see at all is the access policy's (models/access.server.ts).
  const conditions = [reachable]
  // The enums' values and the college (an id of letters and digits, parseQueueFilters) are in the
  // text (literal): a statement is planned once for any parameters (decision 41), and how many
  // applications have a status or a college decides how best to read them: over all statuses, a
  // plan made for an average college would walk past the others' applications for a small one.
  if (filters.status && filters.status !== 'all') conditions.push(sql`a.status = ${literal(filters.status)}::"ApplicationStatus"`)
  if (filters.kind) conditions.push(sql`a.kind = ${literal(filters.kind)}::"ProgramKind"`)
  if (filters.program) conditions.push(programTitled(filters.program))
  if (filters.collegeId) conditions.push(sql`a."collegeId" = ${literal(filters.collegeId)}`)
  if (filters.level) conditions.push(sql`u.level = ${literal(filters.level)}::"StudentLevel"`)
  if (filters.closesWithinDays !== undefined) {
    conditions.push(sql`p."closesAt" BETWEEN ${now} AND ${new Date(now.getTime() + filters.closesWithinDays * DAY)}`)
  }
  if (filters.q) conditions.push(nameOrNumber(filters.q, names))
  return {
    conditions,
    applicant: Boolean(filters.level || (filters.q && names === 'student')),
    program: filters.closesWithinDays !== undefined,
  }
}

/** LIKE's wildcards typed by the reviewer match themselves. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, '\\$&')

/**
 * The Chinese or English name contains `q` (the English one in any case), or the student number
 * starts with it. ILIKE lower-cases every name it reads, several times the cost of LIKE; text
 * without cased letters (Chinese) matches the same either way, so it gets LIKE. Both use the
 * trigram index once a word of `q` has three characters. Shorter, no trigram narrows the names: they are
 * written as expressions the trigram index does not serve, so that PostgreSQL reads the students in
 * order (and stops once it has counted enough, matchingByApplicant): it can never choose to scan the
 * whole trigram index for them, whatever its statistics' sample says. Chinese characters are the
 * exception: the index of the names' characters narrows them first (searchIndex, decisions 39 and 43).
 * On the application's copies (`names`), no index serves: the test alone.
 */
function nameOrNumber(q: string, names: Names): Prisma.Sql {
  const contains = `%${escapeLike(q)}%`
  const index = names === 'student' ? searchIndex(q) : null
  const trigrams = index === 'trigrams'
  const columns = names === 'student' ? studentNames : copiedNames
  const name = (column: keyof typeof columns) => raw(trigrams ? columns[column] : `(${columns[column]} || '')`)
  const english = q.toLowerCase() === q.toUpperCase() ? sql`${name('nameEn')} LIKE ${contains}` : sql`${name('nameEn')} ILIKE ${contains}`
  const number =
    names === 'student'
      ? startsWith(raw(studentNames.number), q.toUpperCase())
      : sql`${name('number')} LIKE ${`${escapeLike(q.toUpperCase())}%`}`
  const test = sql`(${name('nameZh')} LIKE ${contains} OR ${english} OR ${number})`
  if (!index || trigrams) return test
  // Names that have every character of `q`, through their characters' index, then the test itself.
  return sql`(string_to_array(u."nameZh" || u."nameEn", NULL) @> ${index.characters}::text[] OR ${number}) AND ${test}`
}

/** The names and number a search tests: the student's, and the application's copies of them (decision 42). */
const studentNames = { nameZh: 'u."nameZh"', nameEn: 'u."nameEn"', number: 'u."studentNumber"' }
const copiedNames = { nameZh: 'a."applicantNameZh"', nameEn: 'a."applicantNameEn"', number: 'a."applicantNumber"' }

/**
 * `column` starts with `prefix`, in terms its text_pattern_ops index serves: from `prefix` up to
 * the greatest character after it, byte by byte. PostgreSQL turns LIKE 'B2024%' into that range
 * itself, but only for a constant: for a parameter, in a statement planned for any values
 * (decision 41), it read the trigram index, whose lists for a number's trigrams grow with the
 * students (5.3 ms of 6 at 1,000,000 applications). The LIKE keeps the test exact, on an expression
 * that index does not serve.
 */
const startsWith = (column: Prisma.Sql, prefix: string) =>
  sql`(${column} ~>=~ ${prefix} AND ${column} ~<~ ${`${prefix}\u{10FFFF}`} AND (${column} || '') LIKE ${`${escapeLike(prefix)}%`})`

/** A word of `q` has three characters or more: the trigram index serves it. */
const hasTrigrams = (q: string) => q.split(/[^\p{L}\p{N}]+/u).some((word) => [...word].length >= 3)

/** The index that narrows the students a search by `q` reads: the trigrams', the names' characters' (these), or none. */
function searchIndex(q: string): 'trigrams' | { characters: string[] } | null {
  if (hasTrigrams(q)) return 'trigrams'
  const characters = hanCharacters(q)
  return characters ? { characters } : null
}

/**
 * The characters of `q` (each once) when it is Chinese characters only (spaces aside), else null.
 * The index of the names' characters (migration user_name_characters_index) lists the students who
 * have them all: few for two (a given name, a two-character name), and for one at most a surname's,
 * one student in twenty. Read in order instead, a rare one read every student (on 1,000,000
 * applications 74 ms for one character, 39–93 for two; 0.3 and 5–10 through the index), and a
 * surname as many as the table's order put before its first thousand matches (decision 43). In
 * Latin letters a few of them are in most names: reading the students in order finds enough sooner.
 */
function hanCharacters(q: string): string[] | null {
  const characters = [...q.replace(/\s+/gu, '')]
  if (!characters.length || !characters.every((c) => /\p{Script=Han}/u.test(c))) return null
  return [...new Set(characters)]
}

/** The program's Chinese or English title contains `text`. Programs are few: a subquery serves. */
function programTitled(text: string): Prisma.Sql {
  const contains = `%${escapeLike(text)}%`
  return sql`a."programId" IN (SELECT id FROM "Program" WHERE "titleZh" ILIKE ${contains} OR "titleEn" ILIKE ${contains})`
}

/** What each sort orders by (then by id, so that pages never overlap), and what it reads. */
const sortKeys: Record<QueueFilters['sort'], { key: Prisma.Sql; descending?: true; applicant?: true; program?: true }> = {
  waiting: { key: sql`a."statusChangedAt"` },
  newest: { key: sql`a."submittedAt"`, descending: true },
  name: { key: sql`u."nameEn"`, applicant: true },
  deadline: { key: sql`p."closesAt"`, program: true },
}

/** A name column in the reader's language. */
const localized = (table: string, zh: string, en: string, locale: Locale) => raw(`${table}."${locale === 'en' ? en : zh}"`)

type QueueRow = {
  id: string
  kind: ProgramKind
  status: ApplicationStatus
  version: number
  statusChangedAt: Date
  submittedAt: Date | null
  /** Names and titles in the reviewer's language. */
  applicant: string
  studentNumber: string | null
  level: StudentLevel | null
  college: string
  program: string
  /** In a selection round (its standing is read then). */
  inRound: boolean
}

/** The applications selected: id and `key`. */
const matching = ({ conditions, applicant, program }: Selection, key = sql`NULL`) => sql`
  SELECT a.id, ${key} AS key FROM "Application" a
  ${applicant ? sql`JOIN "User" u ON u.id = a."applicantId"` : empty}
  ${program ? sql`JOIN "Program" p ON p.id = a."programId"` : empty}
  WHERE ${join(conditions, ' AND ')}`

/**
 * The same as `matching`, read student by student: each student's applications through its index
 * on the applicant (the OFFSET 0 keeps PostgreSQL from planning it as a join, which hashed every
 * student and every application). For a name search over all statuses, whose matches are counted
 * only as far as the cap: the students (in table order, or as the characters index lists them for
 * Chinese characters) are read until enough of their applications are found, not all of them (a
 * common surname is one student in twenty).
 */
const matchingByApplicant = ({ conditions, program }: Selection, key: Prisma.Sql) => sql`
  SELECT a.id, ${key} AS key FROM "User" u
  CROSS JOIN LATERAL (SELECT * FROM "Application" a WHERE a."applicantId" = u.id OFFSET 0) a
  ${program ? sql`JOIN "Program" p ON p.id = a."programId"` : empty}
  WHERE ${join(conditions, ' AND ')}`

/**
 * The CTEs `found` (the selected applications with their sort keys, no further than `cap` + 1) and
 * `total` (how many: one row, n). A page of few reads them from `found` instead of selecting them
 * again.
 */
const foundAndTotal = (sorted: Selection, key: Prisma.Sql, byApplicant: boolean, cap: number) => sql`
  found AS MATERIALIZED (${byApplicant ? matchingByApplicant(sorted, key) : matching(sorted, key)} LIMIT ${literal(cap + 1)}),
  total AS MATERIALIZED (SELECT count(*)::int AS n FROM found)`

/**
 * Up to how many matches a page is read from all of them, sorted (pageRows' few), rather than in the
 * sort's order until it is full (many). The many way reads about (all applications / matches) × 50
 * applications, each with its student: cheap for a common surname, not for a name that matches a
 * thousand applications among a million (PostgreSQL walked 30,000 of them for "wang wei", 150–460
 * ms, whenever its statistics' sample put that name in a histogram bucket). A name search alone
 * that an index narrows to few students (trigrams, or two of the names' characters: fewMatch) counts
 * its matches through that index, so it counts them further, and sorts up to this many (a few
 * milliseconds). The total shown still stops at QUEUE_COUNT_CAP.
 */
const SORTED_SEARCH_CAP = 5_000

/** The cap of `found` and of the few branch for these filters (SORTED_SEARCH_CAP). */
const sortCap = (f: QueueFilters) => (f.q && searchOnly(f) && fewMatch(f.q) ? SORTED_SEARCH_CAP : QUEUE_COUNT_CAP)

/**
 * An index narrows a search by `q` to few students: trigrams, or two Chinese characters, a repeated
 * one too (婷婷; one alone is a surname's, one student in twenty).
 */
const fewMatch = (q: string) => hasTrigrams(q) || (hanCharacters(q) !== null && [...q.replace(/\s+/gu, '')].length > 1)

/**
 * Applications per status among those reachable, each counted no further than QUEUE_COUNT_CAP + 1:
 * rows of status and n. The ORDER BY makes PostgreSQL walk a (status, statusChangedAt) index and
 * stop at the cap; without it, it scanned the whole table for each rare status (60 ms on 100,000
 * applications, growing with the table). The counts kept for this reach (`kept`, keptCounts) are
 * the rows instead when they were read in a snapshot like this statement's: nothing is counted.
 */
const statusCounts = (reachable: Prisma.Sql, kept: KeptCounts | undefined) => sql`
  SELECT s.status::text AS status, (
    SELECT count(*)::int FROM (
      SELECT 1 FROM "Application" a WHERE a.status = s.status AND ${reachable}
      ORDER BY a."statusChangedAt" LIMIT ${literal(QUEUE_COUNT_CAP + 1)}
    ) matches
  ) AS n
  FROM unnest(enum_range(NULL::"ApplicationStatus")) AS s(status)
  WHERE s.status <> 'draft' AND (SELECT s FROM snap) IS DISTINCT FROM ${kept?.snapshot ?? null}
  UNION ALL
  SELECT k.status, k.n FROM json_to_recordset(${JSON.stringify(kept?.counts ?? [])}::json) AS k(status text, n int)
  WHERE (SELECT s FROM snap) = ${kept?.snapshot ?? null}`

/**
 * Whether the search by name or number is the only narrow condition: its students are then read
 * first (`matchingByApplicant`). With a status or another filter on the application, reading every
 * matching student's applications cost more than PostgreSQL's own plan (18 ms against 12 on
 * 100,000 applications for a common surname in one status).
 */
const searchOnly = (f: QueueFilters) => Boolean(f.q) && f.status === 'all' && !f.kind && !f.program && !f.collegeId

/** Whether the filters are a status tab alone: the list's total is then that tab's count. */
const tabOnly = (f: QueueFilters) => !f.q && !f.kind && !f.program && !f.collegeId && !f.level && f.closesWithinDays === undefined

/** A tab's total from the CTE `counts` (all tabs: their sum, as far as the cap + 1): one row, n. */
const tabTotal = (status: QueueFilters['status']) => sql`
  SELECT least(coalesce(sum(n), 0), ${literal(QUEUE_COUNT_CAP + 1)})::int AS n FROM counts
  ${!status || status === 'all' ? empty : sql`WHERE status = ${literal(status)}`}`

/**
 * The tab counts last read for each reach (its SQL), with the snapshot they were read in. Two
 * snapshots alike see the same rows (no transaction that wrote ended between them): a statement in
 * one alike takes the counts from here instead of counting again (decision 35). The oldest reach is
 * forgotten past KEPT_REACHES.
 */
type KeptCounts = { snapshot: string; counts: { status: ApplicationStatus; n: number }[] }
const keptCounts = new Map<string, KeptCounts>()
const KEPT_REACHES = 500

/** The selection with what its sort reads, and the sort's key. */
function sortedBy(selected: Selection, filters: QueueFilters) {
  const { key, descending, applicant, program } = sortKeys[filters.sort]
  const sorted = { ...selected, applicant: selected.applicant || Boolean(applicant), program: selected.program || Boolean(program) }
  return { sorted, key, descending: Boolean(descending) }
}

/** Which way a page's rows are read: many matches (past the cap) or few (pageRows). */
type Branch = 'few' | 'many'

/**
 * One page of the applications that meet `conditions`, then their names, read after the count in
 * the CTE `total` (reviewQueue). Many matches (more than the cap): read in the sort's order, from an
 * index, until the page is full. Few: all of them (from the CTE `found` when the count read them,
 * `counted`), then sorted. Left to guess how many match, PostgreSQL read 23,000 applications in
 * order to find the 214 of a name; the count decides instead, and only the branch it picks runs.
 * `branch`: only that one is written (each is still gated by the count: the other reads nothing);
 * planning the one not taken cost PostgreSQL 0.2–0.4 ms of its 1–1.2 ms of planning. The college
 * and program names are sub-selects (both always exist): as joins, planning them cost more than
 * reading them. `walked`: the selection a search tests on the application's copy of the names.
 */
function pageRows(walked: Selection, filters: QueueFilters, locale: Locale, counted: boolean, branch: Branch | undefined): Prisma.Sql {
  const { sorted, key, descending } = sortedBy(walked, filters)
  const cap = sortCap(filters)
  const order = (table: string) => raw(`${table}.key ${descending ? 'DESC' : 'ASC'}, ${table}.id`)
  const offset = (filters.page - 1) * QUEUE_PAGE_SIZE
  // The page among the first `upTo` in the sort's order: how many rows a read needs decides how
  // best to read them, so that number is in the text (literal), and the offset is a parameter
  // (decision 41). Planned for an unknown offset, PostgreSQL reads as if a tenth of the matches
  // were wanted: it read and sorted all of a surname's matches instead of walking the sort's index.
  const upTo = Math.max(64, 2 ** Math.ceil(Math.log2(offset + QUEUE_PAGE_SIZE + 1)))
  const window = (rows: Prisma.Sql) => sql`
    SELECT id, key FROM (${rows} ORDER BY ${order('m')} LIMIT ${literal(upTo)}) w
    ORDER BY ${order('w')} LIMIT ${literal(QUEUE_PAGE_SIZE + 1)} OFFSET ${offset}`
  const few = counted
    ? window(sql`SELECT id, key FROM found m WHERE (SELECT n FROM total) <= ${literal(cap)}`)
    : sql`WITH matches AS MATERIALIZED (${matching(sorted, key)})
      ${window(sql`SELECT id, key FROM matches m WHERE (SELECT n FROM total) <= ${literal(cap)}`)}`
  const many = window(sql`SELECT id, key FROM (${matching(sorted, key)}) m WHERE (SELECT n FROM total) > ${literal(cap)}`)
  const page = branch === 'few' ? few : branch === 'many' ? many : sql`(${few}) UNION ALL (${many})`
  return sql`
    WITH page AS (${page})
    SELECT a.id, a.kind::text AS kind, a.status::text AS status, a.version, a."statusChangedAt", a."submittedAt",
      ${localized('u', 'nameZh', 'nameEn', locale)} AS applicant, u."studentNumber", u.level::text AS level, a."roundId" IS NOT NULL AS "inRound",
      (SELECT ${localized('c', 'nameZh', 'nameEn', locale)} FROM "College" c WHERE c.id = a."collegeId") AS college,
      (SELECT ${localized('p', 'titleZh', 'titleEn', locale)} FROM "Program" p WHERE p.id = a."programId") AS program
    FROM page
    JOIN "Application" a ON a.id = page.id
    JOIN "User" u ON u.id = a."applicantId"
    ORDER BY ${order('page')}`
}

type Counts = Partial<Record<ApplicationStatus, number>>

/**
 * The branch the last read of each selection (its SQL) needed: the next read writes only that one
 * (pageRows), and reads again with both when the count has since crossed the cap. The oldest
 * selection is forgotten past KEPT_SELECTIONS.
 */
const lastBranches = new Map<string, Branch>()
const KEPT_SELECTIONS = 500

/**
 * The queue for `actor` with `filters`: a page of rows, the total, the tab counts, the college
 * filter's options and the applications assigned to them, in one round trip (one statement), with
 * the session's read when given (`session`: requireUserAndRead).
 */
export async function reviewQueue(actor: SessionUser, filters: QueueFilters, now = new Date(), session: Prisma.Sql | null = null) {
  const reachable = accessSql(actor, 'staff')
  const reach = sqlKey(reachable)
  const kept = keptCounts.get(reach)
  const selected = selection(reachable, filters, now)
  // A page read in the sort's order tests the application's copy of the names, unless that order
  // is the students' (by name): it reads each student first, and testing them then skips the
  // applications of those who do not match (a surname late in the alphabet: 12,000 students, 6 ms;
  // through their applications' copies, 100 ms).
  const walked = sortKeys[filters.sort].applicant ? selected : selection(reachable, filters, now, 'application')
  // A status tab's total is its count; any other filter's is counted, its matches kept for the page.
  const counted = !tabOnly(filters)
  const { sorted, key } = sortedBy(selected, filters)
  const selectionKey = sqlKey(matching(sorted, key))
  const readWith = (branch: Branch | undefined) =>
    selectBatch<{
      snapshot: { s: string }[]
      counts: { status: ApplicationStatus; n: number }[]
      total: { n: number }[]
      page: JsonRow<QueueRow>[]
      colleges: { id: string; name: string }[]
      assigned: AssignedRow[]
      session: SessionAccount[]
    }>(
      {
        snapshot: sql`SELECT s FROM snap`,
        counts: sql`SELECT status, n FROM counts`,
        total: sql`SELECT n FROM total`,
        page: pageRows(walked, filters, actor.locale, counted, branch),
        colleges: collegeOptions(actor),
        assigned: assignedTo(actor, reachable),
        session,
      },
      sql`snap AS MATERIALIZED (SELECT pg_current_snapshot()::text AS s),
      counts AS MATERIALIZED (${statusCounts(reachable, kept)}),
      ${counted ? foundAndTotal(sorted, key, searchOnly(filters), sortCap(filters)) : sql`total AS MATERIALIZED (${tabTotal(filters.status)})`}`,
    )
  const expected = lastBranches.get(selectionKey)
  let read = await readWith(expected)
  const needed: Branch = read.total[0].n > sortCap(filters) ? 'many' : 'few'
  // The count crossed the cap since the last read: the branch written read nothing.
  if (expected && expected !== needed) read = await readWith(undefined)
  setRecent(lastBranches, selectionKey, needed, KEPT_SELECTIONS)
  const snapshot = read.snapshot[0].s
  if (snapshot !== kept?.snapshot) setRecent(keptCounts, reach, { snapshot, counts: read.counts }, KEPT_REACHES)
  const counts: Counts = Object.fromEntries(read.counts.filter((r) => r.n > 0).map((r) => [r.status, r.n]))
  const total = Math.min(read.total[0].n, QUEUE_COUNT_CAP + 1)
  const found = read.page.map((row) => ({
    ...row,
    statusChangedAt: jsonTimestamp(row.statusChangedAt),
    submittedAt: row.submittedAt === null ? null : jsonTimestamp(row.submittedAt),
  }))
  return {
    rows: found.slice(0, QUEUE_PAGE_SIZE),
    /** Matches, exact up to QUEUE_COUNT_CAP; above it, "more than QUEUE_COUNT_CAP". */
    total,
    page: filters.page,
    /** Known while the total is exact. */
    pages: total > QUEUE_COUNT_CAP ? null : Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE)),
    hasNext: found.length > QUEUE_PAGE_SIZE,
    counts,
    /** The college filter's [id, name] options, in the reader's language: for the office only (a college reviewer has one). */
    colleges: read.colleges.map((r): [string, string] => [r.id, r.name]),
    /** The applications assigned to the reviewer that wait at their stage: their queue shows these first. */
    assigned: read.assigned,
    session: read.session,
  }
}

/** The colleges, for the office's filter (no rows for anyone else). */
function collegeOptions(actor: SessionUser): Prisma.Sql | null {
  if (staffReach(actor)?.college !== null) return null
  return sql`SELECT c.id, ${localized('c', 'nameZh', 'nameEn', actor.locale)} AS name FROM "College" c WHERE c."retiredAt" IS NULL ORDER BY c.code`
}

type Named = { titleZh: string; titleEn: string }
type AssignedRow = { id: string; applicant: { nameZh: string; nameEn: string }; program: Named; round: Named | null }

/** The applications assigned to a reviewer that wait at their stage and they may review. */
function assignedTo(reviewer: SessionUser, reachable: Prisma.Sql): Prisma.Sql | null {
  const statuses = [
    ...(reviewer.roles.includes('college_reviewer') ? ['submitted'] : []),
    ...(reviewer.roles.includes('office_reviewer') ? ['college_endorsed'] : []),
  ]
  if (!statuses.length) return null
  // The applications first, then their names as sub-selects: planned as one five-table join, this
  // read cost PostgreSQL 1 ms of planning for 0.1 ms of work, and joined after the CTE still 0.3 ms
  // more than the sub-selects (bench/queue.ts).
  return sql`
    WITH mine AS MATERIALIZED (
      SELECT a.id, a."applicantId", a."programId", a."roundId", a."statusChangedAt" FROM "Application" a
      WHERE a.status IN (${join(statuses.map((s) => sql`${literal(s)}::"ApplicationStatus"`))})
        AND a.id IN (SELECT ra."applicationId" FROM "ReviewAssignment" ra WHERE ra."reviewerId" = ${reviewer.id})
        AND ${reachable}
      ORDER BY a."statusChangedAt", a.id
      LIMIT 50)
    SELECT m.id,
      (SELECT json_build_object('nameZh', u."nameZh", 'nameEn', u."nameEn") FROM "User" u WHERE u.id = m."applicantId") AS applicant,
      (SELECT json_build_object('titleZh', p."titleZh", 'titleEn', p."titleEn") FROM "Program" p WHERE p.id = m."programId") AS program,
      (SELECT json_build_object('titleZh', r."titleZh", 'titleEn', r."titleEn") FROM "SelectionRound" r WHERE r.id = m."roundId") AS round
    FROM mine m
    ORDER BY m."statusChangedAt", m.id`
}

// The college and office queues differ only in who may see what and which bulk decisions they
// offer; both pages load and act through these two functions.

/**
 * The queue page's data (`page()`); without a status filter it shows `pendingStatus`, the
 * reviewer's own work. With `session` (requireUserAndRead), what that read returned in the same
 * statement: `page()` is called only once it has been checked.
 */
export async function loadQueue(actor: SessionUser, request: Request, pendingStatus: ApplicationStatus, session: Prisma.Sql | null = null) {
  const filters = parseQueueFilters(new URL(request.url).searchParams, pendingStatus)
  const now = new Date()
  const { colleges, assigned, session: sessionRows, ...queue } = await reviewQueue(actor, filters, now, session)
  const page = async () => {
    // Applications in a selection round show their rank and composite score in the round.
    const inRounds = queue.rows.filter((r) => r.inRound).map((r) => r.id)
    const standings = inRounds.length ? await roundStandings(actor, inRounds) : {}
    const rows = queue.rows.map(({ inRound: _, ...row }) => row)
    return {
      queue: { ...queue, rows },
      facets: { colleges },
      standings,
      status: filters.status,
      stuckDays: env().REVIEW_REMINDER_DAYS,
      now,
      assigned,
    }
  }
  return { session: sessionRows, page }
}

/** Bulk decision on the selected rows ("id:version" each), one decision per application. */
export async function bulkDecide(actor: SessionUser, formData: FormData, allowed: readonly Command[]) {
  const command = formData.get('command')
  if (typeof command !== 'string' || !allowed.includes(command as Command)) return { ok: 0, failed: 0 }
  // Whole: each decision refuses a reason over the limit rather than having it cut unseen.
  const reason = String(formData.get('reason') ?? '')
  const inputs = formData
    .getAll('ids')
    .map(String)
    .slice(0, 200)
    .map((value) => {
      const [applicationId, version] = value.split(':')
      return { applicationId, version: Number(version), command: command as Command, reason: reason || undefined }
    })
    .filter((i) => i.applicationId && Number.isInteger(i.version))
  if (!inputs.length) return { ok: 0, failed: 0 }
  const results = await decideMany(actor, inputs)
  const ok = results.filter((r) => r.ok).length
  return { ok, failed: results.length - ok }
}
