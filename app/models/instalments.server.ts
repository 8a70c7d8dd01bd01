// Finance's commands on an award's payment schedule (ADR 0024): pay one instalment with its
// voucher, move or resize a planned one, close the award early (releasing what is unpaid). The
// award stays committed while it is paid; every command updates it on its version (two finance
// officers paying at once: one wins, the other's page is out of date) and audits in the same
// transaction. A withdrawal stops the schedule through the one door (awards.server.ts releaseAwards).
import { isIsoDate, shanghaiDate } from '~/domain/dates'
import { closing, paymentProblem, planProblem } from '~/domain/instalments'
import { refuse, refuseFields, type FieldMessage, type Refusal } from '~/domain/result'
import { textLength } from '~/domain/text'
import type { SessionUser } from '~/lib/auth.server'
import { refusableTransaction } from '~/lib/refusable-transaction.server'
import { MAX_NOTE } from '~/schemas/finance'
import { changeAward, recordMovement, stopSchedule } from './awards.server'
import { payableAward, paymentFieldProblems, type FinanceResult } from './finance.server'

const stale = () => refuse('finance.award.stale')
const day = (date: Date) => new Date(`${shanghaiDate(date)}T00:00:00Z`)

export type InstalmentPayment = {
  awardId: string
  /** The award's version the page showed. */
  version: number
  instalmentId: string
  paidFen: number
  voucherNumber: string
  paidOn: Date
}

/** Pays one planned instalment: at most what is still committed; the award stays committed until closed. */
export async function payInstalment(actor: SessionUser, input: InstalmentPayment, now = new Date()): Promise<FinanceResult> {
  const award = await payableAward(actor, input.awardId, input.version)
  if ('error' in award) return award
  const { fields, voucherNumber } = await paymentFieldProblems(award, input, now)
  const problem = paymentProblem(award, input.paidFen)
  if (problem) fields.paidFen = problem === 'amount' ? 'finance.error.amount' : 'finance.error.paidAboveCommitted'
  if (Object.keys(fields).length) return refuseFields(fields)
  return refusableTransaction(async (tx): Promise<Refusal | void> => {
    const paidOn = day(input.paidOn)
    const marked = await tx.instalment.updateMany({
      where: { id: input.instalmentId, awardId: award.id, status: 'planned' },
      data: { status: 'paid', paidFen: input.paidFen, voucherNumber, paidOn },
    })
    if (marked.count !== 1) return stale()
    const instalment = await tx.instalment.findUniqueOrThrow({ where: { id: input.instalmentId }, select: { seq: true } })
    const paidFen = award.paidFen + input.paidFen
    const changed = await changeAward(tx, award, {
      data: { paidFen, voucherNumber, paidAt: input.paidOn },
      audit: {
        actorId: actor.id,
        action: 'award.instalment_pay',
        before: { paidFen: award.paidFen },
        after: { paidFen, instalment: instalment.seq, amountFen: input.paidFen, voucherNumber, paidOn: shanghaiDate(input.paidOn) },
      },
    })
    if (!changed) return stale()
    await recordMovement(tx, award, {
      kind: 'pay',
      amountFen: input.paidFen,
      on: shanghaiDate(input.paidOn),
      voucherNumber,
      actorId: actor.id,
    })
  })
}

export type InstalmentEdit = { awardId: string; version: number; instalmentId: string; dueOn: string; amountFen: number }

/** Moves or resizes a planned instalment: the unpaid plan never above what is still committed. */
export async function editInstalment(actor: SessionUser, input: InstalmentEdit): Promise<FinanceResult> {
  if (!isIsoDate(input.dueOn)) return refuseFields({ dueOn: 'application.error.date' })
  const award = await payableAward(actor, input.awardId, input.version)
  if ('error' in award) return award
  return refusableTransaction(async (tx): Promise<Refusal | void> => {
    const schedule = await tx.instalment.findMany({ where: { awardId: award.id }, orderBy: { seq: 'asc' } })
    const target = schedule.find((i) => i.id === input.instalmentId && i.status === 'planned')
    if (!target) return stale()
    const plan = schedule.map((i) => (i.id === target.id ? { ...i, amountFen: input.amountFen } : i))
    const problem = planProblem(award, plan)
    if (problem) {
      const fields: Record<string, FieldMessage> = {
        amountFen: problem.reason === 'amount' ? 'finance.error.amount' : 'instalment.error.aboveCommitment',
      }
      return refuseFields(fields)
    }
    await tx.instalment.update({
      where: { id: target.id },
      data: { amountFen: input.amountFen, dueOn: new Date(`${input.dueOn}T00:00:00Z`) },
    })
    const changed = await changeAward(tx, award, {
      data: {},
      audit: {
        actorId: actor.id,
        action: 'award.instalment_edit',
        before: { instalment: target.seq, dueOn: shanghaiDate(target.dueOn), amountFen: target.amountFen },
        after: { instalment: target.seq, dueOn: input.dueOn, amountFen: input.amountFen },
      },
    })
    if (!changed) return stale()
  })
}

/**
 * Closes an award before its schedule ends (an early return, or nothing more to pay): the unpaid
 * instalments stop and what is still committed goes back to the fund, so paid + released equals
 * what was approved. An award nothing was paid on ends released; one with payments ends paid.
 */
export async function closeAward(
  actor: SessionUser,
  input: { awardId: string; version: number; reason: string },
  now = new Date(),
): Promise<FinanceResult> {
  const reason = input.reason.trim()
  if (!reason || textLength(reason) > MAX_NOTE)
    return refuseFields({ reason: reason ? 'finance.error.noteTooLong' : 'finance.error.reasonRequired' })
  const award = await payableAward(actor, input.awardId, input.version)
  if ('error' in award) return award
  const settled = closing(award)
  const status = settled.paidFen > 0 ? 'paid' : 'released'
  return refusableTransaction(async (tx): Promise<Refusal | void> => {
    const stopped = await stopSchedule(tx, award.id)
    const changed = await changeAward(tx, award, {
      data: { status, releasedFen: settled.releasedFen },
      audit: {
        actorId: actor.id,
        action: 'award.close',
        before: { status: 'committed', approvedFen: award.approvedFen, paidFen: award.paidFen },
        after: { status, ...settled, stoppedInstalments: stopped },
        reason,
      },
    })
    if (!changed) return stale()
    await recordMovement(tx, award, { kind: 'release', amountFen: settled.releasedFen, on: shanghaiDate(now), actorId: actor.id })
  })
}
