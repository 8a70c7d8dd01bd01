// The reviewers' side (app/models/review-*.server.ts, comment.server.ts) against a real database
// and MailDev: decisions through the workflow table, optimistic locking, quota, waitlist promotion,
// reviews, conflicts, comments, the audit trail, and decisions that survive an SMTP outage.
// Reminders and digests are jobs: tests/integration/jobs.test.ts.
import net from 'node:net'
import { beforeEach, describe, expect, test, vi } from 'vitest'
import type { Command } from '~/domain/workflow'
import type { ApplicationStatus } from '~/generated/prisma/client'
import { toSessionUser, type SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { recordAudit } from '~/lib/audit.server'
import { withdrawApplication } from '~/models/application.server'
import { addComment, listComments } from '~/models/comment.server'
import { auditTrail, findForReviewer } from '~/models/review-access.server'
import { decide, decideMany, type DecisionInput } from '~/models/review-decisions.server'
import { declareConflict, reviewPanel, saveReview } from '~/models/review-scores.server'
import { steppedAsideFrom } from '~/models/access.server'
import { promoteFirstWaitlisted } from '~/models/status-change.server'
import { createFund, createProgram, createStudent } from '../factories'
import { applicationIn, fundedConferenceIn, reviewWorld, type ReviewWorld } from '../factories/review-world'
import { resetDatabase } from '../support/db'
import { listEmails, waitForEmail, uniqueEmail } from '../support/mail-catcher'

const DAY = 24 * 3600 * 1000
const mailUrl = () => process.env.MAIL_CATCHER_URL!

type World = ReviewWorld
const world = () =>
  reviewWorld({
    collegeX: { nameZh: '学院审核人甲' },
    office: { nameZh: '国际处审核人甲', nameEn: 'Office Reviewer A' },
    office2: { nameEn: 'Office Reviewer B' },
    program: { titleEn: 'TU Munich exchange', titleZh: '慕尼黑工业大学交换' },
  })

let w: World
beforeEach(async () => {
  await resetDatabase()
  w = await world()
})

/** An application in `status`, as if it had got there the normal way. */
const application = (status: ApplicationStatus, options?: Parameters<typeof applicationIn>[2]) => applicationIn(w, status, options)
/** A conference program with a fund and an application asking it for ¥3,000. */
const fundedConference = (status: ApplicationStatus) => fundedConferenceIn(w, status)

const input = (app: { id: string; version: number }, command: Command, extra: Partial<DecisionInput> = {}): DecisionInput => ({
  applicationId: app.id,
  version: app.version,
  command,
  reason: 'Reason given by the reviewer.',
  requestedChanges: { fields: ['studyPlan'], documents: ['transcript'] },
  ...extra,
})

const row = (id: string) => prisma.application.findUniqueOrThrow({ where: { id } })
const outboxTo = (to: string) => prisma.outboxMessage.findMany({ where: { toAddress: to }, orderBy: { createdAt: 'asc' } })

describe('findForReviewer', () => {
  test('a college reviewer sees their own college only; the office, finance and admins see every college', async () => {
    const ax = await application('submitted')
    const ay = await application('submitted', { student: w.studentY })

    const seen = await findForReviewer(w.collegeX, ax.id)
    expect(seen).toMatchObject({
      id: ax.id,
      program: { id: w.program.id, titleEn: 'TU Munich exchange' },
      applicant: { nameEn: 'ZHANG San', studentNumber: w.studentX.studentNumber, level: 'undergraduate', college: { id: w.x.id } },
    })
    expect(seen?.applicant).not.toHaveProperty('passwordHash')
    expect(await findForReviewer(w.collegeX, ay.id)).toBeNull()
    expect(await findForReviewer(w.collegeY, ax.id)).toBeNull()
    for (const actor of [w.office, w.finance, w.admin]) {
      expect((await findForReviewer(actor, ax.id))?.id).toBe(ax.id)
      expect((await findForReviewer(actor, ay.id))?.id).toBe(ay.id)
    }
    expect(await findForReviewer(toSessionUser(w.studentX), ax.id)).toBeNull()
  })

  test('nobody sees a draft', async () => {
    const draft = await application('draft')
    for (const actor of [w.collegeX, w.office, w.finance, w.admin]) expect(await findForReviewer(actor, draft.id)).toBeNull()
  })
})

describe('decide: every command path', () => {
  type Case = { command: Command; from: ApplicationStatus; by: keyof World; money?: boolean; to: ApplicationStatus; email: string | null }
  const allowed: Case[] = [
    { command: 'college_endorse', from: 'submitted', by: 'collegeX', to: 'college_endorsed', email: null },
    { command: 'college_endorse', from: 'submitted', by: 'both', to: 'college_endorsed', email: null },
    { command: 'college_reject', from: 'submitted', by: 'collegeX', to: 'rejected', email: 'decision-rejected' },
    { command: 'college_request_changes', from: 'submitted', by: 'collegeX', to: 'changes_requested', email: 'changes-requested' },
    { command: 'office_approve', from: 'college_endorsed', by: 'office', to: 'approved', email: 'decision-approved' },
    { command: 'office_approve', from: 'college_endorsed', by: 'office', money: true, to: 'funding_check', email: null },
    { command: 'office_waitlist', from: 'college_endorsed', by: 'office', to: 'waitlisted', email: 'decision-waitlisted' },
    { command: 'office_reject', from: 'college_endorsed', by: 'office', to: 'rejected', email: 'decision-rejected' },
    { command: 'office_reject', from: 'waitlisted', by: 'office', to: 'rejected', email: 'decision-rejected' },
    { command: 'office_request_changes', from: 'college_endorsed', by: 'office', to: 'changes_requested', email: 'changes-requested' },
    { command: 'promote_from_waitlist', from: 'waitlisted', by: 'office', to: 'approved', email: 'decision-approved' },
    { command: 'promote_from_waitlist', from: 'waitlisted', by: 'office', money: true, to: 'funding_check', email: null },
    { command: 'cancel', from: 'approved', by: 'office', to: 'cancelled', email: null },
    { command: 'cancel', from: 'submitted', by: 'admin', to: 'cancelled', email: null },
    { command: 'complete', from: 'approved', by: 'office', to: 'completed', email: null },
    { command: 'complete', from: 'approved', by: 'admin', to: 'completed', email: null },
  ]

  test.each(allowed)('$command from $from by $by → $to', async ({ command, from, by, money, to, email }) => {
    const app = money ? await fundedConference(from) : await application(from)
    const actor = w[by] as SessionUser
    expect(await decide(actor, input(app, command))).toEqual({ ok: true, status: to, version: app.version + 1 })

    const after = await row(app.id)
    expect(after).toMatchObject({ status: to, version: app.version + 1 })
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { applicationId: app.id, action: `application.${command}` } })
    expect(audit).toMatchObject({ actorId: actor.id, before: { status: from }, reason: 'Reason given by the reviewer.' })
    expect(audit.after).toMatchObject({ status: to })

    const mails = await outboxTo(w.studentX.email)
    expect(mails.map((m) => m.template)).toEqual(email ? [email] : [])
    if (email) expect(mails[0].locale).toBe('en')
    if (to === 'changes_requested') {
      // Who asked (the resubmission goes back to them) and the application as it was, to compare with.
      const by = command === 'office_request_changes' ? 'office' : 'college'
      expect(after.requestedChanges).toEqual({
        fields: ['studyPlan'],
        documents: ['transcript'],
        by,
        baseline: { details: app.details, documents: [] },
      })
      expect(audit.after).toEqual({ status: to, requestedChanges: { fields: ['studyPlan'], documents: ['transcript'], by } })
      expect(mails[0].payload).toMatchObject({ fields: ['studyPlan'], documents: ['transcript'], reason: 'Reason given by the reviewer.' })
    }
    if (email === 'decision-rejected') expect(mails[0].payload).toMatchObject({ reason: 'Reason given by the reviewer.' })
    if (email === 'decision-approved') {
      expect(mails[0].payload).toMatchObject({ name: 'ZHANG San', kind: money ? 'conference' : 'exchange' })
      // Approval without university money names no amount; finance's confirmation does.
      expect((mails[0].payload as { amountFen?: number }).amountFen).toBeUndefined()
    }
  })

  type Refusal = { command: Command; from: ApplicationStatus; by: keyof World | 'student'; error: string; money?: boolean }
  const refused: Refusal[] = [
    { command: 'college_endorse', from: 'submitted', by: 'office', error: 'rv.error.forbidden' },
    { command: 'college_endorse', from: 'submitted', by: 'finance', error: 'rv.error.forbidden' },
    { command: 'college_endorse', from: 'submitted', by: 'collegeY', error: 'rv.error.notFound' },
    { command: 'college_reject', from: 'submitted', by: 'collegeY', error: 'rv.error.notFound' },
    { command: 'college_endorse', from: 'submitted', by: 'student', error: 'rv.error.notFound' },
    { command: 'office_approve', from: 'college_endorsed', by: 'collegeX', error: 'rv.error.forbidden' },
    { command: 'office_approve', from: 'college_endorsed', by: 'finance', error: 'rv.error.forbidden' },
    { command: 'office_approve', from: 'college_endorsed', by: 'admin', error: 'rv.error.forbidden' },
    { command: 'office_waitlist', from: 'college_endorsed', by: 'collegeX', error: 'rv.error.forbidden' },
    { command: 'finance_confirm', from: 'funding_check', by: 'office', money: true, error: 'rv.error.forbidden' },
    { command: 'finance_return', from: 'funding_check', by: 'admin', money: true, error: 'rv.error.forbidden' },
    // Finance decides on the award's page, with amounts (tests/integration/finance.test.ts).
    { command: 'finance_confirm', from: 'funding_check', by: 'finance', money: true, error: 'rv.error.forbidden' },
    { command: 'finance_return', from: 'funding_check', by: 'finance', money: true, error: 'rv.error.forbidden' },
    { command: 'cancel', from: 'approved', by: 'collegeX', error: 'rv.error.forbidden' },
    { command: 'cancel', from: 'approved', by: 'finance', error: 'rv.error.forbidden' },
    { command: 'withdraw', from: 'approved', by: 'office', error: 'rv.error.forbidden' },
    { command: 'college_endorse', from: 'college_endorsed', by: 'collegeX', error: 'rv.error.status' },
    { command: 'office_approve', from: 'submitted', by: 'office', error: 'rv.error.status' },
    { command: 'office_approve', from: 'waitlisted', by: 'office', error: 'rv.error.status' },
    { command: 'promote_from_waitlist', from: 'college_endorsed', by: 'office', error: 'rv.error.status' },
    { command: 'complete', from: 'rejected', by: 'office', error: 'rv.error.status' },
    { command: 'cancel', from: 'completed', by: 'admin', error: 'rv.error.status' },
    { command: 'office_approve', from: 'draft', by: 'office', error: 'rv.error.notFound' },
  ]

  test.each(refused)('$command from $from by $by is refused: $error', async ({ command, from, by, money, error }) => {
    const app = money ? await fundedConference(from) : await application(from)
    const actor = by === 'student' ? toSessionUser(w.studentX) : (w[by] as SessionUser)
    expect(await decide(actor, input(app, command))).toEqual({ ok: false, error })
    expect(await row(app.id)).toMatchObject({ status: from, version: app.version })
    expect(await prisma.auditEvent.count()).toBe(0)
    expect(await prisma.outboxMessage.count()).toBe(0)
  })

  test('a reviewer with both roles acts as college reviewer for their own college only', async () => {
    const ay = await application('submitted', { student: w.studentY })
    expect(await decide(w.both, input(ay, 'college_endorse'))).toEqual({ ok: false, error: 'rv.error.forbidden' })
    const endorsed = await application('college_endorsed', { student: w.studentY })
    expect(await decide(w.both, input(endorsed, 'office_waitlist'))).toMatchObject({ ok: true, status: 'waitlisted' })
  })

  test('a student-visible message becomes a comment and goes into the email', async () => {
    const app = await application('college_endorsed')
    const result = await decide(w.office, input(app, 'office_waitlist', { messageToStudent: '  You are second on the list.  ' }))
    expect(result.ok).toBe(true)
    expect(await prisma.comment.findMany({ where: { applicationId: app.id } })).toMatchObject([
      { visibility: 'student', authorId: w.office.id, body: 'You are second on the list.' },
    ])
    const [mail] = await outboxTo(w.studentX.email)
    expect(mail.payload).toMatchObject({ message: 'You are second on the list.' })
  })
})

describe('decide: what a decision needs', () => {
  test('reject and request changes need a reason; request changes names known fields or documents', async () => {
    const app = await application('submitted')
    const cases: Partial<DecisionInput>[] = [
      { command: 'college_reject', reason: '   ' },
      { command: 'college_request_changes', reason: undefined },
      { command: 'college_request_changes', requestedChanges: { fields: [], documents: [] } },
      { command: 'college_request_changes', requestedChanges: undefined },
      { command: 'college_request_changes', requestedChanges: { fields: ['paperTitle'], documents: [] } }, // a conference field
      { command: 'college_request_changes', requestedChanges: { fields: [], documents: ['diploma' as never] } },
      { command: 'college_reject', reason: 'x'.repeat(5001) },
    ]
    for (const extra of cases) {
      expect(await decide(w.collegeX, input(app, extra.command!, extra)), JSON.stringify(extra)).toEqual({
        ok: false,
        error: 'rv.error.invalid',
      })
    }
    expect(await row(app.id)).toMatchObject({ status: 'submitted', version: app.version })

    const ok = await decide(
      w.collegeX,
      input(app, 'college_request_changes', { requestedChanges: { fields: [], documents: ['passport', 'passport'] } }),
    )
    expect(ok).toMatchObject({ ok: true, status: 'changes_requested' })
    expect((await row(app.id)).requestedChanges).toMatchObject({ fields: [], documents: ['passport'], by: 'college' })
  })

  test('endorsing needs no reason', async () => {
    const app = await application('submitted')
    expect(await decide(w.collegeX, { applicationId: app.id, version: app.version, command: 'college_endorse' })).toMatchObject({
      ok: true,
    })
  })

  test('approving when the places are taken needs confirmation', async () => {
    const program = await createProgram(prisma, { quota: 1 })
    await application('approved', { programId: program.id, student: w.studentY })
    const app = await application('college_endorsed', { programId: program.id })
    expect(await decide(w.office, input(app, 'office_approve'))).toEqual({ ok: false, error: 'rv.error.overQuota' })
    expect(await row(app.id)).toMatchObject({ status: 'college_endorsed', version: app.version })
    expect(await decide(w.office, input(app, 'office_approve', { confirmOverQuota: true }))).toMatchObject({ ok: true, status: 'approved' })

    const waiting = await application('waitlisted', { programId: program.id, student: await createStudent(prisma, { collegeId: w.x.id }) })
    expect(await decide(w.office, input(waiting, 'promote_from_waitlist'))).toEqual({ ok: false, error: 'rv.error.overQuota' })
    // Waitlisting and rejecting take no place: no confirmation.
    const other = await application('college_endorsed', {
      programId: program.id,
      student: await createStudent(prisma, { collegeId: w.x.id }),
    })
    expect(await decide(w.office, input(other, 'office_waitlist'))).toMatchObject({ ok: true })
  })

  test('a program without a quota never asks for confirmation', async () => {
    const program = await createProgram(prisma, { quota: null })
    await application('approved', { programId: program.id, student: w.studentY })
    const app = await application('college_endorsed', { programId: program.id })
    expect(await decide(w.office, input(app, 'office_approve'))).toMatchObject({ ok: true, status: 'approved' })
  })
})

describe('decide: optimistic locking', () => {
  test('two reviewers deciding at once: exactly one wins, the other is told what changed', async () => {
    const app = await application('college_endorsed')
    const results = await Promise.all([
      decide(w.office, input(app, 'office_approve')),
      decide(w.office2, input(app, 'office_reject', { reason: 'Too late.' })),
    ])
    const winners = results.filter((r) => r.ok)
    const losers = results.filter((r) => !r.ok)
    expect(winners).toHaveLength(1)
    expect(losers).toHaveLength(1)

    const after = await row(app.id)
    expect(after.version).toBe(app.version + 1)
    const winnerIsOffice = results[0].ok
    expect(after.status).toBe(winnerIsOffice ? 'approved' : 'rejected')
    expect(losers[0]).toMatchObject({
      ok: false,
      error: 'rv.error.stale',
      current: {
        status: after.status,
        version: app.version + 1,
        changedBy: winnerIsOffice ? '国际处审核人甲' : w.office2.nameZh,
        action: winnerIsOffice ? 'application.office_approve' : 'application.office_reject',
      },
    })
    expect(await prisma.auditEvent.count({ where: { applicationId: app.id } })).toBe(1)
    expect(await prisma.outboxMessage.count()).toBe(1)
  })

  test('a decision on a stale view is refused, naming who changed what and when', async () => {
    const app = await application('submitted')
    expect(await decide(w.collegeX, input(app, 'college_endorse'))).toMatchObject({ ok: true })
    const result = await decide(w.collegeX2, input(app, 'college_reject'))
    expect(result).toMatchObject({
      ok: false,
      error: 'rv.error.stale',
      current: { status: 'college_endorsed', version: app.version + 1, changedBy: '学院审核人甲', action: 'application.college_endorse' },
    })
    expect(!result.ok && result.current?.changedAt).toBeInstanceOf(Date)
  })

  test('the changer is named in the stale reviewer’s language', async () => {
    const app = await application('college_endorsed')
    await decide(w.office, input(app, 'office_waitlist'))
    const english = { ...w.office2, locale: 'en' as const }
    expect(await decide(english, input(app, 'office_reject'))).toMatchObject({ current: { changedBy: 'Office Reviewer A' } })
  })
})

describe('waitlist promotion', () => {
  async function fullProgram() {
    const program = await createProgram(prisma, { quota: 1, titleEn: 'Full program' })
    const approved = await application('approved', { programId: program.id })
    const older = await createStudent(prisma, { collegeId: w.y.id, email: uniqueEmail('first-waitlisted'), locale: 'en' })
    const first = await application('waitlisted', {
      programId: program.id,
      student: older,
      statusChangedAt: new Date(Date.now() - 3 * DAY),
    })
    const second = await application('waitlisted', {
      programId: program.id,
      student: w.studentY,
      statusChangedAt: new Date(Date.now() - DAY),
    })
    return { program, approved, first, second, older }
  }

  test('withdrawing an approved application promotes the first waitlisted, who is emailed', async () => {
    const { approved, first, second, older } = await fullProgram()
    expect(await withdrawApplication(toSessionUser(w.studentX), approved.id, 'Found another program')).toEqual({ ok: true })

    expect(await row(first.id)).toMatchObject({ status: 'approved', version: first.version + 1 })
    expect(await row(second.id)).toMatchObject({ status: 'waitlisted' })
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { applicationId: first.id } })
    expect(audit).toMatchObject({
      actorId: null,
      action: 'application.promote_from_waitlist',
      before: { status: 'waitlisted' },
      after: { status: 'approved' },
    })

    const { processOutboxBatch } = await import('~/lib/outbox.server')
    while ((await processOutboxBatch()).claimed > 0);
    const mail = await waitForEmail(mailUrl(), { to: older.email, subjectIncludes: 'approved' })
    expect(mail.subject).toBe('Application approved: Full program')
  })

  test('withdrawing a waitlisted application frees no place', async () => {
    const { second, first } = await fullProgram()
    const student = toSessionUser(w.studentY)
    expect(await withdrawApplication(student, second.id, '')).toEqual({ ok: true })
    expect(await row(first.id)).toMatchObject({ status: 'waitlisted' })
  })

  test('cancelling an approved application promotes too; a promotion asking for money goes to funding check, silently', async () => {
    const fund = await createFund(prisma)
    const program = await createProgram(prisma, { quota: 1, fundId: fund.id })
    const approved = await application('approved', { programId: program.id })
    const waiting = await application('waitlisted', { programId: program.id, student: w.studentY })
    expect(await decide(w.office, input(approved, 'cancel'))).toMatchObject({ ok: true, status: 'cancelled' })
    expect(await row(waiting.id)).toMatchObject({ status: 'funding_check' })
    expect(await outboxTo(w.studentY.email)).toEqual([])
  })

  test('no promotion while the places are still taken', async () => {
    const { program, first } = await fullProgram()
    await application('approved', { programId: program.id, student: await createStudent(prisma, { collegeId: w.x.id }) })
    expect(await prisma.$transaction((tx) => promoteFirstWaitlisted(tx, program.id))).toBeNull()
    expect(await row(first.id)).toMatchObject({ status: 'waitlisted' })
  })
})

describe('decideMany', () => {
  test('each decision stands on its own', async () => {
    const a = await application('submitted')
    const b = await application('submitted', { student: await createStudent(prisma, { collegeId: w.x.id }) })
    const c = await application('submitted', { student: await createStudent(prisma, { collegeId: w.x.id }) })
    const ay = await application('submitted', { student: w.studentY })
    const results = await decideMany(w.collegeX, [
      input(a, 'college_endorse'),
      input({ ...b, version: b.version - 1 }, 'college_endorse'),
      input(ay, 'college_endorse'),
      input(c, 'college_endorse'),
    ])
    expect(results).toMatchObject([
      { applicationId: a.id, ok: true, status: 'college_endorsed' },
      { applicationId: b.id, ok: false, error: 'rv.error.stale' },
      { applicationId: ay.id, ok: false, error: 'rv.error.notFound' },
      { applicationId: c.id, ok: true, status: 'college_endorsed' },
    ])
    expect((await row(a.id)).status).toBe('college_endorsed')
    expect((await row(b.id)).status).toBe('submitted')
    expect((await row(c.id)).status).toBe('college_endorsed')
  })

  test('approvals in bulk stop at the quota unless confirmed', async () => {
    const program = await createProgram(prisma, { quota: 2 })
    const apps = await Promise.all(
      [0, 1, 2].map(async () =>
        application('college_endorsed', { programId: program.id, student: await createStudent(prisma, { collegeId: w.x.id }) }),
      ),
    )
    const results = await decideMany(
      w.office,
      apps.map((a) => input(a, 'office_approve')),
    )
    expect(results.map((r) => (r.ok ? r.status : r.error))).toEqual(['approved', 'approved', 'rv.error.overQuota'])
  })
})

describe('reviews', () => {
  const scores = { academicRecord: 4, language: 5, studyPlan: 3, partnerFit: 4 }

  test("others' scores stay hidden until one's own review is submitted", async () => {
    const app = await application('submitted')
    expect(await saveReview(w.collegeX2, { applicationId: app.id, scores, comment: 'Strong.', submit: true })).toMatchObject({ ok: true })

    expect(await reviewPanel(w.collegeX, app.id)).toEqual({ mine: null, others: null })
    const draft = await saveReview(w.collegeX, { applicationId: app.id, scores: { language: 4 }, comment: '', submit: false })
    expect(draft).toMatchObject({ ok: true, review: { stage: 'college', submittedAt: null, scores: { language: 4 } } })
    expect(await reviewPanel(w.collegeX, app.id)).toMatchObject({ mine: { scores: { language: 4 } }, others: null })
    // A submitted review scores every criterion.
    expect(await saveReview(w.collegeX, { applicationId: app.id, scores: { language: 4 }, comment: '', submit: true })).toEqual({
      ok: false,
      error: 'rv.reviewInvalid',
    })
    expect(await saveReview(w.collegeX, { applicationId: app.id, scores: { ...scores, language: 6 }, comment: '', submit: true })).toEqual({
      ok: false,
      error: 'rv.reviewInvalid',
    })

    expect(await saveReview(w.collegeX, { applicationId: app.id, scores, comment: 'Fine.', submit: true })).toMatchObject({ ok: true })
    const panel = await reviewPanel(w.collegeX, app.id)
    expect(panel.mine?.submittedAt).toBeInstanceOf(Date)
    expect(panel.others).toMatchObject([{ reviewerId: w.collegeX2.id, scores, comment: 'Strong.' }])

    // The office reviews at its own stage and sees the college's reviews once its own is in.
    expect(await reviewPanel(w.office, app.id)).toMatchObject({ mine: null, others: null })
    await saveReview(w.office, { applicationId: app.id, scores, comment: '', submit: true })
    expect((await reviewPanel(w.office, app.id)).others).toHaveLength(2)
    // Finance does not review: it sees the submitted reviews.
    expect((await reviewPanel(w.finance, app.id)).others).toHaveLength(3)
    expect(await saveReview(w.finance, { applicationId: app.id, scores, comment: '', submit: true })).toEqual({
      ok: false,
      error: 'rv.error.forbidden',
    })

    const audits = await prisma.auditEvent.findMany({ where: { applicationId: app.id, action: 'review.submit' } })
    expect(audits).toHaveLength(3)
    expect(audits.find((a) => a.actorId === w.collegeX.id)?.after).toMatchObject({ stage: 'college', scores, average: 4 })
  })

  test('a submitted review can be amended but not withdrawn; drafts leave no audit row', async () => {
    const app = await application('submitted')
    await saveReview(w.collegeX, { applicationId: app.id, scores: { language: 3 }, comment: '', submit: false })
    expect(await prisma.auditEvent.count()).toBe(0)
    await saveReview(w.collegeX, { applicationId: app.id, scores, comment: '', submit: true })
    const amended = await saveReview(w.collegeX, {
      applicationId: app.id,
      scores: { ...scores, language: 2 },
      comment: 'Rechecked.',
      submit: false,
    })
    expect(amended).toMatchObject({ ok: true, review: { scores: { language: 2 }, comment: 'Rechecked.' } })
    expect(amended.ok && amended.review.submittedAt).toBeInstanceOf(Date)
    expect(await prisma.auditEvent.findMany({ where: { action: 'review.submit' }, orderBy: { id: 'asc' } })).toMatchObject([
      { before: null },
      { before: { scores }, after: { scores: { language: 2 }, comment: 'Rechecked.' } },
    ])
  })

  test('another college cannot review', async () => {
    const app = await application('submitted')
    expect(await saveReview(w.collegeY, { applicationId: app.id, scores, comment: '', submit: true })).toEqual({
      ok: false,
      error: 'rv.error.notFound',
    })
    expect(await reviewPanel(w.collegeY, app.id)).toEqual({ mine: null, others: null })
  })
})

describe('conflict of interest', () => {
  test('keeps the reviewer out of the application', async () => {
    const app = await application('submitted')
    expect(await steppedAsideFrom(w.collegeX, app.id)).toBe(false)
    expect(await declareConflict(w.collegeX, app.id, '  ')).toEqual({ ok: false, error: 'form.required' })
    expect(await declareConflict(w.collegeX, app.id, 'The applicant is my nephew.')).toEqual({ ok: true })

    expect(await steppedAsideFrom(w.collegeX, app.id)).toBe(true)
    expect(await findForReviewer(w.collegeX, app.id)).toBeNull()
    expect(await decide(w.collegeX, input(app, 'college_endorse'))).toEqual({ ok: false, error: 'rv.error.forbidden' })
    expect(await saveReview(w.collegeX, { applicationId: app.id, scores: {}, comment: '', submit: false })).toEqual({
      ok: false,
      error: 'rv.error.forbidden',
    })
    expect(await reviewPanel(w.collegeX, app.id)).toEqual({ mine: null, others: null })
    expect(await addComment(w.collegeX, { applicationId: app.id, visibility: 'internal', body: 'x' })).toEqual({
      ok: false,
      error: 'rv.error.notFound',
    })
    expect(await listComments(w.collegeX, app.id)).toEqual([])
    // Colleagues carry on.
    expect((await findForReviewer(w.collegeX2, app.id))?.id).toBe(app.id)
    expect(await decide(w.collegeX2, input(app, 'college_endorse'))).toMatchObject({ ok: true })

    expect(await prisma.auditEvent.findFirstOrThrow({ where: { action: 'review.conflict' } })).toMatchObject({
      actorId: w.collegeX.id,
      applicationId: app.id,
      reason: 'The applicant is my nephew.',
    })
  })

  test('a declared conflict is not shown among the reviews', async () => {
    const app = await application('submitted')
    await declareConflict(w.collegeX, app.id, 'Supervisor of the applicant.')
    await saveReview(w.collegeX2, {
      applicationId: app.id,
      scores: { academicRecord: 3, language: 3, studyPlan: 3, partnerFit: 3 },
      comment: '',
      submit: true,
    })
    expect((await reviewPanel(w.collegeX2, app.id)).others).toEqual([])
  })
})

describe('comments and the audit trail', () => {
  test('internal and student comments, listed for those who may see the application', async () => {
    const app = await application('submitted')
    expect(await addComment(w.collegeX, { applicationId: app.id, visibility: 'internal', body: ' Check the GPA. ' })).toMatchObject({
      ok: true,
    })
    expect(
      await addComment(w.office, { applicationId: app.id, visibility: 'student', body: 'Please upload a clearer scan.' }),
    ).toMatchObject({ ok: true })
    expect(await addComment(w.office, { applicationId: app.id, visibility: 'student', body: '   ' })).toEqual({
      ok: false,
      error: 'form.required',
    })
    expect(await addComment(w.collegeY, { applicationId: app.id, visibility: 'internal', body: 'x' })).toEqual({
      ok: false,
      error: 'rv.error.notFound',
    })

    expect(await listComments(w.collegeX, app.id)).toMatchObject([
      { visibility: 'internal', body: 'Check the GPA.', author: { id: w.collegeX.id } },
      { visibility: 'student', body: 'Please upload a clearer scan.', author: { id: w.office.id } },
    ])
    expect(await listComments(w.collegeY, app.id)).toEqual([])
    expect(await prisma.auditEvent.count({ where: { action: 'comment.add' } })).toBe(2)
  })

  test('a comment is at most 5000 characters, an emoji or a Chinese character counting one', async () => {
    const app = await application('submitted')
    const comment = (body: string) => addComment(w.office, { applicationId: app.id, visibility: 'internal', body })
    expect(await comment('👍'.repeat(5001))).toEqual({ ok: false, error: 'form.tooLong', params: { max: 5000 } })
    expect(await comment('👍'.repeat(5000))).toMatchObject({ ok: true })
    expect(await comment('审'.repeat(5001))).toEqual({ ok: false, error: 'form.tooLong', params: { max: 5000 } })
    expect(await comment('审'.repeat(5000))).toMatchObject({ ok: true })
  })

  test('every event of the application and its documents, with actor names, oldest first, summarised for staff', async () => {
    const app = await application('submitted')
    await prisma.$transaction((tx) =>
      recordAudit(tx, {
        actorId: w.studentX.id,
        action: 'document.upload',
        entityType: 'Document',
        entityId: 'doc1',
        applicationId: app.id,
        after: { kind: 'transcript' },
      }),
    )
    await decide(w.collegeX, input(app, 'college_request_changes'))
    await addComment(w.office, { applicationId: app.id, visibility: 'internal', body: 'Noted.' })

    const trail = await auditTrail(w.office, app.id)
    expect(trail).toMatchObject([
      { action: 'document.upload', actor: { nameEn: 'ZHANG San' }, change: null, text: null },
      {
        action: 'application.college_request_changes',
        actor: { nameZh: '学院审核人甲' },
        change: { of: 'application', from: 'submitted', to: 'changes_requested' },
        text: 'Reason given by the reviewer.',
      },
      { action: 'comment.add', actor: { nameEn: w.office.nameEn }, text: null },
    ])
    expect(typeof trail[0].id).toBe('string')
    // A summary, not the row: no before/after (scores, comment bodies, amounts live there).
    for (const entry of trail) expect(Object.keys(entry).sort()).toEqual(['action', 'actor', 'at', 'change', 'id', 'text'])
    // Nobody outside the review page's rule gets the trail.
    expect(await auditTrail(w.collegeY, app.id)).toEqual([])
  })
})

describe('SMTP down while decisions are made', () => {
  async function closedPort(): Promise<string> {
    const server = net.createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as net.AddressInfo
    await new Promise((resolve) => server.close(resolve))
    return String(port)
  }

  // The outbox module and its SMTP transport are built once per module instance: re-import it.
  async function outboxOn(port: string) {
    process.env.SMTP_PORT = port
    vi.resetModules()
    return import('~/lib/outbox.server')
  }

  test('50 decisions commit, their emails wait, and each is delivered exactly once when SMTP is back', { timeout: 120_000 }, async () => {
    const smtpPort = process.env.SMTP_PORT!
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {}) // one line per failed attempt
    try {
      const program = await createProgram(prisma, { quota: null })
      const students = await Promise.all(
        Array.from({ length: 50 }, (_, i) => createStudent(prisma, { collegeId: w.x.id, email: uniqueEmail(`outage${i}`) })),
      )
      const apps = await Promise.all(students.map((student) => application('college_endorsed', { programId: program.id, student })))

      const down = await outboxOn(await closedPort())
      const stopWorker = down.startOutboxWorker({ pollMs: 20 })
      const results = await decideMany(
        w.office,
        apps.map((a) => input(a, 'office_approve')),
      )
      await stopWorker()
      expect(results.every((r) => r.ok)).toBe(true)

      // Every email still there, none given up.
      await prisma.outboxMessage.updateMany({ data: { nextAttemptAt: new Date(Date.now() - 1000) } })
      while ((await down.processOutboxBatch({ limit: 50 })).claimed > 0);
      const waiting = await prisma.outboxMessage.findMany()
      expect(waiting).toHaveLength(50)
      expect(waiting.every((m) => m.status === 'pending' && m.attempts >= 1 && /ECONNREFUSED/.test(m.lastError ?? ''))).toBe(true)
      expect(warn).toHaveBeenCalled()

      const up = await outboxOn(smtpPort)
      await prisma.outboxMessage.updateMany({ data: { nextAttemptAt: new Date(Date.now() - 1000) } })
      while ((await up.processOutboxBatch({ limit: 20 })).claimed > 0);
      expect(await prisma.outboxMessage.count({ where: { status: 'sent' } })).toBe(50)

      const recipients = new Set(students.map((s) => s.email))
      const deadline = Date.now() + 30_000
      let caught: Awaited<ReturnType<typeof listEmails>> = []
      while (Date.now() < deadline) {
        caught = (await listEmails(mailUrl())).filter((e) => recipients.has(e.to[0]))
        if (caught.length >= 50) break
        await new Promise((r) => setTimeout(r, 100))
      }
      expect(caught).toHaveLength(50)
      expect(new Set(caught.map((e) => e.to[0])).size).toBe(50)
      expect(new Set(caught.map((e) => e.messageId))).toEqual(new Set(waiting.map((m) => m.messageId)))
    } finally {
      warn.mockRestore()
      process.env.SMTP_PORT = smtpPort
      vi.resetModules()
    }
  })
})
