// A round's offers: once the announcement is over and every objection answered, the placed are
// offered their place and the rest go on the reserve list in rank order; the student accepts (then
// as an approval: finance sees the award as today) or declines by the round's deadline. A place
// given back, by a decline, a withdrawal or a lapsed offer, is offered to the next on the reserve
// list by rank (status-change.server.ts offerToNextInReserve). Every change goes through the door.
import { refuse, type Result } from '~/domain/result'
import { shanghaiDate } from '~/domain/dates'
import { offersBlockedBy, ROUND_TRANSACTION } from '~/domain/rounds'
import type { ApplicationStatus } from '~/domain/workflow'
import { recordAudit } from '~/lib/audit.server'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { ownedBy } from './access.server'
import type { Proposal } from './round-selection.server'
import { applyCommand, offerToNextInReserve, type Actor } from './status-change.server'

export type SendOffersResult = Result<{ offered: number; reserve: number }>

/** Makes the round's offers: the office's final approvals in a round, after the announcement. */
export async function sendOffers(user: SessionUser, roundId: string, now = new Date()): Promise<SendOffersResult> {
  const actor: Actor = { id: user.id, roles: user.roles }
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "SelectionRound" WHERE id = ${roundId} FOR UPDATE`
    const round = await tx.selectionRound.findUnique({ where: { id: roundId } })
    if (!round) return refuse('round.error.notFound')
    const open = await tx.objection.count({ where: { roundId, answeredAt: null } })
    const blocked = offersBlockedBy(round, open, shanghaiDate(now))
    if (blocked) return refuse(blocked)
    if (now > round.offerDeadline) return refuse('round.error.offerClosed')
    await tx.selectionRound.update({ where: { id: roundId }, data: { phase: 'offering', offersSentAt: now, version: { increment: 1 } } })
    const proposal = round.proposal as Proposal
    const placed = new Set(proposal.placements.map((p) => p.applicantId))
    const reserveList = new Set(proposal.reserve)
    // Those the office held out of the allocation stay with the office (to reject), off the reserve list.
    const waiting = await tx.application.findMany({
      where: { roundId, status: 'college_endorsed', id: { in: [...placed, ...reserveList] } },
      select: { id: true, status: true, version: true, reserveRank: true },
      orderBy: [{ reserveRank: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
    })
    let offered = 0
    let reserve = 0
    for (const application of waiting) {
      const command = placed.has(application.id) ? 'round_offer' : 'round_reserve'
      const outcome = await applyCommand(tx, { actor, application, command, now, overQuota: command === 'round_offer' })
      if (!outcome.ok) throw new Error(`The round's ${command} was refused for ${application.id}: ${outcome.error}`)
      if (command === 'round_offer') offered++
      else reserve++
    }
    // A place whose student left the round before the offers (withdrew, was rejected) goes down the reserve list.
    const offeredIds = new Set(waiting.filter((a) => placed.has(a.id)).map((a) => a.id))
    for (const p of proposal.placements) {
      if (!offeredIds.has(p.applicantId) && (await offerToNextInReserve(tx, roundId, p.programId, now))) offered++
    }
    await recordAudit(tx, { actorId: user.id, action: 'round.offers', entityType: 'round', entityId: roundId, after: { offered, reserve } })
    return { ok: true, offered, reserve }
  }, ROUND_TRANSACTION)
}

export type AnswerOfferResult = Result<{ status: ApplicationStatus }>

/** The student accepts or declines their offer, by the round's deadline. */
export async function answerOffer(
  user: SessionUser,
  applicationId: string,
  seen: { status: ApplicationStatus; version: number },
  accept: boolean,
  now = new Date(),
): Promise<AnswerOfferResult> {
  return prisma.$transaction(async (tx) => {
    const application = await tx.application.findFirst({
      where: { AND: [{ id: applicationId, roundId: { not: null } }, ownedBy(user)] },
      select: { round: { select: { offerDeadline: true } } },
    })
    if (!application?.round) return refuse('round.error.notFound')
    if (now > application.round.offerDeadline) return refuse('round.error.offerClosed')
    const outcome = await applyCommand(tx, {
      actor: { id: user.id, roles: ['student'] },
      application: { id: applicationId, ...seen },
      command: accept ? 'accept_offer' : 'decline_offer',
      now,
    })
    if (outcome.ok) return { ok: true, status: outcome.status }
    return refuse(
      outcome.error === 'rv.error.notFound' || outcome.error === 'rv.error.forbidden' ? 'round.error.notFound' : 'round.error.stale',
    )
  })
}

/** Offers not answered by their round's deadline lapse: the place goes to the next on the reserve list. */
export async function lapseOffers(now = new Date()): Promise<number> {
  const lapsed = await prisma.application.findMany({
    where: { status: 'offered', round: { offerDeadline: { lt: now } } },
    select: { id: true, status: true, version: true },
  })
  let count = 0
  for (const application of lapsed) {
    const outcome = await prisma.$transaction((tx) =>
      applyCommand(tx, {
        actor: { id: null, roles: ['office_reviewer'] },
        application,
        command: 'offer_lapse',
        now,
        reason: 'offer deadline passed',
      }),
    )
    if (outcome.ok) count++
  }
  return count
}

/** Said to the students left on the reserve list when their round closes (in both languages: the system writes it). */
const CLOSED_REASON = '本轮选拔已结束，递补名单中未能获得名额。The selection round is closed: no place became free for the reserve list.'

/**
 * After the offer deadline, once no offer waits for an answer, a round closes: the students still on
 * its reserve list are told they got no place (through the door), and nothing more happens in it.
 */
export async function closeFinishedRounds(now = new Date()): Promise<number> {
  const finished = await prisma.selectionRound.findMany({
    where: { phase: 'offering', offerDeadline: { lt: now }, applications: { none: { status: 'offered' } } },
    select: { id: true },
  })
  for (const { id } of finished) {
    await prisma.$transaction(async (tx) => {
      const reserve = await tx.application.findMany({
        where: { roundId: id, status: 'waitlisted' },
        select: { id: true, status: true, version: true },
      })
      for (const application of reserve) {
        await applyCommand(tx, {
          actor: { id: null, roles: ['office_reviewer'] },
          application,
          command: 'office_reject',
          now,
          reason: CLOSED_REASON,
        })
      }
      await tx.selectionRound.update({ where: { id }, data: { phase: 'closed', version: { increment: 1 } } })
      await recordAudit(tx, {
        actorId: null,
        action: 'round.close',
        entityType: 'round',
        entityId: id,
        after: { reserveClosed: reserve.length },
      })
    }, ROUND_TRANSACTION)
  }
  return finished.length
}
