// Students' records from the university's academic affairs system (教务系统): imported by an
// administrator each term (models/import.server.ts, kind "records"), read by the student's home,
// the application form (the GPA, read-only) and the review page (what came from the university).
import type { GpaScale } from '~/domain/eligibility'
import type { StudentLevel } from '~/domain/roles'
import { type Prisma } from '~/generated/prisma/client'
import { prisma } from '~/lib/db.server'

export type RecordRow = {
  studentNumber: string
  gpaHundredths: number
  gpaScale: GpaScale
  level: StudentLevel
  collegeId: string
  programme: string
  enrolmentYear: number
}

/**
 * Writes the records in one statement: a new student number is inserted, one on file is updated
 * (a new term's figures). The accounts with those numbers take the record's college and level, so
 * reviewers' queues and eligibility see the university's values. Inside the caller's transaction.
 */
export async function upsertStudentRecords(tx: Prisma.TransactionClient, rows: RecordRow[]): Promise<void> {
  if (!rows.length) return
  const now = new Date()
  const json = JSON.stringify(rows.map((r) => ({ ...r, importedAt: now, updatedAt: now })))
  await tx.$executeRaw`
    INSERT INTO "StudentRecord" ("studentNumber", "gpaHundredths", "gpaScale", "level", "collegeId", "programme", "enrolmentYear", "importedAt", "updatedAt")
    SELECT "studentNumber", "gpaHundredths", "gpaScale", "level", "collegeId", "programme", "enrolmentYear", "importedAt", "updatedAt"
    FROM json_populate_recordset(NULL::"StudentRecord", ${json}::json)
    ON CONFLICT ("studentNumber") DO UPDATE SET
      "gpaHundredths" = EXCLUDED."gpaHundredths", "gpaScale" = EXCLUDED."gpaScale", "level" = EXCLUDED."level",
      "collegeId" = EXCLUDED."collegeId", "programme" = EXCLUDED."programme", "enrolmentYear" = EXCLUDED."enrolmentYear",
      "updatedAt" = EXCLUDED."updatedAt"`
  await tx.$executeRaw`
    UPDATE "User" u SET "collegeId" = r."collegeId", "level" = r."level", "updatedAt" = ${now}
    FROM "StudentRecord" r
    WHERE u."studentNumber" = r."studentNumber" AND r."studentNumber" = ANY(${rows.map((r) => r.studentNumber)}::text[])
      AND 'student' = ANY(u."roles") AND (u."collegeId" IS DISTINCT FROM r."collegeId" OR u."level" IS DISTINCT FROM r."level")`
}

/** A GPA in hundredths as the forms and pages show it (3.60 → 3.6). */
const gpaNumber = (hundredths: number) => hundredths / 100

/** The record of a student number, as the student and their reviewers may see it. */
async function studentRecord(studentNumber: string | null | undefined, db: Prisma.TransactionClient = prisma) {
  if (!studentNumber) return null
  const record = await db.studentRecord.findUnique({
    where: { studentNumber },
    select: {
      gpaHundredths: true,
      gpaScale: true,
      level: true,
      programme: true,
      enrolmentYear: true,
      college: { select: { nameZh: true, nameEn: true } },
    },
  })
  if (!record) return null
  const { gpaHundredths, ...rest } = record
  return { ...rest, gpa: gpaNumber(gpaHundredths), gpaScale: record.gpaScale as GpaScale }
}

/** The GPA and scale of a student's imported record, or null when the university has none for them. */
export async function recordedGpa(userId: string): Promise<{ gpa: number; gpaScale: GpaScale } | null> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { studentNumber: true } })
  const record = await studentRecord(user?.studentNumber)
  return record && { gpa: record.gpa, gpaScale: record.gpaScale }
}

/**
 * What the student's home shows of them: who the university says they are, and their record (null
 * when the university's records do not list them: the page says whom to contact).
 */
export async function studentProfile(userId: string) {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      nameZh: true,
      nameEn: true,
      studentNumber: true,
      level: true,
      identitySource: true,
      college: { select: { nameZh: true, nameEn: true } },
    },
  })
  if (!user) return null
  const { identitySource, ...shown } = user
  return { ...shown, campus: identitySource !== 'password', record: await studentRecord(user.studentNumber) }
}

export type ValueSource = 'records' | 'student'

/**
 * Where each value a reviewer sees comes from: the applicant's student number, college and level
 * are the university's when it has a record of them or they signed in through the campus sign-on;
 * an answer is the university's only where it is the record's (the GPA and its scale); every other
 * answer is the student's own. Also the record's programme and year of enrolment, for the summary.
 */
export async function applicationSources(applicantId: string, details: Record<string, unknown>, fields: readonly string[]) {
  const applicant = await prisma.user.findUnique({ where: { id: applicantId }, select: { studentNumber: true, identitySource: true } })
  const record = await studentRecord(applicant?.studentNumber)
  const gpaIsRecords = !!record && details.gpa === record.gpa && details.gpaScale === record.gpaScale
  const answers = Object.fromEntries(
    fields.map((f): [string, ValueSource] => [f, gpaIsRecords && (f === 'gpa' || f === 'gpaScale') ? 'records' : 'student']),
  )
  return {
    applicant: (record || applicant?.identitySource !== 'password' ? 'records' : 'student') as ValueSource,
    answers,
    record: record && { programme: record.programme, enrolmentYear: record.enrolmentYear },
  }
}
