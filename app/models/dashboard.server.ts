// The policy dashboard's figures and their drill-downs. Every figure is a count (or sum) over one
// SQL condition built from a MobilityFilter by `condition()`; the drill-down lists the rows of the
// very same condition, so a number and its list cannot disagree. Aggregation happens in
// PostgreSQL (GROUP BY), never by loading the applications.
//
// Who sees what (app/domain/access.ts): a figure counts every application of the colleges the
// viewer may count (countScope), conflicts of interest included, since it names nobody. The
// drill-down names people, so it lists only the applications the viewer may open
// (access.sql('staff')) and says how many of the figure it leaves out: their own, and those they
// stepped aside from.
import { academicYearOf } from '~/domain/academic-year'
import {
  idSchema,
  conferenceCountryKey,
  countedStatuses,
  isAcademicYear,
  mobilityFilterSchema,
  NO_COUNTRY,
  partnerTiers,
  previousAcademicYear,
  targetRules,
  tierPlan,
  trackedTargetKinds,
  UNIVERSITY_SCOPE,
  type MobilityFilter,
  type TargetKind,
  type TrackedTargetKind,
} from '~/domain/policy'
import { countReach, type Actor } from '~/domain/access'
import type { PartnerMembership } from '~/domain/agreements'
import { beltAndRoadCountries, isBeltAndRoadCountry } from '~/domain/belt-and-road'
import { Prisma } from '~/generated/prisma/client'
import { requireUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { accessFor, countScope } from './access.server'
import { activeColleges } from './college.server'
import { costPerMobility } from './co-funding.server'
import { creditFigures } from './credit-figures.server'
import { fundsUsage, fundUsedFen, usedBy } from './fund-usage.server'

const DRILL_DOWN_PAGE_SIZE = 50

/** Who may open the dashboard at all. */
export const DASHBOARD_ROLES = ['college_reviewer', 'office_reviewer', 'admin'] as const

/** The signed-in user and the scope they asked for: the year (default the current one), maybe a college. */
export async function dashboardScope(request: Request) {
  const user = await requireUser(request, { role: [...DASHBOARD_ROLES] })
  const params = new URL(request.url).searchParams
  const year = params.get('year') ?? ''
  // A college id or nothing: anything else (a NUL would reach PostgreSQL) is ignored.
  const college = idSchema.safeParse(params.get('college')).data
  // An alliance the partners belong to, or nothing (anything else is ignored).
  const membership = mobilityFilterSchema.shape.membership.safeParse(params.get('membership') || undefined).data
  // Whose figures: the access policy's count reach (every college, or forced to the reviewer's own; another is a 403).
  const scope = countScope(user, { year: isAcademicYear(year) ? year : academicYearOf(new Date()), college, membership })
  return { user, scope, everyCollege: countReach(user)?.college === null }
}

// ---- the one condition ---------------------------------------------------------------------------

const { sql, join, empty } = Prisma
const list = (values: readonly string[]) => join(values.map((v) => sql`${v}`))

const PARTNER = sql`JOIN "Program" p ON p.id = a."programId"
  LEFT JOIN "PartnerInstitution" pi ON pi.id = p."partnerId"`

/**
 * Where a condition's rows come from. The figures count from `COUNTS`, the application counts kept
 * by triggers (decision 29: per year, college, status, kind, program, applicant level and typed
 * conference country, every column a condition tests), so a page costs the same at a million
 * applications; the drill-down lists `APPLICATIONS` themselves. Both name the row `a` and give the
 * same expressions for the applicant's level and the typed country, so one condition reads both.
 */
type Source = {
  from: Prisma.Sql
  /** The applicant's level as text (null or '' when none). */
  level: Prisma.Sql
  /**
   * A trip without a partner, by the conference's country as the student typed it. SQL groups by
   * this text (its distinct values are few); JS merges the variants of one country
   * (conferenceCountryKey) and a drill-down lists those variants with IN.
   */
  typedCountry: Prisma.Sql
  /** How many applications a row stands for. */
  applications: Prisma.Sql
}
const APPLICATIONS: Source = {
  from: sql`FROM "Application" a JOIN "User" u ON u.id = a."applicantId" ${PARTNER}`,
  level: sql`u.level::text`,
  typedCountry: sql`COALESCE(NULLIF(btrim(a.details->>'country'), ''), ${NO_COUNTRY})`,
  applications: sql`1`,
}
// Rows a count has come down to zero stay (a later insert reuses them): they are left out.
const COUNTS: Source = {
  from: sql`FROM "ApplicationCount" a ${PARTNER}`,
  level: sql`a.level`,
  typedCountry: sql`a.country`,
  applications: sql`a.applications`,
}
const counted = sql`a.applications > 0`

/** The target an application counts toward (app/domain/policy.ts targetRules), or 'none'. */
const targetKindSql = (src: Source) =>
  sql`CASE ${join(
    targetRules.map((r) => sql`WHEN ${src.level} IN (${list(r.levels)}) AND a.kind::text IN (${list(r.programKinds)}) THEN ${r.kind}`),
    ' ',
  )} ELSE 'none' END`

/** The typed countries of trips without a partner there are, among those `where` finds (read from the counts). */
async function typedCountries(where: Prisma.Sql): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ country: string }[]>`
    SELECT DISTINCT a.country ${COUNTS.from} WHERE ${counted} AND p."partnerId" IS NULL AND ${where}`
  return rows.map((r) => r.country)
}

/** The awards that use money of their fund (app/domain/funding.ts usedFen): a fund's drill-down lists their applications. */
const USED_AWARD = sql`w.status::text IN ('committed', 'paid')`

/**
 * Whether a trip goes to a Belt and Road country (decision 23): the partner's country, or for a
 * trip without a partner the conference's country as typed, recognised as conferenceCountryKey
 * does (the typed texts are few: they are read first, and those naming such a country listed).
 */
async function beltAndRoadSql(src: Source): Promise<Prisma.Sql> {
  const variants = (await typedCountries(sql`true`)).filter((country) => isBeltAndRoadCountry(conferenceCountryKey(country)))
  const typedInList = variants.length ? sql`${src.typedCountry} IN (${list(variants)})` : sql`false`
  return sql`(CASE WHEN p."partnerId" IS NULL THEN ${typedInList} ELSE pi."countryCode" IN (${list(beltAndRoadCountries)}) END)`
}

/**
 * The condition of a filter over `src`. A conference country (a code or a typed text,
 * conferenceCountryKey) becomes the typed texts that count under it, among those the rest of the
 * filter finds.
 */
async function condition({ conferenceCountry, beltAndRoad, ...f }: MobilityFilter, src: Source): Promise<Prisma.Sql> {
  const plain = plainCondition(f, src)
  if (f.fund) return plain
  const rest = beltAndRoad ? sql`${plain} AND ${await beltAndRoadSql(src)}` : plain
  if (!conferenceCountry) return rest
  const key = conferenceCountryKey(conferenceCountry)
  const among = src === COUNTS ? rest : await condition({ ...f, beltAndRoad }, COUNTS)
  const variants = (await typedCountries(among)).filter((country) => conferenceCountryKey(country) === key)
  return variants.length ? sql`${rest} AND p."partnerId" IS NULL AND ${src.typedCountry} IN (${list(variants)})` : sql`false`
}

function plainCondition(f: Omit<MobilityFilter, 'conferenceCountry' | 'beltAndRoad'>, src: Source): Prisma.Sql {
  if (f.fund) {
    const college = f.college ? sql`AND w."collegeId" = ${f.college}` : empty
    return sql`EXISTS (SELECT 1 FROM "Award" w WHERE w."applicationId" = a.id AND w."fundId" = ${f.fund} AND ${USED_AWARD} ${college})`
  }
  const parts: Prisma.Sql[] = [sql`a."academicYear" = ${f.year}`, sql`a.status::text IN (${list(countedStatuses)})`]
  if (f.college) parts.push(sql`a."collegeId" = ${f.college}`)
  if (f.target) parts.push(sql`${targetKindSql(src)} = ${f.target}`)
  if (f.partner === 'any') parts.push(sql`p."partnerId" IS NOT NULL`)
  if (f.partner === 'none') parts.push(sql`p."partnerId" IS NULL`)
  if (f.region) parts.push(sql`pi.region = ${f.region}`)
  if (f.country) parts.push(sql`pi."countryCode" = ${f.country}`)
  if (f.tier) parts.push(sql`pi.tier::text = ${f.tier}`)
  if (f.membership) parts.push(sql`CAST(${f.membership} AS "PartnerMembership") = ANY(pi."memberships")`)
  return join(parts, ' AND ')
}

/** What the figures group by: each a SQL expression over the counts, the same the drill-down's filter tests. */
const dimensions = {
  college: sql`a."collegeId"`,
  target: targetKindSql(COUNTS),
  region: sql`pi.region`,
  country: sql`pi."countryCode"`,
  // Only for trips without a partner; null otherwise.
  conferenceCountry: sql`CASE WHEN p."partnerId" IS NULL THEN ${COUNTS.typedCountry} END`,
  tier: sql`pi.tier::text`,
}
/** Belt and Road is grouped by beltAndRoadSql(), read when a count needs it. */
type Dimension = keyof typeof dimensions | 'beltAndRoad'
type Row = Partial<Record<Dimension, string | boolean | null>> & {
  set: number
  n: number
  /** Distinct active partners among the rows. */
  covered: number
  countryZh: string | null
  countryEn: string | null
}

/**
 * Counts the applications of `filter` grouped by each of `sets` (one pass over the application
 * counts, GROUPING SETS); each row says which set it belongs to.
 */
async function countBy(filter: MobilityFilter, sets: Dimension[][]): Promise<Row[]> {
  const used = [...new Set(sets.flat())]
  const q = (name: string) => Prisma.raw(`"${name}"`)
  const bri = used.includes('beltAndRoad') ? await beltAndRoadSql(COUNTS) : null
  const inner = join(
    used.map((d) => sql`${d === 'beltAndRoad' ? bri! : dimensions[d]} AS ${q(d)}`),
    ', ',
  )
  const setFlags = join(
    sets.map((set, i) => sql`GROUPING(${q(set[0])}) AS ${q(`g${i}`)}`),
    ', ',
  )
  const groupingSets = join(
    sets.map((set) => sql`(${join(set.map(q), ', ')})`),
    ', ',
  )
  const rows = await prisma.$queryRaw<(Row & Record<string, number>)[]>`
    SELECT ${join(used.map(q), ', ')}, ${setFlags}, sum(m.applications)::int AS n, count(DISTINCT m."activePartner")::int AS covered,
      min(m."countryZh") AS "countryZh", min(m."countryEn") AS "countryEn"
    FROM (
      SELECT ${inner}, a.applications, pi."countryZh", pi."countryEn", CASE WHEN pi."retiredAt" IS NULL THEN pi.id END AS "activePartner"
      ${COUNTS.from} WHERE ${counted} AND ${await condition(filter, COUNTS)}
    ) m
    GROUP BY GROUPING SETS (${groupingSets})`
  return rows.map((r) => ({ ...r, set: sets.findIndex((_, i) => r[`g${i}`] === 0) }))
}

// ---- the figures ---------------------------------------------------------------------------------

type TargetCounts = Record<TrackedTargetKind | 'none', number>
const zeroCounts = (): TargetCounts => ({ undergraduate_abroad: 0, graduate_joint_training: 0, graduate_conference: 0, none: 0 })

/** Targets of a year: per scope ("university" or a college id), per kind. */
async function targetsOf(year: string) {
  const rows = await prisma.target.findMany({ where: { academicYear: year } })
  const byScope = new Map<string, Partial<Record<TargetKind, number>>>()
  for (const r of rows) byScope.set(r.scopeKey, { ...byScope.get(r.scopeKey), [r.kind]: r.count })
  return byScope
}

export type DashboardScope = { year: string; college?: string; membership?: PartnerMembership }

/** Everything the dashboard shows for a year, for the university or one college, maybe of one alliance's partners. */
export async function dashboardFigures({ year, college, membership }: DashboardScope) {
  const previousYear = previousAcademicYear(year)
  const base: MobilityFilter = { year, college, membership }
  const previousBase: MobilityFilter = { year: previousYear, college, membership }
  const [now, before, tierSizes, targets, previousTargets, colleges, funds] = await Promise.all([
    countBy(base, [['college', 'target'], ['region', 'country', 'conferenceCountry'], ['tier'], ['beltAndRoad']]),
    countBy(previousBase, [['target'], ['beltAndRoad']]),
    prisma.partnerInstitution.groupBy({
      by: ['tier'],
      where: { retiredAt: null, ...(membership && { memberships: { has: membership } }) },
      _count: { _all: true },
    }),
    targetsOf(year),
    targetsOf(previousYear),
    prisma.college.findMany({
      where: college ? { id: college } : { retiredAt: null },
      orderBy: { code: 'asc' },
      select: { id: true, code: true, nameZh: true, nameEn: true },
    }),
    fundFigures(year, college),
  ])

  if (college && !colleges.length) throw new Response('Not found', { status: 404 })
  const byCollege = now.filter((r) => r.set === 0)
  const places = now.filter((r) => r.set === 1)
  // Rows without a partner have no tier: they are left out. Belt and Road counts every trip by its destination.
  const tiers = now.filter((r) => r.set === 2 && r.tier !== null)
  const beltAndRoad = [now.filter((r) => r.set === 3), before.filter((r) => r.set === 1)]
  const previousByTarget = before.filter((r) => r.set === 0)

  const current = zeroCounts()
  const perCollege = new Map<string, TargetCounts>()
  for (const r of byCollege) {
    const kind = r.target as keyof TargetCounts
    current[kind] += r.n
    const counts = perCollege.get(r.college as string) ?? zeroCounts()
    counts[kind] += r.n
    perCollege.set(r.college as string, counts)
  }
  const previous = zeroCounts()
  for (const r of previousByTarget) previous[r.target as keyof TargetCounts] += r.n

  const scopeKey = college ?? UNIVERSITY_SCOPE
  const headline = trackedTargetKinds.map((kind) => ({
    kind,
    count: current[kind],
    previous: previous[kind],
    target: targets.get(scopeKey)?.[kind] ?? null,
    previousTarget: previousTargets.get(scopeKey)?.[kind] ?? null,
  }))

  // Colleges with mobilities but retired since still show (the office asked where people went).
  const retired = [...perCollege.keys()].filter((id) => !colleges.some((c) => c.id === id))
  const collegeRows = [
    ...colleges,
    ...(retired.length
      ? await prisma.college.findMany({ where: { id: { in: retired } }, select: { id: true, code: true, nameZh: true, nameEn: true } })
      : []),
  ].map((c) => ({ ...c, counts: perCollege.get(c.id) ?? zeroCounts(), targets: targets.get(c.id) ?? {} }))

  const regions = new Map<string, { region: string; count: number; countries: { code: string; zh: string; en: string; count: number }[] }>()
  // Trips without a partner, per conferenceCountryKey: typed variants of one country fall together.
  const withoutPartner = new Map<string, number>()
  for (const r of places) {
    if (r.region === null) {
      const key = conferenceCountryKey(r.conferenceCountry as string)
      withoutPartner.set(key, (withoutPartner.get(key) ?? 0) + r.n)
      continue
    }
    const entry = regions.get(r.region as string) ?? { region: r.region as string, count: 0, countries: [] }
    entry.count += r.n
    entry.countries.push({ code: r.country as string, zh: r.countryZh as string, en: r.countryEn as string, count: r.n })
    regions.set(entry.region, entry)
  }
  const byCount = <T extends { count: number }>(a: T, b: T) => b.count - a.count

  const [briNow, briBefore] = beltAndRoad.map((rows) => ({
    count: rows.find((r) => r.beltAndRoad === true)?.n ?? 0,
    total: rows.reduce((sum, r) => sum + r.n, 0),
  }))

  return {
    year,
    previousYear,
    college: college ? (colleges[0] ?? null) : null,
    membership: membership ?? null,
    total: { count: Object.values(current).reduce((a, b) => a + b, 0), previous: Object.values(previous).reduce((a, b) => a + b, 0) },
    headline,
    /** Graduates' exchanges: mobilities, but toward no target. */
    untargeted: { count: current.none, previous: previous.none },
    facultyTarget: targets.get(scopeKey)?.faculty_abroad ?? null,
    colleges: collegeRows,
    regions: [...regions.values()].sort(byCount).map((r) => ({ ...r, countries: r.countries.sort(byCount) })),
    /** `country`: a code, a typed text or NO_COUNTRY (conferenceCountryKey), the drill-down's filter value too. */
    withoutPartner: [...withoutPartner].map(([country, count]) => ({ country, count })).sort(byCount),
    tiers: partnerTiers.map((tier) => {
      const row = tiers.find((r) => r.tier === tier)
      return {
        tier,
        plan: tierPlan[tier],
        partners: tierSizes.find((s) => s.tier === tier)?._count._all ?? 0,
        covered: row?.covered ?? 0,
        mobilities: row?.n ?? 0,
      }
    }),
    beltAndRoad: { ...briNow, previous: briBefore },
    funds,
  }
}

export type DashboardFigures = Awaited<ReturnType<typeof dashboardFigures>>

/**
 * The year's funds with the money used (app/models/fund-usage.server.ts, the admin's fund pages'
 * figure too) against the budget, or for one college against its allocation.
 */
async function fundFigures(year: string, college?: string) {
  const funds = await prisma.fund.findMany({
    where: { academicYear: year },
    orderBy: { nameEn: 'asc' },
    select: {
      id: true,
      nameZh: true,
      nameEn: true,
      budgetFen: true,
      allocations: college ? { where: { collegeId: college }, select: { amountFen: true } } : false,
    },
  })
  const usage = await fundsUsage(
    prisma,
    funds.map((f) => f.id),
  )
  return funds.map((f) => ({
    id: f.id,
    nameZh: f.nameZh,
    nameEn: f.nameEn,
    // A college measures against its allocation (none: no budget of its own), the university the fund.
    budgetFen: college ? (f.allocations?.[0] ? Number(f.allocations[0].amountFen) : null) : Number(f.budgetFen),
    usedFen: usedBy(usage.get(f.id)!, college),
  }))
}

// ---- the drill-down -------------------------------------------------------------------------------

/**
 * One page of the applications behind a figure that the viewer may open, newest decision first.
 * `total` is the figure; `withheld` of it are not listed (the viewer's own applications and those
 * they declared a conflict of interest on).
 */
export async function drillDown(filter: MobilityFilter, page: number, viewer: Actor) {
  const [where, access] = await Promise.all([condition(filter, APPLICATIONS), accessFor(viewer)])
  const listed = sql`${where} AND ${access.sql('staff')}`
  const [ids, [{ total, open }]] = await Promise.all([
    prisma.$queryRaw<{ id: string }[]>`
      SELECT a.id ${APPLICATIONS.from} WHERE ${listed}
      ORDER BY a."statusChangedAt" DESC, a.id
      LIMIT ${DRILL_DOWN_PAGE_SIZE} OFFSET ${(page - 1) * DRILL_DOWN_PAGE_SIZE}`,
    prisma.$queryRaw<{ total: number; open: number }[]>`
      SELECT count(*)::int AS total, (count(*) FILTER (WHERE ${access.sql('staff')}))::int AS open ${APPLICATIONS.from} WHERE ${where}`,
  ])
  const rows = await prisma.application.findMany({
    where: { AND: [{ id: { in: ids.map((r) => r.id) } }, access.where('staff')] },
    select: {
      id: true,
      kind: true,
      status: true,
      academicYear: true,
      statusChangedAt: true,
      applicant: { select: { nameZh: true, nameEn: true, studentNumber: true, level: true } },
      college: { select: { nameZh: true, nameEn: true } },
      program: { select: { titleZh: true, titleEn: true, partner: { select: { nameZh: true, nameEn: true } } } },
    },
  })
  const order = new Map(ids.map((r, i) => [r.id, i]))
  return {
    rows: rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!),
    total,
    withheld: total - open,
    page,
    pages: Math.max(1, Math.ceil(open / DRILL_DOWN_PAGE_SIZE)),
  }
}

/** What a fund drill-down's heading shows as used (of one college when the filter names one). */
export function drillDownFundUsed(fundId: string, collegeId?: string): Promise<number> {
  return fundUsedFen(prisma, fundId, collegeId)
}

/** The names a drill-down's heading shows for the ids in its filter. */
export async function filterLabels(filter: MobilityFilter) {
  const [college, fund] = await Promise.all([
    filter.college ? prisma.college.findUnique({ where: { id: filter.college }, select: { nameZh: true, nameEn: true } }) : null,
    filter.fund ? prisma.fund.findUnique({ where: { id: filter.fund }, select: { nameZh: true, nameEn: true } }) : null,
  ])
  return { college, fund }
}

/** Academic years worth choosing: those with programs or targets, and the current one. */
async function dashboardYears(current: string): Promise<string[]> {
  const [programs, targets] = await Promise.all([
    prisma.program.findMany({ distinct: ['academicYear'], select: { academicYear: true } }),
    prisma.target.findMany({ distinct: ['academicYear'], select: { academicYear: true } }),
  ])
  const years = new Set([
    current,
    previousAcademicYear(current),
    ...programs.map((p) => p.academicYear),
    ...targets.map((t) => t.academicYear),
  ])
  return [...years].sort().reverse()
}

/**
 * The dashboard page's data: the scope the viewer asked for and may see, its figures, the years
 * to choose from and, for those who see every college, the colleges to choose from.
 */
export async function dashboardPageData(request: Request) {
  const { scope, everyCollege } = await dashboardScope(request)
  const [figures, years, colleges, cost, credits] = await Promise.all([
    dashboardFigures(scope),
    dashboardYears(academicYearOf(new Date())),
    everyCollege ? activeColleges() : Promise.resolve([]),
    // Cost per mobility and the university's share (ADR 0024), of the colleges in scope.
    costPerMobility(scope.year, scope.college ? [scope.college] : null),
    // Credits planned and recognised per college (decision 26).
    creditFigures(scope),
  ])
  return { figures, years, colleges, everyCollege, cost, credits }
}

export type DashboardPageData = Awaited<ReturnType<typeof dashboardPageData>>
