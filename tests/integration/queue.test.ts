import { beforeEach, describe, expect, it } from 'vitest'
import type { SessionUser } from '~/lib/auth.server'
import type { ProgramKind } from '~/generated/prisma/client'
import { prisma } from '~/lib/db.server'
import { bulkDecide, QUEUE_PAGE_SIZE, reviewQueue } from '~/models/queue.server'
import { QUEUE_COUNT_CAP } from '~/domain/queue'
import { parseQueueFilters } from '~/schemas/queue'
import { createApplication, createCollege, createProgram, createStudent, createUser } from '../factories'
import { resetDatabase } from '../support/db'

beforeEach(() => resetDatabase())

const asSession = (
  u: { id: string; email: string; nameZh: string; nameEn: string; roles: SessionUser['roles']; collegeId: string | null },
  locale: SessionUser['locale'] = 'zh-CN',
): SessionUser => ({ ...u, level: null, locale })
const filters = (query: string, pending = 'all') => parseQueueFilters(new URLSearchParams(query), pending)

async function world() {
  const cs = await createCollege(prisma, { nameZh: '计算机学院' })
  const phys = await createCollege(prisma, { nameZh: '物理学院' })
  const program = await createProgram(prisma, { titleZh: '慕尼黑工业大学交换', titleEn: 'Munich' })
  const conference = await createProgram(prisma, {
    kind: 'conference',
    titleZh: '国际会议资助',
    titleEn: 'Conference',
    levels: ['doctoral'],
  })
  const zhang = await createStudent(prisma, { collegeId: cs.id, nameZh: '张三', nameEn: 'ZHANG San', studentNumber: '2023010101' })
  const li = await createStudent(prisma, {
    collegeId: cs.id,
    nameZh: '李四',
    nameEn: 'LI Si',
    studentNumber: '2023010102',
    level: 'doctoral',
  })
  const wang = await createStudent(prisma, { collegeId: phys.id, nameZh: '王五', nameEn: 'WANG Wu', studentNumber: '2023020201' })
  const apps = {
    zhang: await createApplication(prisma, {
      applicantId: zhang.id,
      programId: program.id,
      status: 'submitted',
      statusChangedAt: new Date(Date.now() - 9 * 86_400_000),
    }),
    li: await createApplication(prisma, { applicantId: li.id, programId: conference.id, status: 'college_endorsed' }),
    liDraft: await createApplication(prisma, { applicantId: li.id, programId: program.id, status: 'draft' }),
    wang: await createApplication(prisma, { applicantId: wang.id, programId: program.id, status: 'submitted' }),
  }
  const csReviewer = asSession(await createUser(prisma, { roles: ['college_reviewer'], collegeId: cs.id }))
  const office = asSession(await createUser(prisma, { roles: ['office_reviewer'] }))
  return { cs, phys, program, conference, apps, csReviewer, office }
}

/** `n` submitted applications of `student`, a minute apart from 400 days ago; when the first was. */
async function submittedBy(
  student: { id: string; collegeId: string | null },
  program: { id: string; kind: ProgramKind; academicYear: string },
  n: number,
) {
  const oldest = Date.now() - 400 * 86_400_000
  await prisma.application.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      kind: program.kind,
      programId: program.id,
      applicantId: student.id,
      collegeId: student.collegeId!,
      academicYear: program.academicYear,
      status: 'submitted' as const,
      statusChangedAt: new Date(oldest + i * 60_000),
    })),
  })
  return oldest
}

describe('reviewQueue', () => {
  it('shows a college reviewer their own college only, never drafts', async () => {
    const { apps, csReviewer, office } = await world()
    const mine = await reviewQueue(csReviewer, filters(''))
    expect(mine.rows.map((r) => r.id).sort()).toEqual([apps.zhang.id, apps.li.id].sort())
    expect(mine.counts).toEqual({ submitted: 1, college_endorsed: 1 })
    expect(mine).toMatchObject({ total: 2, page: 1, pages: 1, hasNext: false })
    const all = await reviewQueue(office, filters(''))
    expect(all.rows.map((r) => r.id).sort()).toEqual([apps.zhang.id, apps.li.id, apps.wang.id].sort())
  })

  it('keeps a reviewer who declared a conflict of interest out', async () => {
    const { apps, csReviewer } = await world()
    await prisma.review.create({ data: { applicationId: apps.zhang.id, reviewerId: csReviewer.id, stage: 'college', conflict: true } })
    const queue = await reviewQueue(csReviewer, filters(''))
    expect(queue.rows.map((r) => r.id)).toEqual([apps.li.id])
    expect(queue.counts).toEqual({ college_endorsed: 1 })
    expect((await reviewQueue(csReviewer, filters('q=张三'))).total).toBe(0)
  })

  it('opens on the pending status and filters by status, kind, level, program and college', async () => {
    const { apps, office, phys } = await world()
    const ids = async (q: string, pending = 'all') => (await reviewQueue(office, filters(q, pending))).rows.map((r) => r.id).sort()
    expect(await ids('', 'college_endorsed')).toEqual([apps.li.id])
    expect(await ids('status=all', 'college_endorsed')).toHaveLength(3)
    expect(await ids('status=submitted')).toEqual([apps.zhang.id, apps.wang.id].sort())
    expect(await ids('kind=conference')).toEqual([apps.li.id])
    expect(await ids('level=doctoral')).toEqual([apps.li.id])
    expect(await ids(`collegeId=${phys.id}`)).toEqual([apps.wang.id])
    // A college that is no id is dropped, as any filter that makes no sense; an unknown id matches nothing.
    expect(await ids(`collegeId=${encodeURIComponent("x' OR '1'='1")}`)).toHaveLength(3)
    expect(await ids('collegeId=nosuchcollege0000')).toEqual([])
  })

  it('filters by words from a program title, in either language and any case', async () => {
    const { apps, office } = await world()
    const ids = async (text: string) =>
      (await reviewQueue(office, filters(`program=${encodeURIComponent(text)}`))).rows.map((r) => r.id).sort()
    const munich = [apps.zhang.id, apps.wang.id].sort()
    expect(await ids('慕尼黑')).toEqual(munich)
    expect(await ids('munich')).toEqual(munich)
    expect(await ids('会议')).toEqual([apps.li.id])
    expect(await ids('%')).toEqual([])
    // Combined with a status tab, the total is the filtered one, not the tab's count.
    const queue = await reviewQueue(office, filters('status=submitted&program=MUNICH'))
    expect(queue).toMatchObject({ total: 2, counts: { submitted: 2, college_endorsed: 1 } })
  })

  it('searches by Chinese or English name and by student number', async () => {
    const { apps, office } = await world()
    const ids = async (q: string) => (await reviewQueue(office, filters(`q=${encodeURIComponent(q)}`))).rows.map((r) => r.id)
    expect(await ids('张三')).toEqual([apps.zhang.id])
    expect(await ids('wang')).toEqual([apps.wang.id])
    expect((await ids('20230101')).sort()).toEqual([apps.zhang.id, apps.li.id].sort())
    // A number matches from its start only, whatever the length (the short ones read no index).
    expect(await ids('2023020201')).toEqual([apps.wang.id])
    expect((await ids('2023')).sort()).toEqual([apps.zhang.id, apps.li.id, apps.wang.id].sort())
    expect((await ids('2')).sort()).toEqual([apps.zhang.id, apps.li.id, apps.wang.id].sort())
    expect(await ids('023010101')).toEqual([])
    expect(await ids('20230101019')).toEqual([])
    expect(await ids("' OR 1=1 --")).toEqual([])
    // LIKE's wildcards typed into the search box are plain characters.
    expect(await ids('%')).toEqual([])
    expect(await ids('_')).toEqual([])
  })

  it('finds full names long enough for the trigram index, in any case, and counts what it finds', async () => {
    const { office, program, cs } = await world()
    const ouyang = await createStudent(prisma, { collegeId: cs.id, nameZh: '欧阳娜娜', nameEn: 'OUYANG Nana', studentNumber: '2024030303' })
    const app = await createApplication(prisma, { applicantId: ouyang.id, programId: program.id, status: 'submitted' })
    for (const q of ['欧阳娜娜', '阳娜娜', 'ouyang nana', 'OUYANG NA', 'Nana', '2024030303']) {
      const found = await reviewQueue(office, filters(`q=${encodeURIComponent(q)}`))
      expect({ q, ids: found.rows.map((r) => r.id), total: found.total }).toEqual({ q, ids: [app.id], total: 1 })
    }
  })

  it('finds and counts one- and two-character searches (a surname), whose characters must be next to each other', async () => {
    const { apps, office, program, cs } = await world()
    const sun = await createStudent(prisma, { collegeId: cs.id, nameZh: '孙小明', nameEn: 'SUN Xiaoming', studentNumber: 'B2024040404' })
    const apart = await createStudent(prisma, { collegeId: cs.id, nameZh: '明孙', nameEn: 'MING Sun', studentNumber: 'C2024050505' })
    // An English name as a campus record may give it, with Chinese characters in it.
    const zhou = await createStudent(prisma, { collegeId: cs.id, nameZh: '周文', nameEn: 'ZHOU 文华', studentNumber: 'D2024060606' })
    const sunApp = await createApplication(prisma, { applicantId: sun.id, programId: program.id, status: 'submitted' })
    const apartApp = await createApplication(prisma, { applicantId: apart.id, programId: program.id, status: 'submitted' })
    const zhouApp = await createApplication(prisma, { applicantId: zhou.id, programId: program.id, status: 'submitted' })
    const cases: [string, string[]][] = [
      ['孙', [sunApp.id, apartApp.id]],
      // Two characters or more are looked up by the index of the names' characters, then tested.
      ['小明', [sunApp.id]],
      // The same characters, not in this order, in no name.
      ['明小', []],
      // Both names have both characters; only one has them in this order.
      ['明孙', [apartApp.id]],
      // Once in a name is not twice.
      ['小小', []],
      ['文华', [zhouApp.id]],
      ['周 文', []],
      // One character is looked up by that index too: in either name, anywhere in it.
      ['三', [apps.zhang.id]],
      ['明', [sunApp.id, apartApp.id]],
      ['华', [zhouApp.id]],
      ['孙 ', [sunApp.id, apartApp.id]],
      // English in any case; a student number from its start.
      ['wu', [apps.wang.id]],
      ['Wu', [apps.wang.id]],
      ['IA', [sunApp.id]],
      // Both letters are in "SUN Xiaoming", not next to each other.
      ['ax', []],
      ['b2', [sunApp.id]],
      ['b2024', [sunApp.id]],
      // In the numbers of three students, at the start of none.
      ['2024', []],
      ['C', [apartApp.id]],
      ['20', [apps.zhang.id, apps.li.id, apps.wang.id]],
    ]
    for (const [q, expected] of cases) {
      const found = await reviewQueue(office, filters(`q=${encodeURIComponent(q)}`))
      expect({ q, ids: found.rows.map((r) => r.id).sort(), total: found.total }).toEqual({
        q,
        ids: [...expected].sort(),
        total: expected.length,
      })
    }
  })

  it('searches within the other filters and within what the reviewer may see', async () => {
    // A search alone reads the students first; with another filter, the applications (queue.server.ts).
    const { apps, office, csReviewer, program, cs } = await world()
    const sun = await createStudent(prisma, { collegeId: cs.id, nameZh: '孙小明', nameEn: 'SUN Xiaoming', studentNumber: 'B2024040404' })
    const submitted = await createApplication(prisma, { applicantId: sun.id, programId: program.id, status: 'submitted' })
    const endorsed = await createApplication(prisma, { applicantId: sun.id, programId: program.id, status: 'college_endorsed' })
    const ids = async (reviewer: SessionUser, query: string) => {
      const found = await reviewQueue(reviewer, filters(query))
      return { ids: found.rows.map((r) => r.id).sort(), total: found.total }
    }
    expect(await ids(office, 'q=孙')).toEqual({ ids: [submitted.id, endorsed.id].sort(), total: 2 })
    expect(await ids(office, 'status=submitted&q=孙')).toEqual({ ids: [submitted.id], total: 1 })
    expect(await ids(office, 'status=rejected&q=孙')).toEqual({ ids: [], total: 0 })
    expect(await ids(office, `collegeId=${cs.id}&kind=exchange&q=孙`)).toEqual({ ids: [submitted.id, endorsed.id].sort(), total: 2 })
    // The computer science reviewer searches their own college only: 王五 is in physics.
    expect(await ids(csReviewer, 'q=王')).toEqual({ ids: [], total: 0 })
    expect(await ids(csReviewer, 'q=张')).toEqual({ ids: [apps.zhang.id], total: 1 })
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

  it('sorts by newest submission, English name or program deadline', async () => {
    const { apps, office, program, conference } = await world()
    const day = (n: number) => new Date(Date.now() - n * 86_400_000)
    await prisma.application.update({ where: { id: apps.zhang.id }, data: { submittedAt: day(3) } })
    await prisma.application.update({ where: { id: apps.li.id }, data: { submittedAt: day(1) } })
    await prisma.application.update({ where: { id: apps.wang.id }, data: { submittedAt: day(2) } })
    await prisma.program.update({ where: { id: program.id }, data: { closesAt: day(-40) } })
    await prisma.program.update({ where: { id: conference.id }, data: { closesAt: day(-10) } })
    const order = async (sort: string) => (await reviewQueue(office, filters(`sort=${sort}`))).rows.map((r) => r.id)
    expect(await order('newest')).toEqual([apps.li.id, apps.wang.id, apps.zhang.id])
    expect(await order('name')).toEqual([apps.li.id, apps.wang.id, apps.zhang.id]) // LI Si, WANG Wu, ZHANG San
    expect((await order('deadline'))[0]).toBe(apps.li.id)
  })

  it('filters by the program closing within some days', async () => {
    const { apps, office, conference } = await world()
    await prisma.program.update({ where: { id: conference.id }, data: { closesAt: new Date(Date.now() + 3 * 86_400_000) } })
    const ids = async (days: number) => (await reviewQueue(office, filters(`closesWithinDays=${days}`))).rows.map((r) => r.id).sort()
    expect(await ids(7)).toEqual([apps.li.id])
    expect(await ids(60)).toEqual([apps.zhang.id, apps.li.id, apps.wang.id].sort())
    expect(await ids(1)).toEqual([])
  })

  it("shows names, colleges and programs in the reviewer's language", async () => {
    const { apps, office } = await world()
    const english = await reviewQueue({ ...office, locale: 'en' }, filters('status=submitted'))
    expect(english.rows.find((r) => r.id === apps.wang.id)).toMatchObject({
      applicant: 'WANG Wu',
      program: 'Munich',
      studentNumber: '2023020201',
      level: 'undergraduate',
    })
    const chinese = await reviewQueue(office, filters('status=submitted'))
    expect(chinese.rows.find((r) => r.id === apps.wang.id)).toMatchObject({ applicant: '王五', college: '物理学院' })
  })

  it('keeps the tab counts only while nothing has changed: each committed change shows on the next read, an open one does not', async () => {
    const { apps, csReviewer, office, program } = await world()
    const tabs = async (reviewer: SessionUser, query = '') => {
      const queue = await reviewQueue(reviewer, filters(query))
      return { counts: queue.counts, total: queue.total }
    }
    const start = { counts: { submitted: 2, college_endorsed: 1 }, total: 3 }
    expect(await tabs(office)).toEqual(start)
    expect(await tabs(office)).toEqual(start) // read again with nothing changed
    // A tab's total (it is read from the counts) follows them too.
    expect(await tabs(office, 'status=submitted')).toEqual({ ...start, total: 2 })

    // A decision moves an application between tabs.
    await prisma.application.update({ where: { id: apps.zhang.id }, data: { status: 'college_endorsed' } })
    expect(await tabs(office)).toEqual({ counts: { submitted: 1, college_endorsed: 2 }, total: 3 })
    expect(await tabs(office, 'status=submitted')).toMatchObject({ total: 1 })

    // A change still open in a transaction is not seen, and is once it commits.
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    let changed!: () => void
    const written = new Promise<void>((resolve) => (changed = resolve))
    const transaction = prisma.$transaction(async (tx) => {
      await tx.application.update({ where: { id: apps.wang.id }, data: { status: 'rejected' } })
      changed()
      await held
    })
    await written
    expect(await tabs(office)).toEqual({ counts: { submitted: 1, college_endorsed: 2 }, total: 3 })
    release()
    await transaction
    expect(await tabs(office)).toEqual({ counts: { college_endorsed: 2, rejected: 1 }, total: 3 })

    // Each reviewer's counts are their own: the college reviewer's are read for their reach.
    expect(await tabs(csReviewer)).toEqual({ counts: { college_endorsed: 2 }, total: 2 })
    // A conflict of interest declared takes the application out of the reviewer's counts.
    await prisma.review.create({ data: { applicationId: apps.li.id, reviewerId: csReviewer.id, stage: 'college', conflict: true } })
    expect(await tabs(csReviewer)).toEqual({ counts: { college_endorsed: 1 }, total: 1 })
    expect(await tabs(office)).toEqual({ counts: { college_endorsed: 2, rejected: 1 }, total: 3 })

    // A new submission counts at once.
    const student = await createStudent(prisma, { collegeId: csReviewer.collegeId })
    await createApplication(prisma, { applicantId: student.id, programId: program.id, status: 'submitted' })
    expect(await tabs(office)).toEqual({ counts: { submitted: 1, college_endorsed: 2, rejected: 1 }, total: 4 })
    expect(await tabs(csReviewer)).toEqual({ counts: { submitted: 1, college_endorsed: 1 }, total: 2 })
  })

  it('counts up to QUEUE_COUNT_CAP, then says "more than" and still pages on', async () => {
    const { office, program, cs } = await world()
    const student = await createStudent(prisma, { collegeId: cs.id, nameZh: '赵大宝' })
    const oldest = await submittedBy(student, program, QUEUE_COUNT_CAP + 10)
    const tab = await reviewQueue(office, filters('status=submitted'))
    expect(tab.counts.submitted).toBe(QUEUE_COUNT_CAP + 1) // "more than the cap"
    expect(tab.counts.college_endorsed).toBe(1)
    expect(tab).toMatchObject({ total: QUEUE_COUNT_CAP + 1, pages: null, hasNext: true })
    expect(tab.rows[0].statusChangedAt.getTime()).toBe(oldest)
    // Filters that are not a tab alone are counted on their own, also up to the cap.
    const filtered = await reviewQueue(office, filters(`status=submitted&programId=${program.id}`))
    expect(filtered).toMatchObject({ total: QUEUE_COUNT_CAP + 1, pages: null })
    expect(filtered.rows.map((r) => r.id)).toEqual(tab.rows.map((r) => r.id))
    // A name search counts up to the cap too, and pages in the same order.
    const searched = await reviewQueue(office, filters(`q=${encodeURIComponent(student.nameZh)}`))
    expect(searched).toMatchObject({ total: QUEUE_COUNT_CAP + 1, pages: null, hasNext: true })
    expect(searched.rows.map((r) => r.id)).toEqual(tab.rows.map((r) => r.id))
    // So does one character (a surname), alone or in a tab, though the index finds its students.
    for (const query of ['q=赵', 'status=submitted&q=赵']) {
      const surname = await reviewQueue(office, filters(encodeURI(query)))
      expect({ query, ...surname, rows: surname.rows.map((r) => r.id) }).toMatchObject({
        query,
        total: QUEUE_COUNT_CAP + 1,
        pages: null,
        hasNext: true,
        rows: tab.rows.map((r) => r.id),
      })
    }
    // Past the cap its total says "more than" and its last page (21) is still the student's ten
    // last applications, whichever way the page is read (it is sorted from its matches, an index
    // narrowing them: SORTED_SEARCH_CAP).
    const searchedLast = await reviewQueue(office, filters(`q=${encodeURIComponent(student.nameZh)}&page=21`))
    expect(searchedLast).toMatchObject({ total: QUEUE_COUNT_CAP + 1, pages: null, hasNext: false })
    const newest = await prisma.application.findMany({
      where: { applicantId: student.id },
      orderBy: [{ statusChangedAt: 'desc' }, { id: 'desc' }],
      take: 10,
      select: { id: true },
    })
    expect(searchedLast.rows.map((r) => r.id)).toEqual(newest.map((a) => a.id).reverse())
    // The last page, past the cap: 1,012 submitted applications are 21 pages (the world has two).
    const last = await reviewQueue(office, filters('status=submitted&page=21'))
    expect(last.rows).toHaveLength(QUEUE_COUNT_CAP + 12 - 20 * QUEUE_PAGE_SIZE)
    expect(last.hasNext).toBe(false)
  })
})

describe('a page read again after its count crossed the cap', () => {
  // Each selection's next read writes only the branch its last read needed (queue.server.ts).
  it('shows the right rows when many have come since the last read, and when they have gone', async () => {
    const { office, program, cs, apps } = await world()
    const student = await createStudent(prisma, { collegeId: cs.id, nameZh: '周多多' })
    const page = async (query: string) => {
      const read = await reviewQueue(office, filters(query))
      return { total: read.total, ids: read.rows.map((r) => r.id) }
    }
    // A name search alone that an index narrows is sorted up to SORTED_SEARCH_CAP (5,000): with a
    // status it has the cap of every other filter, and crosses it here.
    // One character has that cap alone too (a surname: its students are many).
    const crossing = ['status=submitted', 'status=submitted&kind=exchange', 'status=submitted&q=周多多', `q=${encodeURIComponent('周')}`]
    for (const query of [...crossing, 'q=周多多', 'q=张三']) await page(query)
    await submittedBy(student, program, QUEUE_COUNT_CAP + 5)
    const many = await prisma.application.findMany({
      where: { applicantId: student.id },
      orderBy: { statusChangedAt: 'asc' },
      take: QUEUE_PAGE_SIZE,
      select: { id: true },
    })
    for (const query of [...crossing, 'q=周多多'])
      expect({ query, ...(await page(query)) }).toEqual({ query, total: QUEUE_COUNT_CAP + 1, ids: many.map((a) => a.id) })
    expect(await page('q=张三')).toEqual({ total: 1, ids: [apps.zhang.id] })
    await prisma.application.deleteMany({ where: { applicantId: student.id } })
    for (const query of ['status=submitted', 'status=submitted&kind=exchange'])
      expect({ query, ...(await page(query)) }).toEqual({ query, total: 2, ids: [apps.zhang.id, apps.wang.id] })
    expect(await page('status=submitted&q=周多多')).toEqual({ total: 0, ids: [] })
    expect(await page(`q=${encodeURIComponent('周')}`)).toEqual({ total: 0, ids: [] })
    expect(await page('q=周多多')).toEqual({ total: 0, ids: [] })
  })
})

describe('the college filter', () => {
  it("offers the office every college, in the reviewer's language, and a college reviewer none", async () => {
    const { office, csReviewer, cs, phys } = await world()
    await prisma.college.update({ where: { id: phys.id }, data: { nameEn: 'School of Physics' } })
    const forOffice = await reviewQueue({ ...office, locale: 'en' }, filters(''))
    expect(forOffice.colleges).toContainEqual([phys.id, 'School of Physics'])
    expect(forOffice.colleges.map(([id]) => id)).toContain(cs.id)
    expect((await reviewQueue(csReviewer, filters(''))).colleges).toEqual([])
  })
})

describe('bulkDecide', () => {
  it('keeps the reason whole, and refuses one over the limit instead of cutting it', async () => {
    const { apps, office } = await world()
    const form = (reason: string) => {
      const f = new FormData()
      f.set('command', 'office_reject')
      f.set('reason', reason)
      f.append('ids', `${apps.li.id}:${apps.li.version}`)
      return f
    }
    expect(await bulkDecide(office, form('理'.repeat(5001)), ['office_reject'])).toEqual({ ok: 0, failed: 1 })
    expect((await prisma.application.findUniqueOrThrow({ where: { id: apps.li.id } })).status).toBe('college_endorsed')
    const reason = '理'.repeat(3000)
    expect(await bulkDecide(office, form(reason), ['office_reject'])).toEqual({ ok: 1, failed: 0 })
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { applicationId: apps.li.id, action: 'application.office_reject' } })
    expect(audit.reason).toBe(reason)
  })
})
