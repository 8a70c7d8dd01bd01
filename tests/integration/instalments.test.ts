// An award paid in instalments against a real database: the schedule generated at commitment from
// the stipend rule, payments with vouchers against instalments (never beyond the commitment, even
// when two are recorded at once), edits, an early close, and a withdrawal that stops the schedule
// through the one door. The fund's figures reconcile to the fen after every step.
import { beforeEach, describe, expect, test } from 'vitest'
import type { User } from '~/generated/prisma/client'
import { toSessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { shanghaiDate } from '~/domain/dates'
import { withdrawApplication } from '~/models/application.server'
import { confirmFunding, recordPayment } from '~/models/finance.server'
import { financeSummary } from '~/models/finance-summary.server'
import { fundUsedFen } from '~/models/fund-usage.server'
import { closeAward, editInstalment, payInstalment } from '~/models/instalments.server'
import { costPerMobility, recordCoFunding } from '~/models/co-funding.server'
import { importRates } from '~/models/exchange-rates.server'
import { mobilityCost } from '~/domain/funding'
import { decide } from '~/models/review-decisions.server'
import { createApplication, createCollege, createFund, createPartner, createProgram, createStudent, createUser } from '../factories'
import { resetDatabase } from '../support/db'
import { uniqueEmail } from '../support/mail-catcher'

const YEAR = '2026-2027'
const BUDGET = 50_000_000

async function world() {
  const college = await createCollege(prisma, { nameEn: 'College X' })
  const staff = async (roles: User['roles']) => toSessionUser(await createUser(prisma, { email: uniqueEmail(roles.join('-')), roles }))
  const partner = await createPartner(prisma, { region: 'europe' })
  // ¥10,000 a month in Europe, paid quarterly.
  const fund = await createFund(prisma, {
    academicYear: YEAR,
    kinds: ['joint_training'],
    purpose: 'joint_training_fund',
    budgetFen: BigInt(BUDGET),
    stipendRules: { monthlyFenByRegion: { europe: 1_000_000 }, instalments: 'quarterly' },
  })
  const program = await createProgram(prisma, {
    kind: 'joint_training',
    academicYear: YEAR,
    partnerId: partner.id,
    fundId: fund.id,
    levels: ['doctoral'],
  })
  return { college, fund, program, office: await staff(['office_reviewer']), finance: await staff(['finance']) }
}

let w: Awaited<ReturnType<typeof world>>
beforeEach(async () => {
  await resetDatabase()
  w = await world()
})

/** A doctoral student's year of joint training (¥120,000), confirmed by finance: four quarterly instalments of ¥30,000. */
async function committedYear() {
  const owner = await createStudent(prisma, { collegeId: w.college.id, level: 'doctoral', email: uniqueEmail('s'), locale: 'en' })
  const app = await createApplication(prisma, {
    applicantId: owner.id,
    programId: w.program.id,
    status: 'college_endorsed',
    submittedAt: new Date(),
    details: {
      kind: 'joint_training',
      programId: w.program.id,
      startDate: '2027-01-01',
      endDate: '2027-12-31',
      fundingSource: 'university',
    },
  })
  expect(await decide(w.office, { applicationId: app.id, version: app.version, command: 'office_approve' })).toMatchObject({
    ok: true,
    status: 'funding_check',
  })
  const proposed = await prisma.award.findFirstOrThrow({ where: { applicationId: app.id } })
  expect(proposed.requestedFen).toBe(12_000_000)
  const inCheck = await prisma.application.findUniqueOrThrow({ where: { id: app.id } })
  expect(
    await confirmFunding(w.finance, { awardId: proposed.id, version: inCheck.version, approved: { stipend: 12_000_000 }, note: '' }),
  ).toEqual({ ok: true })
  return { owner, app, award: await prisma.award.findUniqueOrThrow({ where: { id: proposed.id } }) }
}

const scheduleOf = (awardId: string) => prisma.instalment.findMany({ where: { awardId }, orderBy: { seq: 'asc' } })
const awardOf = (id: string) => prisma.award.findUniqueOrThrow({ where: { id } })
const today = () => new Date()

/** The fund's figures reconcile: budget = remaining + committed + paid, and committed + paid + released = Σ approved. */
async function expectReconciled(expected: { committedFen: number; paidFen: number; releasedFen: number }) {
  const summary = await financeSummary(YEAR)
  const figures = summary.funds[0].figures
  expect(figures).toMatchObject(expected)
  expect(figures.budgetFen).toBe(figures.remainingFen + figures.committedFen + figures.paidFen)
  const approved = await prisma.award.aggregate({ where: { status: { not: 'proposed' } }, _sum: { approvedFen: true } })
  expect(figures.committedFen + figures.paidFen + figures.releasedFen).toBe(approved._sum.approvedFen)
  expect(await fundUsedFen(prisma, w.fund.id)).toBe(figures.committedFen + figures.paidFen)
}

describe('the schedule', () => {
  test('confirmation generates the schedule from the stipend rule: quarterly over the months abroad, from the start of the stay', async () => {
    const { award } = await committedYear()
    const schedule = await scheduleOf(award.id)
    expect(schedule.map((i) => [i.seq, shanghaiDate(i.dueOn), i.amountFen, i.status])).toEqual([
      [1, '2027-01-01', 3_000_000, 'planned'],
      [2, '2027-04-01', 3_000_000, 'planned'],
      [3, '2027-07-01', 3_000_000, 'planned'],
      [4, '2027-10-01', 3_000_000, 'planned'],
    ])
    await expectReconciled({ committedFen: 12_000_000, paidFen: 0, releasedFen: 0 })
  })

  test('finance moves and resizes a planned instalment, never planning more than is still committed', async () => {
    const { award } = await committedYear()
    const [first, second] = await scheduleOf(award.id)
    expect(
      await editInstalment(w.finance, {
        awardId: award.id,
        version: award.version,
        instalmentId: second.id,
        dueOn: '2027-04-15',
        amountFen: 3_000_001,
      }),
    ).toEqual({ ok: false, error: 'form.fixErrors', fields: { amountFen: 'instalment.error.aboveCommitment' } })
    expect(
      await editInstalment(w.finance, {
        awardId: award.id,
        version: award.version,
        instalmentId: first.id,
        dueOn: '2027-01-10',
        amountFen: 2_000_000,
      }),
    ).toEqual({ ok: true })
    const edited = await scheduleOf(award.id)
    expect([shanghaiDate(edited[0].dueOn), edited[0].amountFen]).toEqual(['2027-01-10', 2_000_000])
    // The page that showed the old version is out of date.
    expect(
      await editInstalment(w.finance, {
        awardId: award.id,
        version: award.version,
        instalmentId: second.id,
        dueOn: '2027-04-15',
        amountFen: 1,
      }),
    ).toEqual({ ok: false, error: 'finance.award.stale' })
    expect(await prisma.auditEvent.count({ where: { action: 'award.instalment_edit', entityId: award.id } })).toBe(1)
  })
})

describe('paying', () => {
  test('each payment is recorded with its voucher against its instalment; the award stays committed for the rest', async () => {
    const { award } = await committedYear()
    const [first, second] = await scheduleOf(award.id)
    const pay = (instalmentId: string, paidFen: number, version: number, voucherNumber = 'PZ-1') =>
      payInstalment(w.finance, { awardId: award.id, version, instalmentId, paidFen, voucherNumber, paidOn: today() })
    expect(await pay(first.id, 12_000_001, award.version)).toMatchObject({ fields: { paidFen: 'finance.error.paidAboveCommitted' } })
    expect(await pay(first.id, 3_000_000, award.version, ' ')).toMatchObject({ fields: { voucherNumber: 'finance.error.voucher' } })
    expect(await pay(first.id, 3_000_000, award.version, 'PZ-2027-001')).toEqual({ ok: true })
    expect(await awardOf(award.id)).toMatchObject({ status: 'committed', paidFen: 3_000_000, releasedFen: 0 })
    await expectReconciled({ committedFen: 9_000_000, paidFen: 3_000_000, releasedFen: 0 })
    // A paid instalment cannot be paid twice.
    const after = await awardOf(award.id)
    expect(await pay(first.id, 3_000_000, after.version)).toEqual({ ok: false, error: 'finance.award.stale' })
    expect(await pay(second.id, 3_000_000, after.version, 'PZ-2027-002')).toEqual({ ok: true })
    const schedule = await scheduleOf(award.id)
    expect(schedule.map((i) => [i.status, i.paidFen, i.voucherNumber])).toEqual([
      ['paid', 3_000_000, 'PZ-2027-001'],
      ['paid', 3_000_000, 'PZ-2027-002'],
      ['planned', 0, null],
      ['planned', 0, null],
    ])
    await expectReconciled({ committedFen: 6_000_000, paidFen: 6_000_000, releasedFen: 0 })
    expect(await prisma.auditEvent.count({ where: { action: 'award.instalment_pay', entityId: award.id, actorId: w.finance.id } })).toBe(2)
  })

  test('two payments recorded at once from the same page: one wins, the commitment is never exceeded', async () => {
    const { award } = await committedYear()
    const schedule = await scheduleOf(award.id)
    const results = await Promise.all(
      schedule.map((i) =>
        payInstalment(w.finance, {
          awardId: award.id,
          version: award.version,
          instalmentId: i.id,
          paidFen: 12_000_000,
          voucherNumber: `V${i.seq}`,
          paidOn: today(),
        }),
      ),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect((await awardOf(award.id)).paidFen).toBe(12_000_000)
    expect(await prisma.instalment.count({ where: { awardId: award.id, status: 'paid' } })).toBe(1)
    await expectReconciled({ committedFen: 0, paidFen: 12_000_000, releasedFen: 0 })
  })

  test('the last payment closes the award: paid + released = committed, the rest of the schedule stops', async () => {
    const { award } = await committedYear()
    const [first] = await scheduleOf(award.id)
    await payInstalment(w.finance, {
      awardId: award.id,
      version: award.version,
      instalmentId: first.id,
      paidFen: 3_000_000,
      voucherNumber: 'A',
      paidOn: today(),
    })
    const v = (await awardOf(award.id)).version
    expect(
      await recordPayment(w.finance, { awardId: award.id, version: v, paidFen: 9_000_001, voucherNumber: 'B', paidOn: today() }),
    ).toMatchObject({
      fields: { paidFen: 'finance.error.paidAboveCommitted' },
    })
    expect(
      await recordPayment(w.finance, { awardId: award.id, version: v, paidFen: 5_000_000, voucherNumber: 'B', paidOn: today() }),
    ).toEqual({
      ok: true,
    })
    expect(await awardOf(award.id)).toMatchObject({ status: 'paid', approvedFen: 12_000_000, paidFen: 8_000_000, releasedFen: 4_000_000 })
    expect((await scheduleOf(award.id)).map((i) => i.status)).toEqual(['paid', 'paid', 'stopped', 'stopped'])
    await expectReconciled({ committedFen: 0, paidFen: 8_000_000, releasedFen: 4_000_000 })
  })
})

describe('closing', () => {
  test('an early return: finance closes the award with a reason, what is unpaid goes back to the fund', async () => {
    const { award } = await committedYear()
    const [first] = await scheduleOf(award.id)
    await payInstalment(w.finance, {
      awardId: award.id,
      version: award.version,
      instalmentId: first.id,
      paidFen: 3_000_000,
      voucherNumber: 'A',
      paidOn: today(),
    })
    const v = (await awardOf(award.id)).version
    expect(await closeAward(w.finance, { awardId: award.id, version: v, reason: ' ' })).toMatchObject({
      fields: { reason: 'finance.error.reasonRequired' },
    })
    expect(await closeAward(w.finance, { awardId: award.id, version: v, reason: 'Came back in March' })).toEqual({ ok: true })
    expect(await awardOf(award.id)).toMatchObject({ status: 'paid', paidFen: 3_000_000, releasedFen: 9_000_000 })
    expect((await scheduleOf(award.id)).map((i) => i.status)).toEqual(['paid', 'stopped', 'stopped', 'stopped'])
    expect(await prisma.auditEvent.findFirstOrThrow({ where: { action: 'award.close', entityId: award.id } })).toMatchObject({
      actorId: w.finance.id,
      reason: 'Came back in March',
      after: { status: 'paid', paidFen: 3_000_000, releasedFen: 9_000_000, stoppedInstalments: 3 },
    })
    await expectReconciled({ committedFen: 0, paidFen: 3_000_000, releasedFen: 9_000_000 })
  })

  test('a withdrawal after two instalments stops the schedule through the one door and releases only what is unpaid', async () => {
    const { owner, app, award } = await committedYear()
    let version = award.version
    for (const i of (await scheduleOf(award.id)).slice(0, 2)) {
      expect(
        await payInstalment(w.finance, {
          awardId: award.id,
          version,
          instalmentId: i.id,
          paidFen: i.amountFen,
          voucherNumber: `PZ-${i.seq}`,
          paidOn: today(),
        }),
      ).toEqual({ ok: true })
      version += 1
    }
    expect(await withdrawApplication(toSessionUser(owner), app.id, 'Visa revoked')).toEqual({ ok: true })
    expect(await awardOf(award.id)).toMatchObject({
      status: 'released',
      approvedFen: 12_000_000,
      paidFen: 6_000_000,
      releasedFen: 6_000_000,
    })
    expect((await scheduleOf(award.id)).map((i) => i.status)).toEqual(['paid', 'paid', 'stopped', 'stopped'])
    expect(await prisma.auditEvent.findFirstOrThrow({ where: { action: 'award.release', entityId: award.id } })).toMatchObject({
      actorId: owner.id,
      reason: 'Visa revoked',
      after: { releasedFen: 6_000_000, paidFen: 6_000_000, stoppedInstalments: 2 },
    })
    await expectReconciled({ committedFen: 0, paidFen: 6_000_000, releasedFen: 6_000_000 })
    // Nothing more can be paid.
    const [, , third] = await scheduleOf(award.id)
    expect(
      await payInstalment(w.finance, {
        awardId: award.id,
        version: version + 1,
        instalmentId: third.id,
        paidFen: 1,
        voucherNumber: 'X',
        paidOn: today(),
      }),
    ).toEqual({ ok: false, error: 'finance.award.stale' })
  })
})

describe('co-funding and cost per mobility', () => {
  test('other funding in yuan and in euros: the mobility’s total cost and the university’s share, per kind and college', async () => {
    const { award } = await committedYear()
    const record = (input: { source: 'csc' | 'host'; currency: string; amount: string; day: string }) =>
      recordCoFunding(w.finance, { awardId: award.id, ...input })
    expect(await record({ source: 'csc', currency: 'CNY', amount: '60000', day: '2026-12-01' })).toEqual({ ok: true, amountFen: 6_000_000 })
    expect(await record({ source: 'host', currency: 'EUR', amount: '1000', day: '2026-12-01' })).toEqual({
      ok: false,
      error: 'form.fixErrors',
      fields: { day: { key: 'fx.error.noRate', params: { currency: 'EUR', day: '2026-12-01' } } },
    })
    await importRates(w.finance, 'day,pair,rate\n2026-12-01,EUR/CNY,7.8000')
    // Converted, more than any amount in yuan may be: refused, not a database error, nothing stored.
    expect(await record({ source: 'host', currency: 'EUR', amount: '3100000', day: '2026-12-01' })).toEqual({
      ok: false,
      error: 'form.fixErrors',
      fields: { amount: { key: 'fx.error.amountTooLarge', params: { max: 1_000_000 } } },
    })
    expect(await record({ source: 'host', currency: 'eur', amount: '1000', day: '2026-12-01' })).toEqual({ ok: true, amountFen: 780_000 })
    expect(await prisma.coFunding.findMany({ orderBy: { createdAt: 'asc' } })).toMatchObject([
      { source: 'csc', currency: 'CNY', amountMinor: 6_000_000n, amountFen: 6_000_000, cnyE4: null },
      { source: 'host', currency: 'EUR', amountMinor: 100_000n, amountFen: 780_000, cnyE4: 78_000, units: 1 },
    ])
    const [line] = await costPerMobility(YEAR, null)
    expect(line).toMatchObject({
      kind: 'joint_training',
      collegeId: w.college.id,
      mobilities: 1,
      universityFen: 12_000_000,
      otherFen: 6_780_000,
    })
    expect(mobilityCost(line)).toEqual({ totalFen: 18_780_000, perMobilityFen: 18_780_000, universityShare: 12_000_000 / 18_780_000 })
    // A college reviewer of another college counts nothing of it.
    expect(await costPerMobility(YEAR, ['another-college'])).toEqual([])
  })
})
