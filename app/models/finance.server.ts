// Finance's side of an award: the queue of proposals with what to check, the confirmation
// (approved amount per line, optionally split across two funds, never beyond a fund's or a college
// allocation's remaining budget), the return to the office, and the payment after the mobility.
// Every money change is audited with who and why, in the transaction that makes it; the
// application's status changes through the one door (status-change.server.ts) like any other.
import { checkCommitment, flagsFor, settle, usedFen, type AwardFlag, type AwardLines } from '~/domain/funding'
import { canReview, rolesOn } from '~/domain/access'
import { staffAuditEntry } from '~/domain/audit-view'
import { inLineOrder } from '~/domain/money'
import { shanghaiDate } from '~/domain/dates'
import { paymentAwaitsReport, paymentDayProblem } from '~/domain/plausibility'
import { forbidden, notFound, refuse, refuseFields, type FieldMessage, type Refusal, type Result } from '~/domain/result'
import { textLength } from '~/domain/text'
import type { Prisma } from '~/generated/prisma/client'
import { recordAudit } from '~/lib/audit.server'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { refusableTransaction } from '~/lib/refusable-transaction.server'
import { MAX_NOTE, MAX_VOUCHER } from '~/schemas/finance'
import { accessFor, factsSelect, type Access, type FactsRow } from './access.server'
import { changeAward, recordMovement, scheduleAward, stopSchedule } from './awards.server'
import { writeComment } from './comment.server'
import { commitmentRoom, commitmentRooms } from './fund-usage.server'
import { commandInclude } from './review-access.server'
import { applyCommand } from './status-change.server'

type Tx = Prisma.TransactionClient
const PAGE_SIZE = 50

const awardInclude = {
  fund: true,
  college: { select: { id: true, code: true, nameZh: true, nameEn: true } },
  application: {
    include: {
      ...commandInclude,
      program: { include: { partner: true } },
      returnReport: true,
      documents: {
        where: { kind: { in: ['budget_quote', 'receipt', 'return_report'] }, deletedAt: null, supersededAt: null },
        select: { id: true, kind: true, originalName: true, size: true, createdAt: true },
        orderBy: { createdAt: 'asc' },
      },
    },
  },
} satisfies Prisma.AwardInclude
type AwardWithContext = Prisma.AwardGetPayload<{ include: typeof awardInclude }>

// ---- what finance sees ------------------------------------------------------------------------

type Student = { applicantId: string; academicYear: string }
const sameStudent = (a: Student, b: Student) => a.applicantId === b.applicantId && a.academicYear === b.academicYear

/** The awards that hold or held money of these students in these academic years. */
function heldAwards(students: Student[]) {
  return prisma.award.findMany({
    where: { status: { in: ['committed', 'paid'] }, application: { OR: students } },
    include: {
      fund: { select: { nameZh: true, nameEn: true } },
      application: { select: { ...factsSelect, academicYear: true, kind: true, program: { select: { titleZh: true, titleEn: true } } } },
    },
    orderBy: { createdAt: 'asc' },
  })
}

/** These students' conference applications of these years that hold or are getting money. */
function conferenceApplications(students: Student[]) {
  return prisma.application.findMany({
    where: { kind: 'conference', status: { in: ['funding_check', 'approved', 'completed'] }, OR: students },
    select: { id: true, applicantId: true, academicYear: true },
  })
}

/**
 * The awards with their fund's and allocation's remaining budget, the student's other awards of
 * the year and the flags: a fixed number of queries for the whole list, however long. The flags
 * count every other award (a cap is the student's, whoever looks); the other awards listed are
 * those whose application the viewer may open (the access policy).
 */
async function withContext(awards: AwardWithContext[], access: Access) {
  if (!awards.length) return []
  const students = awards.map((a) => ({ applicantId: a.application.applicantId, academicYear: a.application.academicYear }))
  const [rooms, heldByAll, conferences] = await Promise.all([
    commitmentRooms(
      prisma,
      awards.map((a) => ({ fundId: a.fundId, collegeId: a.collegeId })),
      { lock: false },
    ),
    heldAwards(students),
    conferenceApplications(students),
  ])
  return awards.map((award, i) => {
    const room = rooms[i]
    const student = students[i]
    const held = heldByAll.filter(
      (o) => sameStudent(o.application, student) && o.id !== award.id && o.applicationId !== award.applicationId,
    )
    const others = held.filter((o) => canReview(access.actor, access.facts(o.application)))
    const lines = inLineOrder(award.lines as AwardLines)
    const studentUsedFen = held.filter((o) => o.fundId === award.fundId).reduce((sum, o) => sum + usedFen(o), 0)
    const flags: AwardFlag[] = flagsFor({
      kind: award.application.kind,
      lines,
      perPersonCapFen: award.fund.perPersonCapFen,
      studentUsedFen,
      otherConferencesThisYear: conferences.filter((c) => sameStudent(c, student) && c.id !== award.applicationId).length,
      lineStandards: award.fund.lineStandards as Record<string, number>,
      hasQuote: award.application.documents.some((d) => d.kind === 'budget_quote'),
    })
    const fundRemainingFen = room ? room.budgetFen - room.fundUsedFen : 0
    const allocationRemainingFen = room
      ? room.allocation
        ? room.allocation.amountFen - room.allocation.usedFen
        : room.budgetFen - room.allocatedFen - room.unallocatedUsedFen
      : 0
    return {
      award,
      lines,
      flags,
      fundRemainingFen,
      allocation: room?.allocation ? ('college' as const) : ('pool' as const),
      allocationRemainingFen,
      others,
    }
  })
}

/** Proposals waiting for finance that the actor may open (the access policy), oldest first. */
export async function financeQueue(actor: SessionUser, { page = 1 }: { page?: number } = {}) {
  const access = await accessFor(actor)
  const where: Prisma.AwardWhereInput = { status: 'proposed', application: { AND: [{ status: 'funding_check' }, access.where('staff')] } }
  const [total, awards] = await Promise.all([
    prisma.award.count({ where }),
    prisma.award.findMany({
      where,
      include: awardInclude,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: PAGE_SIZE,
      skip: (page - 1) * PAGE_SIZE,
    }),
  ])
  return { total, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), rows: await withContext(awards, access) }
}

/**
 * The award when the actor acts on it as finance: its application is one they may open (the access
 * policy: no conflict of interest, not their own) and they hold the finance role on it. Else null,
 * as for an id that does not exist.
 */
async function findForFinance<T extends { application: FactsRow }>(
  actor: SessionUser,
  awardId: string,
  find: (where: Prisma.AwardWhereInput) => Promise<T | null>,
  known?: Access,
): Promise<T | null> {
  const access = known ?? (await accessFor(actor))
  const award = await find({ id: awardId, application: access.where('staff') })
  return award && rolesOn(actor, access.facts(award.application)).includes('finance') ? award : null
}

/** The award when the actor may act on it as finance (findForFinance), without its context; else null. */
export function financeAwardId(actor: SessionUser, awardId: string) {
  return findForFinance(actor, awardId, (where) => prisma.award.findFirst({ where, include: { application: true } }))
}

/** One award with its context, for its page; null when the actor may not act on it as finance. */
export async function awardForFinance(actor: SessionUser, awardId: string) {
  const access = await accessFor(actor)
  const award = await findForFinance(actor, awardId, (where) => prisma.award.findFirst({ where, include: awardInclude }), access)
  if (!award) return null
  const [[context], splitOptions, history] = await Promise.all([
    withContext([award], access),
    prisma.fund.findMany({
      where: { academicYear: award.fund.academicYear, kinds: { has: award.application.kind }, retiredAt: null, id: { not: award.fundId } },
      select: { id: true, nameZh: true, nameEn: true },
      orderBy: { createdAt: 'asc' },
    }),
    // The award's steps and the return report it is paid against.
    prisma.auditEvent.findMany({
      where: {
        applicationId: award.applicationId,
        OR: [{ entityType: 'award' }, { entityType: 'application', action: 'application.report_return' }],
      },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
      include: { actor: { select: { nameZh: true, nameEn: true } } },
    }),
  ])
  return { ...context, splitOptions, history: history.map(staffAuditEntry) }
}

/** The awards behind a dashboard number, newest first. */
export type AwardListFilter = {
  academicYear: string
  fundId?: string
  collegeId?: string
  status?: Prisma.AwardWhereInput['status']
  /** Only awards that released money (the finance dashboard's "released" figure). */
  releasedOnly?: boolean
}

export function awardWhere(filter: AwardListFilter): Prisma.AwardWhereInput {
  return {
    fund: { academicYear: filter.academicYear },
    ...(filter.fundId && { fundId: filter.fundId }),
    ...(filter.collegeId && { collegeId: filter.collegeId }),
    ...(filter.status && { status: filter.status }),
    ...(filter.releasedOnly && { releasedFen: { gt: 0 } }),
  }
}

/** One page of the awards of the filter whose application the actor may open (the access policy). */
export async function listAwards(actor: SessionUser, filter: AwardListFilter & { page?: number }) {
  const page = filter.page ?? 1
  const access = await accessFor(actor)
  const where: Prisma.AwardWhereInput = { AND: [awardWhere(filter), { application: access.where('staff') }] }
  const [total, rows] = await Promise.all([
    prisma.award.count({ where }),
    prisma.award.findMany({
      where,
      include: {
        fund: { select: { nameZh: true, nameEn: true } },
        college: { select: { nameZh: true, nameEn: true } },
        application: { select: { id: true, kind: true, applicant: { select: { nameZh: true, nameEn: true, studentNumber: true } } } },
      },
      orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
      take: PAGE_SIZE,
      skip: (page - 1) * PAGE_SIZE,
    }),
  ])
  return { total, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), rows }
}

// ---- confirming -------------------------------------------------------------------------------

export type ConfirmInput = {
  awardId: string
  /** The application's version the page showed. */
  version: number
  /** Approved fen per line of the award. */
  approved: Record<string, number>
  note: string
  split?: { fundId: string; amountFen: number }
}

/**
 * Refused: not found (a 404), forbidden (a 403), the page out of date (finance.award.stale), a form
 * with a message per field, or a fund without the room: its message names the fund and amounts,
 * which the page words in its reader's language (award-page.server.ts refusalMessage).
 */
export type FinanceResult = Result | FundRefusal
type FundRefusal = Refusal & { fund: { id: string; availableFen: number; capFen?: number } }

const stale = () => refuse('finance.award.stale')

/** The door's refusal in finance's words: a page whose application moved on is stale. */
function refusedChange(outcome: Refusal): Refusal {
  return outcome.error === 'rv.error.notFound' ? notFound() : outcome.error === 'rv.error.forbidden' ? forbidden() : stale()
}

/** Checks the amounts against the request: each line known, whole fen, not above the request without a note. */
function checkAmounts(lines: AwardLines, input: ConfirmInput): Record<string, FieldMessage> {
  const fields: Record<string, FieldMessage> = {}
  const note = input.note.trim()
  for (const [line, amount] of Object.entries(input.approved)) {
    if (!(line in lines)) fields[`approved.${line}`] = 'finance.error.unknownLine'
    else if (!Number.isSafeInteger(amount) || amount < 0) fields[`approved.${line}`] = 'finance.error.amount'
    else if (amount > lines[line].requestedFen && !note) fields[`approved.${line}`] = 'finance.error.aboveRequested'
  }
  for (const line of Object.keys(lines)) if (!(line in input.approved)) fields[`approved.${line}`] = 'finance.error.amount'
  const total = Object.values(input.approved).reduce((s, v) => s + (Number.isSafeInteger(v) ? v : 0), 0)
  // The total only means something when every line is right: no error about it otherwise.
  const linesValid = !Object.keys(fields).length
  if (linesValid && total <= 0) fields.approved = 'finance.error.nothingApproved'
  if (textLength(note) > MAX_NOTE) fields.note = 'finance.error.noteTooLong'
  if (input.split) {
    const { fundId, amountFen } = input.split
    if (!fundId) fields['split.fundId'] = 'finance.error.splitFund'
    if (!Number.isSafeInteger(amountFen) || amountFen <= 0 || (linesValid && amountFen >= total))
      fields['split.amountFen'] = 'finance.error.splitAmount'
  }
  return fields
}

/**
 * Commits one fund's share: locks the fund, checks its remaining budget, the college's allocation
 * (or the unallocated pool) and the student's per-person cap, all under the same lock.
 */
async function reserve(
  tx: Tx,
  fund: { id: string; perPersonCapFen: number | null },
  collegeId: string,
  applicantId: string,
  amountFen: number,
): Promise<Refusal | FundRefusal | null> {
  const room = await commitmentRoom(tx, fund.id, collegeId, { lock: true })
  if (!room) return stale()
  const check = checkCommitment(amountFen, room)
  if (!check.ok) return { ...refuse(`finance.error.budget.${check.reason}`), fund: { id: fund.id, availableFen: check.availableFen } }
  if (fund.perPersonCapFen !== null) {
    const held = await tx.award.findMany({
      where: { fundId: fund.id, status: { in: ['committed', 'paid'] }, application: { applicantId } },
      select: { status: true, approvedFen: true, paidFen: true, releasedFen: true },
    })
    const used = held.reduce((sum, a) => sum + usedFen(a), 0)
    if (used + amountFen > fund.perPersonCapFen) {
      const availableFen = Math.max(0, fund.perPersonCapFen - used)
      return { ...refuse('finance.error.cap'), fund: { id: fund.id, availableFen, capFen: fund.perPersonCapFen } }
    }
  }
  return null
}

export async function confirmFunding(actor: SessionUser, input: ConfirmInput, now = new Date()): Promise<FinanceResult> {
  const award = await findForFinance(actor, input.awardId, (where) => prisma.award.findFirst({ where, include: awardInclude }))
  if (!award) return notFound()
  const application = award.application
  // The door checks the application's status against the workflow; a page out of date is refused early.
  if (award.status !== 'proposed' || application.version !== input.version) return stale()
  const lines = award.lines as AwardLines
  const fields = checkAmounts(lines, input)
  const splitFund = input.split?.fundId
    ? await prisma.fund.findFirst({
        where: {
          id: input.split.fundId,
          academicYear: award.fund.academicYear,
          kinds: { has: application.kind },
          retiredAt: null,
          NOT: { id: award.fundId },
        },
      })
    : null
  if (input.split && !splitFund) fields['split.fundId'] = 'finance.error.splitFund'
  if (Object.keys(fields).length) return refuseFields(fields)

  const total = Object.values(input.approved).reduce((s, v) => s + v, 0)
  const splitFen = input.split?.amountFen ?? 0
  const note = input.note.trim()
  const approvedLines: AwardLines = Object.fromEntries(
    Object.entries(lines).map(([line, l]) => [line, { ...l, approvedFen: input.approved[line] }]),
  )
  return refusableTransaction<Refusal | FundRefusal>(async (tx) => {
    // Lock the funds in one order, so two confirmations splitting across the same funds cannot deadlock.
    const shares = [
      { fund: award.fund, amountFen: total - splitFen },
      ...(splitFund ? [{ fund: splitFund, amountFen: splitFen }] : []),
    ].sort((a, b) => a.fund.id.localeCompare(b.fund.id))
    for (const share of shares) {
      const refused = await reserve(tx, share.fund, award.collegeId, application.applicantId, share.amountFen)
      if (refused) return refused
    }

    const committed = await changeAward(tx, award, {
      data: { status: 'committed', approvedFen: total - splitFen, lines: approvedLines, note },
      audit: {
        actorId: actor.id,
        action: 'award.commit',
        before: { status: 'proposed', requestedFen: award.requestedFen, lines },
        after: {
          status: 'committed',
          approvedFen: total - splitFen,
          lines: approvedLines,
          ...(splitFund && { splitFundId: splitFund.id, splitFen }),
        },
        reason: note || undefined,
      },
    })
    if (!committed) return stale()
    const today = shanghaiDate(now)
    const rules = { program: application.program.stipendRules, fund: award.fund.stipendRules }
    await scheduleAward(tx, { id: award.id, approvedFen: total - splitFen }, application, rules, today)
    await recordMovement(tx, award, { kind: 'commit', amountFen: total - splitFen, on: today, actorId: actor.id })
    if (splitFund) {
      const part = await tx.award.create({
        data: {
          applicationId: application.id,
          fundId: splitFund.id,
          collegeId: award.collegeId,
          status: 'committed',
          requestedFen: 0,
          approvedFen: splitFen,
          note: note,
        },
      })
      await recordAudit(tx, {
        actorId: actor.id,
        action: 'award.split',
        entityType: 'award',
        entityId: part.id,
        applicationId: application.id,
        after: { status: 'committed', fundId: splitFund.id, approvedFen: splitFen, splitFrom: award.id },
        reason: note || undefined,
      })
      await scheduleAward(tx, part, application, { ...rules, fund: splitFund.stipendRules }, today)
      await recordMovement(tx, part, { kind: 'commit', amountFen: splitFen, on: today, actorId: actor.id })
    }
    const approved = await applyCommand(tx, {
      actor,
      application: { id: application.id, status: application.status, version: input.version },
      command: 'finance_confirm',
      now,
      reason: note || undefined,
      amountFen: total,
    })
    if (!approved.ok) return refusedChange(approved)
  })
}

/** Sends the application back to the office with a reason; the door releases the proposal and fills the freed place from the waitlist. */
export async function returnToOffice(
  actor: SessionUser,
  input: { awardId: string; version: number; reason: string },
  now = new Date(),
): Promise<FinanceResult> {
  const reason = input.reason.trim()
  if (!reason || textLength(reason) > MAX_NOTE)
    return refuseFields({ reason: reason ? 'finance.error.noteTooLong' : 'finance.error.reasonRequired' })
  const award = await findForFinance(actor, input.awardId, (where) => prisma.award.findFirst({ where, include: { application: true } }))
  if (!award) return notFound()
  if (award.status !== 'proposed' || award.application.version !== input.version) return stale()
  return refusableTransaction(async (tx) => {
    const returned = await applyCommand(tx, {
      actor,
      application: { id: award.applicationId, status: award.application.status, version: input.version },
      command: 'finance_return',
      now,
      reason,
    })
    if (!returned.ok) return refusedChange(returned)
    // The office reads why on the review page.
    await writeComment(tx, actor.id, award.applicationId, 'internal', reason)
  })
}

// ---- paying -----------------------------------------------------------------------------------

export type PaymentInput = { awardId: string; version: number; paidFen: number; voucherNumber: string; paidOn: Date }

/**
 * When finance committed the award: its commitment (or, for the second fund's share of a split,
 * its creation by the split) in the audit trail; an award committed without one (made by a data
 * import or a test) counts from its creation.
 */
async function committedAt(award: { id: string; createdAt: Date }): Promise<Date> {
  const event = await prisma.auditEvent.findFirst({
    where: { entityType: 'award', entityId: award.id, action: { in: ['award.commit', 'award.split'] } },
    orderBy: { at: 'desc' },
    select: { at: true },
  })
  return event?.at ?? award.createdAt
}

const payableInclude = { application: { include: { returnReport: true } } } satisfies Prisma.AwardInclude
type PayableAward = Prisma.AwardGetPayload<{ include: typeof payableInclude }>

/** A committed award finance may pay (the access policy), or a refusal: not found, or a page out of date. */
export async function payableAward(actor: SessionUser, awardId: string, version: number): Promise<PayableAward | Refusal> {
  const award = await findForFinance(actor, awardId, (where) => prisma.award.findFirst({ where, include: payableInclude }))
  if (!award) return notFound()
  if (award.status !== 'committed' || award.version !== version) return stale()
  return award
}

/**
 * What is wrong with a payment's voucher and day, and whether conference money still waits for
 * the return report: the same checks for a single payment and for an instalment.
 */
export async function paymentFieldProblems(award: PayableAward, input: Omit<PaymentInput, 'awardId' | 'version' | 'paidFen'>, now: Date) {
  const fields: Record<string, FieldMessage> = {}
  const day = paymentDayProblem(shanghaiDate(input.paidOn), {
    committedOn: shanghaiDate(await committedAt(award)),
    today: shanghaiDate(now),
  })
  if (day) fields.paidOn = { key: day.code, params: day.params }
  const voucherNumber = input.voucherNumber.trim()
  if (!voucherNumber || textLength(voucherNumber) > MAX_VOUCHER) fields.voucherNumber = 'finance.error.voucher'
  if (paymentAwaitsReport(award.application.kind, Boolean(award.application.returnReport))) fields.paidFen = 'finance.error.reportMissing'
  return { fields, voucherNumber }
}

/**
 * Records the last payment of a committed award and closes it: with what earlier instalments paid,
 * at most the committed amount; the rest released back to the fund and the unpaid instalments
 * stopped. Dated from the day of the commitment to today (Beijing time). Conference money is
 * reimbursed against receipts, so it waits for the return report.
 */
export async function recordPayment(actor: SessionUser, input: PaymentInput, now = new Date()): Promise<FinanceResult> {
  const award = await payableAward(actor, input.awardId, input.version)
  if ('error' in award) return award
  const { fields, voucherNumber } = await paymentFieldProblems(award, input, now)
  const settled = settle(award.approvedFen, award.paidFen + input.paidFen)
  if (!settled || input.paidFen < 0) fields.paidFen = 'finance.error.paidAboveCommitted'
  if (Object.keys(fields).length || !settled) return refuseFields(fields)
  return refusableTransaction(async (tx) => {
    const paidOn = new Date(`${shanghaiDate(input.paidOn)}T00:00:00Z`)
    // The payment is the next planned instalment's (or a new one's, for an award without a schedule).
    const next = await tx.instalment.findFirst({ where: { awardId: award.id, status: 'planned' }, orderBy: { seq: 'asc' } })
    if (input.paidFen > 0) {
      if (next)
        await tx.instalment.update({ where: { id: next.id }, data: { status: 'paid', paidFen: input.paidFen, voucherNumber, paidOn } })
      else {
        const last = await tx.instalment.aggregate({ where: { awardId: award.id }, _max: { seq: true } })
        await tx.instalment.create({
          data: {
            awardId: award.id,
            seq: (last._max.seq ?? 0) + 1,
            dueOn: paidOn,
            amountFen: input.paidFen,
            status: 'paid',
            paidFen: input.paidFen,
            voucherNumber,
            paidOn,
          },
        })
      }
    }
    const stopped = await stopSchedule(tx, award.id)
    const paid = await changeAward(tx, award, {
      data: { status: 'paid', ...settled, voucherNumber, paidAt: input.paidOn },
      audit: {
        actorId: actor.id,
        action: 'award.pay',
        before: { status: 'committed', approvedFen: award.approvedFen, paidFen: award.paidFen },
        after: { status: 'paid', ...settled, voucherNumber, paidOn: input.paidOn.toISOString(), stoppedInstalments: stopped },
      },
    })
    if (!paid) return stale()
    await recordMovement(tx, award, {
      kind: 'pay',
      amountFen: input.paidFen,
      on: shanghaiDate(input.paidOn),
      voucherNumber,
      actorId: actor.id,
    })
    await recordMovement(tx, award, { kind: 'release', amountFen: settled.releasedFen, on: shanghaiDate(now), actorId: actor.id })
  })
}
