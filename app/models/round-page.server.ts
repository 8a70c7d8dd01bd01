// The round page's data, for its viewer: the round and its programs for everyone signed in; a
// student's own application and choices (with the eligibility of each); the published list and
// the viewer's objections once announced; and, for the office only, the ranking with scores, the
// allocation proposal and what stands in the way of offers. Nobody else's scores or choices
// reach a student's page.
import { runsRounds } from '~/domain/access'
import { shanghaiDate } from '~/domain/dates'
import { allocationOpen, announcementRunning, offersBlockedBy } from '~/domain/rounds'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { accessFor } from './access.server'
import { objectionsFor, publishedAllocation } from './round-announcement.server'
import { choicesWithEligibility, standingInRound } from './round-application.server'
import { roundPartners } from './round-nominations.server'
import { roundReviewers } from './round-assignments.server'
import { roundRanking, type Pin, type Proposal } from './round-selection.server'
import { getRound } from './rounds.server'

async function studentSide(
  user: SessionUser,
  round: { id: string; kind: 'exchange' | 'joint_training' | 'conference'; academicYear: string },
  now: Date,
) {
  const standing = await standingInRound(user.id, round)
  if (!standing.mine) return { application: null, choices: [], inTheWay: standing.inTheWay }
  const application = await prisma.application.findUniqueOrThrow({
    where: { id: standing.mine.id },
    select: { id: true, status: true, details: true, applicant: { select: { level: true } } },
  })
  return {
    application: { id: application.id, status: application.status },
    choices: await choicesWithEligibility(application, now),
    inTheWay: null,
  }
}

async function officeSide(
  user: SessionUser,
  round: { id: string; phase: 'open' | 'announced' | 'offering' | 'closed'; closesAt: Date; announcementEndsOn: string | null },
  now: Date,
) {
  const visible = (await accessFor(user)).where('staff')
  const [colleges, quotas] = await Promise.all([
    prisma.college.findMany({ where: { retiredAt: null }, select: { id: true, nameZh: true, nameEn: true }, orderBy: { code: 'asc' } }),
    prisma.roundCollegeQuota.findMany({
      where: { program: { roundId: round.id } },
      select: { programId: true, collegeId: true, places: true },
    }),
  ])
  const [ranking, stored, partners, openObjections, reviewers, staff, waiting] = await Promise.all([
    roundRanking(round.id, prisma, visible),
    prisma.selectionRound.findUniqueOrThrow({ where: { id: round.id }, select: { proposal: true, pins: true, version: true } }),
    roundPartners(round.id),
    prisma.objection.count({ where: { roundId: round.id, answeredAt: null } }),
    roundReviewers(round.id),
    prisma.user.findMany({
      where: { deactivatedAt: null, roles: { hasSome: ['college_reviewer', 'office_reviewer'] } },
      select: { id: true, nameZh: true, nameEn: true },
      orderBy: [{ nameEn: 'asc' }, { id: 'asc' }],
    }),
    // Applications still at a review stage: ranked once endorsed, assigned while waiting.
    prisma.application.findMany({
      where: { AND: [{ roundId: round.id, status: { in: ['submitted', 'college_endorsed'] } }, visible] },
      select: { id: true, applicant: { select: { nameZh: true, nameEn: true } } },
      orderBy: { id: 'asc' },
    }),
  ])
  const reviewersOf = (applicationId: string) => ({
    assigned: reviewers.assignments
      .filter((a) => a.applicationId === applicationId)
      .map((a) => ({ ...a.reviewer, override: a.overrideReason !== null })),
    keptOff: reviewers.conflicts.filter((c) => c.applicationId === applicationId && c.conflict).map((c) => c.reviewer),
  })
  const proposal = stored.proposal as Proposal | null
  const placedIn = new Map(proposal?.placements.map((p) => [p.applicantId, p]) ?? [])
  const reserveAt = new Map(proposal?.reserve.map((id, i) => [id, i + 1]) ?? [])
  const pins = new Map((stored.pins as Pin[]).map((p) => [p.applicantId, p]))
  return {
    version: stored.version,
    canAllocate: allocationOpen(round, now),
    offersBlockedBy: round.phase === 'announced' ? offersBlockedBy(round, openObjections, shanghaiDate(now)) : null,
    openObjections,
    partners,
    proposedAt: proposal?.rankedAt ?? null,
    colleges,
    quotas,
    staff,
    waiting: waiting.map((w) => ({ id: w.id, name: w.applicant, reviewers: reviewersOf(w.id) })),
    rows: ranking.map((a) => ({
      id: a.id,
      rank: a.rank,
      name: a.applicant,
      studentNumber: a.applicant.studentNumber,
      college: a.college,
      status: a.status,
      score: a.scored.score,
      parts: a.scored.parts,
      missing: a.scored.missing,
      interviewScore: a.interviewScore,
      choices: a.choices,
      placed: placedIn.get(a.id) ?? null,
      reserve: reserveAt.get(a.id) ?? a.reserveRank,
      pinned: pins.get(a.id) ?? null,
      passedOver: proposal?.passedOver[a.id] ?? [],
      reviewers: reviewersOf(a.id),
    })),
  }
}

export async function roundPageData(user: SessionUser, roundId: string, now = new Date()) {
  const round = await getRound(roundId, now)
  if (!round) return null
  const office = runsRounds(user)
  const [student, published, objections, officeData] = await Promise.all([
    user.roles.includes('student') ? studentSide(user, round, now) : null,
    publishedAllocation(roundId),
    objectionsFor(user, roundId),
    office ? officeSide(user, round, now) : null,
  ])
  return {
    round,
    student,
    published,
    canObject: announcementRunning(round, shanghaiDate(now)),
    objections,
    office: officeData,
  }
}
