// A round's public announcement (公示): the allocation as published, read by everyone signed in
// (name, college, program: nothing else about a person), and the objections (异议) lodged during
// it, which the office answers. Offers wait for the end of the period and for every answer.
import { refuse, type Result } from '~/domain/result'
import { shanghaiDate } from '~/domain/dates'
import { announcementRunning } from '~/domain/rounds'
import { runsRounds } from '~/domain/access'
import { recordAudit } from '~/lib/audit.server'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import type { Proposal } from './round-selection.server'

const PUBLISHED_PHASES = ['announced', 'offering', 'closed'] as const
/** Objections one person may have waiting for an answer in a round (each holds the offers back). */
const MAX_OPEN_OBJECTIONS = 3

/** The published list of a round, or null when it has not been published. */
export async function publishedAllocation(roundId: string) {
  const round = await prisma.selectionRound.findFirst({
    where: { id: roundId, phase: { in: [...PUBLISHED_PHASES] } },
    select: {
      id: true,
      titleZh: true,
      titleEn: true,
      phase: true,
      announcedAt: true,
      announcementEndsOn: true,
      proposal: true,
      programs: { select: { id: true, titleZh: true, titleEn: true } },
    },
  })
  if (!round) return null
  const placements = (round.proposal as Proposal).placements
  const people = await prisma.application.findMany({
    where: { id: { in: placements.map((p) => p.applicantId) } },
    select: { id: true, applicant: { select: { nameZh: true, nameEn: true } }, college: { select: { nameZh: true, nameEn: true } } },
  })
  const byId = new Map(people.map((p) => [p.id, p]))
  const programs = new Map(round.programs.map((p) => [p.id, p]))
  const rows = placements.flatMap((p) => {
    const person = byId.get(p.applicantId)
    const program = programs.get(p.programId)
    return person && program
      ? [{ name: person.applicant, college: person.college, program: { titleZh: program.titleZh, titleEn: program.titleEn } }]
      : []
  })
  rows.sort((a, b) => a.program.titleEn.localeCompare(b.program.titleEn) || a.name.nameEn.localeCompare(b.name.nameEn))
  const { proposal: _proposal, programs: _programs, ...shown } = round
  return { ...shown, rows }
}

export type ObjectionResult = Result

/** Anyone signed in may object while the announcement runs; the office is told on its round page. */
export async function lodgeObjection(user: SessionUser, roundId: string, body: string, now = new Date()): Promise<ObjectionResult> {
  return prisma.$transaction(async (tx) => {
    const round = await tx.selectionRound.findUnique({ where: { id: roundId }, select: { phase: true, announcementEndsOn: true } })
    if (!round) return refuse('round.error.notFound')
    if (!announcementRunning(round, shanghaiDate(now))) return refuse('round.error.announcementOver')
    // Each objection holds the offers back until answered: a few open at a time per person.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('round objections'), hashtext(${user.id}))`
    if ((await tx.objection.count({ where: { roundId, authorId: user.id, answeredAt: null } })) >= MAX_OPEN_OBJECTIONS) {
      return refuse('round.error.tooManyObjections')
    }
    const objection = await tx.objection.create({ data: { roundId, authorId: user.id, body } })
    await recordAudit(tx, {
      actorId: user.id,
      action: 'round.objection',
      entityType: 'round',
      entityId: roundId,
      after: { objectionId: objection.id },
    })
    return { ok: true }
  })
}

/** The office answers an objection, once; the answer is shown to its author. */
export async function answerObjection(
  user: SessionUser,
  roundId: string,
  objectionId: string,
  answer: string,
  now = new Date(),
): Promise<ObjectionResult> {
  if (!runsRounds(user)) return refuse('round.error.notFound')
  return prisma.$transaction(async (tx) => {
    const updated = await tx.objection.updateMany({
      where: { id: objectionId, roundId, answeredAt: null },
      data: { answer, answeredById: user.id, answeredAt: now },
    })
    if (updated.count !== 1) {
      const exists = await tx.objection.count({ where: { id: objectionId, roundId } })
      return refuse(exists ? 'round.error.answered' : 'round.error.notFound')
    }
    await recordAudit(tx, {
      actorId: user.id,
      action: 'round.objection_answer',
      entityType: 'round',
      entityId: roundId,
      after: { objectionId },
    })
    return { ok: true }
  })
}

/** The objections a reader may see: the office every one, with who lodged it; anyone else their own. */
export async function objectionsFor(user: SessionUser, roundId: string) {
  const office = runsRounds(user)
  const objections = await prisma.objection.findMany({
    where: { roundId, ...(office ? {} : { authorId: user.id }) },
    select: { id: true, authorId: true, body: true, answer: true, answeredAt: true, createdAt: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  })
  const authors = office
    ? await prisma.user.findMany({
        where: { id: { in: objections.map((o) => o.authorId) } },
        select: { id: true, nameZh: true, nameEn: true },
      })
    : []
  return objections.map(({ authorId, ...o }) => ({ ...o, author: authors.find((a) => a.id === authorId) ?? null }))
}
