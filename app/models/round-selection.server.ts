// A round's selection: every endorsed application's composite score and rank, the allocation the
// office proposes, adjusts by hand (with a reason), reruns and confirms. Confirming publishes the
// allocation (公示) for the round's announcement period in working days.
import { refuse, type Result } from '~/domain/result'
import { allocate, type Allocation } from '~/domain/allocation'
import { shanghaiDate } from '~/domain/dates'
import { checkEligibility, gpaScaleMax, programRequirementsSchema, type EligibilityInput, type GpaScale } from '~/domain/eligibility'
import { bestLanguagePercent, type LanguageTest } from '~/domain/language'
import { averageScore, type Scores } from '~/domain/rubric'
import { reviewStage, runsRounds, seesPeerScores } from '~/domain/access'
import { allocationOpen, ROUND_TRANSACTION } from '~/domain/rounds'
import { compositeScore, rankApplicants, scoreFormulaSchema, type Scored, type ScoreInputs } from '~/domain/selection-score'
import { placeStatuses } from '~/domain/workflow'
import type { Prisma } from '~/generated/prisma/client'
import { recordAudit } from '~/lib/audit.server'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { accessFor, factsSelect } from '~/models/access.server'
import { partnerPlacesOut, partnerPlacesUsed } from '~/models/agreement-places.server'
import { workingDaysEnd } from '~/models/calendar.server'

type Tx = Prisma.TransactionClient

/** The applications the round ranks: those the colleges endorsed, and later those placed or on the reserve list. */
const RANKED_STATUSES = ['college_endorsed', 'waitlisted', 'offered', 'funding_check', 'approved', 'completed'] as const

const rankedSelect = {
  id: true,
  status: true,
  collegeId: true,
  details: true,
  interviewScore: true,
  submittedAt: true,
  reserveRank: true,
  programId: true,
  applicant: { select: { id: true, nameZh: true, nameEn: true, studentNumber: true, level: true } },
  college: { select: { nameZh: true, nameEn: true } },
  choices: { select: { programId: true, rank: true }, orderBy: { rank: 'asc' } },
  reviews: { where: { submittedAt: { not: null }, conflict: false }, select: { scores: true } },
} satisfies Prisma.ApplicationSelect

type RankedRow = Prisma.ApplicationGetPayload<{ select: typeof rankedSelect }>

function scoreInputs(row: RankedRow): ScoreInputs {
  const d = (row.details ?? {}) as { gpa?: number; gpaScale?: GpaScale; languageTest?: LanguageTest; languageScore?: number }
  const means = row.reviews.map((r) => averageScore(r.scores as Scores)).filter((m): m is number => m !== null)
  return {
    gpa: typeof d.gpa === 'number' && d.gpaScale ? { value: d.gpa, scale: gpaScaleMax[d.gpaScale] } : null,
    language: bestLanguagePercent([{ test: d.languageTest, score: d.languageScore }]),
    rubric: means.length ? means.reduce((a, b) => a + b, 0) / means.length : null,
    interview: row.interviewScore,
    submittedAt: row.submittedAt,
    studentNumber: row.applicant.studentNumber ?? '',
  }
}

export type RankedApplication = {
  id: string
  rank: number
  status: RankedRow['status']
  collegeId: string
  programId: string
  reserveRank: number | null
  applicant: RankedRow['applicant']
  college: RankedRow['college']
  choices: string[]
  scored: Scored
  interviewScore: number | null
  /** The answers eligibility reads (GPA, language). */
  answers: EligibilityInput['answers']
}

/**
 * The round's applications in rank order by the round's formula, best first. The allocation ranks
 * them all; a person reading the ranking sees the applications the access policy lets them review
 * (`visible`: accessFor(viewer).where('staff')), each with its rank among all.
 */
export async function roundRanking(roundId: string, db: Tx = prisma, visible?: Prisma.ApplicationWhereInput): Promise<RankedApplication[]> {
  const round = await db.selectionRound.findUniqueOrThrow({ where: { id: roundId }, select: { formula: true } })
  const formula = scoreFormulaSchema.parse(round.formula)
  const rows = await db.application.findMany({ where: { roundId, status: { in: [...RANKED_STATUSES] } }, select: rankedSelect })
  const shown = visible
    ? new Set((await db.application.findMany({ where: { AND: [{ roundId }, visible] }, select: { id: true } })).map((a) => a.id))
    : null
  const items = rows.map((row) => {
    const inputs = scoreInputs(row)
    return { id: row.id, row, inputs, scored: compositeScore(formula, inputs) }
  })
  const ranked = rankApplicants(formula, items).filter(({ row }) => !shown || shown.has(row.id))
  return ranked.map(({ row, scored, rank }) => ({
    id: row.id,
    rank,
    status: row.status,
    collegeId: row.collegeId,
    programId: row.programId,
    reserveRank: row.reserveRank,
    applicant: row.applicant,
    college: row.college,
    choices: row.choices.map((c) => c.programId),
    scored,
    interviewScore: row.interviewScore,
    answers: row.details as EligibilityInput['answers'],
  }))
}

export type Pin = { applicantId: string; programId: string | null; reason: string }
export type Proposal = Allocation & { rankedAt: string }

/** Places the partner agreements have left this year, outside the round (other programs of the partner holding places). */
async function partnerPlacesLeft(tx: Tx, roundId: string, academicYear: string, partnerIds: string[]) {
  const left: Record<string, number> = {}
  for (const [partnerId, places] of await partnerPlacesOut(tx, partnerIds, academicYear)) {
    left[partnerId] = Math.max(0, places - (await partnerPlacesUsed(tx, partnerId, academicYear, roundId)))
  }
  return left
}

async function computeProposal(tx: Tx, roundId: string, now: Date): Promise<Proposal> {
  const round = await tx.selectionRound.findUniqueOrThrow({
    where: { id: roundId },
    select: {
      academicYear: true,
      pins: true,
      programs: {
        select: {
          id: true,
          kind: true,
          academicYear: true,
          levels: true,
          opensAt: true,
          closesAt: true,
          requirements: true,
          quota: true,
          partnerId: true,
          collegeQuotas: { select: { collegeId: true, places: true } },
        },
      },
    },
  })
  const ranked = (await roundRanking(roundId, tx)).filter((a) => a.status === 'college_endorsed')
  // Places already held in a program outside the round (applied before it was opened) are not the round's.
  const heldOutside = await tx.application.groupBy({
    by: ['programId'],
    where: {
      programId: { in: round.programs.map((p) => p.id) },
      status: { in: [...placeStatuses] },
      OR: [{ roundId: null }, { roundId: { not: roundId } }],
    },
    _count: true,
  })
  const outside = new Map(heldOutside.map((h) => [h.programId, h._count]))
  const partnerIds = [...new Set(round.programs.map((p) => p.partnerId).filter((id): id is string => id !== null))]
  // A student is placed only in a program they are eligible for (level, GPA, language): the choices
  // they do not meet are passed over, as the round page showed them before they submitted.
  const byId = new Map(round.programs.map((p) => [p.id, p]))
  const eligible = (a: RankedApplication, programId: string) => {
    const program = byId.get(programId)
    if (!program) return false
    return checkEligibility({
      now,
      program: { ...program, placesTaken: 0, requirements: programRequirementsSchema.parse(program.requirements) },
      applicant: { level: a.applicant.level },
      answers: a.answers,
      applications: [],
      applicationId: a.id,
      status: a.status,
    }).ok
  }
  const allocation = allocate({
    applicants: ranked.map((a) => ({ id: a.id, collegeId: a.collegeId, choices: a.choices.filter((c) => eligible(a, c)) })),
    programs: round.programs.map((p) => ({
      id: p.id,
      places: p.quota === null ? null : Math.max(0, p.quota - (outside.get(p.id) ?? 0)),
      partnerId: p.partnerId,
    })),
    partnerPlaces: await partnerPlacesLeft(tx, roundId, round.academicYear, partnerIds),
    collegeQuotas: round.programs.flatMap((p) => p.collegeQuotas.map((q) => ({ programId: p.id, ...q }))),
    pinned: (round.pins as Pin[]).map(({ applicantId, programId }) => ({ applicantId, programId })),
  })
  // The rank of the choice as the student ranked it (ineligible choices were left out above).
  const choicesOf = new Map(ranked.map((a) => [a.id, a.choices]))
  const placements = allocation.placements.map((p) =>
    p.choice === 0 ? p : { ...p, choice: (choicesOf.get(p.applicantId) ?? []).indexOf(p.programId) + 1 },
  )
  return { ...allocation, placements, rankedAt: now.toISOString() }
}

export type SelectionResult = Result

async function allocatingRound(tx: Tx, roundId: string, now: Date) {
  await tx.$queryRaw`SELECT 1 FROM "SelectionRound" WHERE id = ${roundId} FOR UPDATE`
  const round = await tx.selectionRound.findUnique({ where: { id: roundId } })
  if (!round) return refuse('round.error.notFound')
  if (!allocationOpen(round, now)) return refuse('round.error.notAllocating')
  return { ok: true, round } as const
}

/** Runs (or reruns) the allocation over the current scores, keeping the office's adjustments. */
export async function proposeAllocation(actor: SessionUser, roundId: string, now = new Date()): Promise<SelectionResult> {
  return prisma.$transaction(async (tx) => {
    const found = await allocatingRound(tx, roundId, now)
    if (!found.ok) return found
    const proposal = await computeProposal(tx, roundId, now)
    await tx.selectionRound.update({ where: { id: roundId }, data: { proposal, version: { increment: 1 } } })
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'round.allocate',
      entityType: 'round',
      entityId: roundId,
      after: { placed: proposal.placements.length, reserve: proposal.reserve.length },
    })
    return { ok: true }
  }, ROUND_TRANSACTION)
}

/**
 * The office places a student by hand (in a program, or out of the allocation: programId null),
 * with a reason in the audit; the allocation is rerun around it.
 */
export async function adjustAllocation(
  actor: SessionUser,
  roundId: string,
  pin: { applicantId: string; programId: string | null; reason: string },
  now = new Date(),
): Promise<SelectionResult> {
  return prisma.$transaction(async (tx) => {
    const found = await allocatingRound(tx, roundId, now)
    if (!found.ok) return found
    const visible = (await accessFor(actor)).where('staff')
    // One after the other: a transaction's one connection runs one query at a time (pg 9 refuses more).
    const inRound = await tx.application.count({ where: { AND: [{ id: pin.applicantId, roundId, status: 'college_endorsed' }, visible] } })
    const program = pin.programId ? await tx.program.count({ where: { id: pin.programId, roundId } }) : 1
    if (!inRound || !program) return refuse('round.error.notInRound')
    const pins = [...(found.round.pins as Pin[]).filter((p) => p.applicantId !== pin.applicantId), pin]
    await tx.selectionRound.update({ where: { id: roundId }, data: { pins } })
    const proposal = await computeProposal(tx, roundId, now)
    await tx.selectionRound.update({ where: { id: roundId }, data: { proposal, version: { increment: 1 } } })
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'round.adjust',
      entityType: 'round',
      entityId: roundId,
      applicationId: pin.applicantId,
      after: { programId: pin.programId },
      reason: pin.reason,
    })
    return { ok: true }
  }, ROUND_TRANSACTION)
}

/**
 * Confirms the proposal: each placed student's application takes the program they were placed in,
 * the rest get their rank on the reserve list, and the list is published until the last of the
 * round's announcement working days (Chinese calendar, with the administrator's corrections).
 */
export async function confirmAllocation(
  actor: SessionUser,
  roundId: string,
  seenVersion: number,
  now = new Date(),
): Promise<SelectionResult> {
  const today = shanghaiDate(now)
  return prisma.$transaction(async (tx) => {
    const found = await allocatingRound(tx, roundId, now)
    if (!found.ok) return found
    const { round } = found
    if (round.version !== seenVersion) return refuse('round.error.stale')
    const proposal = round.proposal as Proposal | null
    if (!proposal) return refuse('round.error.noProposal')
    // What is published is what the allocation gives now: a score, a withdrawal or an endorsement
    // since the proposal changes it, and the office must look at the new one first.
    const now_ = await computeProposal(tx, roundId, now)
    // (JSONB keeps an object's keys in its own order: compare the values.)
    const same = (a: Proposal) => JSON.stringify([a.placements.map((p) => [p.applicantId, p.programId, p.choice]), a.reserve])
    if (same(now_) !== same(proposal)) {
      await tx.selectionRound.update({ where: { id: roundId }, data: { proposal: now_, version: { increment: 1 } } })
      return refuse('round.error.changed')
    }
    for (const p of proposal.placements) {
      await tx.application.update({ where: { id: p.applicantId }, data: { programId: p.programId, reserveRank: null } })
    }
    for (const [i, id] of proposal.reserve.entries()) {
      await tx.application.update({ where: { id }, data: { reserveRank: i + 1 } })
    }
    const announcementEndsOn = await workingDaysEnd(today, round.announcementDays)
    await tx.selectionRound.update({
      where: { id: roundId },
      data: { phase: 'announced', announcedAt: now, announcementEndsOn, version: { increment: 1 } },
    })
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'round.announce',
      entityType: 'round',
      entityId: roundId,
      after: { placed: proposal.placements.length, reserve: proposal.reserve.length, announcementEndsOn },
    })
    return { ok: true }
  }, ROUND_TRANSACTION)
}

/** The interview score (0..100) the office enters for an application in a round; null clears it. */
export async function setInterviewScore(
  actor: SessionUser,
  roundId: string,
  applicationId: string,
  score: number | null,
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const updated = await tx.application.updateMany({ where: { id: applicationId, roundId }, data: { interviewScore: score } })
    if (updated.count !== 1) return false
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'application.interview_score',
      entityType: 'application',
      entityId: applicationId,
      applicationId,
      after: { interviewScore: score },
    })
    return true
  })
}

/** Sets (or, with null, removes) a college's quota in one of the round's programs, while the allocation is open. */
export async function setCollegeQuota(
  actor: SessionUser,
  roundId: string,
  input: { programId: string; collegeId: string; places: number | null },
  now = new Date(),
): Promise<SelectionResult> {
  if (!runsRounds(actor)) return refuse('round.error.notFound')
  return prisma.$transaction(async (tx) => {
    const found = await allocatingRound(tx, roundId, now)
    if (!found.ok) return found
    const program = await tx.program.count({ where: { id: input.programId, roundId } })
    const college = await tx.college.count({ where: { id: input.collegeId, retiredAt: null } })
    if (!program || !college) return refuse('round.error.notInRound')
    const key = { programId_collegeId: { programId: input.programId, collegeId: input.collegeId } }
    if (input.places === null) await tx.roundCollegeQuota.deleteMany({ where: { programId: input.programId, collegeId: input.collegeId } })
    else
      await tx.roundCollegeQuota.upsert({
        where: key,
        create: { ...key.programId_collegeId, places: input.places },
        update: { places: input.places },
      })
    await tx.selectionRound.update({ where: { id: roundId }, data: { version: { increment: 1 } } })
    await recordAudit(tx, { actorId: actor.id, action: 'round.college_quota', entityType: 'round', entityId: roundId, after: input })
    return { ok: true }
  })
}

export type RoundStanding = { rank: number; score: number | null }

/**
 * The rank and composite score of those of the given applications that are in a selection round,
 * among the round's applications, for a reviewer's queue (the rows are the viewer's already).
 */
export async function roundStandings(viewer: SessionUser, applicationIds: readonly string[]): Promise<Record<string, RoundStanding>> {
  const inRounds = await prisma.application.findMany({
    where: { id: { in: [...applicationIds] }, roundId: { not: null } },
    select: factsSelect,
  })
  if (!inRounds.length) return {}
  const [access, reviewed] = await Promise.all([
    accessFor(viewer),
    prisma.review.findMany({
      where: { reviewerId: viewer.id, applicationId: { in: inRounds.map((a) => a.id) }, submittedAt: { not: null } },
      select: { applicationId: true, stage: true },
    }),
  ])
  // The score and rank are computed from the reviewers' scores: not shown to one whose own review is due.
  const shown = inRounds.filter((a) => {
    const facts = access.facts(a)
    const stage = reviewStage(viewer, facts)
    return seesPeerScores(
      viewer,
      facts,
      reviewed.some((r) => r.applicationId === a.id && r.stage === stage),
    )
  })
  const visible = access.where('staff')
  const standings: Record<string, RoundStanding> = {}
  for (const roundId of new Set(shown.map((a) => a.roundId!))) {
    for (const a of await roundRanking(roundId, prisma, visible)) standings[a.id] = { rank: a.rank, score: a.scored.score }
  }
  return Object.fromEntries(shown.filter((a) => standings[a.id]).map((a) => [a.id, standings[a.id]]))
}
