// The benchmark database: the demo seed (accounts to sign in with, colleges, partners, programs,
// funds), then bulk rows made by PostgreSQL itself with generate_series: 20,000 students,
// 100,000 applications and 100,000 awards (times `scale`: the scale benchmark seeds 10× as well),
// with programs, funds and allocations over three academic years so that filters and aggregates
// select real subsets. Seeded random, so every run gets the same data. The bulk tables' secondary
// indexes are dropped for the inserts and made again after them: building an index once is
// several times cheaper than keeping it up to date row by row (the trigram index above all).
import pg from 'pg'
import { academicYearOf } from '../../app/domain/academic-year'
import { prepareDatabase } from '../../scripts/lib/prepare-database'

const SEED_COUNTS = { students: 20_000, applications: 100_000, awards: 100_000 }
const BULK_TABLES = ['User', 'Application', 'Award', 'Instalment']

export async function seedBenchDatabase(databaseUrl: string, scale = 1) {
  await prepareDatabase(databaseUrl)
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const start = Number(academicYearOf(new Date()).slice(0, 4))
    const years = [start - 2, start - 1, start].map((y) => `${y}-${y + 1}`)
    await client.query('BEGIN')
    await client.query('SELECT setseed(0.42)')
    // Secondary indexes only: primary keys and unique constraints are kept (they are constraints).
    const { rows: indexes } = await client.query<{ name: string; definition: string }>(
      `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
       WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      [BULK_TABLES],
    )
    for (const { name } of indexes) await client.query(`DROP INDEX "${name}"`)
    for (const statement of bulkSql(years, scale)) await client.query(statement)
    await client.query(`SET LOCAL maintenance_work_mem = '256MB'`)
    for (const { definition } of indexes) await client.query(definition)
    await client.query('COMMIT')
    await client.query('VACUUM ANALYZE')
    const { rows } = await client.query<{ students: number; applications: number; awards: number }>(`
      SELECT (SELECT count(*)::int FROM "User" WHERE 'student' = ANY(roles)) AS students,
             (SELECT count(*)::int FROM "Application") AS applications,
             (SELECT count(*)::int FROM "Award") AS awards`)
    return rows[0]
  } finally {
    await client.end()
  }
}

const surnames = [
  ['王', 'WANG'],
  ['李', 'LI'],
  ['张', 'ZHANG'],
  ['刘', 'LIU'],
  ['陈', 'CHEN'],
  ['杨', 'YANG'],
  ['赵', 'ZHAO'],
  ['黄', 'HUANG'],
  ['周', 'ZHOU'],
  ['吴', 'WU'],
  ['徐', 'XU'],
  ['孙', 'SUN'],
  ['胡', 'HU'],
  ['朱', 'ZHU'],
  ['高', 'GAO'],
  ['林', 'LIN'],
  ['何', 'HE'],
  ['郭', 'GUO'],
  ['马', 'MA'],
  ['罗', 'LUO'],
]
const givens = [
  ['伟', 'Wei'],
  ['芳', 'Fang'],
  ['娜', 'Na'],
  ['敏', 'Min'],
  ['静', 'Jing'],
  ['丽', 'Li'],
  ['强', 'Qiang'],
  ['磊', 'Lei'],
  ['军', 'Jun'],
  ['洋', 'Yang'],
  ['勇', 'Yong'],
  ['艳', 'Yan'],
  ['杰', 'Jie'],
  ['涛', 'Tao'],
  ['明', 'Ming'],
  ['超', 'Chao'],
  ['秀', 'Xiu'],
  ['霞', 'Xia'],
  ['平', 'Ping'],
  ['刚', 'Gang'],
  ['桂', 'Gui'],
  ['华', 'Hua'],
  ['辉', 'Hui'],
  ['鑫', 'Xin'],
  ['宇', 'Yu'],
  ['浩', 'Hao'],
  ['婷', 'Ting'],
  ['雪', 'Xue'],
  ['晨', 'Chen'],
  ['博', 'Bo'],
]
const sqlArray = (values: string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(',')}]`

// Weighted picks: a uniform random number against cumulative thresholds.
function weighted(column: string, choices: [string, number][], type: string) {
  let sum = 0
  const whens = choices.map(([value, weight]) => `WHEN ${column} < ${(sum += weight).toFixed(3)} THEN '${value}'::"${type}"`)
  return `CASE ${whens.slice(0, -1).join(' ')} ELSE '${choices.at(-1)![0]}'::"${type}" END`
}

function bulkSql(years: string[], scale: number): string[] {
  const [students, applications, awards] = [SEED_COUNTS.students, SEED_COUNTS.applications, SEED_COUNTS.awards].map((n) => n * scale)
  const yearArray = sqlArray(years)
  return [
    // Five more colleges (the demo has fifteen).
    `INSERT INTO "College" (id, code, "nameZh", "nameEn")
     SELECT 'bcollege' || lpad(i::text, 4, '0'), 'B' || i, '基准学院' || i, 'Bench College ' || i FROM generate_series(1, 5) i`,
    `INSERT INTO "PartnerInstitution" (id, "nameZh", "nameEn", "countryCode", "countryZh", "countryEn", region, tier, "beltAndRoad")
     SELECT 'bpartner' || lpad(i::text, 4, '0'), '合作大学' || i, 'Partner University ' || i,
            (ARRAY['DE','FR','GB','US','JP','SG','AU','RU','PL','IT'])[1 + i % 10], '国家' || i % 10, 'Country ' || i % 10,
            (ARRAY['europe','europe','europe','north_america','asia','asia','oceania','europe','europe','europe'])[1 + i % 10],
            (ARRAY['comprehensive','close','general','general'])[1 + i % 4]::"PartnerTier", i % 3 = 0
     FROM generate_series(1, 200) i`,
    // One fund per academic year and purpose, allocated to every college.
    `INSERT INTO "Fund" (id, "academicYear", "nameZh", "nameEn", purpose, "budgetFen", "perPersonCapFen", kinds)
     SELECT 'bfund' || y || p, (${yearArray})[y], '专项经费' || y || '-' || p, 'Fund ' || (${yearArray})[y] || ' #' || p,
            (ARRAY['exchange_scholarship','joint_training_fund','conference_travel','csc_top_up'])[p]::"FundPurpose",
            (50000000 + p * 10000000)::bigint * 100, 5000000,
            CASE p WHEN 1 THEN ARRAY['exchange'] WHEN 2 THEN ARRAY['joint_training'] WHEN 3 THEN ARRAY['conference'] ELSE ARRAY['exchange','joint_training'] END::"ProgramKind"[]
     FROM generate_series(1, 3) y, generate_series(1, 4) p`,
    `INSERT INTO "FundAllocation" (id, "fundId", "collegeId", "amountFen")
     SELECT 'balloc' || f.id || c.id, f.id, c.id, f."budgetFen" / 25 FROM "Fund" f, "College" c WHERE f.id LIKE 'bfund%'`,
    // 300 programs: a third of each kind, a hundred per year; conference ones have no partner.
    `INSERT INTO "Program" (id, kind, "partnerId", "academicYear", "titleZh", "titleEn", levels, quota, "opensAt", "closesAt", "fundId", "updatedAt")
     SELECT 'bprogram' || lpad(i::text, 4, '0'), k.kind,
            CASE WHEN k.kind = 'conference' THEN NULL ELSE 'bpartner' || lpad((1 + i % 200)::text, 4, '0') END,
            (${yearArray})[1 + i % 3], '项目' || i, 'Program ' || i,
            ARRAY['undergraduate','master','doctoral']::"StudentLevel"[], CASE WHEN i % 4 = 0 THEN NULL ELSE 5 + i % 20 END,
            now() - interval '400 days' + (i % 3) * interval '120 days', now() - interval '300 days' + (i % 3) * interval '150 days' + i * interval '1 hour',
            'bfund' || (1 + i % 3) || (CASE k.kind WHEN 'exchange' THEN 1 WHEN 'joint_training' THEN 2 ELSE 3 END), now()
     FROM generate_series(1, 300) i
     CROSS JOIN LATERAL (SELECT (ARRAY['exchange','joint_training','conference'])[1 + i % 3]::"ProgramKind" AS kind) k`,
    `CREATE TEMP TABLE bench_college AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id FROM "College"`,
    `INSERT INTO "User" (id, email, "passwordHash", "nameZh", "nameEn", roles, "collegeId", "studentNumber", level, locale, "updatedAt")
     SELECT 'bstudent' || lpad(i::text, 6, '0'), 'bench.student' || i || '@bench.edu.cn', 'not-a-password-hash',
            (${sqlArray(surnames.map((s) => s[0]))})[1 + i % ${surnames.length}] || (${sqlArray(givens.map((g) => g[0]))})[1 + (i / 7) % ${givens.length}] || (${sqlArray(givens.map((g) => g[0]))})[1 + (i / 211) % ${givens.length}],
            (${sqlArray(surnames.map((s) => s[1]))})[1 + i % ${surnames.length}] || ' ' || (${sqlArray(givens.map((g) => g[1]))})[1 + (i / 7) % ${givens.length}] || lower((${sqlArray(givens.map((g) => g[1]))})[1 + (i / 211) % ${givens.length}]),
            ARRAY['student']::"Role"[], c.id, 'B' || lpad(i::text, 9, '0'),
            (ARRAY['undergraduate','undergraduate','master','doctoral'])[1 + i % 4]::"StudentLevel",
            CASE WHEN i % 5 = 0 THEN 'en' ELSE 'zh_CN' END::"Locale", now()
     FROM generate_series(1, ${students}) i JOIN bench_college c ON c.n = i % 20`,
    `CREATE TEMP TABLE bench_student AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id, "collegeId" FROM "User" WHERE id LIKE 'bstudent%'`,
    `CREATE TEMP TABLE bench_program AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id, kind, "academicYear" FROM "Program" WHERE id LIKE 'bprogram%'`,
    `INSERT INTO "Application" (id, kind, "programId", "applicantId", "collegeId", "academicYear", status, details, "requestedFen", "submittedAt", "statusChangedAt", "createdAt", "updatedAt")
     SELECT 'bapp' || lpad(i::text, 7, '0'), p.kind, p.id, s.id, s."collegeId", p."academicYear",
            ${weighted(
              'r.status',
              [
                ['draft', 0.1],
                ['submitted', 0.15],
                ['changes_requested', 0.05],
                ['college_endorsed', 0.15],
                ['funding_check', 0.05],
                ['approved', 0.2],
                ['waitlisted', 0.03],
                ['rejected', 0.1],
                ['withdrawn', 0.04],
                ['cancelled', 0.03],
                ['completed', 0.1],
              ],
              'ApplicationStatus',
            )},
            '{}', CASE WHEN p.kind = 'exchange' THEN NULL ELSE (500000 + floor(r.money * 4500000))::int END,
            now() - r.age * interval '400 days', now() - r.age * r.status * interval '400 days',
            now() - r.age * interval '400 days', now()
     FROM generate_series(1, ${applications}) i
     CROSS JOIN LATERAL (SELECT random() AS status, random() AS money, random() AS age, floor(random() * ${students})::int AS student, floor(random() * 300)::int AS program, i AS _) r
     JOIN bench_student s ON s.n = r.student JOIN bench_program p ON p.n = r.program`,
    // Drafts were never submitted.
    `UPDATE "Application" SET "submittedAt" = NULL WHERE status = 'draft' AND id LIKE 'bapp%'`,
    // An award for each application past the college (its program's fund), then top-ups from
    // another fund of the year for approved and completed ones up to the total.
    `CREATE TEMP TABLE bench_award_app AS
     SELECT a.id, a."collegeId", p."fundId", a."createdAt", 0 AS topup FROM "Application" a JOIN "Program" p ON p.id = a."programId"
     WHERE a.id LIKE 'bapp%' AND a.status NOT IN ('draft', 'submitted', 'changes_requested', 'college_endorsed')`,
    `INSERT INTO bench_award_app
     SELECT a.id, a."collegeId", 'bfund' || substr(p."fundId", 6, 1) || '4', a."createdAt", 1 FROM "Application" a JOIN "Program" p ON p.id = a."programId"
     WHERE a.id LIKE 'bapp%' AND a.status IN ('approved', 'completed', 'funding_check')
     ORDER BY a.id LIMIT greatest(0, ${awards} - (SELECT count(*) FROM bench_award_app))`,
    `INSERT INTO bench_award_app
     SELECT a.id, a."collegeId", p."fundId", a."createdAt", 2 FROM "Application" a JOIN "Program" p ON p.id = a."programId"
     WHERE a.id LIKE 'bapp%' AND a.status IN ('submitted', 'college_endorsed')
     ORDER BY a.id LIMIT greatest(0, ${awards} - (SELECT count(*) FROM bench_award_app))`,
    `INSERT INTO "Award" (id, "applicationId", "fundId", "collegeId", status, "requestedFen", "approvedFen", "paidFen", "releasedFen", "paidAt", "createdAt", "updatedAt")
     SELECT 'baward' || lpad(row_number() OVER (ORDER BY b.id, b.topup)::text, 7, '0'), b.id, b."fundId", b."collegeId", m.status,
            m.requested,
            CASE WHEN m.status = 'proposed' THEN 0 ELSE m.requested * 8 / 10 END,
            CASE WHEN m.status = 'paid' THEN m.requested * 7 / 10 ELSE 0 END,
            CASE WHEN m.status = 'released' THEN m.requested * 8 / 10 ELSE 0 END,
            CASE WHEN m.status = 'paid' THEN b."createdAt" + interval '60 days' END, b."createdAt", now()
     FROM bench_award_app b
     CROSS JOIN LATERAL (SELECT ${weighted(
       'r',
       [
         ['proposed', 0.15],
         ['committed', 0.35],
         ['paid', 0.35],
         ['released', 0.15],
       ],
       'AwardStatus',
     )} AS status,
                                (100000 + floor(random() * 4900000))::int AS requested
                         FROM (SELECT random() AS r, b.id AS _) x) m`,
    // Instalments (ADR 0024): half the committed awards have the first of four quarterly
    // instalments paid (the award stays committed for the rest); a paid award's payment is its
    // first instalment, the others stopped; a released award's schedule stopped.
    `UPDATE "Award" SET "paidFen" = "approvedFen" / 4 + "approvedFen" % 4
     WHERE id LIKE 'baward%' AND status = 'committed' AND right(id, 1) IN ('0', '2', '4', '6', '8')`,
    `INSERT INTO "Instalment" (id, "awardId", seq, "dueOn", "amountFen", status, "paidFen", "voucherNumber", "paidOn", "updatedAt")
     SELECT a.id || '-' || g.seq, a.id, g.seq, (a."createdAt" + (g.seq - 1) * interval '3 months')::date,
            a."approvedFen" / 4 + CASE WHEN g.seq = 1 THEN a."approvedFen" % 4 ELSE 0 END,
            (CASE WHEN g.seq = 1 AND a."paidFen" > 0 THEN 'paid' WHEN a.status = 'committed' THEN 'planned' ELSE 'stopped' END)::"InstalmentStatus",
            CASE WHEN g.seq = 1 THEN a."paidFen" ELSE 0 END,
            CASE WHEN g.seq = 1 AND a."paidFen" > 0 THEN 'PZ-' || a.id END,
            CASE WHEN g.seq = 1 AND a."paidFen" > 0 THEN (a."createdAt" + interval '60 days')::date END,
            now()
     FROM "Award" a CROSS JOIN generate_series(1, 4) AS g(seq)
     WHERE a.id LIKE 'baward%' AND a.status <> 'proposed'`,
  ]
}
