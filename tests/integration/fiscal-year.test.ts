// The ledger's two years against a real database: a year of joint training committed in December
// 2026, paid in December and January; the fiscal view (calendar years) and the academic view read
// the same months alike, both reconcile to the fen with the fund's figures, and year end carries
// the open commitment into 2027 once, with an audit row.
import { beforeEach, expect, test } from 'vitest'
import type { User } from '~/generated/prisma/client'
import { toSessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { confirmFunding } from '~/models/finance.server'
import { financeSummary } from '~/models/finance-summary.server'
import { academicMonths, carryForward, fiscalSummary, openAtYearEnd } from '~/models/fiscal-year.server'
import { payInstalment } from '~/models/instalments.server'
import { setExportLayout } from '~/models/export-layout.server'
import { movementsCsv } from '~/models/finance-movements.server'
import { decide } from '~/models/review-decisions.server'
import { createApplication, createCollege, createFund, createPartner, createProgram, createStudent, createUser } from '../factories'
import { resetDatabase } from '../support/db'
import { uniqueEmail } from '../support/mail-catcher'

const YEAR = '2026-2027'
const beijing = (day: string) => new Date(`${day}T12:00:00+08:00`)

beforeEach(() => resetDatabase())

test('a month reads the same in the fiscal and the academic view; both reconcile; year end carries the open commitment once', async () => {
  const college = await createCollege(prisma)
  const staff = async (roles: User['roles']) => toSessionUser(await createUser(prisma, { email: uniqueEmail(roles.join('-')), roles }))
  const [office, finance] = [await staff(['office_reviewer']), await staff(['finance'])]
  const partner = await createPartner(prisma, { region: 'europe' })
  const fund = await createFund(prisma, {
    academicYear: YEAR,
    kinds: ['joint_training'],
    purpose: 'joint_training_fund',
    budgetFen: 50_000_000n,
    stipendRules: { monthlyFenByRegion: { europe: 1_000_000 }, instalments: 'quarterly' },
  })
  const program = await createProgram(prisma, {
    kind: 'joint_training',
    academicYear: YEAR,
    partnerId: partner.id,
    fundId: fund.id,
    levels: ['doctoral'],
  })
  const owner = await createStudent(prisma, { collegeId: college.id, level: 'doctoral', email: uniqueEmail('s') })
  const app = await createApplication(prisma, {
    applicantId: owner.id,
    programId: program.id,
    status: 'college_endorsed',
    submittedAt: new Date(),
    details: { kind: 'joint_training', programId: program.id, startDate: '2027-01-01', endDate: '2027-12-31', fundingSource: 'university' },
  })
  await decide(office, { applicationId: app.id, version: app.version, command: 'office_approve' })
  const award = await prisma.award.findFirstOrThrow({ where: { applicationId: app.id } })
  const inCheck = await prisma.application.findUniqueOrThrow({ where: { id: app.id } })
  const committedOn = beijing('2026-12-06')
  expect(
    await confirmFunding(
      finance,
      { awardId: award.id, version: inCheck.version, approved: { stipend: 12_000_000 }, note: '' },
      committedOn,
    ),
  ).toEqual({
    ok: true,
  })
  await prisma.auditEvent.updateMany({ where: { entityId: award.id, action: 'award.commit' }, data: { at: committedOn } })
  const [first, second] = await prisma.instalment.findMany({ where: { awardId: award.id }, orderBy: { seq: 'asc' } })
  let version = (await prisma.award.findUniqueOrThrow({ where: { id: award.id } })).version
  for (const [instalment, day] of [
    [first, '2026-12-20'],
    [second, '2027-01-10'],
  ] as const) {
    expect(
      await payInstalment(
        finance,
        { awardId: award.id, version, instalmentId: instalment.id, paidFen: 3_000_000, voucherNumber: `PZ-${day}`, paidOn: beijing(day) },
        beijing('2027-01-15'),
      ),
    ).toEqual({ ok: true })
    version += 1
  }

  // The same month in both views.
  const academic = await academicMonths(YEAR)
  expect(academic).toEqual([
    { month: '2026-12', paidFen: 3_000_000, releasedFen: 0 },
    { month: '2027-01', paidFen: 3_000_000, releasedFen: 0 },
  ])
  const [fy2026, fy2027] = [await fiscalSummary(2026), await fiscalSummary(2027)]
  expect(fy2026.months).toEqual([academic[0]])
  expect(fy2027.months).toEqual([academic[1]])

  // Fiscal figures per year, and over the years equal to the academic dashboard's.
  expect(fy2026.funds[0]).toMatchObject({
    committedFen: 12_000_000,
    paidFen: 3_000_000,
    releasedFen: 0,
    carriedInFen: 0,
    openAtEndFen: 9_000_000,
  })
  expect(fy2027.funds[0]).toMatchObject({ committedFen: 0, paidFen: 3_000_000, openAtEndFen: 6_000_000 })
  const figures = (await financeSummary(YEAR)).funds[0].figures
  expect(figures).toMatchObject({ committedFen: 6_000_000, paidFen: 6_000_000 })
  expect(fy2026.funds[0].paidFen + fy2027.funds[0].paidFen).toBe(figures.paidFen)
  expect(fy2027.funds[0].openAtEndFen).toBe(figures.committedFen)
  expect(figures.budgetFen).toBe(figures.remainingFen + figures.committedFen + figures.paidFen)

  // Year end 2026: the open ¥90,000 goes into 2027, once, with an audit row.
  expect(await openAtYearEnd(2026)).toEqual([{ awardId: award.id, openFen: 9_000_000, carried: false }])
  expect(await carryForward(finance, 2026)).toEqual({ carried: 1, amountFen: 9_000_000 })
  expect(await carryForward(finance, 2026)).toEqual({ carried: 0, amountFen: 0 })
  expect(await openAtYearEnd(2026)).toEqual([{ awardId: award.id, openFen: 9_000_000, carried: true }])
  expect((await fiscalSummary(2027)).funds[0]).toMatchObject({ carriedInFen: 9_000_000, openAtEndFen: 6_000_000 })
  expect(await prisma.auditEvent.findFirstOrThrow({ where: { action: 'award.carry_forward', entityId: award.id } })).toMatchObject({
    actorId: finance.id,
    applicationId: app.id,
    after: { fromFiscalYear: 2026, toFiscalYear: 2027, openFen: 9_000_000 },
  })
  // Carrying moves no money: the academic figures are unchanged.
  expect((await financeSummary(YEAR)).funds[0].figures).toEqual(figures)

  // The payments for the accounting software, in the admin's column order, each with a voucher
  // reference that stays the same from one export to the next.
  const admin = await staff(['admin'])
  expect(await setExportLayout(admin, 'finance-movements', ['reference', 'reference'])).toMatchObject({
    fields: { columns: 'exportLayout.error.duplicate' },
  })
  expect(await setExportLayout(admin, 'finance-movements', ['day', 'amount', 'voucher', 'reference'])).toEqual({ ok: true })
  const csv = await movementsCsv(finance, { fiscalYear: 2027 }, 'en')
  const [header, row, ...rest] = csv.trim().split(/\r?\n/)
  expect(header).toBe('Day,Amount,Voucher number,Voucher reference')
  expect(row).toMatch(/^2027-01-10,30000\.00,PZ-2027-01-10,MP\d{8}$/)
  expect(rest).toEqual([])
  expect(await movementsCsv(finance, { fiscalYear: 2027 }, 'en')).toBe(csv)
  const academicCsv = await movementsCsv(finance, { academicYear: YEAR }, 'en')
  expect(academicCsv.trim().split(/\r?\n/)).toHaveLength(3) // both payments
  expect(academicCsv).toContain(row)
})
