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

/** A read of a student's personal data (PIPL): who read whose, what, and why for a reveal. */
export type ReadEntry = {
  actorId: string
  subjectId: string
  kind: 'application' | 'document' | 'export' | 'reveal' | 'archive'
  applicationId?: string
  documentId?: string
  detail?: string
  reason?: string
}

/**
 * Appends read-audit rows (one per student read). Reads of one's own data are not recorded: the
 * per-student view answers "who else handled my data".
 */
export async function recordReads(db: Prisma.TransactionClient, entries: ReadEntry[]): Promise<void> {
  const others = entries.filter((e) => e.actorId !== e.subjectId || e.kind === 'archive')
  if (others.length) await db.readEvent.createMany({ data: others })
}
