import type { Prisma } from '~/generated/prisma/client'
import { insertRows } from './bulk-insert.server'

export type AuditEntry = {
  actorId: string | null
  action: string
  entityType: string
  entityId: string
  applicationId?: string
  before?: Prisma.InputJsonValue
  after?: Prisma.InputJsonValue
  reason?: string
}

/** Appends to the audit trail inside the caller's transaction, so the change and its record commit together. */
export function recordAudit(tx: Prisma.TransactionClient, entry: AuditEntry) {
  return tx.auditEvent.create({ data: entry })
}

/** recordAudit for many entries in one statement (bulk imports). */
export async function recordAudits(tx: Prisma.TransactionClient, entries: AuditEntry[]): Promise<void> {
  await insertRows(tx, 'AuditEvent', entries)
}
