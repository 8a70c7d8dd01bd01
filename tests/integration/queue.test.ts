import { beforeEach, describe, expect, it } from 'vitest'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { QUEUE_PAGE_SIZE, reviewQueue } from '~/models/queue.server'
import { parseQueueFilters } from '~/schemas/queue'
import { createApplication, createCollege, createProgram, createStudent, createUser } from '../factories'
import { resetDatabase } from '../support/db'

beforeEach(() => resetDatabase())

const asSession = (u: { id: string; email: string; nameZh: string; nameEn: string; roles: SessionUser['roles']; collegeId: string | null }): SessionUser => ({
  ...u,
  level: null,
  locale: 'zh-CN',
})
const filters = (query: string, pending = 'all') => parseQueueFilters(new URLSearchParams(query), pending)

async function world() {
  const cs = await createCollege(prisma, { nameZh: '计算机学院' })
  const phys = await createCollege(prisma, { nameZh: '物理学院' })
  const program = await createProgram(prisma, { titleEn: 'Munich' })
  const conference = await createProgram(prisma, { kind: 'conference', titleEn: 'Conference', levels: ['doctoral'] })
  const zhang = await createStudent(prisma, { collegeId: cs.id, nameZh: '张三', nameEn: 'ZHANG San', studentNumber: '2023010101' })
  const li = await createStudent(prisma, { collegeId: cs.id, nameZh: '李四', nameEn: 'LI Si', studentNumber: '2023010102', level: 'doctoral' })
  const wang = await createStudent(prisma, { collegeId: phys.id, nameZh: '王五', nameEn: 'WANG Wu', studentNumber: '2023020201' })
  const apps = {
    zhang: await createApplication(prisma, { applicantId: zhang.id, programId: program.id, status: 'submitted', statusChangedAt: new Date(Date.now() - 9 * 86_400_000) }),
    li: await createApplication(prisma, { applicantId: li.id, programId: conference.id, status: 'college_endorsed' }),
    liDraft: await createApplication(prisma, { applicantId: li.id, programId: program.id, status: 'draft' }),
    wang: await createApplication(prisma, { applicantId: wang.id, programId: program.id, status: 'submitted' }),
  }
  const csReviewer = asSession(await createUser(prisma, { roles: ['college_reviewer'], collegeId: cs.id }))
  const office = asSession(await createUser(prisma, { roles: ['office_reviewer'] }))
  return { cs, phys, program, apps, csReviewer, office }
}

describe('reviewQueue', () => {
  it('shows a college reviewer their own college only, never drafts', async () => {
    const { apps, csReviewer, office } = await world()
    const mine = await reviewQueue(csReviewer, filters(''))
    expect(mine.rows.map((r) => r.id).sort()).toEqual([apps.zhang.id, apps.li.id].sort())
    expect(mine.counts).toEqual({ submitted: 1, college_endorsed: 1 })
    const all = await reviewQueue(office, filters(''))
    expect(all.rows.map((r) => r.id).sort()).toEqual([apps.zhang.id, apps.li.id, apps.wang.id].sort())
  })

  it('keeps a reviewer who declared a conflict of interest out', async () => {
    const { apps, csReviewer } = await world()
    await prisma.review.create({ data: { applicationId: apps.zhang.id, reviewerId: csReviewer.id, stage: 'college', conflict: true } })
    const rows = (await reviewQueue(csReviewer, filters(''))).rows.map((r) => r.id)
    expect(rows).toEqual([apps.li.id])
  })

  it('opens on the pending status and filters by status, kind, level, program and college', async () => {
    const { apps, office, program, phys } = await world()
    const ids = async (q: string, pending = 'all') => (await reviewQueue(office, filters(q, pending))).rows.map((r) => r.id).sort()
    expect(await ids('', 'college_endorsed')).toEqual([apps.li.id])
    expect(await ids('status=all', 'college_endorsed')).toHaveLength(3)
    expect(await ids('status=submitted')).toEqual([apps.zhang.id, apps.wang.id].sort())
    expect(await ids('kind=conference')).toEqual([apps.li.id])
    expect(await ids('level=doctoral')).toEqual([apps.li.id])
    expect(await ids(`programId=${program.id}`)).toEqual([apps.zhang.id, apps.wang.id].sort())
    expect(await ids(`collegeId=${phys.id}`)).toEqual([apps.wang.id])
  })

  it('searches by Chinese or English name and by student number', async () => {
    const { apps, office } = await world()
    const ids = async (q: string) => (await reviewQueue(office, filters(`q=${encodeURIComponent(q)}`))).rows.map((r) => r.id)
    expect(await ids('张三')).toEqual([apps.zhang.id])
    expect(await ids('wang')).toEqual([apps.wang.id])
    expect((await ids('20230101')).sort()).toEqual([apps.zhang.id, apps.li.id].sort())
    expect(await ids("' OR 1=1 --")).toEqual([])
  })

  it('sorts the longest waiting first and pages by 50', async () => {
    const { apps, office, program, cs } = await world()
    expect((await reviewQueue(office, filters('status=submitted'))).rows[0].id).toBe(apps.zhang.id)
    for (let i = 0; i < QUEUE_PAGE_SIZE; i++) {
      const s = await createStudent(prisma, { collegeId: cs.id })
      await createApplication(prisma, { applicantId: s.id, programId: program.id, status: 'submitted' })
    }
    const first = await reviewQueue(office, filters('status=submitted'))
    const second = await reviewQueue(office, filters('status=submitted&page=2'))
    expect(first.total).toBe(QUEUE_PAGE_SIZE + 2)
    expect(first.pages).toBe(2)
    expect(first.rows).toHaveLength(QUEUE_PAGE_SIZE)
    expect(second.rows).toHaveLength(2)
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(QUEUE_PAGE_SIZE + 2)
  })
})
