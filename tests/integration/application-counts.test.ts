// The application counts the policy dashboard reads (decision 29) are kept by triggers on
// "Application" and "User": after every kind of change (insert, status change, a save that changes
// no key, moves between colleges, programs, years and applicants, a typed country edited, a level
// change, delete, truncate, and a level change racing an insert) they equal a recount of the
// applications themselves.
import { beforeEach, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { dashboardFigures } from '~/models/dashboard.server'
import { createApplication, createCollege, createPartner, createProgram, createStudent } from '../factories'
import { resetDatabase } from '../support/db'

const YEAR = '2026-2027'

beforeEach(resetDatabase)

type Key = { academicYear: string; collegeId: string; status: string; kind: string; programId: string; level: string; country: string }
const order = (rows: (Key & { applications: number })[]) =>
  rows.map((r) => ({ ...r, applications: Number(r.applications) })).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))

/** The counts recounted from the applications and their applicants' levels. */
async function recounted() {
  return order(
    await prisma.$queryRaw<(Key & { applications: number })[]>`
      SELECT a."academicYear", a."collegeId", a.status::text, a.kind::text, a."programId", COALESCE(u.level::text, '') AS level,
        COALESCE(NULLIF(btrim(a.details->>'country'), ''), '-') AS country, count(*)::int AS applications
      FROM "Application" a JOIN "User" u ON u.id = a."applicantId" GROUP BY 1, 2, 3, 4, 5, 6, 7`,
  )
}

/** The counts as kept (a count come down to zero stays as a row of 0). */
async function kept() {
  const rows = await prisma.applicationCount.findMany({ where: { applications: { gt: 0 } } })
  return order(rows.map((r) => ({ ...r, status: r.status as string, kind: r.kind as string })))
}

const expectSame = async () => {
  const expected = await recounted()
  expect(await kept()).toEqual(expected)
  return expected
}

test('the counts follow every insert, update, move, level change, delete and truncate of applications', async () => {
  const [x, y, partner] = await Promise.all([createCollege(prisma), createCollege(prisma), createPartner(prisma)])
  const [exchange, conference] = await Promise.all([
    createProgram(prisma, { academicYear: YEAR, kind: 'exchange', partnerId: partner.id }),
    createProgram(prisma, { academicYear: YEAR, kind: 'conference' }),
  ])
  const [ana, ben, eva] = await Promise.all([
    createStudent(prisma, { collegeId: x.id, level: 'undergraduate' }),
    createStudent(prisma, { collegeId: x.id, level: 'master' }),
    createStudent(prisma, { collegeId: y.id, level: 'doctoral' }),
  ])
  const first = await createApplication(prisma, { applicantId: ana.id, programId: exchange.id, status: 'approved' })
  const second = await createApplication(prisma, {
    applicantId: ben.id,
    programId: conference.id,
    status: 'approved',
    details: { country: ' Austria ' },
  })
  const third = await createApplication(prisma, {
    applicantId: eva.id,
    programId: conference.id,
    status: 'submitted',
    details: { country: '' },
  })
  expect((await expectSame()).map((r) => r.country).sort()).toEqual(['-', '-', 'Austria'])
  const figures = await dashboardFigures({ year: YEAR })
  expect(figures.total.count).toBe(2)
  expect(figures.withoutPartner).toEqual([{ country: 'AT', count: 1 }])

  // Status changes, one by one and many in one statement; a save that changes no key.
  await prisma.application.update({ where: { id: third.id }, data: { status: 'approved' } })
  await expectSame()
  await prisma.application.updateMany({ where: { status: 'approved' }, data: { status: 'completed' } })
  expect((await expectSame()).every((r) => r.status === 'completed')).toBe(true)
  await prisma.application.update({ where: { id: first.id }, data: { interviewScore: 80, version: { increment: 1 } } })
  await expectSame()
  expect((await dashboardFigures({ year: YEAR })).total.count).toBe(3)

  // Moves: another college, program, year, applicant; the typed country edited.
  await prisma.application.update({ where: { id: first.id }, data: { collegeId: y.id } })
  await prisma.application.update({
    where: { id: second.id },
    data: { programId: exchange.id, kind: 'exchange', details: { country: 'Japan' } },
  })
  await expectSame()
  await prisma.application.update({ where: { id: third.id }, data: { academicYear: '2025-2026', applicantId: ana.id } })
  await expectSame()
  expect((await dashboardFigures({ year: YEAR, college: y.id })).total.count).toBe(1)

  // The applicant's level: one student, then several in one statement, then none.
  await prisma.user.update({ where: { id: ana.id }, data: { level: 'master' } })
  await expectSame()
  await prisma.user.updateMany({ where: { id: { in: [ana.id, ben.id] } }, data: { level: 'doctoral' } })
  await prisma.user.update({ where: { id: eva.id }, data: { level: null } })
  await prisma.user.update({ where: { id: ben.id }, data: { nameEn: 'Nothing counted changes' } })
  expect((await expectSame()).map((r) => r.level).sort()).toEqual(['doctoral', 'doctoral', 'doctoral'])
  const headline = (await dashboardFigures({ year: YEAR })).headline
  expect(headline.find((h) => h.kind === 'undergraduate_abroad')!.count).toBe(0)

  await prisma.application.delete({ where: { id: second.id } })
  expect(await expectSame()).toHaveLength(2)
  await prisma.application.deleteMany({ where: { applicantId: ana.id } })
  expect(await expectSame()).toEqual([])
  await createApplication(prisma, { applicantId: eva.id, programId: exchange.id })
  await prisma.$executeRaw`TRUNCATE "Application" CASCADE`
  expect(await expectSame()).toEqual([])
  expect(await prisma.applicationCount.count()).toBe(0)
})

test('an application made while its applicant’s level changes is counted under the level that ends', async () => {
  const college = await createCollege(prisma)
  const program = await createProgram(prisma, { academicYear: YEAR, kind: 'exchange' })
  const student = await createStudent(prisma, { collegeId: college.id, level: 'undergraduate' })
  await createApplication(prisma, { applicantId: student.id, programId: program.id, status: 'approved' })

  let inserted: Promise<unknown> | undefined
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: student.id }, data: { level: 'master' } })
    // Another connection adds an application meanwhile: it must wait for the level to be settled.
    inserted = createApplication(prisma, { applicantId: student.id, programId: program.id, status: 'approved' })
    await new Promise((resolve) => setTimeout(resolve, 300))
  })
  await inserted
  expect(await expectSame()).toEqual([expect.objectContaining({ level: 'master', applications: 2 })])
})
