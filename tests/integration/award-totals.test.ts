// The award totals the finance summary reads (decision 29) are kept by triggers on "Award": after
// every kind of change (insert, update of money or status, an update that changes no sum, a move
// to another fund, delete, truncate) they equal the sums over the awards themselves.
import { beforeEach, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { financeSummary } from '~/models/finance-summary.server'
import { createApplication, createCollege, createFund, createProgram, createStudent } from '../factories'
import { resetDatabase } from '../support/db'

const YEAR = '2026-2027'

beforeEach(resetDatabase)

/** The totals as the summary had them before: summed over the awards of the year. */
async function summedOverAwards() {
  const rows = await prisma.$queryRaw<
    { fundId: string; collegeId: string; committed: bigint; paid: bigint; released: bigint; proposed: bigint; awards: bigint }[]
  >`
    SELECT a."fundId", a."collegeId",
      COALESCE(SUM(a."approvedFen" - a."paidFen") FILTER (WHERE a.status = 'committed'), 0)::bigint AS committed,
      COALESCE(SUM(a."paidFen"), 0)::bigint AS paid, COALESCE(SUM(a."releasedFen"), 0)::bigint AS released,
      COALESCE(SUM(a."requestedFen") FILTER (WHERE a.status = 'proposed'), 0)::bigint AS proposed, COUNT(*)::bigint AS awards
    FROM "Award" a JOIN "Fund" f ON f.id = a."fundId" WHERE f."academicYear" = ${YEAR}
    GROUP BY 1, 2 ORDER BY 1, 2`
  return rows.map((r) => ({
    fund: r.fundId,
    college: r.collegeId,
    committed: Number(r.committed),
    paid: Number(r.paid),
    released: Number(r.released),
    proposed: Number(r.proposed),
    awards: Number(r.awards),
  }))
}

async function fromSummary() {
  const summary = await financeSummary(YEAR)
  return summary.funds
    .flatMap((f) =>
      f.colleges
        .filter((c) => c.awards > 0)
        .map((c) => ({
          fund: f.id,
          college: c.id,
          committed: c.figures.committedFen,
          paid: c.figures.paidFen,
          released: c.figures.releasedFen,
          proposed: c.proposedFen,
          awards: c.awards,
        })),
    )
    .sort((a, b) => (a.fund + a.college < b.fund + b.college ? -1 : 1))
}

test('the totals follow every insert, update, move, delete and truncate of awards', async () => {
  const [x, y] = await Promise.all([createCollege(prisma), createCollege(prisma)])
  const [one, two] = await Promise.all([createFund(prisma, { academicYear: YEAR }), createFund(prisma, { academicYear: YEAR })])
  const program = await createProgram(prisma, { academicYear: YEAR, kind: 'conference' })
  const apps = await Promise.all(
    [x, x, y].map(async (college) => {
      const student = await createStudent(prisma, { collegeId: college.id })
      return createApplication(prisma, { applicantId: student.id, programId: program.id })
    }),
  )
  const expectSame = async () => {
    const expected = await summedOverAwards()
    expect(await fromSummary()).toEqual(expected)
    return expected
  }

  await prisma.award.createMany({
    data: apps.map((a, i) => ({ applicationId: a.id, fundId: one.id, collegeId: a.collegeId, requestedFen: 100_000 * (i + 1) })),
  })
  expect((await expectSame()).map((r) => r.awards)).toEqual(expect.arrayContaining([2, 1]))

  const [first, second, third] = await prisma.award.findMany({ orderBy: { requestedFen: 'asc' } })
  await prisma.award.update({ where: { id: first.id }, data: { status: 'committed', approvedFen: 90_000 } })
  await prisma.award.update({ where: { id: second.id }, data: { status: 'paid', approvedFen: 200_000, paidFen: 150_000 } })
  await expectSame()
  await prisma.award.update({ where: { id: first.id }, data: { note: 'nothing summed changes' } })
  await prisma.award.update({
    where: { id: third.id },
    data: { fundId: two.id, status: 'released', approvedFen: 300_000, releasedFen: 300_000 },
  })
  await expectSame()
  await prisma.award.updateMany({ where: { status: 'committed' }, data: { paidFen: 30_000 } })
  await expectSame()

  await prisma.award.delete({ where: { id: second.id } })
  expect(await expectSame()).toHaveLength(2)
  await prisma.$executeRaw`TRUNCATE "Award" CASCADE`
  expect(await expectSame()).toEqual([])
  expect(await prisma.awardTotal.count()).toBe(0)
})
