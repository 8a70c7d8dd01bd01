import { beforeEach, expect, it } from 'vitest'
import { academicYearOf } from '~/domain/academic-year'
import type { AwardStatus } from '~/generated/prisma/client'
import { prisma } from '~/lib/db.server'
import { listFunds } from '~/models/admin/funds.server'
import { action as editFund, loader as fundPage } from '~/routes/admin.funds.$fundId'
import { parseListQuery } from '~/schemas/admin'
import { createApplication, createCollege, createFund, createProgram, createStudent } from '../factories'
import { fieldErrors, getRequest, postRequest, run, savedId, signIn, type Fields } from '../support/admin'
import { resetDatabase } from '../support/db'

beforeEach(() => resetDatabase())

const year = academicYearOf(new Date())
const save = (cookie: string, id: string, fields: Fields) =>
  run(editFund, postRequest(cookie, `/admin/funds/${id}`, fields), { fundId: id })

const base = (fields: Fields = {}): Fields => ({
  academicYear: year,
  nameZh: '研究生国际会议专项',
  nameEn: 'Graduate conference fund',
  purpose: 'conference_travel',
  budget: '100000',
  kinds: ['conference'],
  ...fields,
})

/** An award of `fen` from the fund to a student of the college, in the given status. */
async function award(fundId: string, collegeId: string, status: AwardStatus, fen: number) {
  const student = await createStudent(prisma, { collegeId })
  const program = await createProgram(prisma, { kind: 'conference' })
  const application = await createApplication(prisma, { applicantId: student.id, programId: program.id, status: 'approved' })
  return prisma.award.create({
    data: {
      applicationId: application.id,
      fundId,
      collegeId,
      status,
      requestedFen: fen,
      approvedFen: fen,
      paidFen: status === 'paid' ? fen - 100_00 : 0,
    },
  })
}

it('creates a fund from yuan amounts: budget, cap, stipends by region, line standards and college allocations', async () => {
  const { user, cookie } = await signIn()
  const [cs, phys] = [await createCollege(prisma, { code: 'CS' }), await createCollege(prisma, { code: 'PHYS' })]
  const id = savedId(
    await save(
      cookie,
      'new',
      base({
        budget: '1,250,000.50',
        perPersonCap: '15000',
        kinds: ['conference', 'exchange'],
        'stipend.europe': '9000',
        'lines.airfare': '8000',
        'lines.registration': '3000.5',
        [`allocations.${cs.id}`]: '400000',
        [`allocations.${phys.id}`]: '',
      }),
    ),
  )
  const fund = await prisma.fund.findUniqueOrThrow({ where: { id }, include: { allocations: true } })
  expect(fund).toMatchObject({
    budgetFen: 125_000_050n,
    perPersonCapFen: 1_500_000,
    kinds: ['conference', 'exchange'],
    stipendRules: { monthlyFenByRegion: { europe: 900_000 } },
    lineStandards: { airfare: 800_000, registration: 300_050 },
  })
  expect(fund.allocations.map((a) => [a.collegeId, a.amountFen])).toEqual([[cs.id, 40_000_000n]])
  const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'fund.create', entityId: id } })
  expect(audit.actorId).toBe(user.id)
  expect(audit.after).toMatchObject({ budgetFen: '125000050', allocations: [{ collegeId: cs.id, amountFen: '40000000' }] })
})

it('refuses allocations adding up to more than the budget, and nothing is written', async () => {
  const { cookie } = await signIn()
  const [a, b] = [await createCollege(prisma), await createCollege(prisma)]
  const outcome = await save(cookie, 'new', base({ budget: '1000', [`allocations.${a.id}`]: '600', [`allocations.${b.id}`]: '400.01' }))
  expect(outcome.status).toBe(400)
  expect(fieldErrors(outcome).allocations).toEqual(['adminConfig.error.overAllocated|{"total":"1000.01"}'])
  expect(await prisma.fund.count()).toBe(0)
  savedId(await save(cookie, 'new', base({ budget: '1000', [`allocations.${a.id}`]: '600', [`allocations.${b.id}`]: '400' })))
})

it('names the fields in error', async () => {
  const { cookie } = await signIn()
  const outcome = await save(
    cookie,
    'new',
    base({ budget: '-5', perPersonCap: 'abc', kinds: [], academicYear: '2026', 'lines.visa': '1.234' }),
  )
  expect(fieldErrors(outcome)).toMatchObject({
    budget: ['adminConfig.error.amount.negative|{"max":10000000000}'],
    perPersonCap: ['adminConfig.error.amount.format|{"max":1000000}'],
    kinds: ['adminConfig.error.kindsRequired'],
    academicYear: ['adminConfig.error.academicYear'],
    'lines.visa': ['adminConfig.error.amount.precision|{"max":1000000}'],
  })
})

it('never lowers the budget or an allocation below what committed and paid awards already use', async () => {
  const { cookie } = await signIn()
  const [cs, phys] = [await createCollege(prisma), await createCollege(prisma)]
  const fund = await createFund(prisma, { budgetFen: 100_000_00n })
  await prisma.fundAllocation.createMany({
    data: [
      { fundId: fund.id, collegeId: cs.id, amountFen: 50_000_00n },
      { fundId: fund.id, collegeId: phys.id, amountFen: 20_000_00n },
    ],
  })
  await award(fund.id, cs.id, 'committed', 30_000_00) // counts its approved amount
  await award(fund.id, cs.id, 'paid', 10_000_00) // counts what was paid: 9,900 yuan
  await award(fund.id, phys.id, 'proposed', 50_000_00) // not yet committed: does not count
  await award(fund.id, phys.id, 'released', 50_000_00) // released: does not count
  const page = (await run(fundPage, getRequest(cookie, `/admin/funds/${fund.id}`), { fundId: fund.id })).body as {
    usedFen: string
    usedByCollege: Record<string, string>
  }
  expect(page.usedFen).toBe(String(39_900_00))
  expect(page.usedByCollege).toEqual({ [cs.id]: String(39_900_00), [phys.id]: '0' })

  const tooLow = await save(cookie, fund.id, base({ budget: '39899.99', [`allocations.${cs.id}`]: '39899.99' }))
  expect(fieldErrors(tooLow)).toEqual({
    budget: ['adminConfig.error.budgetBelowUsed|{"used":"39900.00"}'],
    [`allocations.${cs.id}`]: ['adminConfig.error.allocationBelowUsed|{"used":"39900.00"}'],
  })
  // Removing the allocation of a college that has used money is lowering it to nothing.
  const removed = await save(cookie, fund.id, base({ budget: '100000', [`allocations.${phys.id}`]: '20000' }))
  expect(fieldErrors(removed)).toEqual({ [`allocations.${cs.id}`]: ['adminConfig.error.allocationBelowUsed|{"used":"39900.00"}'] })
  const unchanged = await prisma.fund.findUniqueOrThrow({
    where: { id: fund.id },
    include: { allocations: { orderBy: { amountFen: 'asc' } } },
  })
  expect(unchanged.budgetFen).toBe(100_000_00n)
  expect(unchanged.allocations.map((a) => a.amountFen)).toEqual([20_000_00n, 50_000_00n])
  expect(await prisma.auditEvent.count()).toBe(0)

  // Down to exactly what is used is allowed; the unused college's allocation may go.
  savedId(await save(cookie, fund.id, base({ budget: '39900', [`allocations.${cs.id}`]: '39900' })))
  const after = await prisma.fund.findUniqueOrThrow({ where: { id: fund.id }, include: { allocations: true } })
  expect(after.budgetFen).toBe(39_900_00n)
  expect(after.allocations.map((a) => [a.collegeId, a.amountFen])).toEqual([[cs.id, 39_900_00n]])
  const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'fund.update', entityId: fund.id } })
  expect(audit.before).toMatchObject({ budgetFen: '10000000' })
  expect(audit.after).toMatchObject({ budgetFen: '3990000' })
})

it('keeps enough unallocated budget for what colleges without an allocation have used', async () => {
  const { cookie } = await signIn()
  const [cs, phys] = [await createCollege(prisma), await createCollege(prisma)]
  const fund = await createFund(prisma, { budgetFen: 100_000_00n })
  await prisma.fundAllocation.create({ data: { fundId: fund.id, collegeId: cs.id, amountFen: 50_000_00n } })
  await award(fund.id, phys.id, 'committed', 40_000_00) // PHYS has no allocation: it draws on the pool
  const squeezed = await save(cookie, fund.id, base({ budget: '100000', [`allocations.${cs.id}`]: '60000.01' }))
  expect(fieldErrors(squeezed)).toEqual({ allocations: ['adminConfig.error.poolBelowUsed|{"used":"40000.00"}'] })
  savedId(await save(cookie, fund.id, base({ budget: '100000', [`allocations.${cs.id}`]: '60000' })))
})

it('waits for a concurrent award commit holding the fund row, then checks against the new total', async () => {
  const { cookie } = await signIn()
  const college = await createCollege(prisma)
  const fund = await createFund(prisma, { budgetFen: 100_000_00n })
  const pending = await award(fund.id, college.id, 'proposed', 60_000_00)
  let releaseFinance!: () => void
  const financeHolds = new Promise<void>((resolve) => (releaseFinance = resolve))
  let locked!: () => void
  const lockTaken = new Promise<void>((resolve) => (locked = resolve))
  // Finance commits an award the way the finance queue does: fund row locked, then the award.
  const finance = prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT "id" FROM "Fund" WHERE "id" = ${fund.id} FOR UPDATE`
    locked()
    await financeHolds
    await tx.award.update({ where: { id: pending.id }, data: { status: 'committed' } })
  })
  await lockTaken
  const adminSave = save(cookie, fund.id, base({ budget: '50000' }))
  await new Promise((resolve) => setTimeout(resolve, 300))
  releaseFinance()
  await finance
  const outcome = await adminSave
  expect(fieldErrors(outcome).budget).toEqual(['adminConfig.error.budgetBelowUsed|{"used":"60000.00"}'])
  expect((await prisma.fund.findUniqueOrThrow({ where: { id: fund.id } })).budgetFen).toBe(100_000_00n)
})

it('retires a fund and lists funds by year with what each has used', async () => {
  const { cookie } = await signIn()
  const college = await createCollege(prisma)
  const fund = await createFund(prisma, { academicYear: year })
  await createFund(prisma, { academicYear: '2020-2021' })
  await award(fund.id, college.id, 'committed', 1_234_56)
  const list = await listFunds(parseListQuery(`http://x/admin/funds?year=${year}`))
  expect(list.rows.map((f) => [f.id, f.usedFen])).toEqual([[fund.id, '123456']])
  expect(list.years).toEqual([year, '2020-2021'].sort().reverse())
  await save(cookie, fund.id, { intent: 'retire' })
  expect((await listFunds(parseListQuery('http://x/admin/funds'))).rows).toHaveLength(1)
  expect((await listFunds(parseListQuery('http://x/admin/funds?show=retired'))).rows.map((f) => f.id)).toEqual([fund.id])
})
