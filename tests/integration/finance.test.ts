// Money against a real database: awards proposed by the office's approval, finance's confirmation
// (per line, split, caps, allocations, the 50-parallel race), return to the office, release on
// withdrawal, payment, the return report and its reminders, and the figures the dashboard reads.
import { Readable } from 'node:stream'
import { beforeEach, describe, expect, test } from 'vitest'
import { fieldText, type Refusal } from '~/domain/result'
import type { Prisma, User } from '~/generated/prisma/client'
import { toSessionUser } from '~/lib/auth.server'
import { translateError, translator } from '~/i18n'
import { prisma } from '~/lib/db.server'
import { createSession } from '~/lib/session.server'
import * as awardPage from '~/routes/finance.awards.$awardId'
import * as reportPage from '~/routes/student.applications.$applicationId.report'
import { withdrawApplication } from '~/models/application.server'
import { uploadDocument } from '~/models/document.server'
import { confirmFunding, financeQueue, recordPayment, returnToOffice, type ConfirmInput } from '~/models/finance.server'
import { financeSummary } from '~/models/finance-summary.server'
import { fundUsedFen } from '~/models/fund-usage.server'
import { submitReturnReport } from '~/models/return-report.server'
import { decide } from '~/models/review-decisions.server'
import { sendReturnReportReminders } from '~/jobs/return-report-reminders.server'
import { createApplication, createCollege, createFund, createPartner, createProgram, createStudent, createUser } from '../factories'
import { uploadPdf } from '../factories/documents'
import { resetDatabase } from '../support/db'
import { pdf } from '../support/files'
import { uniqueEmail } from '../support/mail-catcher'

const YEAR = '2026-2027'

async function world() {
  const [x, y] = await Promise.all([createCollege(prisma, { nameEn: 'College X' }), createCollege(prisma, { nameEn: 'College Y' })])
  const staff = async (roles: User['roles']) => toSessionUser(await createUser(prisma, { email: uniqueEmail(roles.join('-')), roles }))
  const fund = await createFund(prisma, {
    academicYear: YEAR,
    budgetFen: 10_000_000n,
    lineStandards: { airfare: 800_000, registration: 400_000 },
  })
  return {
    x,
    y,
    office: await staff(['office_reviewer']),
    finance: await staff(['finance']),
    fund,
    conference: await createProgram(prisma, { kind: 'conference', academicYear: YEAR, fundId: fund.id, quota: null, levels: ['master'] }),
  }
}

let w: Awaited<ReturnType<typeof world>>
beforeEach(async () => {
  await resetDatabase()
  w = await world()
})

const student = (collegeId = w.x.id, data: Partial<Prisma.UserUncheckedCreateInput> = {}) =>
  createStudent(prisma, { collegeId, level: 'master', email: uniqueEmail('s'), locale: 'en', ...data })

const conferenceBudget = { airfare: 900_000, registration: 300_000 }

/** A conference application endorsed by the college and approved by the office: in funding check. */
async function inFundingCheck({
  applicant,
  budget = conferenceBudget,
  programId = w.conference.id,
  dates = { startDate: '2027-05-10', endDate: '2027-05-15' },
  messageToStudent,
}: {
  applicant?: User
  budget?: Record<string, number>
  programId?: string
  dates?: { startDate: string; endDate: string }
  messageToStudent?: string
} = {}) {
  const owner = applicant ?? (await student())
  const app = await createApplication(prisma, {
    applicantId: owner.id,
    programId,
    status: 'college_endorsed',
    submittedAt: new Date(),
    details: { kind: 'conference', programId, ...dates, budget },
    requestedFen: Object.values(budget).reduce((a, b) => a + b, 0),
  })
  const decided = await decide(w.office, { applicationId: app.id, version: app.version, command: 'office_approve', messageToStudent })
  expect(decided).toMatchObject({ ok: true, status: 'funding_check' })
  const award = await prisma.award.findFirstOrThrow({ where: { applicationId: app.id } })
  return { app: await prisma.application.findUniqueOrThrow({ where: { id: app.id } }), award, owner }
}

const confirm = (app: { version: number }, award: { id: string }, approved: Record<string, number>, extra: Partial<ConfirmInput> = {}) =>
  confirmFunding(w.finance, { awardId: award.id, version: app.version, approved, note: '', ...extra })

const awardOf = (id: string) => prisma.award.findUniqueOrThrow({ where: { id } })
const statusOf = async (id: string) => (await prisma.application.findUniqueOrThrow({ where: { id } })).status

describe('proposals', () => {
  test("the office's approval proposes an award from the conference budget lines, waiting in the finance queue with its context", async () => {
    const { app, award } = await inFundingCheck()
    expect(award).toMatchObject({ status: 'proposed', fundId: w.fund.id, collegeId: w.x.id, requestedFen: 1_200_000, approvedFen: 0 })
    expect(award.lines).toEqual({ airfare: { requestedFen: 900_000 }, registration: { requestedFen: 300_000 } })

    const queue = await financeQueue(w.finance)
    expect(queue.total).toBe(1)
    const [row] = queue.rows
    expect(row.award.application.id).toBe(app.id)
    expect(row.fundRemainingFen).toBe(10_000_000)
    expect(row.allocation).toBe('pool')
    // Airfare above the fund's ¥8,000 standard; no quote document uploaded.
    expect(row.flags).toEqual(['lineAboveStandard', 'missingQuote'])
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'award.propose', entityId: award.id } })
    expect(audit).toMatchObject({ actorId: w.office.id, applicationId: app.id })
  })

  test("an exchange stipend is the program's (or else the fund's) monthly rate for the partner's region times the months", async () => {
    const partner = await createPartner(prisma, { region: 'europe' })
    const fund = await createFund(prisma, {
      academicYear: YEAR,
      kinds: ['exchange'],
      purpose: 'exchange_scholarship',
      stipendRules: { monthlyFenByRegion: { europe: 800_000 } },
    })
    const plain = await createProgram(prisma, { kind: 'exchange', academicYear: YEAR, partnerId: partner.id, fundId: fund.id })
    const own = await createProgram(prisma, {
      kind: 'exchange',
      academicYear: YEAR,
      partnerId: partner.id,
      fundId: fund.id,
      stipendRules: { monthlyFenByRegion: { europe: 1_000_000 } },
    })
    const stipends = []
    for (const program of [plain, own]) {
      const app = await createApplication(prisma, {
        applicantId: (await student(w.x.id, { level: 'undergraduate' })).id,
        programId: program.id,
        status: 'college_endorsed',
        details: { kind: 'exchange', programId: program.id, startDate: '2027-03-01', endDate: '2027-07-31' },
      })
      await decide(w.office, { applicationId: app.id, version: app.version, command: 'office_approve' })
      stipends.push(await prisma.award.findFirstOrThrow({ where: { applicationId: app.id } }))
    }
    expect(stipends.map((a) => a.lines)).toEqual([{ stipend: { requestedFen: 4_000_000 } }, { stipend: { requestedFen: 5_000_000 } }])
  })

  test('a second conference this year and a request over the per-person cap are flagged', async () => {
    await prisma.fund.update({ where: { id: w.fund.id }, data: { perPersonCapFen: 1_500_000 } })
    const owner = await student()
    const first = await inFundingCheck({ applicant: owner })
    expect(await confirm(first.app, first.award, { airfare: 800_000, registration: 300_000 })).toEqual({ ok: true })
    const second = await inFundingCheck({ applicant: owner })
    const row = (await financeQueue(w.finance)).rows.find((r) => r.award.id === second.award.id)!
    expect(row.flags).toEqual(expect.arrayContaining(['overCap', 'secondConference']))
    expect(row.others.map((o) => o.approvedFen)).toEqual([1_100_000])
  })
})

describe('confirmation', () => {
  test('finance approves changed amounts: the award is committed, the application approved, the email names the amount', async () => {
    const { app, award, owner } = await inFundingCheck()
    expect(await confirm(app, award, { airfare: 750_000, registration: 300_000 })).toEqual({ ok: true })

    expect(await awardOf(award.id)).toMatchObject({
      status: 'committed',
      approvedFen: 1_050_000,
      lines: { airfare: { requestedFen: 900_000, approvedFen: 750_000 }, registration: { requestedFen: 300_000, approvedFen: 300_000 } },
    })
    expect(await statusOf(app.id)).toBe('approved')
    const [mail] = await prisma.outboxMessage.findMany({ where: { toAddress: owner.email } })
    expect(mail).toMatchObject({ template: 'decision-approved', payload: expect.objectContaining({ amountFen: 1_050_000 }) })
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'award.commit' } })
    expect(audit).toMatchObject({ actorId: w.finance.id, after: expect.objectContaining({ approvedFen: 1_050_000 }) })
    expect(await fundUsedFen(prisma, w.fund.id)).toBe(1_050_000)
  })

  test('more than requested needs a note; the refusal names the line and changes nothing', async () => {
    const { app, award } = await inFundingCheck()
    expect(await confirm(app, award, { airfare: 950_000, registration: 300_000 })).toEqual({
      ok: false,
      error: 'form.fixErrors',
      fields: { 'approved.airfare': 'finance.error.aboveRequested' },
    })
    expect(await awardOf(award.id)).toMatchObject({ status: 'proposed', version: award.version })
    expect(await statusOf(app.id)).toBe('funding_check')
    expect(
      await confirm(app, award, { airfare: 950_000, registration: 300_000 }, { note: 'Fares rose after the quote; new quote attached.' }),
    ).toEqual({ ok: true })
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'award.commit' } })
    expect(audit.reason).toBe('Fares rose after the quote; new quote attached.')
  })

  test('unknown or missing lines, negative amounts and an all-zero approval are refused', async () => {
    const { app, award } = await inFundingCheck()
    expect(await confirm(app, award, { airfare: 100, visa: 100 })).toMatchObject({
      error: 'form.fixErrors',
      fields: { 'approved.visa': 'finance.error.unknownLine', 'approved.registration': 'finance.error.amount' },
    })
    expect(await confirm(app, award, { airfare: -1, registration: 0 })).toMatchObject({
      fields: { 'approved.airfare': 'finance.error.amount' },
    })
    expect(await confirm(app, award, { airfare: 0, registration: 0 })).toMatchObject({
      fields: { approved: 'finance.error.nothingApproved' },
    })
  })

  test('an award split across two funds commits each share against its own fund', async () => {
    const topUp = await createFund(prisma, { academicYear: YEAR, purpose: 'csc_top_up', budgetFen: 500_000n })
    const { app, award } = await inFundingCheck()
    expect(
      await confirm(app, award, { airfare: 800_000, registration: 300_000 }, { split: { fundId: topUp.id, amountFen: 400_000 } }),
    ).toEqual({ ok: true })
    const awards = await prisma.award.findMany({ where: { applicationId: app.id }, orderBy: { createdAt: 'asc' } })
    expect(awards.map((a) => [a.fundId, a.status, a.approvedFen])).toEqual([
      [w.fund.id, 'committed', 700_000],
      [topUp.id, 'committed', 400_000],
    ])
    expect(await fundUsedFen(prisma, topUp.id)).toBe(400_000)
    const summary = await financeSummary(YEAR)
    expect(summary.totals.committedFen).toBe(1_100_000)
  })

  test("a split share beyond the second fund's budget is refused as a whole", async () => {
    const topUp = await createFund(prisma, { academicYear: YEAR, budgetFen: 100_000n })
    const { app, award } = await inFundingCheck()
    expect(
      await confirm(app, award, { airfare: 800_000, registration: 300_000 }, { split: { fundId: topUp.id, amountFen: 400_000 } }),
    ).toEqual({
      ok: false,
      error: 'finance.error.budget.fund',
      fund: { id: topUp.id, availableFen: 100_000 },
    })
    expect(await prisma.award.count({ where: { applicationId: app.id } })).toBe(1)
    expect(await awardOf(award.id)).toMatchObject({ status: 'proposed' })
    expect(await statusOf(app.id)).toBe('funding_check')
    expect(await prisma.outboxMessage.count({ where: { template: 'decision-approved' } })).toBe(0)
  })

  test("a college's allocation and the unallocated pool limit what its students can get", async () => {
    // ¥100,000 budget: ¥15,000 set aside for college X; the other colleges share ¥85,000.
    await prisma.fund.update({ where: { id: w.fund.id }, data: { budgetFen: 10_000_000n } })
    await prisma.fundAllocation.create({ data: { fundId: w.fund.id, collegeId: w.x.id, amountFen: 1_500_000n } })
    const first = await inFundingCheck()
    expect(await confirm(first.app, first.award, { airfare: 800_000, registration: 300_000 })).toEqual({ ok: true })
    const second = await inFundingCheck()
    expect(await confirm(second.app, second.award, { airfare: 800_000, registration: 300_000 })).toEqual({
      ok: false,
      error: 'finance.error.budget.allocation',
      fund: { id: w.fund.id, availableFen: 400_000 },
    })
    const other = await inFundingCheck({ applicant: await student(w.y.id), budget: { airfare: 8_600_000 } })
    expect(await confirm(other.app, other.award, { airfare: 8_600_000 }, { note: 'over standard, agreed' })).toMatchObject({
      error: 'finance.error.budget.pool',
      fund: { availableFen: 8_500_000 },
    })
  })

  test('the per-person cap stops a second award beyond it', async () => {
    await prisma.fund.update({ where: { id: w.fund.id }, data: { perPersonCapFen: 1_500_000 } })
    const owner = await student()
    const first = await inFundingCheck({ applicant: owner })
    await confirm(first.app, first.award, { airfare: 800_000, registration: 300_000 })
    const second = await inFundingCheck({ applicant: owner })
    expect(await confirm(second.app, second.award, { airfare: 500_000, registration: 0 })).toEqual({
      ok: false,
      error: 'finance.error.cap',
      fund: { id: w.fund.id, availableFen: 400_000, capFen: 1_500_000 },
    })
    expect(await confirm(second.app, second.award, { airfare: 400_000, registration: 0 })).toEqual({ ok: true })
  })

  test("the office's message to the student is in the approval email that finance's confirmation sends", async () => {
    const { app, award, owner } = await inFundingCheck({ messageToStudent: 'Please bring your boarding passes back.' })
    // Funding check tells the student nothing yet; the comment is there for them to read.
    expect(await prisma.outboxMessage.count({ where: { toAddress: owner.email } })).toBe(0)
    expect(await confirm(app, award, { airfare: 800_000, registration: 300_000 })).toEqual({ ok: true })
    const [mail] = await prisma.outboxMessage.findMany({ where: { toAddress: owner.email } })
    expect(mail).toMatchObject({
      template: 'decision-approved',
      payload: expect.objectContaining({ amountFen: 1_100_000, message: 'Please bring your boarding passes back.' }),
    })

    // Returned and approved again without a message: the earlier message is not repeated.
    const second = await inFundingCheck({ messageToStudent: 'First message.' })
    expect(await returnToOffice(w.finance, { awardId: second.award.id, version: second.app.version, reason: 'Old quote.' })).toEqual({
      ok: true,
    })
    const returned = await prisma.application.findUniqueOrThrow({ where: { id: second.app.id } })
    expect(await decide(w.office, { applicationId: returned.id, version: returned.version, command: 'office_approve' })).toMatchObject({
      ok: true,
    })
    const reproposed = await prisma.award.findFirstOrThrow({ where: { applicationId: returned.id, status: 'proposed' } })
    expect(await confirm({ version: returned.version + 1 }, reproposed, { airfare: 800_000, registration: 300_000 })).toEqual({ ok: true })
    const [again] = await prisma.outboxMessage.findMany({ where: { toAddress: second.owner.email } })
    expect((again.payload as { message?: string }).message).toBeUndefined()
  })

  test('a stale page (the application moved on) is refused', async () => {
    const { app, award } = await inFundingCheck()
    expect(
      await confirmFunding(w.finance, { awardId: award.id, version: app.version - 1, approved: { airfare: 1, registration: 1 }, note: '' }),
    ).toEqual({
      ok: false,
      error: 'finance.award.stale',
    })
    expect(await confirm(app, { id: 'missing' }, {})).toEqual({ ok: false, error: 'error.notFound.body' })
  })

  test('50 parallel confirmations against a fund with room for 10: exactly 10 commit, the fund is never overspent', async () => {
    // Room for ten awards of ¥10,000 each.
    await prisma.fund.update({ where: { id: w.fund.id }, data: { budgetFen: 10_000_000n } })
    const pending = []
    for (let i = 0; i < 50; i++) pending.push(await inFundingCheck({ budget: { registration: 1_000_000 } }))
    const results = await Promise.all(pending.map(({ app, award }) => confirm(app, award, { registration: 1_000_000 })))

    expect(results.filter((r) => r.ok)).toHaveLength(10)
    expect(results.filter((r) => !r.ok)).toEqual(
      Array(40).fill({ ok: false, error: 'finance.error.budget.fund', fund: { id: w.fund.id, availableFen: 0 } }),
    )
    expect(await prisma.award.count({ where: { status: 'committed' } })).toBe(10)
    expect(await prisma.application.count({ where: { status: 'approved' } })).toBe(10)
    expect(await prisma.application.count({ where: { status: 'funding_check' } })).toBe(40)
    expect(await fundUsedFen(prisma, w.fund.id)).toBe(10_000_000)
    expect(await prisma.outboxMessage.count({ where: { template: 'decision-approved' } })).toBe(10)
  })
})

describe('return, withdrawal and payment', () => {
  test('finance returns an application to the office with a reason: the proposal is released and the office reads why', async () => {
    const { app, award } = await inFundingCheck()
    expect(await returnToOffice(w.finance, { awardId: award.id, version: app.version, reason: ' ' })).toEqual({
      ok: false,
      error: 'form.fixErrors',
      fields: { reason: 'finance.error.reasonRequired' },
    })
    expect(
      await returnToOffice(w.finance, { awardId: award.id, version: app.version, reason: 'Quote is from 2025; ask for a current one.' }),
    ).toEqual({ ok: true })
    expect(await statusOf(app.id)).toBe('college_endorsed')
    expect(await awardOf(award.id)).toMatchObject({ status: 'released', releasedFen: 0, approvedFen: 0 })
    expect(await prisma.comment.findFirstOrThrow({ where: { applicationId: app.id } })).toMatchObject({
      visibility: 'internal',
      body: 'Quote is from 2025; ask for a current one.',
    })
    // Approving again proposes afresh.
    const again = await prisma.application.findUniqueOrThrow({ where: { id: app.id } })
    await decide(w.office, { applicationId: app.id, version: again.version, command: 'office_approve' })
    expect(await prisma.award.count({ where: { applicationId: app.id, status: 'proposed' } })).toBe(1)
  })

  test('finance returning an application frees its place: the first waitlisted moves up, as on a withdrawal', async () => {
    const program = await createProgram(prisma, { kind: 'conference', academicYear: YEAR, fundId: w.fund.id, quota: 1, levels: ['master'] })
    const { app, award } = await inFundingCheck({ programId: program.id })
    const waiting = await student()
    const waitlisted = await createApplication(prisma, {
      applicantId: waiting.id,
      programId: program.id,
      status: 'waitlisted',
      submittedAt: new Date(),
      details: { kind: 'conference', programId: program.id, startDate: '2027-05-10', endDate: '2027-05-15', budget: conferenceBudget },
      requestedFen: 1_200_000,
    })
    expect(await returnToOffice(w.finance, { awardId: award.id, version: app.version, reason: 'Quote is from 2025.' })).toEqual({
      ok: true,
    })

    expect(await statusOf(app.id)).toBe('college_endorsed')
    // Asking for money, the promoted application goes to funding check with its own proposal, by the system.
    expect(await statusOf(waitlisted.id)).toBe('funding_check')
    expect(
      await prisma.auditEvent.findFirstOrThrow({ where: { applicationId: waitlisted.id, action: 'application.promote_from_waitlist' } }),
    ).toMatchObject({
      actorId: null,
      before: { status: 'waitlisted' },
      after: { status: 'funding_check' },
    })
    expect(await prisma.award.count({ where: { applicationId: waitlisted.id, status: 'proposed' } })).toBe(1)
    // The place is taken again: approving the returned application asks the office to confirm.
    const returned = await prisma.application.findUniqueOrThrow({ where: { id: app.id } })
    expect(await decide(w.office, { applicationId: app.id, version: returned.version, command: 'office_approve' })).toEqual({
      ok: false,
      error: 'rv.error.overQuota',
    })
  })

  test('a withdrawal after confirmation releases the committed money back to the fund', async () => {
    const { app, award, owner } = await inFundingCheck()
    await confirm(app, award, { airfare: 800_000, registration: 300_000 })
    expect(await fundUsedFen(prisma, w.fund.id)).toBe(1_100_000)
    expect(await withdrawApplication(toSessionUser(owner), app.id, 'Visa refused')).toEqual({ ok: true })
    expect(await awardOf(award.id)).toMatchObject({ status: 'released', approvedFen: 1_100_000, releasedFen: 1_100_000 })
    expect(await fundUsedFen(prisma, w.fund.id)).toBe(0)
    const summary = await financeSummary(YEAR)
    expect(summary.funds[0].figures).toMatchObject({ committedFen: 0, paidFen: 0, releasedFen: 1_100_000, remainingFen: 10_000_000 })
    expect(await prisma.auditEvent.findFirstOrThrow({ where: { action: 'award.release' } })).toMatchObject({
      actorId: owner.id,
      reason: 'Visa refused',
    })
  })

  test('conference money is paid against the return report with receipts; the unspent rest goes back to the fund', async () => {
    const { app, award, owner } = await inFundingCheck()
    await confirm(app, award, { airfare: 800_000, registration: 300_000 })
    const committed = await awardOf(award.id)
    // Back from the conference (10–15 May 2027), the student reports; finance pays in June.
    const back = new Date('2027-05-20T10:00:00+08:00')
    const june = new Date('2027-06-25T10:00:00+08:00')
    const pay = (paidFen: number, version = committed.version) =>
      recordPayment(
        w.finance,
        { awardId: award.id, version, paidFen, voucherNumber: 'PZ-2027-0042', paidOn: new Date('2027-06-20T12:00:00+08:00') },
        june,
      )
    expect(await pay(1_000_000)).toMatchObject({ ok: false, fields: { paidFen: 'finance.error.reportMissing' } })

    const user = toSessionUser(owner)
    expect(
      await submitReturnReport(
        user,
        app.id,
        { summary: 'Presented the paper.', actual: { airfare: 720_000, registration: 300_000 } },
        back,
      ),
    ).toEqual({
      ok: false,
      error: 'form.fixErrors',
      fields: { receipts: 'report.error.receipts' },
    })
    await uploadDocument({ user, applicationId: app.id, kind: 'receipt', fileName: '机票行程单.pdf', stream: Readable.from([pdf()]) })
    expect(await submitReturnReport(user, app.id, { summary: 'Presented the paper.', actual: { airfare: 720_000 } }, back)).toMatchObject({
      fields: { 'actual.registration': 'report.error.actual' },
    })
    // Spending on a line finance did not approve (a short name the form schema lets through) is refused by its name.
    expect(
      await submitReturnReport(
        user,
        app.id,
        { summary: 'Presented the paper.', actual: { airfare: 720_000, registration: 300_000, visa: 50_000 } },
        back,
      ),
    ).toEqual({
      ok: false,
      error: 'form.fixErrors',
      fields: { 'actual.visa': 'finance.error.unknownLine' },
    })
    expect(await prisma.returnReport.count({ where: { applicationId: app.id } })).toBe(0)
    // The summary's limit is in characters: 5001 emoji are too many, 5000 are taken.
    const report = (summary: string) =>
      submitReturnReport(user, app.id, { summary, actual: { airfare: 720_000, registration: 300_000 } }, back)
    expect(await report('😀'.repeat(5001))).toEqual({
      ok: false,
      error: 'form.fixErrors',
      fields: { summary: 'finance.error.noteTooLong' },
    })
    expect(await report('😀'.repeat(5000))).toEqual({ ok: true })
    expect(await statusOf(app.id)).toBe('completed')

    expect(await pay(1_100_001)).toMatchObject({ fields: { paidFen: 'finance.error.paidAboveCommitted' } })
    expect(await pay(1_020_000)).toEqual({ ok: true })
    expect(await pay(1_020_000)).toEqual({ ok: false, error: 'finance.award.stale' })
    expect(await awardOf(award.id)).toMatchObject({
      status: 'paid',
      paidFen: 1_020_000,
      releasedFen: 80_000,
      voucherNumber: 'PZ-2027-0042',
    })
    const figures = (await financeSummary(YEAR)).funds[0].figures
    expect(figures).toMatchObject({ committedFen: 0, paidFen: 1_020_000, releasedFen: 80_000, remainingFen: 10_000_000 - 1_020_000 })
    expect(figures.budgetFen).toBe(figures.remainingFen + figures.committedFen + figures.paidFen)
  })

  test('implausible figures are refused on their field: spending far above the approval, a report before the trip is over, a payment dated before the commitment or in the future', async () => {
    const { app, award, owner } = await inFundingCheck({ budget: { registration: 100_000, airfare: 500_000 } })
    const committedAt = new Date('2027-04-01T10:00:00+08:00')
    expect(await confirm(app, award, { registration: 100_000, airfare: 500_000 }, {})).toEqual({ ok: true })
    await prisma.auditEvent.updateMany({ where: { action: 'award.commit', entityId: award.id }, data: { at: committedAt } })
    const user = toSessionUser(owner)
    await uploadPdf(user, app.id, 'receipt')
    const back = new Date('2027-05-20T10:00:00+08:00')
    const report = (actual: Record<string, number>, now = back) =>
      submitReturnReport(user, app.id, { summary: 'Presented the paper.', actual }, now)
    const t = { zh: translator('zh-CN'), en: translator('en') }
    const both = (message: string) => [translateError(t.zh, message), translateError(t.en, message)]

    // ¥999,999 spent on a ¥1,000 registration: refused on that line, saying the most it may be.
    const typo = await report({ registration: 99_999_900, airfare: 480_000 })
    expect(typo).toMatchObject({ ok: false, error: 'form.fixErrors' })
    const fields = (typo as Refusal).fields!
    expect(Object.keys(fields)).toEqual(['actual.registration'])
    expect(both(fieldText(fields['actual.registration']))).toEqual([
      '实际支出远高于核定金额 ¥1,000.00，请核对：最多可填 ¥3,000.00。报销金额不会超过核定金额。',
      'This is far above the ¥1,000.00 approved; check it: at most ¥3,000.00 can be entered. No more than the approved amount is reimbursed.',
    ])
    // Each line within its bound, the total over twice the approval.
    const total = await report({ registration: 300_000, airfare: 1_400_000 })
    expect((total as Refusal).fields).toEqual({
      actual: { key: 'report.error.actualTotalTooHigh', params: expect.any(Object) },
    })
    expect(both(fieldText((total as Refusal).fields!.actual))[1]).toBe(
      'Together this is far above the ¥6,000.00 approved; check it: at most ¥12,000.00 in all.',
    )
    // Before the conference (10–15 May) is over.
    expect(await report({ registration: 100_000, airfare: 480_000 }, new Date('2027-05-14T10:00:00+08:00'))).toEqual({
      ok: false,
      error: 'report.error.notOpen',
      params: { date: '2027-05-15' },
    })
    expect(await prisma.returnReport.count()).toBe(0)
    // Spending somewhat above the approval is taken as reported; the payment still stops at the commitment.
    expect(await report({ registration: 120_000, airfare: 560_000 })).toEqual({ ok: true })

    const pay = (paidOn: string, now: Date) =>
      recordPayment(
        w.finance,
        {
          awardId: award.id,
          version: award.version + 1,
          paidFen: 600_000,
          voucherNumber: 'PZ-1',
          paidOn: new Date(`${paidOn}T12:00:00+08:00`),
        },
        now,
      )
    const june = new Date('2027-06-25T10:00:00+08:00')
    expect(await pay('2000-01-01', june)).toEqual({
      ok: false,
      error: 'form.fixErrors',
      fields: { paidOn: { key: 'finance.error.paidOnBeforeCommitted', params: { date: '2027-04-01' } } },
    })
    expect(await pay('2027-03-31', june)).toMatchObject({
      fields: { paidOn: { key: 'finance.error.paidOnBeforeCommitted', params: { date: '2027-04-01' } } },
    })
    expect(await pay('2027-06-26', june)).toEqual({
      ok: false,
      error: 'form.fixErrors',
      fields: { paidOn: { key: 'finance.error.paidOnFuture', params: { today: '2027-06-25' } } },
    })
    // Today in Beijing is already the 26th at 00:30 there (still the 25th in UTC).
    expect(await pay('2027-06-26', new Date('2027-06-25T16:30:00Z'))).toEqual({ ok: true })
    expect(await awardOf(award.id)).toMatchObject({ status: 'paid', paidFen: 600_000, releasedFen: 0 })
  })

  test('the report page shows the refusal beside the line, the total beside the lines, and holds the form back before the trip', async () => {
    const { app, award, owner } = await inFundingCheck({ budget: { registration: 100_000, airfare: 500_000 } })
    await confirm(app, award, { registration: 100_000, airfare: 500_000 })
    const user = toSessionUser(owner)
    await uploadPdf(user, app.id, 'receipt')
    const cookie = (await createSession(owner.id, new Request('http://localhost/login'))).split(';')[0]
    const params = { applicationId: app.id }
    const args = (request: Request) => ({ request, params, context: {} as never })
    const post = async (fields: Record<string, string>) => {
      const request = new Request(`http://localhost/student/applications/${app.id}/report`, {
        method: 'POST',
        headers: { Cookie: cookie },
        body: new URLSearchParams(fields),
      })
      const result = (await reportPage.action(args(request))) as unknown as {
        data: { result: { error?: Record<string, string[]> } }
        init: { status: number }
      }
      return { status: result.init.status, errors: result.data.result.error }
    }
    const page = () =>
      reportPage.loader(args(new Request(`http://localhost/student/applications/${app.id}/report`, { headers: { Cookie: cookie } })))
    const form = (registration: string, airfare: string) => ({
      summary: 'Presented the paper.',
      'actual.registration': registration,
      'actual.airfare': airfare,
    })

    // The conference (10–15 May 2027) is still ahead: no form, the page says when the report opens
    // (its last day), and a report sent anyway is refused on the form.
    expect(await page()).toMatchObject({ reportOpensOn: '2027-05-15' })
    expect(await post(form('1000', '4800'))).toEqual({ status: 400, errors: { '': ['report.error.notOpen|{"date":"2027-05-15"}'] } })

    const details = (await prisma.application.findUniqueOrThrow({ where: { id: app.id } })).details as Record<string, unknown>
    await prisma.application.update({
      where: { id: app.id },
      data: { details: { ...details, startDate: '2026-11-01', endDate: '2026-11-05' } },
    })
    expect(await page()).toMatchObject({ reportOpensOn: null })
    expect(await post(form('999999', '4800'))).toEqual({
      status: 400,
      errors: { 'actual.registration': ['report.error.actualTooHigh|{"approved":"¥1,000.00","max":"¥3,000.00"}'] },
    })
    expect(await post(form('3000', '14000'))).toEqual({
      status: 400,
      errors: { actual: ['report.error.actualTotalTooHigh|{"approved":"¥6,000.00","max":"¥12,000.00"}'] },
    })
    expect(await prisma.returnReport.count()).toBe(0)
  })

  test('a conference next June: no return report, so no payment, before its last day in Beijing; the application stays approved', async () => {
    const { app, award, owner } = await inFundingCheck({ dates: { startDate: '2027-06-10', endDate: '2027-06-14' } })
    expect(await confirm(app, award, { airfare: 800_000, registration: 300_000 })).toEqual({ ok: true })
    const committed = await awardOf(award.id)
    const user = toSessionUser(owner)
    await uploadPdf(user, app.id, 'receipt')
    const report = (now: Date) =>
      submitReturnReport(user, app.id, { summary: 'Presented the paper.', actual: { airfare: 800_000, registration: 300_000 } }, now)
    const pay = (now: Date) =>
      recordPayment(
        w.finance,
        { awardId: award.id, version: committed.version, paidFen: 1_100_000, voucherNumber: 'PZ-7', paidOn: now },
        now,
      )
    const closed = { ok: false, error: 'report.error.notOpen', params: { date: '2027-06-14' } }

    // In January, months ahead; on its first day; on its last day but one (23:59 in Beijing).
    for (const now of ['2027-01-15T10:00:00+08:00', '2027-06-10T10:00:00+08:00', '2027-06-13T23:59:00+08:00']) {
      expect(await report(new Date(now)), now).toEqual(closed)
      expect(await pay(new Date(now)), now).toMatchObject({ ok: false, fields: { paidFen: 'finance.error.reportMissing' } })
    }
    expect(await prisma.returnReport.count()).toBe(0)
    expect(await statusOf(app.id)).toBe('approved')
    expect(await awardOf(award.id)).toMatchObject({ status: 'committed', paidFen: 0 })
    // The pages say so: the student's, when the report opens; finance's, that the payment waits for it.
    const loaded = async <T>(
      page: { loader: (args: never) => Promise<T> },
      userId: string,
      url: string,
      params: Record<string, string>,
    ) => {
      const cookie = (await createSession(userId, new Request('http://localhost/login'))).split(';')[0]
      return page.loader({ request: new Request(`http://localhost${url}`, { headers: { Cookie: cookie } }), params, context: {} } as never)
    }
    expect(await loaded(reportPage, owner.id, `/student/applications/${app.id}/report`, { applicationId: app.id })).toMatchObject({
      reportOpensOn: '2027-06-14',
    })
    const awardPageData = () => loaded(awardPage, w.finance.id, `/finance/awards/${award.id}`, { awardId: award.id })
    expect(await awardPageData()).toMatchObject({ application: { awaitsReport: true } })

    // The last day has begun in Beijing (still the 13th in UTC): the report opens, then finance pays.
    const lastDay = new Date('2027-06-13T16:30:00Z')
    expect(await report(lastDay)).toEqual({ ok: true })
    expect(await statusOf(app.id)).toBe('completed')
    expect(await awardPageData()).toMatchObject({ application: { awaitsReport: false } })
    expect(await pay(lastDay)).toEqual({ ok: true })
  })

  test('an overdue return report is reminded once a week, not before 30 days after the end', async () => {
    const { app, award } = await inFundingCheck()
    await confirm(app, award, { airfare: 800_000, registration: 300_000 })
    const end = new Date('2027-05-15T00:00:00Z').getTime()
    const day = 24 * 3600 * 1000
    expect(await sendReturnReportReminders({ now: new Date(end + 20 * day) })).toBe(0)
    expect(await sendReturnReportReminders({ now: new Date(end + 32 * day) })).toBe(1)
    expect(await sendReturnReportReminders({ now: new Date(end + 32 * day + 3600_000) })).toBe(0)
    const mail = await prisma.outboxMessage.findFirstOrThrow({ where: { template: 'return-report-overdue' } })
    expect(mail.payload).toMatchObject({ endDate: '2027-05-15', receipts: true })
    expect(await sendReturnReportReminders({ now: new Date(end + 40 * day) })).toBe(1)
  })
})
