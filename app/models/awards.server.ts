// Awards inside a status change's transaction: proposed when an application reaches funding
// check (from its conference budget lines, or from the stipend rule and the months abroad), and
// released when the application is withdrawn, cancelled or returned by finance. Every change is
// audited with who and why (changeAward, which finance's commitment and payment use too).
import { monthlyStipendFen, stipendMonths, type AwardLines, type AwardStatus, type StipendRules } from '~/domain/funding'
import { budgetLines, type BudgetLines } from '~/domain/money'
import type { Prisma } from '~/generated/prisma/client'
import { recordAudit, type AuditEntry } from '~/lib/audit.server'

type Tx = Prisma.TransactionClient

/** The lines an application asks for: conference budget lines, or one stipend line. */
function proposedLines(
  application: { kind: string; details: Prisma.JsonValue },
  program: { stipendRules: Prisma.JsonValue; partner: { region: string } | null },
  fund: { stipendRules: Prisma.JsonValue },
): AwardLines {
  const details = (application.details ?? {}) as { budget?: BudgetLines; startDate?: string; endDate?: string }
  if (application.kind === 'conference') {
    const budget = details.budget ?? {}
    return Object.fromEntries(budgetLines.filter((l) => (budget[l] ?? 0) > 0).map((l) => [l, { requestedFen: budget[l]! }]))
  }
  const monthly = program.partner
    ? monthlyStipendFen(program.partner.region, program.stipendRules as StipendRules, fund.stipendRules as StipendRules)
    : null
  const months = stipendMonths(details.startDate ?? '', details.endDate ?? '')
  // Without a rule for the region finance sees a zero line and a flag, and sets the amount.
  return { stipend: { requestedFen: (monthly ?? 0) * months } }
}

const linesTotal = (lines: AwardLines, key: 'requestedFen' | 'approvedFen' | 'actualFen') =>
  Object.values(lines).reduce((sum, line) => sum + (line[key] ?? 0), 0)

/** Proposes the award of an application entering funding check (once: an open proposal is kept). */
export async function proposeAward(tx: Tx, applicationId: string, actorId: string | null) {
  const application = await tx.application.findUniqueOrThrow({
    where: { id: applicationId },
    include: { program: { include: { partner: true, fund: true } }, awards: { where: { status: 'proposed' } } },
  })
  const fund = application.program.fund
  if (!fund || application.awards.length) return null
  const lines = proposedLines(application, application.program, fund)
  const award = await tx.award.create({
    data: {
      applicationId,
      fundId: fund.id,
      collegeId: application.collegeId,
      lines: lines,
      requestedFen: linesTotal(lines, 'requestedFen'),
    },
  })
  await recordAudit(tx, {
    actorId,
    action: 'award.propose',
    entityType: 'award',
    entityId: award.id,
    applicationId,
    after: { fundId: fund.id, requestedFen: award.requestedFen, lines: lines },
  })
  return award
}

/**
 * Gives the money of an application's open awards back: a proposal ends with nothing released, a
 * commitment releases what it had committed. Paid awards stay as they are.
 */
export async function releaseAwards(tx: Tx, applicationId: string, actorId: string | null, reason: string) {
  const awards = await tx.award.findMany({ where: { applicationId, status: { in: ['proposed', 'committed'] } } })
  for (const award of awards) {
    const releasedFen = award.status === 'committed' ? award.approvedFen : 0
    const released = await changeAward(tx, award, {
      data: { status: 'released', releasedFen },
      audit: {
        actorId,
        action: 'award.release',
        before: { status: award.status, approvedFen: award.approvedFen },
        after: { status: 'released', releasedFen },
        reason,
      },
    })
    if (!released) throw new Error(`Award ${award.id} changed during its release`)
  }
}

type AwardChange = {
  data: Omit<Prisma.AwardUpdateManyMutationInput, 'version'>
  audit: Pick<AuditEntry, 'actorId' | 'action' | 'before' | 'after' | 'reason'>
}

/**
 * Changes an award still in the status and version it was read in, and audits the change in the
 * same transaction; false (nothing written) when someone changed the award first.
 */
export async function changeAward(
  tx: Tx,
  award: { id: string; applicationId: string; status: AwardStatus; version: number },
  { data, audit }: AwardChange,
): Promise<boolean> {
  const changed = await tx.award.updateMany({
    where: { id: award.id, status: award.status, version: award.version },
    data: { ...data, version: { increment: 1 } },
  })
  if (changed.count !== 1) return false
  await recordAudit(tx, { ...audit, entityType: 'award', entityId: award.id, applicationId: award.applicationId })
  return true
}
