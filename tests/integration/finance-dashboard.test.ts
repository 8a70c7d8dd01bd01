import ExcelJS from 'exceljs'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { academicYearOf } from '~/domain/academic-year'
import type { AwardStatus } from '~/domain/funding'
import type { Role } from '~/domain/roles'
import { prisma } from '~/lib/db.server'
import { createSession } from '~/lib/session.server'
import { awardsBehind, financeDashboard, yearEnd } from '~/models/finance-dashboard.server'
import { financeSummary } from '~/models/finance-summary.server'
import { loader as dashboardLoader } from '~/routes/finance._index'
import { loader as awardsLoader } from '~/routes/finance.awards._index'
import { loader as csvLoader } from '~/routes/finance.export[.]csv'
import { loader as xlsxLoader } from '~/routes/finance.export[.]xlsx'
import { loader as yearEndLoader } from '~/routes/finance.year-end'
import { createApplication, createCollege, createFund, createProgram, createStudent, createUser, demoPasswordHash } from '../factories'
import { resetDatabase } from '../support/db'

const YEAR = academicYearOf(new Date())
/** A finance reader who declared no conflict of interest and applied for nothing (no such user). */
const READER = {
  id: 'finance-reader',
  email: 'finance-reader@example.edu.cn',
  nameZh: '财务',
  nameEn: 'Finance',
  roles: ['finance' as const],
  collegeId: null,
  level: null,
  locale: 'en' as const,
}
const OLD_YEAR = '2019-2020'

type Made = {
  id: string
  fundId: string
  collegeId: string
  status: AwardStatus
  requestedFen: number
  approvedFen: number
  paidFen: number
  releasedFen: number
}

/**
 * Two funds of this year (one with allocations for two colleges, one without any), one fund of an
 * older year, and awards in every status with amounts in odd fen, including a partly paid award
 * (its remainder released), a released commitment and a released proposal (nothing released).
 */
async function world() {
  const [cs, phys, chem] = [
    await createCollege(prisma, { code: 'A-CS', nameZh: '计算机学院', nameEn: 'Computer Science' }),
    await createCollege(prisma, { code: 'B-PHYS', nameZh: '物理学院', nameEn: 'Physics' }),
    await createCollege(prisma, { code: 'C-CHEM', nameZh: '化学学院', nameEn: 'Chemistry' }),
  ]
  const exchange = await createFund(prisma, {
    nameZh: '交流奖学金',
    nameEn: 'Exchange scholarship',
    budgetFen: 500_000_01n,
    kinds: ['exchange'],
    purpose: 'exchange_scholarship',
  })
  const conference = await createFund(prisma, { nameZh: '会议资助', nameEn: 'Conference fund', budgetFen: 80_000_00n })
  const old = await createFund(prisma, { academicYear: OLD_YEAR, nameEn: 'Old fund', budgetFen: 1_000_00n })
  await prisma.fundAllocation.createMany({
    data: [
      { fundId: exchange.id, collegeId: cs.id, amountFen: 200_000_00n },
      { fundId: exchange.id, collegeId: phys.id, amountFen: 100_000_00n },
    ],
  })
  const program = await createProgram(prisma)
  const students = {
    cs: await createStudent(prisma, { collegeId: cs.id, nameZh: '王, "小明"', nameEn: 'WANG, "Xiaoming"', studentNumber: '2023010101' }),
    phys: await createStudent(prisma, { collegeId: phys.id, nameZh: '=1+2', nameEn: '=1+2', studentNumber: '2023020202' }),
    chem: await createStudent(prisma, { collegeId: chem.id, nameZh: '陈三', nameEn: 'CHEN San', studentNumber: '2023030303' }),
  }
  const made: Made[] = []
  async function award(
    student: keyof typeof students,
    fundId: string,
    data: Partial<Made> & { status: AwardStatus; requestedFen: number },
    details: object = {},
  ) {
    const application = await createApplication(prisma, {
      applicantId: students[student].id,
      programId: program.id,
      status: 'approved',
      details,
    })
    const row = await prisma.award.create({
      data: {
        applicationId: application.id,
        fundId,
        collegeId: students[student].collegeId!,
        ...data,
        ...(data.status === 'paid' && { voucherNumber: `V-${made.length}`, paidAt: new Date('2027-01-15T02:00:00Z') }),
      },
    })
    made.push(row)
    return { award: row, application }
  }
  await award('cs', exchange.id, { status: 'proposed', requestedFen: 12_345_67 })
  await award('cs', exchange.id, { status: 'committed', requestedFen: 50_000_00, approvedFen: 45_000_01 }, { endDate: '2027-07-31' })
  await award('cs', exchange.id, {
    status: 'paid',
    requestedFen: 30_000_00,
    approvedFen: 30_000_00,
    paidFen: 28_765_43,
    releasedFen: 1_234_57,
  })
  await award('phys', exchange.id, { status: 'paid', requestedFen: 20_000_00, approvedFen: 19_999_99, paidFen: 19_999_99 })
  await award('phys', exchange.id, { status: 'released', requestedFen: 10_000_00, approvedFen: 9_000_00, releasedFen: 9_000_00 })
  const reported = await award(
    'chem',
    exchange.id,
    { status: 'committed', requestedFen: 15_000_00, approvedFen: 14_999_99 },
    { endDate: '2027-02-28' },
  )
  await prisma.returnReport.create({ data: { applicationId: reported.application.id, summary: 'Back home' } })
  await award('chem', exchange.id, { status: 'released', requestedFen: 7_777_77 })
  await award('chem', conference.id, { status: 'proposed', requestedFen: 8_888_88 })
  await award('phys', conference.id, { status: 'committed', requestedFen: 6_000_00, approvedFen: 5_500_55 })
  await award('cs', conference.id, {
    status: 'paid',
    requestedFen: 9_000_00,
    approvedFen: 9_000_00,
    paidFen: 8_123_45,
    releasedFen: 876_55,
  })
  await award('cs', old.id, { status: 'paid', requestedFen: 500_00, approvedFen: 500_00, paidFen: 500_00 })
  return { colleges: { cs, phys, chem }, funds: { exchange, conference, old }, made: made.filter((m) => m.fundId !== old.id), students }
}

/** The figures computed here, independently of the app: plain sums over the awards made. */
function expected(awards: Made[], budgetFen: number) {
  const sum = (pick: (a: Made) => number) => awards.reduce((s, a) => s + pick(a), 0)
  const committedFen = sum((a) => (a.status === 'committed' ? a.approvedFen : 0))
  const paidFen = sum((a) => a.paidFen)
  return {
    budgetFen,
    committedFen,
    paidFen,
    releasedFen: sum((a) => a.releasedFen),
    remainingFen: budgetFen - committedFen - paidFen,
    proposedFen: sum((a) => (a.status === 'proposed' ? a.requestedFen : 0)),
  }
}

const ids = (list: { id: string }[]) => list.map((a) => a.id).sort()

async function signedIn(roles: Role[], extra: { collegeId?: string; locale?: 'zh_CN' | 'en' } = {}) {
  const user = await createUser(prisma, { roles, ...extra })
  return (await createSession(user.id, new Request('http://localhost/login'))).split(';')[0]
}
const get = (path: string, cookie: string) => new Request(`http://localhost${path}`, { headers: { Cookie: cookie } })
const args = (request: Request) => ({ request, params: {}, context: {} as never })

// The one slow password hash the factories share, outside any test's time limit.
beforeAll(() => demoPasswordHash(), 60_000)
beforeEach(() => resetDatabase())

describe('dashboard figures', () => {
  it('equal the sums of the awards per fund, per fund and college, per college and in total', async () => {
    const { funds, colleges, made } = await world()
    const { summary, years, proposalCount } = await financeDashboard(YEAR)
    expect(years).toEqual([YEAR, OLD_YEAR].sort().reverse())
    expect(summary.funds.map((f) => f.nameEn)).toEqual(['Exchange scholarship', 'Conference fund'])

    for (const fund of [funds.exchange, funds.conference]) {
      const shown = summary.funds.find((f) => f.id === fund.id)!
      const mine = made.filter((a) => a.fundId === fund.id)
      const want = expected(mine, Number(fund.budgetFen))
      expect({ ...shown.figures, proposedFen: shown.proposedFen }).toMatchObject(want)
      expect(shown.figures.utilisation).toBeCloseTo((want.committedFen + want.paidFen) / want.budgetFen, 12)
      expect(proposalCount[fund.id]).toBe(mine.filter((a) => a.status === 'proposed').length)
    }
    // The exchange fund: CS and physics on their allocations, chemistry on the pool.
    const lines = summary.funds.find((f) => f.id === funds.exchange.id)!.colleges
    expect(lines.map((l) => [l.nameEn, l.allocationFen])).toEqual([
      ['Computer Science', 200_000_00],
      ['Physics', 100_000_00],
      ['Chemistry', null],
    ])
    const csLine = lines[0]
    expect({ ...csLine.figures, proposedFen: csLine.proposedFen }).toMatchObject(
      expected(
        made.filter((a) => a.fundId === funds.exchange.id && a.collegeId === colleges.cs.id),
        200_000_00,
      ),
    )

    const csAcross = summary.colleges.find((c) => c.id === colleges.cs.id)!
    const csWant = expected(
      made.filter((a) => a.collegeId === colleges.cs.id),
      200_000_00,
    )
    expect(csAcross.figures).toMatchObject({ committedFen: csWant.committedFen, paidFen: csWant.paidFen, releasedFen: csWant.releasedFen })

    const all = expected(made, Number(funds.exchange.budgetFen + funds.conference.budgetFen))
    expect(summary.totals).toMatchObject(all)
  })

  it('the dashboard page defaults to the current year and shows another year on request', async () => {
    await world()
    const cookie = await signedIn(['finance'])
    const now = await dashboardLoader(args(get('/finance', cookie)))
    expect(now.year).toBe(YEAR)
    expect(now.summary.funds).toHaveLength(2)
    const old = await dashboardLoader(args(get(`/finance?year=${OLD_YEAR}`, cookie)))
    expect(old.summary.funds.map((f) => f.nameEn)).toEqual(['Old fund'])
    expect(old.summary.totals.paidFen).toBe(500_00)
  })
})

describe('drill-down', () => {
  const figureOf = { proposed: 'proposedFen', committed: 'committedFen', paid: 'paidFen', released: 'releasedFen' } as const
  const totalOf = { proposed: 'requestedFen', committed: 'committedFen', paid: 'paidFen', released: 'releasedFen' } as const
  const behind: Record<keyof typeof figureOf, (a: Made) => boolean> = {
    proposed: (a) => a.status === 'proposed',
    committed: (a) => a.status === 'committed',
    paid: (a) => a.status === 'paid',
    released: (a) => a.releasedFen > 0,
  }

  it('lists exactly the awards behind each figure of a fund and a college line, with totals equal to the figure', async () => {
    const { funds, colleges, made } = await world()
    const summary = await financeSummary(YEAR)
    for (const fund of summary.funds) {
      for (const view of Object.keys(figureOf) as (keyof typeof figureOf)[]) {
        const list = await awardsBehind(READER, { academicYear: YEAR, fundId: fund.id, view, page: 1 })
        expect(ids(list.rows), `${fund.nameEn} ${view}`).toEqual(ids(made.filter((a) => a.fundId === fund.id && behind[view](a))))
        const figure = view === 'proposed' ? fund.proposedFen : fund.figures[figureOf[view]]
        expect(list.totals[totalOf[view]], `${fund.nameEn} ${view}`).toBe(figure)
      }
    }
    const physLine = summary.funds.find((f) => f.id === funds.exchange.id)!.colleges.find((c) => c.id === colleges.phys.id)!
    const released = await awardsBehind(READER, {
      academicYear: YEAR,
      fundId: funds.exchange.id,
      collegeId: colleges.phys.id,
      view: 'released',
      page: 1,
    })
    expect(released.totals.releasedFen).toBe(physLine.figures.releasedFen)
    // Physics' other award was paid in full: it released nothing and is not behind the figure.
    expect(released.rows.map((r) => r.status)).toEqual(['released'])

    const everything = await awardsBehind(READER, { academicYear: YEAR, view: 'all', page: 1 })
    expect(everything.totals.awards).toBe(summary.totals.awards)
    expect(ids(everything.rows)).toEqual(ids(made))
  })

  it('totals cover every page, not just the one shown', async () => {
    const { funds, made } = await world()
    const template = made.find((a) => a.status === 'paid' && a.fundId === funds.conference.id)!
    const { id: _, ...copy } = await prisma.award.findUniqueOrThrow({ where: { id: template.id } })
    await prisma.award.createMany({ data: Array.from({ length: 55 }, () => ({ ...copy, lines: {} })) })
    const summary = await financeSummary(YEAR)
    const page1 = await awardsBehind(READER, { academicYear: YEAR, fundId: funds.conference.id, view: 'paid', page: 1 })
    const page2 = await awardsBehind(READER, { academicYear: YEAR, fundId: funds.conference.id, view: 'paid', page: 2 })
    expect(page1.rows).toHaveLength(50)
    expect(page2.rows).toHaveLength(6)
    expect(page1.pages).toBe(2)
    expect(page1.totals.paidFen).toBe(56 * 8_123_45)
    expect(page1.totals.paidFen).toBe(summary.funds.find((f) => f.id === funds.conference.id)!.figures.paidFen)
  })

  it('the drill-down page reads its filter from the URL', async () => {
    const { funds, made } = await world()
    const cookie = await signedIn(['finance'])
    const data = await awardsLoader(args(get(`/finance/awards?year=${YEAR}&fund=${funds.exchange.id}&view=committed`, cookie)))
    expect(data.view).toBe('committed')
    expect(ids(data.rows)).toEqual(ids(made.filter((a) => a.fundId === funds.exchange.id && a.status === 'committed')))
    const nonsense = await awardsLoader(args(get(`/finance/awards?year=nope&view=everything&page=-3`, cookie)))
    expect([nonsense.year, nonsense.view, nonsense.page]).toEqual([YEAR, 'all', 1])
  })
})

describe('year end', () => {
  it('lists the commitments still unpaid, earliest end date first, with whether a return report is in', async () => {
    const { made } = await world()
    const { commitments, summary } = await yearEnd(READER, YEAR)
    expect(ids(commitments)).toEqual(ids(made.filter((a) => a.status === 'committed')))
    expect(commitments.map((c) => [c.endDate, c.reportSubmittedAt !== null])).toEqual([
      ['2027-02-28', true],
      ['2027-07-31', false],
      [null, false],
    ])
    expect(commitments.reduce((s, c) => s + c.approvedFen, 0)).toBe(summary.totals.committedFen)
  })
})

describe('exports', () => {
  /** A cell's yuan as fen: the exported number ×100, rounded. */
  const fen = (value: ExcelJS.CellValue) => Math.round(Number(value) * 100)

  it('the workbook has per-fund, per-college and award figures equal to the summary to the fen', async () => {
    const { funds } = await world()
    const summary = await financeSummary(YEAR)
    const response = await xlsxLoader(args(get(`/finance/export.xlsx?year=${YEAR}`, await signedIn(['finance'], { locale: 'en' }))))
    expect(response.headers.get('Content-Disposition')).toMatch(new RegExp(`^attachment; filename="finance-${YEAR}\\.xlsx"`))
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await response.arrayBuffer())
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Funds', 'Colleges', 'Awards'])

    const fundSheet = workbook.getWorksheet('Funds')!
    const fundRows = fundSheet.getSheetValues().slice(2) as ExcelJS.CellValue[][]
    expect(fundSheet.getRow(1).values).toEqual([
      undefined,
      'Fund',
      'Budget',
      'Committed',
      'Paid',
      'Released',
      'Remaining',
      'Utilisation',
      'Proposals waiting',
    ])
    const figures = (row: ExcelJS.CellValue[]) => ({
      budgetFen: fen(row[2]),
      committedFen: fen(row[3]),
      paidFen: fen(row[4]),
      releasedFen: fen(row[5]),
      remainingFen: fen(row[6]),
      proposedFen: fen(row[8]),
    })
    summary.funds.forEach((fund, i) => {
      expect(fundRows[i][1]).toBe(fund.nameEn)
      expect(figures(fundRows[i])).toEqual({ ...pick(fund.figures), proposedFen: fund.proposedFen })
    })
    const totalRow = fundRows[summary.funds.length]
    expect(totalRow[1]).toBe('Total')
    expect(figures(totalRow)).toEqual({ ...pick(summary.totals), proposedFen: summary.totals.proposedFen })
    expect(fundSheet.getColumn(2).numFmt).toBe('#,##0.00')
    // 500,000.01 yuan survives as exactly that.
    expect(fundRows[0][2]).toBe(500_000.01)

    const collegeRows = workbook.getWorksheet('Colleges')!.getSheetValues().slice(2) as ExcelJS.CellValue[][]
    const lines = summary.funds.flatMap((f) => f.colleges.map((c) => [f.nameEn, c] as const))
    expect(collegeRows).toHaveLength(lines.length)
    lines.forEach(([fundName, line], i) => {
      expect([collegeRows[i][1], collegeRows[i][2]]).toEqual([fundName, line.nameEn])
      expect(collegeRows[i][3] ?? null).toEqual(line.allocationFen === null ? null : line.allocationFen / 100)
      expect([fen(collegeRows[i][4]), fen(collegeRows[i][5]), fen(collegeRows[i][6])]).toEqual([
        line.figures.committedFen,
        line.figures.paidFen,
        line.figures.releasedFen,
      ])
    })

    const awardSheet = workbook.getWorksheet('Awards')!
    const awardRows = awardSheet.getSheetValues().slice(2) as ExcelJS.CellValue[][]
    const body = awardRows.slice(0, -1)
    expect(body).toHaveLength(summary.totals.awards)
    const column = (n: number) => body.reduce((s, r) => s + fen(r[n]), 0)
    expect(column(10)).toBe(summary.totals.paidFen)
    expect(column(10)).toBe(figures(totalRow).paidFen)
    expect(column(11)).toBe(summary.totals.releasedFen)
    expect(fen(awardRows.at(-1)![10])).toBe(summary.totals.paidFen)
    // Per fund too: the Awards rows of a fund add up to its Funds row.
    for (const fund of summary.funds) {
      const mine = body.filter((r) => r[6] === fund.nameEn)
      expect(mine.reduce((s, r) => s + fen(r[10]), 0)).toBe(fund.figures.paidFen)
    }
    const paid = body.find((r) => r[7] === 'Paid' && r[6] === funds.exchange.nameEn && r[3] === 'WANG, "Xiaoming"')!
    expect(paid[12]).toMatch(/^V-/)
    expect((paid[13] as Date).toISOString().slice(0, 10)).toBe('2027-01-15')
  })

  it('the CSV has a BOM, the headers in the user language, RFC 4180 quoting and a totals row equal to the summary', async () => {
    await world()
    const summary = await financeSummary(YEAR)
    const response = await csvLoader(args(get(`/finance/export.csv?year=${YEAR}`, await signedIn(['finance']))))
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('Content-Disposition')).toMatch(new RegExp(`^attachment; filename="finance-${YEAR}\\.csv"`))
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = parseCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1))
    expect(rows[0]).toEqual([
      '申请编号',
      '学号',
      '学生',
      '学院',
      '类别',
      '经费',
      '状态',
      '申请金额',
      '核定金额',
      '已支付',
      '已释放',
      '凭证号',
      '支付日期',
    ])
    const body = rows.slice(1, -1)
    const total = rows.at(-1)!
    expect(body).toHaveLength(summary.totals.awards)
    expect(rows.every((r) => r.length === 13)).toBe(true)
    const fenOf = (text: string) => {
      expect(text).toMatch(/^\d+\.\d{2}$/)
      return Number(text.replace('.', ''))
    }
    for (const [n, key] of [
      [9, 'paidFen'],
      [10, 'releasedFen'],
    ] as const) {
      expect(body.reduce((s, r) => s + fenOf(r[n]), 0)).toBe(summary.totals[key])
      expect(fenOf(total[n])).toBe(summary.totals[key])
    }
    expect(total[0]).toBe('合计')
    expect(body.some((r) => r[2] === '王, "小明"')).toBe(true)
    // A name that looks like a formula stays text in a spreadsheet.
    expect(body.some((r) => r[2] === "'=1+2")).toBe(true)
    expect(body.some((r) => r[2] === '=1+2')).toBe(false)
  })
})

describe('access', () => {
  const routes = [
    ['/finance', dashboardLoader],
    ['/finance/awards', awardsLoader],
    ['/finance/year-end', yearEndLoader],
    ['/finance/export.xlsx', xlsxLoader],
    ['/finance/export.csv', csvLoader],
  ] as const

  it('answers 403 to students and college reviewers on every finance page and export', async () => {
    const college = await createCollege(prisma)
    const cookies = {
      student: await signedIn(['student'], { collegeId: college.id }),
      reviewer: await signedIn(['college_reviewer'], { collegeId: college.id }),
    }
    for (const [who, cookie] of Object.entries(cookies)) {
      for (const [path, loader] of routes) {
        const thrown = await (loader as (a: ReturnType<typeof args>) => Promise<unknown>)(args(get(path, cookie))).then(
          () => null,
          (e: unknown) => e,
        )
        expect(thrown, `${who} ${path}`).toBeInstanceOf(Response)
        expect((thrown as Response).status, `${who} ${path}`).toBe(403)
      }
    }
  })

  it('lets the office and administrators read them, but links to award pages only for finance', async () => {
    await world()
    for (const roles of [['office_reviewer'], ['admin']] as Role[][]) {
      const cookie = await signedIn(roles)
      for (const [path, loader] of routes) {
        const result = await (loader as (a: ReturnType<typeof args>) => Promise<unknown>)(args(get(path, cookie)))
        if (result instanceof Response) expect(result.status, `${roles} ${path}`).toBe(200)
        else expect((result as { canAct: boolean }).canAct).toBe(false)
      }
    }
    expect((await dashboardLoader(args(get('/finance', await signedIn(['finance']))))).canAct).toBe(true)
  })

  it('sends a signed-out visitor to the login page', async () => {
    const thrown = await xlsxLoader(args(new Request(`http://localhost/finance/export.xlsx?year=${YEAR}`))).then(
      () => null,
      (e: unknown) => e,
    )
    expect((thrown as Response).status).toBe(302)
    expect((thrown as Response).headers.get('Location')).toBe(
      `/login?redirectTo=${encodeURIComponent(`/finance/export.xlsx?year=${YEAR}`)}`,
    )
  })
})

function pick(f: { budgetFen: number; committedFen: number; paidFen: number; releasedFen: number; remainingFen: number }) {
  return {
    budgetFen: f.budgetFen,
    committedFen: f.committedFen,
    paidFen: f.paidFen,
    releasedFen: f.releasedFen,
    remainingFen: f.remainingFen,
  }
}

/** A strict RFC 4180 reader: quoted fields may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"' && field === '') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else field += c
  }
  if (field || row.length) throw new Error('The CSV does not end with CRLF')
  return rows
}
