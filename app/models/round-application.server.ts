// A student's application in a selection round: one per round, with up to the round's number of
// ranked choices. The application itself (answers, documents, submission) is the ordinary one
// (application.server.ts); its program is the first choice until the allocation places the
// student. Eligibility is checked per choice and shown before the student submits.
import { refuse, type Result } from '~/domain/result'
import { applicationInTheWay, checkEligibility, programRequirementsSchema, type Finding } from '~/domain/eligibility'
import type { ProgramKind } from '~/domain/program'
import { checkChoices } from '~/domain/rounds'
import { inactiveStatuses, isEditable } from '~/domain/workflow'
import type { Prisma } from '~/generated/prisma/client'
import { recordAudit } from '~/lib/audit.server'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { ownedBy } from '~/models/access.server'
import { agreementEnded } from './agreement-places.server'
import { placesTakenBy } from '~/models/program.server'

type Tx = Prisma.TransactionClient

export type ChoicesResult = Result<{ applicationId: string }>

const roundForChoices = (tx: Tx, roundId: string) =>
  tx.selectionRound.findUnique({
    where: { id: roundId },
    select: {
      id: true,
      kind: true,
      academicYear: true,
      opensAt: true,
      closesAt: true,
      maxChoices: true,
      phase: true,
      programs: { select: { id: true } },
    },
  })

/** The student's active application in the round, if any. */
function ownRoundApplication(userId: string, roundId: string, db: Tx = prisma) {
  return db.application.findFirst({
    where: { AND: [ownedBy({ id: userId }), { roundId, status: { notIn: [...inactiveStatuses] } }] },
    select: { id: true, status: true },
    orderBy: { createdAt: 'desc' },
  })
}

/** Another application of the round's kind and year that keeps the student out of it (one per kind and year). */
async function inTheWay(userId: string, round: { id: string; kind: ProgramKind; academicYear: string }) {
  const others = await prisma.application.findMany({
    where: {
      AND: [
        ownedBy({ id: userId }),
        { kind: round.kind, academicYear: round.academicYear, OR: [{ roundId: null }, { roundId: { not: round.id } }] },
      ],
    },
    select: { id: true, kind: true, academicYear: true, status: true, program: { select: { titleZh: true, titleEn: true } } },
  })
  return applicationInTheWay(others, round)?.application ?? null
}

/** Where the student stands with the round: their application in it, or the one in the way. */
export async function standingInRound(userId: string, round: { id: string; kind: ProgramKind; academicYear: string }) {
  const mine = await ownRoundApplication(userId, round.id)
  if (mine) return { mine, inTheWay: null }
  return { mine: null, inTheWay: await inTheWay(userId, round) }
}

async function writeChoices(tx: Tx, applicationId: string, choices: readonly string[]) {
  await tx.roundChoice.deleteMany({ where: { applicationId } })
  await tx.roundChoice.createMany({ data: choices.map((programId, i) => ({ applicationId, rank: i + 1, programId })) })
}

/**
 * Applies in a round with ranked choices (first choice first), or changes the choices of the
 * student's draft in it. The round must be taking applications.
 */
export async function chooseInRound(
  user: SessionUser,
  roundId: string,
  choices: readonly string[],
  now = new Date(),
): Promise<ChoicesResult> {
  if (!user.collegeId) return refuse('round.error.notFound')
  return prisma.$transaction(async (tx): Promise<ChoicesResult> => {
    const round = await roundForChoices(tx, roundId)
    if (!round) return refuse('round.error.notFound')
    if (round.phase !== 'open' || now < round.opensAt || now > round.closesAt) return refuse('round.error.notOpen')
    const refused = checkChoices(
      choices,
      round.maxChoices,
      round.programs.map((p) => p.id),
    )
    if (refused) return refuse(refused)
    // A double-clicked "Apply": one student and round at a time; the second finds the first's draft.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${user.id}), hashtext(${roundId}))`
    const mine = await ownRoundApplication(user.id, roundId, tx)
    if (mine) {
      if (!isEditable(mine.status)) return refuse('round.error.notEditable')
      await writeChoices(tx, mine.id, choices)
      const current = await tx.application.findUniqueOrThrow({ where: { id: mine.id }, select: { details: true } })
      await tx.application.update({
        where: { id: mine.id },
        data: { programId: choices[0], details: { ...(current.details as Prisma.JsonObject), programId: choices[0] } },
      })
      await recordAudit(tx, {
        actorId: user.id,
        action: 'application.choices',
        entityType: 'application',
        entityId: mine.id,
        applicationId: mine.id,
        after: { choices: [...choices] },
      })
      return { ok: true, applicationId: mine.id }
    }
    if (await inTheWay(user.id, round)) return refuse('round.error.inTheWay')
    const application = await tx.application.create({
      data: {
        kind: round.kind,
        programId: choices[0],
        roundId,
        applicantId: user.id,
        collegeId: user.collegeId!,
        academicYear: round.academicYear,
        details: { kind: round.kind, programId: choices[0] },
      },
    })
    await writeChoices(tx, application.id, choices)
    await recordAudit(tx, {
      actorId: user.id,
      action: 'application.create',
      entityType: 'application',
      entityId: application.id,
      applicationId: application.id,
      after: { status: 'draft', roundId, choices: [...choices] },
    })
    return { ok: true, applicationId: application.id }
  })
}

export type ChoiceView = {
  rank: number
  programId: string
  titleZh: string
  titleEn: string
  partner: { nameZh: string; nameEn: string } | null
  /** Eligibility for this choice with the answers saved so far: failures would keep the student out of it. */
  failures: Finding[]
  warnings: Finding[]
}

/** An application's ranked choices with the eligibility of each, for the student's and reviewers' pages. */
export async function choicesWithEligibility(
  application: {
    id: string
    status: Prisma.ApplicationGetPayload<object>['status']
    details: Prisma.JsonValue
    applicant: { level: SessionUser['level'] }
  },
  now = new Date(),
): Promise<ChoiceView[]> {
  const choices = await prisma.roundChoice.findMany({
    where: { applicationId: application.id },
    orderBy: { rank: 'asc' },
    select: { rank: true, program: { include: { partner: { select: { nameZh: true, nameEn: true } } } } },
  })
  const answers = (application.details ?? {}) as { gpa?: number; gpaScale?: '4.0'; languageTest?: 'ielts'; languageScore?: number }
  return Promise.all(
    choices.map(async ({ rank, program }) => {
      const { failures, warnings } = checkEligibility({
        now,
        program: {
          ...program,
          placesTaken: await placesTakenBy(prisma, program.id),
          agreementEnded: await agreementEnded(prisma, program.partnerId, now),
          requirements: programRequirementsSchema.parse(program.requirements),
        },
        applicant: { level: application.applicant.level },
        answers,
        applications: [],
        applicationId: application.id,
        status: application.status,
      })
      return {
        rank,
        programId: program.id,
        titleZh: program.titleZh,
        titleEn: program.titleEn,
        partner: program.partner,
        failures,
        warnings,
      }
    }),
  )
}
