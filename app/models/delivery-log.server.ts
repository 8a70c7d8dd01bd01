import type { OutboxStatus } from '~/generated/prisma/client'
import { recordAudit } from '~/lib/audit.server'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { resendMessage } from '~/lib/outbox.server'

const DELIVERY_PAGE_SIZE = 50

/** The outbox as administrators see it: newest first, failures easy to find. */
export async function deliveryLog({ status, page }: { status?: OutboxStatus; page: number }) {
  const where = status ? { status } : {}
  const [rows, total, counts] = await Promise.all([
    prisma.outboxMessage.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      skip: (page - 1) * DELIVERY_PAGE_SIZE,
      take: DELIVERY_PAGE_SIZE,
      select: {
        id: true,
        template: true,
        toAddress: true,
        locale: true,
        status: true,
        attempts: true,
        lastError: true,
        createdAt: true,
        sentAt: true,
      },
    }),
    prisma.outboxMessage.count({ where }),
    prisma.outboxMessage.groupBy({ by: ['status'], _count: { _all: true } }),
  ])
  return {
    rows,
    total,
    page,
    pages: Math.max(1, Math.ceil(total / DELIVERY_PAGE_SIZE)),
    counts: Object.fromEntries(counts.map((c) => [c.status, c._count._all])) as Partial<Record<OutboxStatus, number>>,
  }
}

/** Queues a failed email again, with the administrator's action in the audit trail. */
export function resendFailed(actor: SessionUser, messageId: string): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const requeued = await resendMessage(messageId, tx)
    if (requeued) await recordAudit(tx, { actorId: actor.id, action: 'email.resend', entityType: 'outboxMessage', entityId: messageId })
    return requeued
  })
}
