// One status change of an application, the same for every actor: a conditional update on the
// status and version the actor saw, the audit row, and what the change means for the money (an
// award proposed on the way to funding check, released when the application is withdrawn,
// cancelled or returned by finance). The caller's transaction holds it all together.
import type { ApplicationStatus, Command } from '~/domain/workflow'
import type { Prisma } from '~/generated/prisma/client'
import { recordAudit } from '~/lib/audit.server'
import { proposeAward, releaseAwards } from './awards.server'

type Tx = Prisma.TransactionClient

export interface StatusChange {
  actorId: string | null
  application: { id: string; status: ApplicationStatus; version: number }
  command: Command
  to: ApplicationStatus
  now: Date
  reason?: string
  /** More columns to write with the status (e.g. the submitted details). */
  data?: Prisma.ApplicationUpdateManyMutationInput
  /** More to note in the audit row's "after". */
  after?: Record<string, Prisma.InputJsonValue>
}

/**
 * Locks one application's row until the transaction ends. Writes to its documents stay exact
 * (counts, version numbers), and a status change waits for, or is seen by, the write before it.
 */
export async function lockApplication(tx: Tx, applicationId: string) {
  await tx.$queryRaw`SELECT 1 FROM "Application" WHERE id = ${applicationId} FOR UPDATE`
}

/** Applies the change, or returns false when the row is no longer what the actor saw (stale). */
export async function changeStatus(tx: Tx, change: StatusChange): Promise<boolean> {
  const { actorId, application, command, to, now, reason } = change
  const updated = await tx.application.updateMany({
    where: { id: application.id, status: application.status, version: application.version },
    data: { ...change.data, status: to, statusChangedAt: now, version: { increment: 1 } },
  })
  if (updated.count !== 1) return false
  await recordAudit(tx, {
    actorId,
    action: `application.${command}`,
    entityType: 'application',
    entityId: application.id,
    applicationId: application.id,
    before: { status: application.status },
    after: { status: to, ...change.after },
    reason,
  })
  if (to === 'funding_check') await proposeAward(tx, application.id, actorId)
  if (to === 'withdrawn' || to === 'cancelled' || command === 'finance_return') {
    await releaseAwards(tx, application.id, actorId, reason ?? `application.${command}`)
  }
  return true
}
