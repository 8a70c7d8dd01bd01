// Selection rounds as the office sets them up and students find them: open a round over some of a
// year's programs, list and read rounds. The selection itself (scores, allocation) is in
// round-selection.server.ts, the announcement in round-announcement.server.ts, offers in
// round-offers.server.ts.
import { runsRounds } from '~/domain/access'
import { refuse, type Result } from '~/domain/result'
import type { ProgramKind } from '~/domain/program'
import { roundStage } from '~/domain/rounds'
import type { Prisma } from '~/generated/prisma/client'
import { recordAudit } from '~/lib/audit.server'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import type { OpenRound } from '~/schemas/rounds'

const startOfDay = (iso: string) => new Date(`${iso}T00:00:00.000+08:00`)
const endOfDay = (iso: string) => new Date(`${iso}T23:59:59.999+08:00`)

export type OpenRoundResult = Result<{ roundId: string }>

/**
 * Opens a round over programs of its kind and academic year that are in no other round. The
 * programs take the round's application window: students apply to them through the round.
 */
export async function openRound(actor: SessionUser, input: OpenRound): Promise<OpenRoundResult> {
  const ids = [...new Set(input.programIds)]
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('selection-round programs'))`
    const programs = await tx.program.findMany({
      where: { id: { in: ids }, kind: input.kind, academicYear: input.academicYear, retiredAt: null, roundId: null },
      select: { id: true },
    })
    if (ids.length === 0 || programs.length !== ids.length) return refuse('round.error.programs')
    const opensAt = startOfDay(input.opensOn)
    const closesAt = endOfDay(input.closesOn)
    const round = await tx.selectionRound.create({
      data: {
        titleZh: input.titleZh,
        titleEn: input.titleEn,
        kind: input.kind,
        academicYear: input.academicYear,
        opensAt,
        closesAt,
        maxChoices: input.maxChoices,
        announcementDays: input.announcementDays,
        offerDeadline: endOfDay(input.offerDeadlineOn),
        formula: input.formula,
        createdById: actor.id,
      },
    })
    await tx.program.updateMany({ where: { id: { in: ids } }, data: { roundId: round.id, opensAt, closesAt } })
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'round.open',
      entityType: 'round',
      entityId: round.id,
      after: { ...input, programIds: ids } as Prisma.InputJsonObject,
    })
    return { ok: true, roundId: round.id } as const
  })
}

export type Schedule = { closesOn: string; offerDeadlineOn: string; announcementDays: number; version: number }

/**
 * Changes a round's dates while it is still open (before its allocation is confirmed): the close
 * of applications (its programs follow), the offer deadline and the announcement's length. The
 * page's version guards against a change made meanwhile; a proposal made before stays to be rerun
 * (confirming refuses one that no longer matches the applications).
 */
export async function rescheduleRound(actor: SessionUser, roundId: string, input: Schedule): Promise<Result> {
  if (!runsRounds(actor)) return refuse('round.error.notFound')
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "SelectionRound" WHERE id = ${roundId} FOR UPDATE`
    const round = await tx.selectionRound.findUnique({ where: { id: roundId } })
    if (!round) return refuse('round.error.notFound')
    if (round.phase !== 'open') return refuse('round.error.scheduleFixed')
    if (round.version !== input.version) return refuse('round.error.staleSchedule')
    const closesAt = endOfDay(input.closesOn)
    if (closesAt < round.opensAt) return refuse('round.error.closesBeforeOpens')
    const after = { closesAt, offerDeadline: endOfDay(input.offerDeadlineOn), announcementDays: input.announcementDays }
    await tx.selectionRound.update({ where: { id: roundId }, data: { ...after, version: { increment: 1 } } })
    await tx.program.updateMany({ where: { roundId }, data: { closesAt } })
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'round.schedule',
      entityType: 'round',
      entityId: roundId,
      before: { closesAt: round.closesAt, offerDeadline: round.offerDeadline, announcementDays: round.announcementDays },
      after,
    })
    return { ok: true } as const
  })
}

/** The programs a new round may take: of the kind and year, not retired, in no round yet. */
export function programsFreeForRound(kind: ProgramKind, academicYear: string) {
  return prisma.program.findMany({
    where: { kind, academicYear, retiredAt: null, roundId: null },
    select: { id: true, titleZh: true, titleEn: true, quota: true, partner: { select: { nameZh: true, nameEn: true } } },
    orderBy: [{ titleEn: 'asc' }, { id: 'asc' }],
  })
}

const roundSummarySelect = {
  id: true,
  titleZh: true,
  titleEn: true,
  kind: true,
  academicYear: true,
  opensAt: true,
  closesAt: true,
  maxChoices: true,
  phase: true,
  announcementEndsOn: true,
  offerDeadline: true,
} satisfies Prisma.SelectionRoundSelect

/** Every round, newest first, with where it stands. */
export async function listRounds(now = new Date()) {
  const rounds = await prisma.selectionRound.findMany({ select: roundSummarySelect, orderBy: [{ opensAt: 'desc' }, { id: 'asc' }] })
  return rounds.map((r) => ({ ...r, stage: roundStage(r, now) }))
}

/** One round with its programs (places, partner), for the student's choices and the office's pages. */
export async function getRound(roundId: string, now = new Date()) {
  const round = await prisma.selectionRound.findUnique({
    where: { id: roundId },
    select: {
      ...roundSummarySelect,
      announcementDays: true,
      formula: true,
      offersSentAt: true,
      programs: {
        where: { retiredAt: null },
        select: {
          id: true,
          titleZh: true,
          titleEn: true,
          quota: true,
          levels: true,
          requirements: true,
          partner: { select: { id: true, nameZh: true, nameEn: true, countryZh: true, countryEn: true } },
        },
        orderBy: [{ titleEn: 'asc' }, { id: 'asc' }],
      },
    },
  })
  return round && { ...round, stage: roundStage(round, now) }
}
