import { fenToYuanInput } from '~/domain/money'
import type { FieldMessage, Result } from '~/domain/result'
import { type Prisma } from '~/generated/prisma/client'
import type { SessionUser } from '~/lib/auth.server'
import { recordAudit } from '~/lib/audit.server'
import { prisma } from '~/lib/db.server'
import type { ListQuery } from '~/schemas/admin'

// What every administration model shares: paging, the retired filter, audit snapshots, retiring.

const ADMIN_PAGE_SIZE = 50

/** The row saved, or refused: not found (a 404), or with a message per field (app/domain/result.ts). */
export type SaveResult = Result<{ id: string }>
export type FieldErrors = Record<string, FieldMessage>

export function paging(query: Pick<ListQuery, 'page'>) {
  return { skip: (query.page - 1) * ADMIN_PAGE_SIZE, take: ADMIN_PAGE_SIZE }
}

export function pageInfo(total: number, page: number) {
  return { total, page, pages: Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE)) }
}

/** The `show` filter of a list: current rows (not retired), retired ones, or all. */
export function retiredFilter(show: ListQuery['show']) {
  return show === 'current' ? { retiredAt: null } : show === 'retired' ? { retiredAt: { not: null } } : {}
}

export { isUniqueViolation } from '~/lib/bulk-insert.server'

/** A row as audit JSON: BigInt money as a string of fen, dates as ISO strings. */
export function snapshot(row: object): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(row, (_key, value) => (typeof value === 'bigint' ? value.toString() : value)))
}

/** Amounts in fen keyed by region, line or college, as the yuan strings a form shows. */
export function yuanInputs(record: Record<string, number | bigint | string>) {
  return Object.fromEntries(Object.entries(record).map(([key, fen]) => [key, fenToYuanInput(BigInt(fen))]))
}

const retirable = {
  college: (tx: Prisma.TransactionClient) => tx.college,
  partner: (tx: Prisma.TransactionClient) => tx.partnerInstitution,
  program: (tx: Prisma.TransactionClient) => tx.program,
  fund: (tx: Prisma.TransactionClient) => tx.fund,
  agreement: (tx: Prisma.TransactionClient) => tx.partnerAgreement,
} as const
export type RetirableEntity = keyof typeof retirable

/**
 * Retires a row (hidden from the catalogue and from new use; its history stays) or brings it back.
 * Nothing an application, award or allocation refers to is ever deleted.
 */
export async function setRetired(
  actor: SessionUser,
  entity: RetirableEntity,
  id: string,
  retire: boolean,
): Promise<'ok' | 'notFound' | 'unchanged'> {
  return prisma.$transaction(async (tx) => {
    // The delegates differ in type but share update/findUnique with these arguments.
    const table = retirable[entity](tx) as unknown as Prisma.CollegeDelegate
    const before = await table.findUnique({ where: { id }, select: { id: true, retiredAt: true } })
    if (!before) return 'notFound'
    if ((before.retiredAt !== null) === retire) return 'unchanged'
    const after = await table.update({
      where: { id },
      data: { retiredAt: retire ? new Date() : null },
      select: { id: true, retiredAt: true },
    })
    await recordAudit(tx, {
      actorId: actor.id,
      action: `${entity}.${retire ? 'retire' : 'unretire'}`,
      entityType: entity,
      entityId: id,
      before: snapshot(before),
      after: snapshot(after),
    })
    return 'ok'
  })
}
