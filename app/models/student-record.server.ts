// Students' records from the university's academic affairs system (教务系统): imported by an
// administrator each term (models/import.server.ts, kind "records"), read by the student's home,
// the application form (the GPA, read-only) and the review page (what came from the university).
import type { GpaScale } from '~/domain/eligibility'
import type { StudentLevel } from '~/domain/roles'
import { Prisma } from '~/generated/prisma/client'
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
export const gpaNumber = (hundredths: number) => hundredths / 100

/** The record of a student number, as the student and their reviewers may see it. */
export async function studentRecord(studentNumber: string | null | undefined, db: Prisma.TransactionClient = prisma) {
  if (!studentNumber) return null
  const record = await db.studentRecord.findUnique({
    where: { studentNumber },
    select: { gpaHundredths: true, gpaScale: true, level: true, programme: true, enrolmentYear: true, college: { select: { nameZh: true, nameEn: true } } },
  })
  if (!record) return null
  const { gpaHundredths, ...rest } = record
  return { ...rest, gpa: gpaNumber(gpaHundredths), gpaScale: record.gpaScale as GpaScale }
}

export type StudentRecordView = NonNullable<Awaited<ReturnType<typeof studentRecord>>>

