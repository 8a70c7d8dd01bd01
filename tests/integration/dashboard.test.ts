import type { LoaderFunctionArgs } from '@remix-run/node'
import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import { academicYearOf } from '~/domain/academic-year'
import { isBeltAndRoadCountry } from '~/domain/belt-and-road'
import { previousAcademicYear, type MobilityFilter } from '~/domain/policy'
import type { Role } from '~/generated/prisma/client'
import { prisma } from '~/lib/db.server'
import { createSession } from '~/lib/session.server'
import { dashboardFigures, drillDown, type DashboardFigures } from '~/models/dashboard.server'
import { fundUsedFen } from '~/models/fund-usage.server'
import { createApplication, createCollege, createFund, createPartner, createProgram, createStudent, createUser } from '../factories'
import { resetDatabase } from '../support/db'

// A known world: two colleges, partners of every tier (Belt and Road or not, one retired), programs
// of every kind in two years, applications in every status. The expected figures are computed here
// from the plain list of what was made, by array filtering, never by the model.

const YEAR = academicYearOf(new Date())
const LAST = previousAcademicYear(YEAR)
const STATUSES = ['approved', 'completed', 'submitted', 'rejected', 'withdrawn', 'draft', 'funding_check'] as const
type Level = 'undergraduate' | 'master' | 'doctoral'
type Made = {
  id: string
  year: string
  college: string
  level: Level
  kind: 'exchange' | 'joint_training' | 'conference'
  status: (typeof STATUSES)[number]
  partner: { id: string; tier: string; bri: boolean; country: string; region: string; retired: boolean } | null
  /** The dashboard row of a conference trip without a partner (see conferenceCountries), else null. */
  conferenceCountry: string | null
  typedCountry?: string | null
}

/**
 * Conference countries as students type them, and the row each should count under (by hand).
 * Counted trips take them in this order, this year's first, so this year has the first four.
 */
const conferenceCountries = [
  { typed: 'Austria', row: 'AT' },
  { typed: '奥地利', row: 'AT' },
  { typed: 'Atlantis', row: 'Atlantis' },
  { typed: ' ', row: '-' },
  { typed: ' austria ', row: 'AT' },
  { typed: '哈萨克斯坦', row: 'KZ' }, // a Belt and Road country, last year
  { typed: 'AUT', row: 'AT' },
  { typed: null, row: '-' },
]

const made: Made[] = []
let colleges: { a: string; b: string }
const partnerList: { id: string; tier: string; retired: boolean }[] = []
let fundId: string
const awards: { college: string; status: string; approvedFen: number; paidFen: number; applicationId: string }[] = []

beforeAll(async () => {
  await resetDatabase()
  const a = await createCollege(prisma, { code: 'AAA', nameEn: 'College A' })
  const b = await createCollege(prisma, { code: 'BBB', nameEn: 'College B' })
  colleges = { a: a.id, b: b.id }
  const partnerSpecs = [
    { tier: 'comprehensive', beltAndRoad: true, countryCode: 'RU', region: 'europe' },
    { tier: 'close', beltAndRoad: false, countryCode: 'DE', region: 'europe' },
    { tier: 'general', beltAndRoad: true, countryCode: 'TH', region: 'asia' },
    { tier: 'comprehensive', beltAndRoad: false, countryCode: 'JP', region: 'asia' },
    { tier: 'close', beltAndRoad: false, countryCode: 'GB', region: 'europe', retiredAt: new Date() },
    { tier: 'general', beltAndRoad: false, countryCode: 'CL', region: 'latin_america' }, // no students
  ] as const
  const partners = []
  for (const p of partnerSpecs) {
    const row = await createPartner(prisma, { ...p })
    partners.push(row)
    partnerList.push({ id: row.id, tier: row.tier, retired: !!row.retiredAt })
  }
  const fund = await createFund(prisma, { academicYear: YEAR, budgetFen: 50_000_00n })
  fundId = fund.id
  await createFund(prisma, { academicYear: LAST, nameEn: 'Old fund' })

  const programSpecs = [
    { year: YEAR, kind: 'exchange', partner: 0 },
    { year: YEAR, kind: 'exchange', partner: 1 },
    { year: YEAR, kind: 'exchange', partner: 4 },
    { year: YEAR, kind: 'joint_training', partner: 2 },
    { year: YEAR, kind: 'joint_training', partner: 3 },
    { year: YEAR, kind: 'conference', partner: null },
    { year: LAST, kind: 'exchange', partner: 1 },
    { year: LAST, kind: 'joint_training', partner: 0 },
    { year: LAST, kind: 'conference', partner: null },
  ] as const
  const programs = []
  for (const p of programSpecs) {
    const partner = p.partner === null ? null : partners[p.partner]
    programs.push({
      ...p,
      partner,
      row: await createProgram(prisma, {
        kind: p.kind,
        academicYear: p.year,
        partnerId: partner?.id ?? null,
        levels: ['undergraduate', 'master', 'doctoral'],
      }),
    })
  }
  const students: { id: string; college: string; level: Level }[] = []
  for (const college of [a.id, b.id]) {
    for (const level of ['undergraduate', 'master', 'doctoral'] as const) {
      students.push({ id: (await createStudent(prisma, { collegeId: college, level })).id, college, level })
    }
  }
  let n = 0
  const spellingCursor = { counted: 0, other: 0 }
  for (const program of programs) {
    for (const student of students) {
      // Two applications per pair, statuses cycling, so every combination gets several.
      for (let copy = 0; copy < 2; copy++) {
        const status = STATUSES[n % STATUSES.length]
        const cursor = status === 'approved' || status === 'completed' ? 'counted' : 'other'
        const country = program.kind === 'conference' ? conferenceCountries[spellingCursor[cursor]++ % conferenceCountries.length] : null
        const app = await createApplication(prisma, {
          applicantId: student.id,
          programId: program.row.id,
          status,
          details: country?.typed == null ? {} : { kind: 'conference', country: country.typed },
          statusChangedAt: new Date(Date.now() - n * 60_000),
        })
        n++
        made.push({
          id: app.id,
          year: program.year,
          college: student.college,
          level: student.level,
          kind: program.kind,
          status,
          partner: program.partner && {
            id: program.partner.id,
            tier: program.partner.tier,
            bri: program.partner.beltAndRoad,
            country: program.partner.countryCode,
            region: program.partner.region,
            retired: !!program.partner.retiredAt,
          },
          conferenceCountry: program.partner ? null : (country?.row ?? '-'),
          typedCountry: country?.typed,
        })
      }
    }
  }
  // Awards: committed and paid count as used; proposed and released do not.
  const counted = made.filter((m) => m.year === YEAR && (m.status === 'approved' || m.status === 'completed'))
  const awardSpecs = [
    { app: counted[0], status: 'committed', approvedFen: 1_234_56, paidFen: 0 },
    { app: counted[1], status: 'paid', approvedFen: 900_00, paidFen: 850_00 },
    { app: counted[2], status: 'proposed', approvedFen: 0, paidFen: 0 },
    { app: counted[3], status: 'released', approvedFen: 500_00, paidFen: 0 },
    { app: counted.find((m) => m.college === b.id)!, status: 'committed', approvedFen: 300_00, paidFen: 0 },
  ] as const
  for (const w of awardSpecs) {
    await prisma.award.create({
      data: {
        applicationId: w.app.id,
        fundId,
        collegeId: w.app.college,
        status: w.status,
        requestedFen: 2_000_00,
        approvedFen: w.approvedFen,
        paidFen: w.paidFen,
      },
    })
    awards.push({ college: w.app.college, status: w.status, approvedFen: w.approvedFen, paidFen: w.paidFen, applicationId: w.app.id })
  }
  await prisma.target.createMany({
    data: [
      { academicYear: YEAR, kind: 'undergraduate_abroad', scopeKey: 'university', count: 800 },
      { academicYear: YEAR, kind: 'graduate_conference', scopeKey: 'university', count: 300 },
      { academicYear: YEAR, kind: 'faculty_abroad', scopeKey: 'university', count: 800 },
      { academicYear: YEAR, kind: 'graduate_conference', scopeKey: a.id, collegeId: a.id, count: 4 },
      { academicYear: LAST, kind: 'graduate_conference', scopeKey: 'university', count: 250 },
    ],
  })
}, 120_000)

// ---- the expected figures, by plain filtering ---------------------------------------------------

const isCounted = (m: Made) => m.status === 'approved' || m.status === 'completed'
function targetOf(m: Made) {
  if (m.level === 'undergraduate') return 'undergraduate_abroad'
  if (m.kind === 'joint_training') return 'graduate_joint_training'
  if (m.kind === 'conference') return 'graduate_conference'
  return 'none'
}
const ids = (list: Made[]) => list.map((m) => m.id).sort()

/** The applications a figure's filter stands for, computed without the model. */
function expected(f: MobilityFilter): Made[] {
  if (f.fund) {
    const used = new Set(
      awards
        .filter((w) => (w.status === 'committed' || w.status === 'paid') && (!f.college || w.college === f.college))
        .map((w) => w.applicationId),
    )
    return made.filter((m) => used.has(m.id))
  }
  return made.filter(
    (m) =>
      m.year === f.year &&
      isCounted(m) &&
      (!f.college || m.college === f.college) &&
      (!f.target || targetOf(m) === f.target) &&
      (f.partner !== 'any' || m.partner) &&
      (f.partner !== 'none' || !m.partner) &&
      (!f.region || m.partner?.region === f.region) &&
      (!f.country || m.partner?.country === f.country) &&
      (!f.conferenceCountry || (!m.partner && m.conferenceCountry === f.conferenceCountry)) &&
      (!f.tier || m.partner?.tier === f.tier) &&
      // Belt and Road by the destination country: the partner's, or the conference's as typed.
      (!f.beltAndRoad || isBeltAndRoadCountry(m.partner ? m.partner.country : m.conferenceCountry!)),
  )
}

/** An office reader who declared no conflict of interest and applied for nothing (no such user). */
const READER = { id: 'reader-without-conflicts', roles: ['office_reviewer' as const], collegeId: null }

async function allIds(filter: MobilityFilter) {
  const first = await drillDown(filter, 1, READER)
  const rows = [...first.rows]
  for (let page = 2; page <= first.pages; page++) rows.push(...(await drillDown(filter, page, READER)).rows)
  return { total: first.total, ids: rows.map((r) => r.id).sort() }
}

describe('dashboardFigures for the whole university', () => {
  let f: DashboardFigures
  beforeAll(async () => {
    f = await dashboardFigures({ year: YEAR })
  })

  it('counts approved and completed mobilities per target against the targets, this year and last', () => {
    for (const kind of ['undergraduate_abroad', 'graduate_joint_training', 'graduate_conference'] as const) {
      const h = f.headline.find((x) => x.kind === kind)!
      expect(h.count, kind).toBe(expected({ year: YEAR, target: kind }).length)
      expect(h.previous, kind).toBe(expected({ year: LAST, target: kind }).length)
      expect(h.count, `${kind} has data`).toBeGreaterThan(0)
    }
    expect(f.headline.map((h) => h.target)).toEqual([800, null, 300])
    expect(f.headline.find((h) => h.kind === 'graduate_conference')!.previousTarget).toBe(250)
    expect(f.untargeted.count).toBe(expected({ year: YEAR, target: 'none' }).length)
    expect(f.total).toEqual({ count: expected({ year: YEAR }).length, previous: expected({ year: LAST }).length })
    expect(f.facultyTarget).toBe(800)
  })

  it('splits per college with the colleges’ own targets', () => {
    for (const c of f.colleges) {
      for (const kind of ['undergraduate_abroad', 'graduate_joint_training', 'graduate_conference'] as const) {
        expect(c.counts[kind], `${c.code} ${kind}`).toBe(expected({ year: YEAR, college: c.id, target: kind }).length)
      }
    }
    expect(f.colleges.find((c) => c.id === colleges.a)!.targets).toEqual({ graduate_conference: 4 })
    expect(f.colleges.find((c) => c.id === colleges.b)!.targets).toEqual({})
  })

  it('groups by the partner’s region and country, and conferences without a partner by their country', () => {
    const countedNow = expected({ year: YEAR })
    const regions = [...new Set(countedNow.filter((m) => m.partner).map((m) => m.partner!.region))].sort()
    expect(f.regions.map((r) => r.region).sort()).toEqual(regions)
    for (const r of f.regions) {
      expect(r.count).toBe(countedNow.filter((m) => m.partner?.region === r.region).length)
      for (const c of r.countries) expect(c.count, c.code).toBe(countedNow.filter((m) => m.partner?.country === c.code).length)
    }
    const byCountry = new Map<string, number>()
    for (const m of countedNow.filter((x) => !x.partner))
      byCountry.set(m.conferenceCountry!, (byCountry.get(m.conferenceCountry!) ?? 0) + 1)
    expect(Object.fromEntries(f.withoutPartner.map((c) => [c.country, c.count]))).toEqual(Object.fromEntries(byCountry))
    expect(byCountry.get('-')).toBeGreaterThan(0) // blank and missing countries fall together
  })

  it('counts the typed spellings of one country as one row, and its drill-down lists all of them and only them', async () => {
    const austria = expected({ year: YEAR, partner: 'none' }).filter((m) => m.conferenceCountry === 'AT')
    const spellings = new Set(austria.map((m) => m.typedCountry))
    expect(spellings.size).toBeGreaterThanOrEqual(2) // the world has several among this year's counted trips
    expect(f.withoutPartner.filter((c) => c.country === 'AT' || [...spellings].includes(c.country))).toEqual([
      { country: 'AT', count: austria.length },
    ])
    expect(f.withoutPartner.find((c) => c.country === 'Atlantis')?.count).toBeGreaterThan(0) // unrecognised: as typed

    const list = await allIds({ year: YEAR, partner: 'none', conferenceCountry: 'AT' })
    expect(list.ids).toEqual(ids(austria))
    // the row asked for by one of its spellings is the same row
    expect((await allIds({ year: YEAR, partner: 'none', conferenceCountry: '奥地利' })).ids).toEqual(ids(austria))
    expect((await allIds({ year: YEAR, partner: 'none', conferenceCountry: 'Nowhere' })).total).toBe(0)
  })

  it('measures tier coverage: active partners with a student out of the active partners of the tier', () => {
    const countedNow = expected({ year: YEAR })
    for (const tier of ['comprehensive', 'close', 'general'] as const) {
      const row = f.tiers.find((r) => r.tier === tier)!
      const active = partnerList.filter((p) => p.tier === tier && !p.retired)
      expect(row.partners, tier).toBe(active.length)
      expect(row.covered, tier).toBe(active.filter((p) => countedNow.some((m) => m.partner?.id === p.id)).length)
      expect(row.mobilities, tier).toBe(countedNow.filter((m) => m.partner?.tier === tier).length)
    }
    expect(f.tiers.map((r) => r.plan)).toEqual([20, 80, 100])
  })

  it('gives the share of mobilities to Belt and Road countries, conference trips included, this year and last', () => {
    expect(f.beltAndRoad.count).toBe(expected({ year: YEAR, beltAndRoad: '1' }).length)
    expect(f.beltAndRoad.total).toBe(expected({ year: YEAR }).length)
    expect(f.beltAndRoad.previous.count).toBe(expected({ year: LAST, beltAndRoad: '1' }).length)
    expect(expected({ year: LAST, partner: 'none', beltAndRoad: '1' }).length).toBeGreaterThan(0)
    expect(f.beltAndRoad.previous.total).toBe(expected({ year: LAST }).length)
  })

  it('sums committed (approved amount) and paid (paid amount) awards per fund against the budget', async () => {
    expect(f.funds).toEqual([expect.objectContaining({ id: fundId, budgetFen: 50_000_00, usedFen: 1_234_56 + 850_00 + 300_00 })])
    const [rows] = await prisma.$queryRaw<{ used: bigint }[]>`
      SELECT sum(CASE status WHEN 'committed' THEN "approvedFen" WHEN 'paid' THEN "paidFen" ELSE 0 END) AS used FROM "Award"`
    expect(Number(rows.used)).toBe(f.funds[0].usedFen)
    expect(await fundUsedFen(prisma, fundId)).toBe(f.funds[0].usedFen)
  })

  it('lists exactly the applications behind every number in the drill-down', async () => {
    const filters: MobilityFilter[] = [
      { year: YEAR },
      { year: LAST },
      { year: YEAR, target: 'none' },
      ...f.headline.flatMap((h) => [
        { year: YEAR, target: h.kind },
        { year: LAST, target: h.kind },
      ]),
      ...f.colleges.flatMap((c) => f.headline.map((h) => ({ year: YEAR, college: c.id, target: h.kind }))),
      ...f.regions.flatMap((r) => [
        { year: YEAR, partner: 'any' as const, region: r.region },
        ...r.countries.map((c) => ({ year: YEAR, partner: 'any' as const, country: c.code })),
      ]),
      { year: YEAR, partner: 'none' },
      ...f.withoutPartner.map((c) => ({ year: YEAR, partner: 'none' as const, conferenceCountry: c.country })),
      ...f.withoutPartner.map((c) => ({ year: YEAR, college: colleges.a, partner: 'none' as const, conferenceCountry: c.country })),
      ...f.tiers.map((r) => ({ year: YEAR, partner: 'any' as const, tier: r.tier })),
      { year: YEAR, partner: 'any', beltAndRoad: '1' },
      { year: YEAR, beltAndRoad: '1' },
      { year: YEAR, partner: 'none', beltAndRoad: '1' },
      { year: LAST, beltAndRoad: '1' },
      { year: YEAR, partner: 'any' },
      { year: YEAR, fund: fundId },
      { year: YEAR, fund: fundId, college: colleges.b },
    ]
    for (const filter of filters) {
      const list = await allIds(filter)
      expect(list.ids, JSON.stringify(filter)).toEqual(ids(expected(filter)))
      expect(list.total).toBe(list.ids.length)
    }
    // and the numbers shown are those totals
    const conference = f.headline.find((h) => h.kind === 'graduate_conference')!
    expect((await drillDown({ year: YEAR, target: 'graduate_conference' }, 1, READER)).total).toBe(conference.count)
  })

  it('pages the drill-down by 50, newest decision first', async () => {
    const program = await createProgram(prisma, { academicYear: YEAR })
    const student = await createStudent(prisma, { collegeId: colleges.b })
    for (let i = 0; i < 45; i++) {
      const app = await createApplication(prisma, {
        applicantId: student.id,
        programId: program.id,
        status: 'completed',
        statusChangedAt: new Date(Date.now() - i * 3_600_000),
      })
      made.push({
        id: app.id,
        year: YEAR,
        college: colleges.b,
        level: 'undergraduate',
        kind: 'exchange',
        status: 'completed',
        partner: null,
        conferenceCountry: '-',
      })
    }
    const list = await drillDown({ year: YEAR }, 1, READER)
    expect(list.total).toBe(expected({ year: YEAR }).length)
    expect(list.total).toBeGreaterThan(50)
    expect(list.rows).toHaveLength(50)
    expect(list.pages).toBe(Math.ceil(list.total / 50))
    const times = list.rows.map((r) => new Date(r.statusChangedAt).getTime())
    expect([...times].sort((x, y) => y - x)).toEqual(times)
  })
})

// ---- through the routes, signed in ----------------------------------------------------------------

async function signedIn(roles: Role[], collegeId?: string) {
  const user = await createUser(prisma, { roles, collegeId: collegeId ?? null })
  const cookie = (await createSession(user.id, new Request('http://localhost/login'))).split(';')[0]
  return { user, cookie }
}
const context = { cspNonce: '', clientIp: '127.0.0.1' }
async function call(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    return await fn()
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}
/** The loader's answer at `path`: its data, or the Response it threw or returned. */
async function get(path: string, cookie: string): Promise<unknown> {
  const request = new Request(`http://localhost${path}`, { headers: { Cookie: cookie } })
  const route: { loader: (args: LoaderFunctionArgs) => Promise<unknown> } = path.startsWith('/dashboard/applications')
    ? await import('~/routes/dashboard.applications')
    : path.startsWith('/dashboard/export.xlsx')
      ? await import('~/routes/dashboard.export[.]xlsx')
      : await import('~/routes/dashboard._index')
  return call(() => route.loader({ request, params: {}, context }))
}

describe('who sees what', () => {
  it('shows a college reviewer their own college only, and refuses another college’s numbers and lists', async () => {
    const { cookie } = await signedIn(['college_reviewer'], colleges.a)
    const page = (await get(`/dashboard?year=${YEAR}`, cookie)) as { figures: DashboardFigures; colleges: unknown[]; everyCollege: boolean }
    expect(page.figures.college?.id).toBe(colleges.a)
    expect(page.figures.colleges.map((c) => c.id)).toEqual([colleges.a])
    expect(page.everyCollege).toBe(false)
    expect(page.colleges).toEqual([])
    expect(page.figures.total.count).toBe(expected({ year: YEAR, college: colleges.a }).length)
    // The college's own target, not the university's
    expect(page.figures.headline.find((h) => h.kind === 'graduate_conference')!.target).toBe(4)
    expect(page.figures.funds[0].usedFen).toBe(
      awards
        .filter((w) => w.college === colleges.a && (w.status === 'committed' || w.status === 'paid'))
        .reduce((s, w) => s + (w.status === 'paid' ? w.paidFen : w.approvedFen), 0),
    )

    for (const path of [
      `/dashboard?college=${colleges.b}`,
      `/dashboard/applications?year=${YEAR}&college=${colleges.b}`,
      `/dashboard/export.xlsx?year=${YEAR}&college=${colleges.b}`,
    ]) {
      const res = await get(path, cookie)
      expect(res, path).toBeInstanceOf(Response)
      expect((res as Response).status, path).toBe(403)
    }
    // A drill-down without a college is forced to theirs.
    const list = (await get(`/dashboard/applications?year=${YEAR}&target=undergraduate_abroad`, cookie)) as { list: { total: number } }
    expect(list.list.total).toBe(expected({ year: YEAR, college: colleges.a, target: 'undergraduate_abroad' }).length)
    expect(list.list.total).toBeLessThan(expected({ year: YEAR, target: 'undergraduate_abroad' }).length)
  })

  it('lets the office see every college and focus on one', async () => {
    const { cookie } = await signedIn(['office_reviewer'])
    const all = (await get('/dashboard', cookie)) as { figures: DashboardFigures }
    expect(all.figures.year).toBe(YEAR)
    expect(all.figures.college).toBeNull()
    const b = (await get(`/dashboard?college=${colleges.b}`, cookie)) as { figures: DashboardFigures }
    expect(b.figures.total.count).toBe(expected({ year: YEAR, college: colleges.b }).length)
    expect(((await get('/dashboard?college=nosuchcollege0000', cookie)) as Response).status).toBe(404)
  })

  it('counts an application the reader stepped aside from (conflict of interest) but does not list it', async () => {
    const { user, cookie } = await signedIn(['office_reviewer'])
    const path = `/dashboard/applications?year=${YEAR}&college=${colleges.b}`
    type Listed = { list: { total: number; withheld: number; rows: { id: string }[] } }
    const before = (await get(path, cookie)) as Listed
    expect(before.list.withheld).toBe(0)
    const [stepAside, ...others] = before.list.rows
    await prisma.review.create({ data: { applicationId: stepAside.id, reviewerId: user.id, stage: 'office', conflict: true } })
    const after = (await get(path, cookie)) as Listed
    expect(after.list.total).toBe(before.list.total) // still counted, as in the figures
    expect(after.list.withheld).toBe(1)
    expect(after.list.rows.map((r) => r.id)).not.toContain(stepAside.id)
    expect(after.list.rows.map((r) => r.id)).toEqual(expect.arrayContaining(others.map((o) => o.id)))
  })

  it('answers 403 to students and finance, and a malformed drill-down with 400', async () => {
    for (const roles of [['student'], ['finance']] as const) {
      const { cookie } = await signedIn([...roles])
      for (const path of ['/dashboard', `/dashboard/applications?year=${YEAR}`, `/dashboard/export.xlsx?year=${YEAR}`]) {
        const res = await get(path, cookie)
        expect((res as Response).status, `${roles} ${path}`).toBe(403)
      }
    }
    const { cookie } = await signedIn(['admin'])
    expect(((await get('/dashboard/applications?year=nonsense', cookie)) as Response).status).toBe(400)
  })
})

describe('the xlsx export', () => {
  it('has a sheet per table with the page’s numbers', async () => {
    const { cookie } = await signedIn(['admin'])
    const res = (await get(`/dashboard/export.xlsx?year=${YEAR}`, cookie)) as Response
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toContain('spreadsheetml')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await res.arrayBuffer())
    const page = (await get(`/dashboard?year=${YEAR}`, cookie)) as { figures: DashboardFigures }
    const f = page.figures
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['年度目标', '各学院', '国家和地区', '合作伙伴覆盖', '一带一路', '专项经费'])
    const values = (name: string) =>
      workbook
        .getWorksheet(name)!
        .getSheetValues()
        .slice(2)
        .filter(Boolean)
        .map((row) => (row as unknown[]).slice(1))

    const headline = values('年度目标')
    f.headline.forEach((h, i) =>
      expect([1, 2, 3, 4, 5].map((c) => headline[i][c])).toEqual([
        h.count,
        h.target ?? undefined,
        h.target ? Math.round((h.count * 1000) / h.target) / 10 : undefined,
        h.previous,
        h.previousTarget ?? undefined,
      ]),
    )
    expect(headline[4][1]).toBe(f.total.count)

    const collegeRows = values('各学院')
    expect(collegeRows.map((r) => r[0])).toEqual(f.colleges.map((c) => c.nameZh))
    f.colleges.forEach((c, i) => {
      expect(collegeRows[i][1]).toBe(c.counts.undergraduate_abroad)
      expect(collegeRows[i][4]).toBe(c.counts.graduate_joint_training)
      expect(collegeRows[i][7]).toBe(c.counts.graduate_conference)
    })
    // conference countries by their Chinese name, unrecognised ones as typed
    expect(values('国家和地区').map((r) => r[1])).toEqual(expect.arrayContaining(['奥地利', 'Atlantis']))
    expect(values('国家和地区').map((r) => r[1])).not.toContain('Austria')
    const placeCounts = values('国家和地区').map((r) => r[2])
    expect(placeCounts).toEqual([
      ...f.regions.flatMap((r) => [r.count, ...r.countries.map((c) => c.count)]),
      f.withoutPartner.reduce((s, c) => s + c.count, 0),
      ...f.withoutPartner.map((c) => c.count),
    ])
    expect(values('合作伙伴覆盖').map((r) => [r[1], r[2], r[5]])).toEqual(f.tiers.map((t) => [t.covered, t.partners, t.mobilities]))
    expect(values('一带一路')[0].slice(1, 3)).toEqual([f.beltAndRoad.count, f.beltAndRoad.total])
    expect(values('专项经费')[0].slice(1, 3)).toEqual([f.funds[0].usedFen / 100, f.funds[0].budgetFen! / 100])
  })
})
