import { beforeAll, expect, it } from 'vitest'
import { academicYearOf } from '~/domain/academic-year'
import { previousAcademicYear } from '~/domain/policy'
import { prisma } from '~/lib/db.server'
import { dashboardFigures } from '~/models/dashboard.server'
import { authenticate } from '~/models/user.server'
import { startApplication } from '~/models/application.server'
import { toSessionUser } from '~/lib/auth.server'
import { applicationSchema } from '~/schemas/application'
import { seed } from '../../prisma/seed'
import { demoAccounts, tryEachKind } from '../../prisma/seed-data'
import { DEMO_PASSWORD } from '../factories'
import { resetDatabase } from '../support/db'

beforeAll(async () => {
  await resetDatabase()
  await seed(prisma)
})

it('seeds a sign-in for every demo account with the documented password', async () => {
  for (const account of demoAccounts) {
    const result = await authenticate(account.email, DEMO_PASSWORD, '127.0.0.1')
    expect(result, account.email).toMatchObject({ ok: true, roles: [account.role] })
  }
})

it('seeds applications whose answers a reviewer can read: each passes the submit schema', async () => {
  const applications = await prisma.application.findMany()
  expect(applications.length).toBeGreaterThanOrEqual(8)
  for (const a of applications) {
    const parsed = applicationSchema.safeParse(a.details)
    expect(parsed.success, `${a.kind}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true)
  }
})

it('seeds the policy: 15 colleges, partners of all three tiers with Belt and Road ones, programs of every kind, funded', async () => {
  expect(await prisma.college.count()).toBe(15)
  const tiers = await prisma.partnerInstitution.groupBy({ by: ['tier'], _count: { _all: true } })
  expect(tiers.map((t) => t.tier).sort()).toEqual(['close', 'comprehensive', 'general'])
  expect(await prisma.partnerInstitution.count({ where: { beltAndRoad: true } })).toBeGreaterThan(0)
  expect(await prisma.partnerInstitution.count({ where: { countryCode: { in: ['PL', 'IE'] } } })).toBeGreaterThanOrEqual(2)
  const kinds = await prisma.program.groupBy({ by: ['kind'], _count: { _all: true } })
  expect(kinds.map((k) => k.kind).sort()).toEqual(['conference', 'exchange', 'joint_training'])
  expect(await prisma.program.count({ where: { closesAt: { lt: new Date() } } })).toBeGreaterThan(0)
  expect(await prisma.fund.count()).toBeGreaterThan(0)
})

it('leaves the money as the workflow would: a stipend proposal waiting for finance, the approved conference committed', async () => {
  const awards = await prisma.award.findMany({ include: { application: { select: { status: true, kind: true } } } })
  const proposed = awards.filter((a) => a.status === 'proposed')
  expect(proposed.map((a) => [a.application.status, a.application.kind])).toEqual([['funding_check', 'joint_training']])
  expect(proposed[0].requestedFen).toBeGreaterThan(0)
  const committed = awards.filter((a) => a.status === 'committed' && a.application.status === 'approved')
  expect(committed.map((a) => a.application.kind)).toEqual(['conference'])
  expect(committed[0].approvedFen).toBe(committed[0].requestedFen)
})

it('gives the dashboard the figures counted by hand from the seeded history (last year)', async () => {
  const year = previousAcademicYear(academicYearOf(new Date()))
  // Last year: 13 mobilities (seed-history.ts). To Belt and Road countries: NUS (SG), Opole ×2 (PL),
  // Kazan (RU), Moscow ×2 (RU), and the conference in 波兰; not TU Munich ×3 (DE) nor the
  // conferences in Canada, Japan and Austria: 7 of 13.
  const all = await dashboardFigures({ year })
  expect(all.total.count).toBe(13)
  expect({ count: all.beltAndRoad.count, total: all.beltAndRoad.total }).toEqual({ count: 7, total: 13 })
  // The China–Poland alliance's partners (Opole, Warsaw): the two Opole summer-school students.
  const alliance = await dashboardFigures({ year, membership: 'china_poland_alliance' })
  expect(alliance.total.count).toBe(2)
  expect({ count: alliance.beltAndRoad.count, total: alliance.beltAndRoad.total }).toEqual({ count: 2, total: 2 })
  expect(alliance.tiers.map((t) => t.partners)).toEqual([0, 2, 0])
})

it('lets a newcomer try every kind from a new application with the accounts the README names', async () => {
  for (const [kind, email] of Object.entries(tryEachKind)) {
    const student = await prisma.user.findUniqueOrThrow({ where: { email } })
    const programs = await prisma.program.findMany({
      where: { kind: kind as keyof typeof tryEachKind, roundId: null, retiredAt: null, levels: { has: student.level! } },
    })
    const started = []
    for (const program of programs) {
      const before = await prisma.application.count({ where: { applicantId: student.id } })
      const result = await startApplication(toSessionUser(student), program.id)
      if (result.ok && (await prisma.application.count({ where: { applicantId: student.id } })) === before + 1)
        started.push(program.titleEn)
    }
    expect(started, `${email} starts a new ${kind} application`).not.toEqual([])
  }
})
