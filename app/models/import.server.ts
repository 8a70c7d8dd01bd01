// Administrators' bulk imports of partners, programs and students from CSV or xlsx.
// Upload → preview (every row checked: cells, duplicates inside the file, the database) → confirm.
// Between the two the file waits in S3 under imports/<admin id>/<kind>/<uuid>, so the admin does
// not upload it again; the confirm step reads it back, checks everything again (the database may
// have changed) and writes all rows or none in one transaction, with the audit trail and, for
// students, the invitation emails.
import { formatBytes } from '~/domain/file-type'
import { randomUUID } from 'node:crypto'
import type { Readable } from 'node:stream'
import { addMonths, shanghaiDate, shanghaiNoon } from '~/domain/dates'
import { readTable, type ImportKind, type TableProblem, type TableRow } from '~/domain/import/columns'
import { readSheet, type SheetProblem } from '~/domain/import/sheet.server'
import { type Prisma } from '~/generated/prisma/client'
import { recordAudit, recordAudits, type AuditEntry } from '~/lib/audit.server'
import type { SessionUser } from '~/lib/auth.server'
import { insertRows, isUniqueViolation, type NewRow } from '~/lib/bulk-insert.server'
import { prisma } from '~/lib/db.server'
import { appUrl } from '~/lib/env.server'
import { enqueueEmails } from '~/lib/outbox.server'
import { deleteObject, getObject, listObjects, putObject } from '~/lib/storage.server'
import { INVITATION_DAYS, issuePasswordTokens } from '~/models/user.server'
import { upsertStudentRecords, type RecordRow } from '~/models/student-record.server'
import { importFileName, importRowSchemas, type ImportRow } from '~/schemas/import'
import { msg } from '~/schemas/fields'

export const IMPORT_MAX_BYTES = 2 * 1024 * 1024
/** The limit as the messages say it. */
export const IMPORT_MAX_SIZE = formatBytes(IMPORT_MAX_BYTES)
export const IMPORT_MAX_ROWS = 5000
const STAGED_PREFIX = 'imports/'
/** Never verifies: an imported student has no password until they follow the invitation link. */
const UNUSABLE_PASSWORD_HASH = '!invited'

type Db = Prisma.TransactionClient

/** A message key (or "key|{json params}") about one cell; column "" is a value under no header. */
type RowIssue = { column: string; message: string }
type PreviewRow = { row: number; values: Record<string, string>; issues: RowIssue[] }
export type ImportPreview = {
  kind: ImportKind
  format: 'csv' | 'xlsx'
  columns: string[]
  rows: PreviewRow[]
  good: number
  bad: number
}
/** Why the file as a whole cannot be read: message keys with params. */
type FileIssue = { message: string }

type Analysis = { ok: true; preview: ImportPreview; writable: Writable[] } | { ok: false; issues: FileIssue[] }

// --- reading and checking ------------------------------------------------------------------

/** Reads and checks a file against the database without writing anything. */
async function analyseImport(db: Db, kind: ImportKind, bytes: Uint8Array): Promise<Analysis> {
  if (bytes.length > IMPORT_MAX_BYTES) return { ok: false, issues: [{ message: msg('imports.file.tooLarge', { max: IMPORT_MAX_SIZE }) }] }
  // The header and the rows: reading stops one record past them.
  const sheet = await readSheet(bytes, { maxRecords: IMPORT_MAX_ROWS + 1 })
  if (!sheet.ok) return { ok: false, issues: [sheetIssue(sheet.problem)] }
  const table = readTable(kind, sheet.records, { maxRows: IMPORT_MAX_ROWS })
  if (!table.ok) return { ok: false, issues: table.problems.map(tableIssue) }

  const issues = new Map<number, RowIssue[]>(table.rows.map((r) => [r.row, []]))
  const report: Report = (row, column, message) => issues.get(row)!.push({ column, message })
  const parsed = parseRows(kind, table.rows, report)
  const prepared = await checkers[kind](db, parsed as never, report)

  const rows = table.rows.map((r) => ({ ...r, issues: issues.get(r.row)! }))
  const bad = rows.filter((r) => r.issues.length > 0).length
  return {
    ok: true,
    preview: { kind, format: sheet.format, columns: table.columns, rows, good: rows.length - bad, bad },
    writable: prepared.filter((p) => issues.get(p.row)!.length === 0),
  }
}

type Report = (row: number, column: string, message: string) => void
type Parsed<K extends ImportKind> = { row: number; data: ImportRow[K] }

function parseRows(kind: ImportKind, rows: TableRow[], report: Report): Parsed<ImportKind>[] {
  const parsed: Parsed<ImportKind>[] = []
  for (const { row, values } of rows) {
    if ('' in values) report(row, '', msg('imports.error.extraCell'))
    const result = importRowSchemas[kind].safeParse(values)
    if (result.success) {
      parsed.push({ row, data: result.data })
    } else {
      // One message per cell is enough to act on.
      const seen = new Set<string>()
      for (const issue of result.error.issues) {
        const column = String(issue.path[0] ?? '')
        if (!seen.has(column)) report(row, column, issue.message)
        seen.add(column)
      }
    }
  }
  return parsed
}

/** Reports every row whose key repeats an earlier row's. */
function duplicates<T>(rows: { row: number; data: T }[], key: (data: T) => string, column: string, report: Report) {
  const first = new Map<string, number>()
  for (const { row, data } of rows) {
    const k = key(data)
    const earlier = first.get(k)
    if (earlier === undefined) first.set(k, row)
    else report(row, column, msg('imports.error.duplicateInFile', { row: earlier }))
  }
}

const lower = (s: string) => s.toLowerCase()
const day = (iso: string | undefined) => (iso ? shanghaiNoon(iso) : null)
/** Application windows include the whole of both days, Beijing time. */
const startOfDay = (iso: string) => new Date(`${iso}T00:00:00+08:00`)
const endOfDay = (iso: string) => new Date(`${iso}T23:59:59.999+08:00`)

type Writable =
  | { kind: 'partners'; row: number; data: NewRow<'PartnerInstitution'>; agreement: PartnerAgreementRow | null }
  | { kind: 'programs'; row: number; data: NewRow<'Program'> }
  | { kind: 'students'; row: number; data: NewRow<'User'> }
  | { kind: 'records'; row: number; data: RecordRow }

/** A partner row's agreement columns: its first agreement, an exchange agreement every college may use (decision 23). */
type PartnerAgreementRow = { startsOn: Date; endsOn: Date; placesOut: number | null }

type Checker<K extends ImportKind> = (db: Db, rows: Parsed<K>[], report: Report) => Promise<Extract<Writable, { kind: K }>[]>

const checkers: { [K in ImportKind]: Checker<K> } = {
  async partners(db, rows, report) {
    const identity = (p: { nameEn: string; countryCode: string }) => `${lower(p.nameEn)}|${p.countryCode}`
    duplicates(rows, identity, 'nameEn', report)
    const existing = new Set((await db.partnerInstitution.findMany({ select: { nameEn: true, countryCode: true } })).map(identity))
    return rows.flatMap(({ row, data: p }) => {
      if (existing.has(identity(p))) report(row, 'nameEn', msg('imports.error.partnerExists'))
      const data = {
        nameZh: p.nameZh,
        nameEn: p.nameEn,
        countryCode: p.countryCode,
        countryZh: p.countryZh,
        countryEn: p.countryEn,
        region: p.region,
        tier: p.tier,
        beltAndRoad: p.beltAndRoad ?? false,
      }
      // Any of the agreement columns makes an agreement, as the migration that introduced them did:
      // from today when no start is given, for five years when no end is.
      const start = p.agreementStart ?? shanghaiDate(new Date())
      const given = p.agreementStart ?? p.agreementEnd ?? p.placesPerYear
      const agreement =
        given === undefined
          ? null
          : {
              startsOn: shanghaiNoon(start),
              endsOn: shanghaiNoon(p.agreementEnd ?? addMonths(start, 60)),
              placesOut: p.placesPerYear ?? null,
            }
      return [{ kind: 'partners' as const, row, data, agreement }]
    })
  },

  async programs(db, rows, report) {
    const identity = (p: { titleEn: string; academicYear: string }) => `${lower(p.titleEn)}|${p.academicYear}`
    duplicates(rows, identity, 'titleEn', report)
    const [partners, funds, existing] = await Promise.all([
      db.partnerInstitution.findMany({ where: { retiredAt: null }, select: { id: true, nameEn: true } }),
      db.fund.findMany({ where: { retiredAt: null }, select: { id: true, kinds: true } }),
      db.program.findMany({
        where: { academicYear: { in: [...new Set(rows.map((r) => r.data.academicYear))] } },
        select: { titleEn: true, academicYear: true },
      }),
    ])
    const taken = new Set(existing.map(identity))
    const fundsById = new Map(funds.map((f) => [f.id, f]))
    return rows.flatMap(({ row, data: p }) => {
      if (taken.has(identity(p))) report(row, 'titleEn', msg('imports.error.programExists'))
      let partnerId: string | null = null
      if (p.partner) {
        const ref = lower(p.partner)
        const matches = partners.filter((x) => x.id === p.partner || lower(x.nameEn) === ref)
        if (matches.length === 1) partnerId = matches[0].id
        else report(row, 'partner', msg(matches.length ? 'imports.error.partnerAmbiguous' : 'imports.error.partnerNotFound'))
      }
      if (p.fundId) {
        const fund = fundsById.get(p.fundId)
        if (!fund) report(row, 'fundId', msg('imports.error.fundNotFound'))
        else if (fund.kinds.length && !fund.kinds.includes(p.kind)) report(row, 'fundId', msg('imports.error.fundKind'))
      }
      const data = {
        kind: p.kind,
        partnerId,
        academicYear: p.academicYear,
        titleZh: p.titleZh,
        titleEn: p.titleEn,
        descriptionZh: p.descriptionZh ?? '',
        descriptionEn: p.descriptionEn ?? '',
        levels: p.levels,
        quota: p.quota ?? null,
        opensAt: startOfDay(p.opensAt),
        closesAt: endOfDay(p.closesAt),
        startsOn: day(p.startsOn),
        endsOn: day(p.endsOn),
        fundId: p.fundId ?? null,
      }
      return [{ kind: 'programs' as const, row, data }]
    })
  },

  async students(db, rows, report) {
    duplicates(rows, (s) => s.studentNumber, 'studentNumber', report)
    duplicates(rows, (s) => s.email, 'email', report)
    const [colleges, existing] = await Promise.all([
      db.college.findMany({ where: { retiredAt: null }, select: { id: true, code: true } }),
      // Two array parameters: Prisma's `in` binds each of up to 10,000 values separately, at about 3× the cost.
      db.$queryRaw<{ email: string; studentNumber: string | null }[]>`
        SELECT "email", "studentNumber" FROM "User"
        WHERE "email" = ANY(${rows.map((r) => r.data.email)}::text[]) OR "studentNumber" = ANY(${rows.map((r) => r.data.studentNumber)}::text[])`,
    ])
    const collegeByCode = new Map(colleges.map((c) => [c.code.toUpperCase(), c.id]))
    const emails = new Set(existing.map((u) => u.email))
    const numbers = new Set(existing.map((u) => u.studentNumber))
    return rows.flatMap(({ row, data: s }) => {
      if (numbers.has(s.studentNumber)) report(row, 'studentNumber', msg('imports.error.studentNumberTaken'))
      if (emails.has(s.email)) report(row, 'email', msg('imports.error.emailTaken'))
      const collegeId = collegeByCode.get(s.college)
      if (!collegeId) {
        report(row, 'college', msg('imports.error.collegeNotFound'))
        return []
      }
      const data = {
        email: s.email,
        passwordHash: UNUSABLE_PASSWORD_HASH,
        nameZh: s.nameZh,
        nameEn: s.nameEn,
        roles: ['student' as const],
        collegeId,
        studentNumber: s.studentNumber,
        level: s.level,
        locale: s.locale === 'en' ? ('en' as const) : ('zh_CN' as const),
      }
      return [{ kind: 'students' as const, row, data }]
    })
  },

  // A number already on file is this term's update of its record, not an error.
  async records(db, rows, report) {
    duplicates(rows, (r) => r.studentNumber, 'studentNumber', report)
    const colleges = await db.college.findMany({ where: { retiredAt: null }, select: { id: true, code: true } })
    const collegeByCode = new Map(colleges.map((c) => [c.code.toUpperCase(), c.id]))
    return rows.flatMap(({ row, data: r }) => {
      const collegeId = collegeByCode.get(r.college)
      if (!collegeId) {
        report(row, 'college', msg('imports.error.collegeNotFound'))
        return []
      }
      const data = {
        studentNumber: r.studentNumber,
        gpaHundredths: r.gpa,
        gpaScale: r.gpaScale,
        level: r.level,
        collegeId,
        programme: r.programme,
        enrolmentYear: r.enrolmentYear,
      }
      return [{ kind: 'records' as const, row, data }]
    })
  },
}

function sheetIssue(problem: SheetProblem): FileIssue {
  if (problem.code === 'unpackedTooLarge') return { message: msg('imports.file.unpackedTooLarge', { max: formatBytes(problem.maxBytes) }) }
  return { message: msg(`imports.file.${problem.code}`, 'row' in problem ? { row: problem.row } : undefined) }
}

function tableIssue(problem: TableProblem): FileIssue {
  switch (problem.code) {
    case 'empty':
      return { message: msg('imports.file.empty') }
    case 'tooManyRows':
      return { message: msg('imports.file.tooManyRows', { max: problem.max }) }
    default:
      return { message: msg(`imports.file.${problem.code}`, { column: problem.column }) }
  }
}

// --- writing -------------------------------------------------------------------------------

/**
 * Creates the rows, each with its audit event; invites imported students by email. Every table
 * is written with one statement (insertRows), whatever the number of rows.
 */
async function writeRows(tx: Db, actor: SessionUser, kind: ImportKind, rows: Writable[]): Promise<string[]> {
  const audit = (action: string, entityType: string, entityId: string, after: Prisma.InputJsonValue): AuditEntry => ({
    actorId: actor.id,
    action,
    entityType,
    entityId,
    after,
    reason: 'import',
  })
  switch (kind) {
    case 'partners': {
      const created = await insertRows(
        tx,
        'PartnerInstitution',
        rows.map((r) => r.data as NewRow<'PartnerInstitution'>),
      )
      const agreements = rows.flatMap((r, i) =>
        r.kind === 'partners' && r.agreement ? [{ ...r.agreement, partnerId: created[i].id, type: 'exchange' as const }] : [],
      )
      if (agreements.length) await tx.partnerAgreement.createMany({ data: agreements })
      await recordAudits(
        tx,
        created.map((p) =>
          audit('partner.create', 'PartnerInstitution', p.id, { nameEn: p.nameEn, countryCode: p.countryCode, tier: p.tier }),
        ),
      )
      return created.map((p) => p.id)
    }
    case 'programs': {
      const created = await insertRows(
        tx,
        'Program',
        rows.map((r) => r.data as NewRow<'Program'>),
      )
      await recordAudits(
        tx,
        created.map((p) =>
          audit('program.create', 'Program', p.id, {
            titleEn: p.titleEn,
            kind: p.kind,
            academicYear: p.academicYear,
            partnerId: p.partnerId ?? null,
          }),
        ),
      )
      return created.map((p) => p.id)
    }
    case 'students': {
      const created = await insertRows(
        tx,
        'User',
        rows.map((r) => r.data as NewRow<'User'>),
      )
      await recordAudits(
        tx,
        created.map((u) =>
          audit('user.import', 'user', u.id, {
            email: u.email,
            studentNumber: u.studentNumber ?? null,
            collegeId: u.collegeId ?? null,
            level: u.level ?? null,
          }),
        ),
      )
      const tokens = await issuePasswordTokens(
        tx,
        created.map((u) => u.id),
        INVITATION_DAYS * 24 * 3600 * 1000,
      )
      await enqueueEmails(
        tx,
        created.map((user, i) => ({
          template: 'account-invitation' as const,
          to: user.email,
          locale: user.locale === 'en' ? ('en' as const) : ('zh-CN' as const),
          payload: {
            name: user.locale === 'en' ? user.nameEn : user.nameZh,
            email: user.email,
            setPasswordUrl: `${appUrl()}/reset-password?token=${tokens[i]}`,
            days: INVITATION_DAYS,
          },
        })),
      )
      return created.map((u) => u.id)
    }
    case 'records': {
      const records = rows.map((r) => r.data as RecordRow)
      await upsertStudentRecords(tx, records)
      await recordAudits(
        tx,
        records.map((r) =>
          audit('student_record.import', 'StudentRecord', r.studentNumber, {
            gpaHundredths: r.gpaHundredths,
            gpaScale: r.gpaScale,
            level: r.level,
            collegeId: r.collegeId,
          }),
        ),
      )
      return records.map((r) => r.studentNumber)
    }
  }
}

// --- staging between preview and confirm ----------------------------------------------------

const stagedKey = (user: Pick<SessionUser, 'id'>, kind: ImportKind, uploadId: string) => `${STAGED_PREFIX}${user.id}/${kind}/${uploadId}`

/**
 * Checks an uploaded file and, when it can be read, keeps it for the confirm step. The key holds
 * the admin's id: only they can confirm it.
 */
export async function previewImport({ user, kind, bytes }: { user: SessionUser; kind: ImportKind; bytes: Uint8Array }) {
  const analysis = await analyseImport(prisma, kind, bytes)
  if (!analysis.ok) return { ok: false as const, issues: analysis.issues }
  const uploadId = randomUUID()
  await putObject(stagedKey(user, kind, uploadId), Buffer.from(bytes), {
    contentType: analysis.preview.format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv',
    contentLength: bytes.length,
  })
  return { ok: true as const, uploadId, preview: analysis.preview }
}

export type ConfirmResult =
  | { status: 'imported'; created: number; skipped: number }
  /** The staged file is gone (imported already, or swept) or belongs to someone else. */
  | { status: 'expired' }
  /** Nothing written: the file has bad rows (mode "all"), or the good rows changed since the preview. */
  | { status: 'refused'; reason: 'hasBadRows' | 'changed' | 'nothingToImport'; preview: ImportPreview }

/**
 * Imports a staged file: every row (mode "all", refused while any row is bad) or only the good
 * ones (mode "good", refused when their number is not what the admin saw). One transaction, one
 * import at a time (an advisory lock), so two confirmations cannot both create the same rows.
 */
export async function confirmImport({
  user,
  kind,
  uploadId,
  fileName,
  mode,
  expectedGood,
}: {
  user: SessionUser
  kind: ImportKind
  uploadId: string
  fileName: string
  mode: 'all' | 'good'
  expectedGood: number
}): Promise<ConfirmResult> {
  const key = stagedKey(user, kind, uploadId)
  const bytes = await readStaged(key)
  if (!bytes) return { status: 'expired' }

  let result: ConfirmResult
  try {
    result = await importStaged({ user, kind, uploadId, fileName, mode, expectedGood }, bytes)
  } catch (error) {
    // Someone took an email or student number between the check and the write: show the new state.
    if (!isUniqueViolation(error)) throw error
    const analysis = await analyseImport(prisma, kind, bytes)
    if (!analysis.ok) throw error
    return { status: 'refused', reason: 'changed', preview: analysis.preview }
  }
  if (result.status === 'imported') {
    await deleteObject(key).catch((e) => console.error('[import] could not delete', key, e)) // the sweeper retries
  }
  return result
}

function importStaged(
  { user, kind, uploadId, fileName, mode, expectedGood }: Parameters<typeof confirmImport>[0],
  bytes: Uint8Array,
): Promise<ConfirmResult> {
  return prisma.$transaction(
    async (tx): Promise<ConfirmResult> => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('mobility-portal:import'))`
      const analysis = await analyseImport(tx, kind, bytes)
      if (!analysis.ok) return { status: 'expired' } // cannot happen for a file that was previewed
      const { preview, writable } = analysis
      if (mode === 'all' && preview.bad > 0) return { status: 'refused', reason: 'hasBadRows', preview }
      if (preview.good !== expectedGood) return { status: 'refused', reason: 'changed', preview }
      if (preview.good === 0) return { status: 'refused', reason: 'nothingToImport', preview }

      const ids = await writeRows(tx, user, kind, writable)
      await recordAudit(tx, {
        actorId: user.id,
        action: `import.${kind}`,
        entityType: 'import',
        entityId: uploadId,
        after: {
          kind,
          fileName: importFileName(fileName),
          format: preview.format,
          rows: preview.rows.length,
          created: ids.length,
          skipped: preview.bad,
        },
      })
      return { status: 'imported', created: ids.length, skipped: preview.bad }
    },
    { timeout: 120_000, maxWait: 10_000 },
  )
}

async function readStaged(key: string): Promise<Uint8Array | null> {
  let object: Awaited<ReturnType<typeof getObject>>
  try {
    object = await getObject(key)
  } catch (error) {
    if (error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound')) return null
    throw error
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of object.body as Readable) {
    size += (chunk as Buffer).length
    if (size > IMPORT_MAX_BYTES) return null
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

/** Deletes staged import files older than `olderThanMs`: previews nobody confirmed. */
export async function sweepStagedImports({ olderThanMs, now = new Date() }: { olderThanMs: number; now?: Date }) {
  const before = now.getTime() - olderThanMs
  const deleted: string[] = []
  for await (const page of listObjects(STAGED_PREFIX)) {
    for (const { key } of page.filter((o) => o.lastModified.getTime() < before)) {
      await deleteObject(key)
      deleted.push(key)
    }
  }
  return { deleted }
}
