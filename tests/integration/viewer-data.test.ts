// What a page's data carries is what its viewer may see: the review page's and the student's page's
// loader answers (the HTML and the Remix `.data` answer the browser fetches on navigation) are read
// over HTTP, as a curious visitor would read them, and searched for what must not be there.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import type { User } from '~/generated/prisma/client'
import { toSessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { withdrawApplication } from '~/models/application.server'
import { confirmFunding, returnToOffice } from '~/models/finance.server'
import { addComment } from '~/models/comment.server'
import { decide } from '~/models/review-decisions.server'
import { declareConflict, saveReview } from '~/models/review-scores.server'
import { createApplication, createCollege, createFund, createProgram, createStudent, createUser } from '../factories'
import { sessionCookie, startAppServer, type AppServer } from '../support/app-server'
import { resetDatabase } from '../support/db'

let app: AppServer
beforeAll(async () => {
  app = await startAppServer()
})
afterAll(() => app?.close())
beforeEach(() => resetDatabase())

/** The page's HTML and its `.data` answer, as text, for `user`; both must be 200. */
async function pageAndData(path: string, user: { id: string }) {
  const cookie = await sessionCookie(user.id)
  const [page, data] = await Promise.all([app.request(path, { cookie }), app.request(`${path}.data`, { cookie })])
  expect(page.status, path).toBe(200)
  expect(data.status, `${path}.data`).toBe(200)
  return { html: await page.text(), data: await data.text() }
}

async function world() {
  const x = await createCollege(prisma)
  const staff = async (roles: User['roles'], collegeId?: string) =>
    toSessionUser(await createUser(prisma, { roles, collegeId, locale: 'en' }))
  const fund = await createFund(prisma, { budgetFen: 10_000_000n })
  return {
    x,
    college: await staff(['college_reviewer'], x.id),
    otherCollegeReviewer: await staff(['college_reviewer'], x.id),
    office: await staff(['office_reviewer']),
    finance: await staff(['finance']),
    admin: await staff(['admin']),
    student: await createStudent(prisma, { collegeId: x.id, level: 'master', locale: 'en' }),
    exchange: await createProgram(prisma, { quota: null }),
    conference: await createProgram(prisma, { kind: 'conference', fundId: fund.id, quota: null, levels: ['master'] }),
  }
}

describe('the review page', () => {
  test("a reviewer who has not scored sees neither a colleague's scores, average nor comment, in the page or its data", async () => {
    const w = await world()
    const submitted = await createApplication(prisma, {
      applicantId: w.student.id,
      programId: w.exchange.id,
      status: 'submitted',
      submittedAt: new Date(),
    })
    const scores = { academicRecord: 5, language: 4, studyPlan: 5, partnerFit: 3 }
    expect(
      await saveReview(w.college, { applicationId: submitted.id, scores, comment: 'COLLEGE-REVIEW-COMMENT', submit: true }),
    ).toMatchObject({ ok: true })
    // Saved again after submitting: the audit row's "before" holds the first scores and comment.
    const second = { ...scores, partnerFit: 4 }
    expect(
      await saveReview(w.college, { applicationId: submitted.id, scores: second, comment: 'COLLEGE-REVIEW-COMMENT-2', submit: true }),
    ).toMatchObject({ ok: true })
    expect(await decide(w.college, { applicationId: submitted.id, version: submitted.version, command: 'college_endorse' })).toMatchObject({
      ok: true,
    })

    const path = `/review/${submitted.id}`
    const hidden = ['COLLEGE-REVIEW-COMMENT', '"scores"', '"average"', '"before"', '"after"']
    const before = await pageAndData(path, w.office)
    for (const text of hidden) {
      expect(before.data, `.data carries ${text}`).not.toContain(text)
      expect(before.html, `the page carries ${text}`).not.toContain(text)
    }
    // The trail still says that a review was submitted and the college endorsed the application.
    expect(before.html).toContain('Review submitted')

    // Once the office's own review is in, the college's shows, on the panel (not in the trail).
    expect(
      await saveReview(w.office, { applicationId: submitted.id, scores, comment: 'OFFICE-REVIEW-COMMENT', submit: true }),
    ).toMatchObject({ ok: true })
    const after = await pageAndData(path, w.office)
    expect(after.data).toContain('COLLEGE-REVIEW-COMMENT-2')
    expect(after.data).not.toContain('"before"')
  })
})

/**
 * A conference application taken the whole way with notes of every kind: an internal comment, a
 * comment to the student, a review, a colleague's conflict, the endorsement, the office's approval
 * with a message, finance's return, the office's approval again, finance's confirmation.
 */
async function throughFinance(w: Awaited<ReturnType<typeof world>>) {
  const budget = { airfare: 900_000, registration: 300_000 }
  const { id } = await createApplication(prisma, {
    applicantId: w.student.id,
    programId: w.conference.id,
    status: 'submitted',
    submittedAt: new Date(),
    details: { kind: 'conference', programId: w.conference.id, startDate: '2027-05-10', endDate: '2027-05-15', budget },
    requestedFen: 1_200_000,
  })
  const version = async () => (await prisma.application.findUniqueOrThrow({ where: { id } })).version
  expect(await addComment(w.college, { applicationId: id, visibility: 'internal', body: 'INTERNAL-COLLEGE-NOTE' })).toMatchObject({
    ok: true,
  })
  expect(await addComment(w.college, { applicationId: id, visibility: 'student', body: 'COMMENT-FOR-STUDENT' })).toMatchObject({ ok: true })
  const scores = { paperQuality: 5, relevance: 4, budgetReasonableness: 3 }
  expect(await saveReview(w.college, { applicationId: id, scores, comment: 'REVIEW-COMMENT-INTERNAL', submit: true })).toMatchObject({
    ok: true,
  })
  expect(await declareConflict(w.otherCollegeReviewer, id, 'CONFLICT-DECLARATION')).toEqual({ ok: true })
  expect(
    await decide(w.college, { applicationId: id, version: await version(), command: 'college_endorse', reason: 'ENDORSEMENT-REASON' }),
  ).toMatchObject({ ok: true })
  const approve = async () =>
    expect(
      await decide(w.office, {
        applicationId: id,
        version: await version(),
        command: 'office_approve',
        messageToStudent: 'APPROVAL-MESSAGE',
      }),
    ).toMatchObject({
      ok: true,
      status: 'funding_check',
    })
  await approve()
  const proposed = () => prisma.award.findFirstOrThrow({ where: { applicationId: id, status: 'proposed' } })
  expect(
    await returnToOffice(w.finance, { awardId: (await proposed()).id, version: await version(), reason: 'FINANCE-RETURN-REASON' }),
  ).toEqual({ ok: true })
  await approve()
  const award = await proposed()
  const approved = { airfare: 800_000, registration: 300_000 }
  expect(
    await confirmFunding(w.finance, { awardId: award.id, version: await version(), approved, note: 'FINANCE-CONFIRMATION-NOTE' }),
  ).toEqual({ ok: true })
  return { id, awardId: award.id }
}

describe("the student's page", () => {
  test('carries decisions meant for the student, never internal notes of any kind', async () => {
    const w = await world()
    const { id } = await throughFinance(w)

    const { html, data } = await pageAndData(`/student/applications/${id}`, w.student)
    for (const text of [
      'INTERNAL-COLLEGE-NOTE',
      'REVIEW-COMMENT-INTERNAL',
      'CONFLICT-DECLARATION',
      'FINANCE-RETURN-REASON',
      'FINANCE-CONFIRMATION-NOTE',
      '"before"',
      '"after"',
    ]) {
      expect(data, `.data carries ${text}`).not.toContain(text)
      expect(html, `the page carries ${text}`).not.toContain(text)
    }
    for (const text of ['COMMENT-FOR-STUDENT', 'ENDORSEMENT-REASON', 'APPROVAL-MESSAGE']) {
      expect(data, `.data lacks ${text}`).toContain(text)
      expect(html, `the page lacks ${text}`).toContain(text)
    }
    // The steps themselves are the student's to know, finance's return included (without its reason).
    expect(html).toContain('Returned to the office by finance')
    expect(html).toContain('Funding confirmed by finance')
  })

  test('carries the reasons of a request for changes, a rejection and their own withdrawal', async () => {
    const w = await world()
    const create = (status: 'submitted' | 'college_endorsed' | 'draft') =>
      createApplication(prisma, {
        applicantId: w.student.id,
        programId: w.exchange.id,
        status,
        ...(status !== 'draft' && { submittedAt: new Date() }),
      })
    const changes = await create('submitted')
    expect(
      await decide(w.college, {
        applicationId: changes.id,
        version: changes.version,
        command: 'college_request_changes',
        reason: 'PLEASE-FIX-THE-PLAN',
        requestedChanges: { fields: ['studyPlan'], documents: [] },
      }),
    ).toMatchObject({ ok: true })
    const rejected = await create('college_endorsed')
    expect(
      await decide(w.office, {
        applicationId: rejected.id,
        version: rejected.version,
        command: 'office_reject',
        reason: 'REJECTION-REASON',
      }),
    ).toMatchObject({ ok: true })
    const withdrawn = await create('draft')
    expect(await withdrawApplication(toSessionUser(w.student), withdrawn.id, 'MY-OWN-REASON')).toEqual({ ok: true })

    for (const [application, reason] of [
      [changes, 'PLEASE-FIX-THE-PLAN'],
      [rejected, 'REJECTION-REASON'],
      [withdrawn, 'MY-OWN-REASON'],
    ] as const) {
      const { html, data } = await pageAndData(`/student/applications/${application.id}`, w.student)
      expect(data).toContain(reason)
      expect(html).toContain(reason)
    }
  })
})

describe("finance's award page", () => {
  test('its history is a summary per step (finance reads its notes), not the raw rows', async () => {
    const w = await world()
    const { awardId } = await throughFinance(w)
    const { html, data } = await pageAndData(`/finance/awards/${awardId}`, w.finance)
    expect(data).toContain('FINANCE-CONFIRMATION-NOTE')
    expect(html).toContain('FINANCE-CONFIRMATION-NOTE')
    for (const text of ['"before"', '"after"', 'REVIEW-COMMENT-INTERNAL']) expect(data, `.data carries ${text}`).not.toContain(text)
  })

  test("lists the student's other awards only where the policy lets the viewer open their application", async () => {
    const w = await world()
    const { awardId } = await throughFinance(w)
    // Another award of the same student this year, on an application the finance officer stepped aside from.
    const fund = await prisma.award.findUniqueOrThrow({ where: { id: awardId }, select: { fundId: true } })
    const other = await createProgram(prisma, { kind: 'conference', quota: null, levels: ['master'], titleEn: 'OTHER-AWARD-PROGRAM' })
    const elsewhere = await createApplication(prisma, {
      applicantId: w.student.id,
      programId: other.id,
      status: 'approved',
      submittedAt: new Date(),
    })
    await prisma.award.create({
      data: {
        applicationId: elsewhere.id,
        fundId: fund.fundId,
        collegeId: w.x.id,
        status: 'committed',
        requestedFen: 50_000,
        approvedFen: 50_000,
      },
    })
    const colleague = toSessionUser(await createUser(prisma, { roles: ['finance'], locale: 'en' }))
    expect((await pageAndData(`/finance/awards/${awardId}`, colleague)).data).toContain('OTHER-AWARD-PROGRAM')

    await prisma.review.create({ data: { applicationId: elsewhere.id, reviewerId: w.finance.id, stage: 'office', conflict: true } })
    const { html, data } = await pageAndData(`/finance/awards/${awardId}`, w.finance)
    expect(data).not.toContain('OTHER-AWARD-PROGRAM')
    expect(html).not.toContain('OTHER-AWARD-PROGRAM')
  })
})
