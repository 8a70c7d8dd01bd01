// Cost per mobility on the policy dashboard reads totals per year, kind and college that triggers
// on "Award", "CoFunding" and "Application" keep (decision 29, amended): after every kind of change
// they equal what summing every award and co-funding row of the year's applications gives, and
// two transactions funding one application at once count it once.
import { beforeEach, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { costPerMobility } from '~/models/co-funding.server'
import { createApplication, createCollege, createFund, createProgram, createStudent, createUser } from '../factories'
import { resetDatabase } from '../support/db'

const YEAR = '2026-2027'

beforeEach(resetDatabase)

/** Cost per mobility as the dashboard had it before: summed over every award and co-funding row. */
async function summedOverRows() {
  const rows = await prisma.$queryRaw<{ kind: string; collegeId: string; mobilities: bigint; university: bigint; other: bigint }[]>`
    WITH uni AS (
      SELECT "applicationId", SUM(CASE WHEN "status" = 'committed' THEN "approvedFen" - "paidFen" ELSE 0 END + "paidFen")::bigint AS fen
      FROM "Award" WHERE "status" IN ('committed', 'paid', 'released') GROUP BY "applicationId"
    ), other AS (
      SELECT "applicationId", SUM("amountFen")::bigint AS fen FROM "CoFunding" GROUP BY "applicationId"
    )
    SELECT a."kind"::text AS kind, a."collegeId", COUNT(*)::bigint AS mobilities,
      COALESCE(SUM(uni.fen), 0)::bigint AS university, COALESCE(SUM(other.fen), 0)::bigint AS other
    FROM "Application" a JOIN "College" c ON c."id" = a."collegeId"
    LEFT JOIN uni ON uni."applicationId" = a."id" LEFT JOIN other ON other."applicationId" = a."id"
    WHERE a."academicYear" = ${YEAR} AND (COALESCE(uni.fen, 0) > 0 OR other.fen IS NOT NULL)
    GROUP BY a."kind", a."collegeId", c."code" ORDER BY a."kind", c."code"`
  return rows.map((r) => ({
    kind: r.kind,
    college: r.collegeId,
    mobilities: Number(r.mobilities),
    university: Number(r.university),
    other: Number(r.other),
  }))
}

async function fromTotals() {
  return (await costPerMobility(YEAR, null)).map((l) => ({
    kind: l.kind,
    college: l.collegeId,
    mobilities: l.mobilities,
    university: l.universityFen,
    other: l.otherFen,
  }))
}

async function expectSame() {
  const expected = await summedOverRows()
  expect(await fromTotals()).toEqual(expected)
  return expected
}

async function setUp() {
  const [x, y] = await Promise.all([createCollege(prisma, { code: 'X' }), createCollege(prisma, { code: 'Y' })])
  const fund = await createFund(prisma, { academicYear: YEAR })
  const [conference, exchange] = await Promise.all([
    createProgram(prisma, { academicYear: YEAR, kind: 'conference' }),
    createProgram(prisma, { academicYear: YEAR, kind: 'exchange' }),
  ])
  const finance = await createUser(prisma, { roles: ['finance'] })
  const apply = async (collegeId: string, programId: string) =>
    createApplication(prisma, { applicantId: (await createStudent(prisma, { collegeId })).id, programId })
  return { x, y, fund, conference, exchange, finance, apply }
}

const coFunding = (applicationId: string, createdById: string, amountFen: number) => ({
  applicationId,
  createdById,
  source: 'csc' as const,
  currency: 'CNY',
  amountMinor: BigInt(amountFen),
  amountFen,
})

test('the totals follow every change of awards, co-funding and applications', async () => {
  const { x, y, fund, conference, exchange, finance, apply } = await setUp()
  const [a, b, c, d] = [
    await apply(x.id, conference.id),
    await apply(x.id, conference.id),
    await apply(y.id, exchange.id),
    await apply(y.id, conference.id),
  ]

  // Requested awards fund nothing yet.
  await prisma.award.createMany({
    data: [a, b, c].map((app, i) => ({
      applicationId: app.id,
      fundId: fund.id,
      collegeId: app.collegeId,
      requestedFen: 100_000 * (i + 1),
    })),
  })
  expect(await expectSame()).toEqual([])

  const [first, second, third] = await prisma.award.findMany({ orderBy: { requestedFen: 'asc' } })
  await prisma.award.update({ where: { id: first.id }, data: { status: 'committed', approvedFen: 90_000 } })
  await prisma.award.update({ where: { id: second.id }, data: { status: 'paid', approvedFen: 200_000, paidFen: 150_000 } })
  expect((await expectSame()).map((r) => r.mobilities)).toEqual([2])
  await prisma.award.update({ where: { id: first.id }, data: { note: 'nothing summed changes' } })
  await prisma.award.update({
    where: { id: third.id },
    data: { status: 'released', approvedFen: 300_000, paidFen: 120_000, releasedFen: 180_000 },
  })
  await expectSame()

  // Co-funding alone makes a mobility; on a funded one it adds money, not a mobility.
  await prisma.coFunding.create({ data: coFunding(d.id, finance.id, 0) })
  await prisma.coFunding.createMany({ data: [coFunding(a.id, finance.id, 50_000), coFunding(a.id, finance.id, 25_000)] })
  expect(await expectSame()).toEqual(
    expect.arrayContaining([expect.objectContaining({ college: y.id, kind: 'conference', mobilities: 1, other: 0 })]),
  )
  await prisma.coFunding.updateMany({ where: { applicationId: a.id }, data: { amountFen: 40_000 } })
  await expectSame()

  // An award moved to another application, an application moved to another college.
  await prisma.award.update({ where: { id: first.id }, data: { applicationId: d.id } })
  await expectSame()
  await prisma.application.update({ where: { id: b.id }, data: { collegeId: y.id } })
  await expectSame()

  // Money taken back: a committed award cancelled to nothing, co-funding deleted.
  await prisma.award.update({ where: { id: second.id }, data: { status: 'released', paidFen: 0, releasedFen: 200_000 } })
  await prisma.coFunding.deleteMany({ where: { applicationId: d.id } })
  await expectSame()
  await prisma.award.deleteMany({})
  await expectSame()

  await prisma.award.create({
    data: { applicationId: c.id, fundId: fund.id, collegeId: c.collegeId, requestedFen: 1, status: 'paid', paidFen: 1 },
  })
  await prisma.$executeRaw`TRUNCATE "Award" CASCADE`
  await expectSame()
  await prisma.$executeRaw`TRUNCATE "CoFunding"`
  expect(await expectSame()).toEqual([])
  expect(await prisma.costTotal.count()).toBe(0)
})

test('an award and a co-funding recorded at once for one application count one mobility', async () => {
  const { x, fund, conference, finance, apply } = await setUp()
  const app = await apply(x.id, conference.id)
  let other: Promise<unknown> | undefined
  await prisma.$transaction(async (tx) => {
    await tx.award.create({
      data: { applicationId: app.id, fundId: fund.id, collegeId: x.id, requestedFen: 10_000, status: 'committed', approvedFen: 10_000 },
    })
    // Another connection records co-funding meanwhile: it waits for this one's funding row.
    other = prisma.coFunding.create({ data: coFunding(app.id, finance.id, 5_000) })
    await new Promise((resolve) => setTimeout(resolve, 300))
  })
  await other
  expect(await expectSame()).toEqual([{ kind: 'conference', college: x.id, mobilities: 1, university: 10_000, other: 5_000 }])
})
