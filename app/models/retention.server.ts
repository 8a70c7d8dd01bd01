// Retention (PIPL: deletion when the purpose ends). The admin sets a period per kind of data
// (app/domain/personal-data.ts retentionKinds); the daily job (app/jobs/retention.server.ts)
// deletes the files and anonymises the answers of applications past it, and the read log's old
// rows, and records what it removed. Anonymising keeps what the dashboard and finance figures
// count (status, college, program, kind, dates, country, awards): the totals stay the same.
import {
  anonymisedAnswers,
  retentionCutoff,
  retentionKinds,
  retentionPeriods,
  retentionRules,
  type RetentionKind,
} from '~/domain/personal-data'
import { Prisma } from '~/generated/prisma/client'
import { recordAudit } from '~/lib/audit.server'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { deleteObject } from '~/lib/storage.server'

type Tx = Prisma.TransactionClient

/** Applications handled per run and kind: a long backlog is worked off over several days. */
const BATCH = 200

/** The periods in force, in months. */
export async function retentionSettings(): Promise<Record<RetentionKind, number>> {
  return retentionPeriods(await prisma.retentionSetting.findMany({ select: { kind: true, months: true } }))
}

/** The admin sets the periods; the change is audited with the periods before and after. */
export async function saveRetention(admin: Pick<SessionUser, 'id'>, months: Record<RetentionKind, number>): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const before = retentionPeriods(await tx.retentionSetting.findMany({ select: { kind: true, months: true } }))
    for (const kind of retentionKinds) {
      await tx.retentionSetting.upsert({
        where: { kind },
        create: { kind, months: months[kind], updatedById: admin.id },
        update: { months: months[kind], updatedById: admin.id },
      })
    }
    await recordAudit(tx, {
      actorId: admin.id,
      action: 'privacy.retention.set',
      entityType: 'retention',
      entityId: 'settings',
      before,
      after: months,
    })
  })
}

/**
 * Deletes the application's files (rows now, objects after commit) and removes its personal
 * answers, keeping what the figures count. Used by retention and by a completed deletion request.
 * Returns the object keys to delete once the transaction commits; an object whose deletion fails
 * is left to the orphan-objects job (no row points at it any more).
 */
export async function eraseApplication(
  tx: Tx,
  applicationId: string,
  what: { documents: boolean; answers: boolean },
  now: Date,
): Promise<string[]> {
  const keys: string[] = []
  if (what.documents) {
    const documents = await tx.document.findMany({ where: { applicationId }, select: { objectKey: true } })
    keys.push(...documents.map((d) => d.objectKey))
    await tx.document.deleteMany({ where: { applicationId } })
    await tx.application.update({ where: { id: applicationId }, data: { documentsPurgedAt: now } })
  }
  if (what.answers) {
    const application = await tx.application.findUniqueOrThrow({ where: { id: applicationId }, select: { details: true } })
    await tx.application.update({
      where: { id: applicationId },
      data: {
        details: anonymisedAnswers(application.details) as Prisma.InputJsonValue,
        requestedChanges: Prisma.DbNull,
        anonymisedAt: now,
      },
    })
    await tx.returnReport.updateMany({ where: { applicationId }, data: { summary: '' } })
    await tx.comment.deleteMany({ where: { applicationId } })
    // The audit trail keeps its steps (who moved it when, the figures); what it quoted goes.
    await tx.$executeRaw`UPDATE "AuditEvent" SET after = after - 'messageToStudent' - 'originalName' WHERE "applicationId" = ${applicationId} AND jsonb_typeof(after) = 'object'`
  }
  return keys
}

/** Deletes objects after the rows are gone; a failure leaves an orphan for the orphan-objects job. */
export async function deleteObjects(keys: readonly string[]): Promise<number> {
  let deleted = 0
  for (const key of keys) {
    try {
      await deleteObject(key)
      deleted++
    } catch (error) {
      console.error('[retention] object left for the orphan sweep:', key, error)
    }
  }
  return deleted
}

export type RetentionRun = { documents: string[]; answers: string[]; objects: number; readEvents: number }

/** One run of the retention job: what is past its period is removed, and the run is recorded when it removed anything. */
export async function applyRetention(now = new Date()): Promise<RetentionRun> {
  const months = await retentionSettings()
  const ended = (kind: RetentionKind) => ({
    status: { in: [...retentionRules[kind].endedIn] },
    statusChangedAt: { lt: retentionCutoff(now, months[kind]) },
  })
  const pick = (where: Prisma.ApplicationWhereInput) =>
    prisma.application.findMany({ where, select: { id: true }, orderBy: { id: 'asc' }, take: BATCH }).then((rows) => rows.map((r) => r.id))
  const [documents, rejected, completed] = await Promise.all([
    pick({ ...ended('documents'), documentsPurgedAt: null }),
    pick({ ...ended('rejected_answers'), anonymisedAt: null }),
    pick({ ...ended('completed_answers'), anonymisedAt: null }),
  ])
  const answers = [...rejected, ...completed]
  const { keys, readEvents } = await prisma.$transaction(async (tx) => {
    const keys: string[] = []
    for (const id of new Set([...documents, ...answers]))
      keys.push(...(await eraseApplication(tx, id, { documents: documents.includes(id), answers: answers.includes(id) }, now)))
    const { count: readEvents } = await tx.readEvent.deleteMany({ where: { at: { lt: retentionCutoff(now, months.read_log) } } })
    if (documents.length || answers.length || readEvents)
      await recordAudit(tx, {
        actorId: null,
        action: 'privacy.retention.run',
        entityType: 'retention',
        entityId: now.toISOString().slice(0, 10),
        after: { documentsOf: documents, answersOf: answers, files: keys.length, readEvents, months },
      })
    return { keys, readEvents }
  })
  return { documents, answers, objects: await deleteObjects(keys), readEvents }
}
