// Each application's copy of its applicant's names and student number (decision 42), kept by
// triggers on "Application" and "User" for the reviewer queues' walk: after every kind of write
// (made one by one or many at once, a rename, a number removed, an erasure's names, an application
// moved to another student, a copy written directly, and a rename racing an insert either way)
// every copy equals its applicant's row, and a search past the cap finds a student by the names
// they have now.
import { beforeEach, describe, expect, it } from 'vitest'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { updateUser } from '~/models/admin/users.server'
import { reviewQueue } from '~/models/queue.server'
import { QUEUE_COUNT_CAP } from '~/domain/queue'
import { parseQueueFilters } from '~/schemas/queue'
import { createApplication, createCollege, createProgram, createStudent, createUser } from '../factories'
import { resetDatabase } from '../support/db'

beforeEach(resetDatabase)

type Copy = { id: string; nameZh: string | null; nameEn: string | null; number: string | null }

/** Every application's copies, and its applicant's names and number: the same when kept. */
async function copiesAndApplicants() {
  const rows = await prisma.$queryRaw<(Copy & { applicant: Omit<Copy, 'id'> })[]>`
    SELECT a.id, a."applicantNameZh" AS "nameZh", a."applicantNameEn" AS "nameEn", a."applicantNumber" AS number,
      json_build_object('nameZh', u."nameZh", 'nameEn', u."nameEn", 'number', u."studentNumber") AS applicant
    FROM "Application" a JOIN "User" u ON u.id = a."applicantId" ORDER BY a.id`
  return {
    copies: rows.map(({ id, nameZh, nameEn, number }) => ({ id, nameZh, nameEn, number })),
    applicants: rows.map(({ id, applicant }) => ({ id, ...applicant })),
  }
}

/** Until `n` statements of this database wait for a lock (another transaction's). */
async function waitingForLocks(n: number) {
  for (;;) {
    const [{ waiting }] = await prisma.$queryRaw<{ waiting: number }[]>`
      SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`
    if (waiting >= n) return
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const expectKept = async () => {
  const { copies, applicants } = await copiesAndApplicants()
  expect(copies).toEqual(applicants)
  return copies
}

async function world() {
  const college = await createCollege(prisma)
  const program = await createProgram(prisma, { titleZh: '交换', titleEn: 'Exchange' })
  const zhou = await createStudent(prisma, { collegeId: college.id, nameZh: '周多多', nameEn: 'ZHOU Duoduo', studentNumber: '2023010101' })
  const wu = await createStudent(prisma, { collegeId: college.id, nameZh: '吴小北', nameEn: 'WU Xiaobei', studentNumber: '2023010102' })
  return { college, program, zhou, wu }
}

describe("an application's copy of its applicant's names", () => {
  it('follows every kind of write to applications and students', async () => {
    const { college, program, zhou, wu } = await world()
    const first = await createApplication(prisma, { applicantId: zhou.id, programId: program.id, status: 'submitted' })
    await prisma.application.createMany({
      data: [zhou, wu].map((s) => ({
        kind: program.kind,
        programId: program.id,
        applicantId: s.id,
        collegeId: college.id,
        academicYear: program.academicYear,
      })),
    })
    expect((await expectKept()).filter((c) => c.nameZh === '周多多')).toHaveLength(2)

    await prisma.user.update({ where: { id: zhou.id }, data: { nameZh: '周朵朵', nameEn: 'ZHOU Duoduo (Dora)' } })
    await expectKept()
    await prisma.user.updateMany({ where: { id: { in: [zhou.id, wu.id] } }, data: { studentNumber: null } })
    expect((await expectKept()).map((c) => c.number)).toEqual([null, null, null])
    // A write that changes neither names nor number leaves the copies as they are.
    await prisma.user.update({ where: { id: wu.id }, data: { locale: 'en' } })
    await expectKept()
    // Moved to another student, an application copies theirs.
    await prisma.application.update({ where: { id: first.id }, data: { applicantId: wu.id } })
    expect((await expectKept()).find((c) => c.id === first.id)).toMatchObject({ nameZh: '吴小北' })
    // A copy written directly is written again from the student's row.
    await prisma.$executeRaw`UPDATE "Application" SET "applicantNameZh" = '假名', "applicantNumber" = 'X1' WHERE id = ${first.id}`
    expect((await expectKept()).find((c) => c.id === first.id)).toMatchObject({ nameZh: '吴小北', number: null })
  })

  it('takes the names that end when a rename and a new application race, either way', async () => {
    const { program, zhou, wu } = await world()
    await createApplication(prisma, { applicantId: zhou.id, programId: program.id, status: 'submitted' })
    // The rename first: the new application waits for it and copies the new names.
    let inserted: Promise<unknown> | undefined
    await prisma.$transaction(async (tx) => {
      await tx.user.update({ where: { id: zhou.id }, data: { nameZh: '周新名' } })
      inserted = createApplication(prisma, { applicantId: zhou.id, programId: program.id, status: 'submitted' })
      await waitingForLocks(1)
    })
    await inserted
    expect((await expectKept()).map((c) => c.nameZh)).toEqual(['周新名', '周新名'])
    // The application first: the rename waits for it and then renames it too.
    let renamed: Promise<unknown> | undefined
    await prisma.$transaction(async (tx) => {
      await createApplication(tx as typeof prisma, { applicantId: wu.id, programId: program.id, status: 'submitted' })
      // A Prisma query runs once awaited (then): started here, not after this transaction.
      renamed = prisma.user.update({ where: { id: wu.id }, data: { nameZh: '吴新名' } }).then((user) => user)
      await waitingForLocks(1)
    })
    await renamed
    expect((await expectKept()).filter((c) => c.nameZh === '吴新名')).toHaveLength(1)
  })

  it('renames a student while a status change holds their application: both succeed, no deadlock', async () => {
    const { program, zhou } = await world()
    const application = await createApplication(prisma, { applicantId: zhou.id, programId: program.id, status: 'submitted' })
    const admin = { ...(await createUser(prisma, { roles: ['admin'] })), level: null, locale: 'zh-CN' } as SessionUser
    let renamed: Promise<unknown> | undefined
    // As a status change does (application.server.ts): the application locked, then its status
    // written, whose counts take a share lock on the student (decision 29).
    await prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Application" WHERE id = ${application.id} FOR UPDATE`
      renamed = updateUser(admin, zhou.id, { nameZh: '周新名', nameEn: 'ZHOU Xinming', roles: [] })
      await waitingForLocks(1)
      await tx.application.update({ where: { id: application.id }, data: { status: 'college_endorsed' } })
    })
    expect(await renamed).toEqual({ ok: true, id: zhou.id })
    expect(await expectKept()).toEqual([{ id: application.id, nameZh: '周新名', nameEn: 'ZHOU Xinming', number: '2023010101' }])
  })

  it('finds a student past the count cap by the names and number they have now', async () => {
    const { college, program, zhou } = await world()
    await prisma.application.createMany({
      data: Array.from({ length: QUEUE_COUNT_CAP + 5 }, (_, i) => ({
        kind: program.kind,
        programId: program.id,
        applicantId: zhou.id,
        collegeId: college.id,
        academicYear: program.academicYear,
        status: 'submitted' as const,
        statusChangedAt: new Date(Date.now() - (i + 1) * 60_000),
      })),
    })
    const office = { ...(await createUser(prisma, { roles: ['office_reviewer'] })), level: null, locale: 'zh-CN' } as SessionUser
    // One character (the characters index counts its students), or two letters (no index): past
    // the cap a page is read in the queue's order, testing each application's copy.
    const search = async (q: string) => {
      const read = await reviewQueue(office, parseQueueFilters(new URLSearchParams({ q, status: 'all' }), 'all'))
      return { q, total: read.total, rows: read.rows.length, names: [...new Set(read.rows.map((r) => r.applicant))] }
    }
    const found = (q: string, name: string) => ({ q, total: QUEUE_COUNT_CAP + 1, rows: 50, names: [name] })
    const none = (q: string) => ({ q, total: 0, rows: 0, names: [] })
    for (const q of ['周', 'zh', '2']) expect(await search(q)).toEqual(found(q, '周多多'))
    await prisma.user.update({ where: { id: zhou.id }, data: { nameZh: '郑多多', nameEn: 'ZHENG Duoduo', studentNumber: 'B2024' } })
    for (const q of ['周', '2']) expect(await search(q)).toEqual(none(q))
    for (const q of ['郑', 'zh', 'b']) expect(await search(q)).toEqual(found(q, '郑多多'))
    // With a status, the count too is read in the queue's order (PostgreSQL's plan), and still finds them.
    const submitted = await reviewQueue(office, parseQueueFilters(new URLSearchParams({ q: '郑', status: 'submitted' }), 'all'))
    expect({ total: submitted.total, rows: submitted.rows.length }).toEqual({ total: QUEUE_COUNT_CAP + 1, rows: 50 })
  })
})
