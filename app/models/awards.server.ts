// Awards inside a status change's transaction: proposed when an application reaches funding
// check (from its conference budget lines, or from the stipend rule and the months abroad), and
// released when the application is withdrawn, cancelled or returned by finance. Every change is
// audited with who and why (changeAward, which finance's commitment and payment use too).
import { monthlyStipendFen, stipendMonths, type AwardLines, type AwardStatus, type Cadence, type StipendRules } from '~/domain/funding'
import { closing, fiscalYearOf, scheduleFor } from '~/domain/instalments'
import { shanghaiDate } from '~/domain/dates'
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
 * commitment releases what it had committed and not yet paid, and its schedule stops (instalments
 * already paid stay paid). Closed awards stay as they are.
 */
export async function releaseAwards(tx: Tx, applicationId: string, actorId: string | null, reason: string, now = new Date()) {
  const awards = await tx.award.findMany({ where: { applicationId, status: { in: ['proposed', 'committed'] } } })
  for (const award of awards) {
    const { releasedFen } = award.status === 'committed' ? closing(award) : { releasedFen: 0 }
    const released = await changeAward(tx, award, {
      data: { status: 'released', releasedFen },
      audit: {
        actorId,
        action: 'award.release',
        before: { status: award.status, approvedFen: award.approvedFen, paidFen: award.paidFen },
        after: { status: 'released', releasedFen, paidFen: award.paidFen, stoppedInstalments: await stopSchedule(tx, award.id) },
        reason,
      },
    })
    if (!released) throw new Error(`Award ${award.id} changed during its release`)
    await recordMovement(tx, award, { kind: 'release', amountFen: releasedFen, on: shanghaiDate(now), actorId })
  }
}

export type Movement = {
  kind: 'commit' | 'pay' | 'release' | 'carry'
  amountFen: number
  /** The Beijing day of the movement: its fiscal year is that day's year. */
  on: string
  voucherNumber?: string
  actorId: string | null
}

/**
 * Writes one movement of an award's money to the ledger (ADR 0028), in the transaction that moves
 * it: with the fund's academic year and the day's fiscal year. Nothing moved, nothing written.
 */
export async function recordMovement(tx: Tx, award: { id: string; fundId: string; collegeId: string }, movement: Movement) {
  if (movement.amountFen <= 0) return
  const fund = await tx.fund.findUniqueOrThrow({ where: { id: award.fundId }, select: { academicYear: true } })
  await tx.fundMovement.create({
    data: {
      awardId: award.id,
      fundId: award.fundId,
      collegeId: award.collegeId,
      academicYear: fund.academicYear,
      fiscalYear: fiscalYearOf(movement.on),
      kind: movement.kind,
      amountFen: movement.amountFen,
      on: new Date(`${movement.on}T00:00:00Z`),
      voucherNumber: movement.voucherNumber,
      actorId: movement.actorId,
    },
  })
}

/** Stops an award's unpaid instalments (it is closed or released); how many were stopped. */
export async function stopSchedule(tx: Tx, awardId: string): Promise<number> {
  return (await tx.instalment.updateMany({ where: { awardId, status: 'planned' }, data: { status: 'stopped' } })).count
}

/**
 * The payment schedule of a commitment just made: a stipend as its rule says (the program's
 * `instalments`, else the fund's, else once) over the months abroad from the start of the stay,
 * conference money once, after the conference. Never due before the day of the commitment.
 */
export async function scheduleAward(
  tx: Tx,
  award: { id: string; approvedFen: number },
  application: { kind: string; details: Prisma.JsonValue },
  rules: { program: Prisma.JsonValue; fund: Prisma.JsonValue },
  today: string,
) {
  const details = (application.details ?? {}) as { startDate?: string; endDate?: string }
  const stipend = application.kind !== 'conference'
  const cadence: Cadence = stipend
    ? ((rules.program as StipendRules).instalments ?? (rules.fund as StipendRules).instalments ?? 'once')
    : 'once'
  const from = (stipend ? details.startDate : details.endDate) ?? today
  const planned = scheduleFor({
    approvedFen: award.approvedFen,
    cadence,
    months: stipendMonths(details.startDate ?? '', details.endDate ?? ''),
    firstDay: from > today ? from : today,
  })
  await tx.instalment.createMany({
    data: planned.map((i) => ({ awardId: award.id, seq: i.seq, dueOn: new Date(`${i.dueOn}T00:00:00Z`), amountFen: i.amountFen })),
  })
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
