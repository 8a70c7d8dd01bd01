// The scheduled jobs (app/jobs) against a real database: who hears what from each reminder and
// digest, that each email is enqueued once however many runs meet (JobMark, not audit rows), that
// no job writes to the audit trail, and that the schedule keeps going when one job fails.
import { beforeEach, describe, expect, test, vi } from 'vitest'
import type { ApplicationStatus } from '~/generated/prisma/client'
import { prisma } from '~/lib/db.server'
import { draftDeadlineReminders, sendDraftDeadlineReminders } from '~/jobs/draft-deadline-reminders.server'
import type { Job } from '~/jobs/job.server'
import { newApplicationsDigest, sendNewApplicationsDigest } from '~/jobs/new-applications-digest.server'
import { returnReportReminders } from '~/jobs/return-report-reminders.server'
import { reviewReminders, sendReviewReminders } from '~/jobs/review-reminders.server'
import { jobs, runJobs, startJobs } from '~/jobs/schedule.server'
import { declareConflict } from '~/models/review-scores.server'
import { createProgram, createStudent } from '../factories'
import { applicationIn, fundedConferenceIn, reviewWorld, type ReviewWorld } from '../factories/review-world'
import { resetDatabase } from '../support/db'

const DAY = 24 * 3600 * 1000
const now = new Date('2026-11-20T02:00:00Z') // 10:00 in Beijing
const daysAgo = (n: number) => new Date(now.getTime() - n * DAY)

type World = ReviewWorld
const world = () => reviewWorld()

let w: World
beforeEach(async () => {
  await resetDatabase()
  w = await world()
})

/** An application in `status`, as if it had got there the normal way. */
const application = (status: ApplicationStatus, options?: Parameters<typeof applicationIn>[2]) => applicationIn(w, status, options)
/** A conference program with a fund and an application asking it for ¥3,000. */
const fundedConference = (status: ApplicationStatus) => fundedConferenceIn(w, status)

const outboxTo = (to: string) => prisma.outboxMessage.findMany({ where: { toAddress: to }, orderBy: { createdAt: 'asc' } })

describe('what the reminders send, and to whom', () => {
  const digestsTo = async (user: { email: string }, template = 'reviewer-reminder') =>
    prisma.outboxMessage.findMany({ where: { toAddress: user.email, template } })

  test('reviewers hear about applications waiting too long at their stage, once a day', async () => {
    const stuckX = await application('submitted', { statusChangedAt: daysAgo(8) })
    await application('submitted', { statusChangedAt: daysAgo(2), student: await createStudent(prisma, { collegeId: w.x.id }) })
    const stuckY = await application('submitted', { statusChangedAt: daysAgo(6), student: w.studentY })
    const endorsed = await application('college_endorsed', {
      statusChangedAt: daysAgo(7),
      student: await createStudent(prisma, { collegeId: w.y.id }),
    })
    const funding = await fundedConference('funding_check')
    await prisma.application.update({ where: { id: funding.id }, data: { statusChangedAt: daysAgo(30) } })
    await application('waitlisted', { statusChangedAt: daysAgo(40), student: await createStudent(prisma, { collegeId: w.x.id }) })
    await application('approved', { statusChangedAt: daysAgo(40), student: await createStudent(prisma, { collegeId: w.x.id }) })
    await declareConflict(w.office2, endorsed.id, 'Related to the applicant.')
    await prisma.user.update({ where: { id: w.collegeX2.id }, data: { deactivatedAt: new Date() } })

    // collegeX, collegeY, office, both (office + college X), finance; not office2 (conflict), not collegeX2 (deactivated).
    expect(await sendReviewReminders({ now, thresholdDays: 5 })).toBe(5)
    const items = async (user: { email: string }) =>
      (await digestsTo(user)).flatMap((m) => (m.payload as { items: { reference: string; waitingDays: number }[] }).items)
    const ref = (id: string) => id.slice(-6).toUpperCase()
    expect((await items(w.collegeX)).map((i) => i.reference)).toEqual([expect.stringContaining(ref(stuckX.id))])
    expect((await items(w.collegeX))[0].waitingDays).toBe(8)
    expect((await items(w.collegeY)).map((i) => i.reference)).toEqual([expect.stringContaining(ref(stuckY.id))])
    expect((await items(w.office)).map((i) => i.reference)).toEqual([expect.stringContaining(ref(endorsed.id))])
    expect(await items(w.both)).toHaveLength(2)
    expect((await items(w.finance)).map((i) => i.reference)).toEqual([expect.stringContaining(ref(funding.id))])
    expect(await digestsTo(w.office2)).toEqual([])
    expect(await digestsTo(w.collegeX2)).toEqual([])
    expect(await digestsTo(w.admin)).toEqual([])
    expect((await digestsTo(w.office))[0].payload).toMatchObject({ days: 5, queueUrl: expect.stringMatching(/\/office$/) })

    // Later the same Beijing day: nothing more. Two instances at once: still nothing more.
    expect(await sendReviewReminders({ now: new Date(now.getTime() + 10 * 3600 * 1000), thresholdDays: 5 })).toBe(0)
    expect(await prisma.outboxMessage.count({ where: { template: 'reviewer-reminder' } })).toBe(5)
    // The next day: again.
    const tomorrow = new Date(now.getTime() + DAY)
    const [a, b] = await Promise.all([
      sendReviewReminders({ now: tomorrow, thresholdDays: 5 }),
      sendReviewReminders({ now: tomorrow, thresholdDays: 5 }),
    ])
    expect(a + b).toBe(5)
    expect(await prisma.outboxMessage.count({ where: { template: 'reviewer-reminder' } })).toBe(10)
  })

  test('the threshold defaults to REVIEW_REMINDER_DAYS (5)', async () => {
    await application('submitted', { statusChangedAt: daysAgo(4) })
    expect(await sendReviewReminders({ now })).toBe(0)
    await application('submitted', { statusChangedAt: daysAgo(6), student: await createStudent(prisma, { collegeId: w.x.id }) })
    expect(await sendReviewReminders({ now })).toBe(3) // collegeX, collegeX2 and `both` (a college X reviewer too)
  })

  test("new submissions go to their college's reviewers, once per period", async () => {
    const since = daysAgo(1)
    const fresh = await application('submitted', { submittedAt: daysAgo(0.5) })
    await application('submitted', { submittedAt: daysAgo(3), student: await createStudent(prisma, { collegeId: w.x.id }) })
    await application('college_endorsed', { submittedAt: daysAgo(0.5), student: await createStudent(prisma, { collegeId: w.x.id }) })
    const freshY = await application('submitted', { submittedAt: daysAgo(0.2), student: w.studentY })

    // collegeX, collegeX2, both (college X), collegeY.
    expect(await sendNewApplicationsDigest({ since, now })).toBe(4)
    const [mail] = await digestsTo(w.collegeX, 'new-applications-digest')
    expect(mail.payload).toMatchObject({
      since: since.toISOString(),
      items: [
        {
          reference: expect.stringContaining(fresh.id.slice(-6).toUpperCase()),
          url: expect.stringMatching(new RegExp(`/review/${fresh.id}$`)),
        },
      ],
    })
    expect((await digestsTo(w.collegeY, 'new-applications-digest'))[0].payload).toMatchObject({
      items: [{ url: expect.stringContaining(freshY.id) }],
    })
    expect(await digestsTo(w.office, 'new-applications-digest')).toEqual([])
    expect(await sendNewApplicationsDigest({ since, now })).toBe(0)
  })

  test('students hear once about drafts whose program closes soon', async () => {
    const closing = await createProgram(prisma, {
      opensAt: daysAgo(30),
      closesAt: new Date(now.getTime() + 2 * DAY),
      titleEn: 'Closing soon',
    })
    const later = await createProgram(prisma, { opensAt: daysAgo(30), closesAt: new Date(now.getTime() + 10 * DAY) })
    const draft = await application('draft', { programId: closing.id })
    await application('draft', { programId: later.id, student: w.studentY })
    await application('submitted', { programId: closing.id, student: await createStudent(prisma, { collegeId: w.x.id }) })

    expect(await sendDraftDeadlineReminders({ now, withinDays: 3 })).toBe(1)
    const [mail] = await outboxTo(w.studentX.email)
    expect(mail).toMatchObject({
      template: 'draft-deadline-reminder',
      locale: 'en',
      payload: {
        programTitle: 'Closing soon',
        closesAt: closing.closesAt.toISOString(),
        applicationUrl: expect.stringContaining(draft.id),
      },
    })
    expect(await sendDraftDeadlineReminders({ now: new Date(now.getTime() + DAY), withinDays: 3 })).toBe(0)
  })
})

/**
 * Something for every reminder to send at `now`: an application stuck at college X for 8 days
 * (collegeX, collegeX2 and `both`), one submitted to college Y yesterday in Beijing (collegeY), a
 * draft whose program closes in two days (studentX), a mobility that ended 40 days ago without a
 * return report (studentY).
 */
async function somethingForEveryReminder() {
  await application('submitted', { statusChangedAt: daysAgo(8), submittedAt: daysAgo(8) })
  const yesterday = new Date('2026-11-19T04:00:00Z') // noon in Beijing
  await application('submitted', { student: w.studentY, statusChangedAt: yesterday, submittedAt: yesterday })
  const closing = await createProgram(prisma, { opensAt: daysAgo(30), closesAt: new Date(now.getTime() + 2 * DAY) })
  await application('draft', { programId: closing.id, student: await createStudent(prisma, { collegeId: w.x.id }) })
  await application('approved', {
    student: await createStudent(prisma, { collegeId: w.y.id }),
    details: { kind: 'exchange', programId: w.program.id, startDate: '2026-07-01', endDate: '2026-10-10' },
  })
}

const reminders: [name: string, job: Job, template: string, emails: number][] = [
  [reviewReminders.name, reviewReminders, 'reviewer-reminder', 3],
  [newApplicationsDigest.name, newApplicationsDigest, 'new-applications-digest', 1],
  [draftDeadlineReminders.name, draftDeadlineReminders, 'draft-deadline-reminder', 1],
  [returnReportReminders.name, returnReportReminders, 'return-report-overdue', 1],
]

describe('each email once, marked in JobMark, never in the audit trail', () => {
  test.each(reminders)('%s: four runs at once (four app instances) enqueue each email once', async (_name, job, template, emails) => {
    await somethingForEveryReminder()
    const audit = await prisma.auditEvent.count()

    await Promise.all([job.run(now), job.run(now), job.run(now), job.run(now)])
    expect(await prisma.outboxMessage.count({ where: { template } })).toBe(emails)
    expect(new Set((await prisma.outboxMessage.findMany({ where: { template } })).map((m) => m.toAddress)).size).toBe(emails)
    expect(await prisma.jobMark.count({ where: { job: job.name } })).toBe(emails)
    // Only this job's emails: the others did not run.
    expect(await prisma.outboxMessage.count()).toBe(emails)
    expect(await prisma.auditEvent.count()).toBe(audit)

    // An hour later, on the hourly schedule: nothing more.
    await job.run(new Date(now.getTime() + 3600_000))
    expect(await prisma.outboxMessage.count({ where: { template } })).toBe(emails)
  })

  test('two instances running the whole schedule at once: every email once, no audit row', async () => {
    await somethingForEveryReminder()
    const audit = await prisma.auditEvent.count()
    await Promise.all([runJobs(jobs, now), runJobs(jobs, now)])
    for (const [, job, template, emails] of reminders) {
      expect(await prisma.outboxMessage.count({ where: { template } }), job.name).toBe(emails)
      expect(await prisma.jobMark.count({ where: { job: job.name } }), job.name).toBe(emails)
    }
    expect(await prisma.auditEvent.count()).toBe(audit)
    expect(await prisma.auditEvent.count({ where: { OR: [{ entityType: 'reminder' }, { action: { startsWith: 'reminder.' } }] } })).toBe(0)
  })

  test('the mark is what remembers: without it the reminder is sent again', async () => {
    await somethingForEveryReminder()
    expect(await sendDraftDeadlineReminders({ now })).toBe(1)
    expect(await sendDraftDeadlineReminders({ now })).toBe(0)
    await prisma.jobMark.deleteMany({ where: { job: draftDeadlineReminders.name } })
    expect(await sendDraftDeadlineReminders({ now })).toBe(1)
  })

  test('an email that cannot be enqueued leaves no mark: the next run sends it', async () => {
    await somethingForEveryReminder()
    // The outbox refuses every row for a moment: the mark, written first, rolls back with it.
    await prisma.$executeRawUnsafe(`
      CREATE FUNCTION refuse_outbox() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'outbox refused'; END $$;
      CREATE TRIGGER refuse_outbox BEFORE INSERT ON "OutboxMessage" FOR EACH ROW EXECUTE FUNCTION refuse_outbox();`)
    try {
      await expect(sendDraftDeadlineReminders({ now })).rejects.toThrow(/outbox refused/)
    } finally {
      await prisma.$executeRawUnsafe(`DROP TRIGGER refuse_outbox ON "OutboxMessage"; DROP FUNCTION refuse_outbox();`)
    }
    expect(await prisma.jobMark.count()).toBe(0)
    expect(await sendDraftDeadlineReminders({ now })).toBe(1)
  })
})

describe('the schedule', () => {
  test('every job has a name of its own and says what it does', () => {
    expect(new Set(jobs.map((j) => j.name)).size).toBe(jobs.length)
    for (const job of jobs) expect(job.description.length).toBeGreaterThan(20)
  })

  test('a failing job is logged under its name and the others still run; stopping waits for the round under way', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const ran: string[] = []
    let finish = () => {}
    const slow = new Promise<void>((resolve) => (finish = resolve))
    const list: Job[] = [
      { name: 'broken', description: 'Always fails.', run: () => Promise.reject(new Error('boom')) },
      { name: 'slow', description: 'Takes its time.', run: () => slow.then(() => void ran.push('slow')) },
    ]
    try {
      const stop = startJobs({ list, everyMs: 60_000 })
      let stopped = false
      const stopping = stop().then(() => (stopped = true))
      await new Promise((r) => setTimeout(r, 50))
      expect(stopped).toBe(false)
      finish()
      await stopping
      expect(ran).toEqual(['slow'])
      expect(error).toHaveBeenCalledWith('[jobs] broken failed:', expect.objectContaining({ message: 'boom' }))
    } finally {
      error.mockRestore()
    }
  })
})
