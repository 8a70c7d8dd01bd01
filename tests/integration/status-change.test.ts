// The one door (app/models/status-change.server.ts) against a real database: every command of the
// workflow table, from every status it may start from, with and without university money, runs
// exactly the consequences the table names for the change (app/domain/workflow.ts consequences):
// the quota, the award proposed, the awards released and the first waitlisted promoted, the
// message to the student and the student's email. A new caller that goes through the door cannot
// skip one; a new command in the table is tested here without a line more.
import { beforeEach, describe, expect, test } from 'vitest'
import {
  commands,
  consequences,
  holdsPlace,
  placeStatuses,
  resolveTarget,
  workflow,
  type ApplicationStatus,
  type Command,
} from '~/domain/workflow'
import { prisma } from '~/lib/db.server'
import { applyCommand, type Actor, type CommandRequest } from '~/models/status-change.server'
import { createApplication, createCollege, createFund, createProgram, createStudent, createUser } from '../factories'
import { resetDatabase } from '../support/db'
import { uniqueEmail } from '../support/mail-catcher'

beforeEach(() => resetDatabase())

type Case = { command: Command; from: ApplicationStatus; money: boolean }
const cases: Case[] = commands.flatMap((command) =>
  workflow[command].from.flatMap((from) => [false, true].map((money) => ({ command, from, money }))),
)
const tableOf = ({ command, from, money }: Case) => {
  const to = resolveTarget(workflow[command].to, money)
  return { to, will: consequences(from, to) }
}

/** A round's own commands are given in a round making its offers; the others outside rounds. */
const inRound = (command: Command) => (workflow[command] as { round?: 'only' | 'never' }).round === 'only'

/**
 * A program with one place and, with money, a fund; the application in `from` (holding the place
 * when its status does, with its open award when it has money); another student's application
 * waiting first on the waitlist (in a round: first on the reserve list, having chosen the
 * program); and an actor who may give the command.
 */
async function scene({ command, from, money }: Case, { full = false } = {}) {
  const college = await createCollege(prisma)
  const fund = money ? await createFund(prisma, { kinds: ['exchange'] }) : null
  const round = inRound(command)
    ? await prisma.selectionRound.create({
        data: {
          titleZh: '选拔',
          titleEn: 'Round',
          kind: 'exchange',
          academicYear: '2026-2027',
          opensAt: new Date(Date.now() - 60 * 86_400_000),
          closesAt: new Date(Date.now() - 30 * 86_400_000),
          offerDeadline: new Date(Date.now() + 30 * 86_400_000),
          formula: { weights: { gpa: 100, language: 0, rubric: 0, interview: 0 }, tieBreak: [] },
          phase: 'offering',
          createdById: (await createUser(prisma, { roles: ['office_reviewer'] })).id,
        },
      })
    : null
  const roundId = round?.id ?? null
  const program = await createProgram(prisma, { quota: 1, fundId: fund?.id ?? null, roundId })
  const applicant = await createStudent(prisma, { collegeId: college.id, email: uniqueEmail('subject'), locale: 'en' })
  const details = { kind: 'exchange', programId: program.id, startDate: '2027-02-01', endDate: '2027-06-30' }
  const application = await createApplication(prisma, {
    applicantId: applicant.id,
    programId: program.id,
    status: from,
    submittedAt: new Date(),
    details,
    roundId,
  })
  const award =
    fund && (from === 'funding_check' || from === 'approved')
      ? await prisma.award.create({
          data: {
            applicationId: application.id,
            fundId: fund.id,
            collegeId: college.id,
            status: from === 'funding_check' ? 'proposed' : 'committed',
            requestedFen: 100_000,
            approvedFen: from === 'approved' ? 100_000 : 0,
          },
        })
      : null
  if (full) {
    const holder = await createStudent(prisma, { collegeId: college.id })
    await createApplication(prisma, { applicantId: holder.id, programId: program.id, status: 'approved', details })
  }
  const waiting = await createStudent(prisma, { collegeId: college.id, email: uniqueEmail('waiting') })
  const waitlisted = await createApplication(prisma, {
    applicantId: waiting.id,
    programId: program.id,
    status: 'waitlisted',
    submittedAt: new Date(),
    statusChangedAt: new Date(Date.now() - 24 * 3600 * 1000),
    details,
    roundId,
    reserveRank: roundId ? 1 : null,
  })
  if (roundId) await prisma.roundChoice.create({ data: { applicationId: waitlisted.id, rank: 1, programId: program.id } })
  const role = workflow[command].roles[0]
  const actor: Actor =
    role === 'student'
      ? { id: applicant.id, roles: ['student'] }
      : { id: (await createUser(prisma, { roles: [role], collegeId: role === 'college_reviewer' ? college.id : null })).id, roles: [role] }
  const request: CommandRequest = {
    actor,
    application: { id: application.id, status: from, version: application.version },
    command,
    reason: 'Because of the table.',
    // Staff may write to the student; the student does not write to themselves.
    ...(role !== 'student' && { message: 'A word for you.' }),
    ...(command.endsWith('request_changes') && { requestedChanges: { fields: ['studyPlan'], documents: ['transcript'] } }),
    ...(command === 'finance_confirm' && { amountFen: 100_000 }),
  }
  return { application, applicant, award, waitlisted, request }
}

const auditCount = (applicationId: string, action: string) => prisma.auditEvent.count({ where: { applicationId, action } })
const statusOf = async (id: string) => (await prisma.application.findUniqueOrThrow({ where: { id } })).status

describe('every command through the door runs what the table says', () => {
  test.each(cases)('$command from $from, money $money', async (c) => {
    const { to, will } = tableOf(c)
    const { application, applicant, award, waitlisted, request } = await scene(c)

    expect(await prisma.$transaction((tx) => applyCommand(tx, request))).toEqual({ ok: true, status: to, version: application.version + 1 })

    // The status, and its audit row.
    expect(await prisma.application.findUniqueOrThrow({ where: { id: application.id } })).toMatchObject({
      status: to,
      version: application.version + 1,
    })
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { applicationId: application.id, action: `application.${c.command}` } })
    expect(audit).toMatchObject({ actorId: request.actor.id, before: { status: c.from }, reason: 'Because of the table.' })
    expect(audit.after).toMatchObject({ status: to })

    // The award: proposed on entering funding check; released, with the first waitlisted promoted, when a place is freed.
    expect(await auditCount(application.id, 'award.propose')).toBe(will.proposesAward ? 1 : 0)
    if (award) {
      const after = await prisma.award.findUniqueOrThrow({ where: { id: award.id } })
      expect(after.status).toBe(will.freesPlace ? 'released' : award.status)
    }
    // In a round the place is offered to the first on the reserve list instead.
    const promotion = inRound(c.command) ? 'round_offer' : 'promote_from_waitlist'
    const promotedTo = resolveTarget(workflow[promotion].to, c.money)
    expect(await statusOf(waitlisted.id)).toBe(will.freesPlace ? promotedTo : 'waitlisted')
    expect(await auditCount(waitlisted.id, `application.${promotion}`)).toBe(will.freesPlace ? 1 : 0)

    // The message (a comment the student reads) and the student's email, quoting it.
    const comments = await prisma.comment.findMany({ where: { applicationId: application.id } })
    expect(comments).toMatchObject(request.message ? [{ visibility: 'student', body: request.message }] : [])
    const mails = await prisma.outboxMessage.findMany({ where: { toAddress: applicant.email } })
    expect(mails.map((m) => m.template)).toEqual(will.email ? [will.email] : [])
    if (will.email && will.email !== 'submission-receipt' && request.message) {
      expect(mails[0].payload).toMatchObject({ message: request.message })
    }
    // Nothing for a place, money or email the table does not name: the places stay as counted.
    const holding = await prisma.application.count({
      where: { programId: application.programId, status: { in: [...placeStatuses] } },
    })
    expect(holding).toBe((holdsPlace(to) ? 1 : 0) + (will.freesPlace ? 1 : 0))
  })
})

describe('a change that takes a place is refused on a full program, unless the office confirms it', () => {
  const taking = cases.filter((c) => tableOf(c).will.takesPlace)

  test('the table names the approvals and promotions, and nothing else', () => {
    expect([...new Set(taking.map((c) => c.command))]).toEqual(['office_approve', 'promote_from_waitlist', 'round_offer'])
  })

  test.each(taking)('$command from $from, money $money', async (c) => {
    const { to } = tableOf(c)
    const { application, applicant, request } = await scene(c, { full: true })
    expect(await prisma.$transaction((tx) => applyCommand(tx, request))).toEqual({ ok: false, error: 'rv.error.overQuota' })
    expect(await prisma.application.findUniqueOrThrow({ where: { id: application.id } })).toMatchObject({
      status: c.from,
      version: application.version,
    })
    expect(await prisma.auditEvent.count()).toBe(0)
    expect(await prisma.comment.count()).toBe(0)
    expect(await prisma.outboxMessage.count({ where: { toAddress: applicant.email } })).toBe(0)

    const confirmed: CommandRequest = { ...request, overQuota: true }
    expect(await prisma.$transaction((tx) => applyCommand(tx, confirmed))).toMatchObject({ ok: true, status: to })
  })
})

describe('what the door refuses, writing nothing', () => {
  const refusedWith = async (c: Case, change: (r: CommandRequest) => CommandRequest) => {
    const { application, request } = await scene(c)
    const outcome = await prisma.$transaction((tx) => applyCommand(tx, change(request)))
    expect(await prisma.application.findUniqueOrThrow({ where: { id: application.id } })).toMatchObject({
      status: c.from,
      version: application.version,
    })
    expect(await prisma.auditEvent.count()).toBe(0)
    expect(await prisma.outboxMessage.count()).toBe(0)
    return outcome
  }

  test('a role the table does not name, for every command', async () => {
    for (const command of commands) {
      const c = { command, from: workflow[command].from[0], money: true }
      const outsider: Actor = {
        id: null,
        roles: ['admin', 'student', 'college_reviewer', 'office_reviewer', 'finance'].filter(
          (r) => !(workflow[command].roles as readonly string[]).includes(r),
        ) as Actor['roles'],
      }
      expect(await refusedWith(c, (r) => ({ ...r, actor: outsider, message: undefined })), command).toEqual({
        ok: false,
        error: 'rv.error.forbidden',
      })
      await resetDatabase()
    }
  })

  test('a view gone stale, and a status the command does not start from', async () => {
    const c: Case = { command: 'office_approve', from: 'college_endorsed', money: true }
    expect(await refusedWith(c, (r) => ({ ...r, application: { ...r.application, version: r.application.version + 1 } }))).toEqual({
      ok: false,
      error: 'rv.error.stale',
    })
    await resetDatabase()
    // Waitlisted meanwhile, and seen so: office_approve does not start from there.
    expect(await refusedWith({ ...c, from: 'waitlisted' }, (r) => ({ ...r, command: 'office_approve' }))).toEqual({
      ok: false,
      error: 'rv.error.status',
    })
  })
})
