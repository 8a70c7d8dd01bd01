// "Used" of a fund has one definition (app/models/fund-usage.server.ts): outstanding commitments plus
// payments. The policy dashboard, its drill-down, the admin's fund pages and the finance dashboard
// all show it, and must show the same number for the same fund (and college).
import { beforeEach, expect, it } from 'vitest'
import { settle } from '~/domain/funding'
import type { AwardStatus } from '~/generated/prisma/client'
import { prisma } from '~/lib/db.server'
import { financeSummary } from '~/models/finance-summary.server'
import { loader as adminFundPage } from '~/routes/admin.funds.$fundId'
import { loader as adminFundList } from '~/routes/admin.funds._index'
import { loader as dashboardPage } from '~/routes/dashboard._index'
import { loader as drillDownPage } from '~/routes/dashboard.applications'
import { createApplication, createCollege, createFund, createProgram, createStudent } from '../factories'
import { getRequest, run, signIn } from '../support/admin'
import { resetDatabase } from '../support/db'

const YEAR = '2026-2027'

beforeEach(() => resetDatabase())

type Amounts = { approvedFen?: number; paidFen?: number; releasedFen?: number; requestedFen?: number }

/** An award of the fund to a new student of the college, with the amounts its status implies. */
async function award(fundId: string, collegeId: string, status: AwardStatus, amounts: Amounts) {
  const student = await createStudent(prisma, { collegeId, level: 'master' })
  const program = await createProgram(prisma, { kind: 'conference', academicYear: YEAR, levels: ['master'], fundId })
  const application = await createApplication(prisma, {
    applicantId: student.id,
    programId: program.id,
    status: status === 'released' ? 'withdrawn' : status === 'proposed' ? 'funding_check' : 'approved',
  })
  await prisma.award.create({
    data: {
      applicationId: application.id,
      fundId,
      collegeId,
      status,
      requestedFen: amounts.requestedFen ?? amounts.approvedFen ?? 0,
      ...amounts,
    },
  })
}

const paid = (approvedFen: number, paidFen: number) => ({ approvedFen, ...settle(approvedFen, paidFen)! })

it('the dashboard, its drill-down, the admin fund pages and the finance dashboard agree on what a fund has used', async () => {
  const [cs, phys] = [await createCollege(prisma, { code: 'CS' }), await createCollege(prisma, { code: 'PHYS' })]
  const fund = await createFund(prisma, { academicYear: YEAR, budgetFen: 5_000_000n })
  const other = await createFund(prisma, { academicYear: YEAR, budgetFen: 5_000_000n })
  await prisma.fundAllocation.create({ data: { fundId: fund.id, collegeId: cs.id, amountFen: 2_000_000n } })

  await award(fund.id, cs.id, 'committed', { approvedFen: 300_000 }) // 3 000.00 held
  await award(fund.id, cs.id, 'paid', paid(500_000, 350_000)) // 3 500.00 paid, 1 500.00 back
  await award(fund.id, phys.id, 'paid', paid(200_000, 200_000)) // 2 000.00 paid in full
  await award(fund.id, phys.id, 'released', { approvedFen: 400_000, releasedFen: 400_000 }) // all back
  await award(fund.id, cs.id, 'proposed', { requestedFen: 900_000 }) // not yet promised
  await award(other.id, cs.id, 'committed', { approvedFen: 700_000 }) // another fund
  const expected = { all: 850_000, cs: 650_000, phys: 200_000 }

  const { cookie } = await signIn(['admin'])
  const body = async <T>(loader: Parameters<typeof run>[0], path: string, params: Record<string, string> = {}) => {
    const outcome = await run(loader, getRequest(cookie, path), params)
    expect(outcome.status, path).toBe(200)
    return outcome.body as T
  }
  type Dashboard = { figures: { funds: { id: string; usedFen: number }[] } }
  const dashboardUsed = async (college?: string) =>
    (await body<Dashboard>(dashboardPage, `/dashboard?year=${YEAR}${college ? `&college=${college}` : ''}`)).figures.funds.find(
      (f) => f.id === fund.id,
    )!.usedFen
  const drillDownUsed = async (college?: string) =>
    (
      await body<{ used: number }>(
        drillDownPage,
        `/dashboard/applications?year=${YEAR}&fund=${fund.id}${college ? `&college=${college}` : ''}`,
      )
    ).used

  const adminPage = await body<{ usedFen: string; usedByCollege: Record<string, string> }>(adminFundPage, `/admin/funds/${fund.id}`, {
    fundId: fund.id,
  })
  const adminList = await body<{ rows: { id: string; usedFen: string }[] }>(adminFundList, `/admin/funds?year=${YEAR}`)
  const finance = (await financeSummary(YEAR)).funds.find((f) => f.id === fund.id)!

  expect([
    await dashboardUsed(),
    await drillDownUsed(),
    Number(adminPage.usedFen),
    Number(adminList.rows.find((r) => r.id === fund.id)!.usedFen),
  ]).toEqual([expected.all, expected.all, expected.all, expected.all])
  expect(finance.figures.remainingFen).toBe(5_000_000 - expected.all)
  // One college: against its allocation on the dashboard, beside it on the admin page.
  expect([await dashboardUsed(cs.id), await drillDownUsed(cs.id), Number(adminPage.usedByCollege[cs.id])]).toEqual([
    expected.cs,
    expected.cs,
    expected.cs,
  ])
  expect([await dashboardUsed(phys.id), await drillDownUsed(phys.id)]).toEqual([expected.phys, expected.phys])
})
