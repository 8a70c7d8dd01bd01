// Benchmark 6: a cohort of 5,000 students imported from CSV by an administrator, into the seeded
// database (20,000 students already there): the preview (upload checked, file staged in S3) and
// the confirmation the admin waits for (the file read back and checked again, then accounts,
// audit events, invitation tokens and invitation emails in the outbox, in one transaction),
// against Prisma's createMany of the same 5,000 accounts alone, in the same process.
import { formatCsv } from '../app/domain/import/csv'
import { round, type BenchResult } from './lib/results'

const STUDENTS = 5000

/** Wall seconds and this process's CPU seconds of `run`. */
async function timed<T>(run: () => Promise<T>): Promise<{ result: T; seconds: number; cpuSeconds: number }> {
  const cpu = process.cpuUsage()
  const started = performance.now()
  const result = await run()
  const { user, system } = process.cpuUsage(cpu)
  return { result, seconds: (performance.now() - started) / 1000, cpuSeconds: (user + system) / 1e6 }
}

export async function benchImport(): Promise<BenchResult> {
  // App modules read process.env once, when first loaded: the caller has set it.
  const [{ prisma }, { toSessionUser }, { previewImport, confirmImport }] = await Promise.all([
    import('../app/lib/db.server'),
    import('../app/lib/auth.server'),
    import('../app/models/import.server'),
  ])
  const admin = toSessionUser(await prisma.user.findUniqueOrThrow({ where: { email: 'admin@demo.edu.cn' } }))
  const colleges = await prisma.college.findMany({ where: { retiredAt: null }, select: { id: true, code: true }, orderBy: { code: 'asc' } })
  const student = (prefix: string, i: number) => {
    const college = colleges[i % colleges.length]
    const n = String(i).padStart(6, '0')
    return {
      studentNumber: `${prefix}2027${n}`,
      nameZh: `新生${n}`,
      nameEn: `FRESHMAN No`,
      email: `${prefix.toLowerCase()}.${n}@cohort.example.edu.cn`,
      college,
      locale: i % 4 ? 'zh-CN' : 'en',
    }
  }

  // Baseline: the bare accounts through Prisma, no checks, audit, tokens or emails; then removed.
  const bare = Array.from({ length: STUDENTS }, (_, i) => student('X', i))
  const baseline = await timed(() =>
    prisma.user.createMany({
      data: bare.map((s) => ({
        email: s.email,
        passwordHash: '!invited',
        nameZh: s.nameZh,
        nameEn: s.nameEn,
        roles: ['student' as const],
        collegeId: s.college.id,
        studentNumber: s.studentNumber,
        level: 'undergraduate' as const,
        locale: s.locale === 'en' ? ('en' as const) : ('zh_CN' as const),
      })),
    }),
  )
  await prisma.user.deleteMany({ where: { email: { startsWith: 'x.', endsWith: '@cohort.example.edu.cn' } } })

  const cohort = Array.from({ length: STUDENTS }, (_, i) => student('I', i))
  const header = ['学号', '中文姓名', '英文姓名', '电子邮箱', '学院代码', '学生类别', '邮件语言']
  const bytes = Buffer.from(
    formatCsv([header, ...cohort.map((s) => [s.studentNumber, s.nameZh, s.nameEn, s.email, s.college.code, '本科生', s.locale])]),
    'utf8',
  )
  const since = new Date()
  const preview = await timed(() => previewImport({ user: admin, kind: 'students', bytes }))
  if (!preview.result.ok) throw new Error(`import file refused: ${JSON.stringify(preview.result.issues)}`)
  if (preview.result.preview.bad)
    throw new Error(
      `${preview.result.preview.bad} rows refused: ${JSON.stringify(preview.result.preview.rows.find((r) => r.issues.length))}`,
    )
  const { uploadId } = preview.result
  const confirm = await timed(() =>
    confirmImport({ user: admin, kind: 'students', uploadId, fileName: 'cohort.csv', mode: 'all', expectedGood: STUDENTS }),
  )
  if (confirm.result.status !== 'imported') throw new Error(`import not written: ${JSON.stringify(confirm.result).slice(0, 500)}`)

  const [invitations, invited, audited] = await Promise.all([
    prisma.outboxMessage.count({ where: { template: 'account-invitation', createdAt: { gte: since } } }),
    prisma.outboxMessage.groupBy({ by: ['toAddress'], where: { template: 'account-invitation', createdAt: { gte: since } } }),
    prisma.auditEvent.count({ where: { action: 'user.import', at: { gte: since } } }),
  ])
  const ratio = confirm.seconds / baseline.seconds
  const complete = confirm.result.created === STUDENTS && invitations === STUDENTS && invited.length === STUDENTS && audited === STUDENTS

  return {
    id: 'import',
    title: `Import of ${STUDENTS.toLocaleString('en')} students from CSV (confirmation)`,
    goal: '≤ 1× a bare createMany of the same accounts; each student invited once',
    met: ratio <= 1 && complete,
    measured: `${round(confirm.seconds)} s to confirm (${round(ratio)}× bare), ${round(confirm.cpuSeconds)} CPU s; ${invitations} invitations to ${invited.length} addresses; preview ${round(preview.seconds)} s`,
    baseline: `${round(baseline.seconds)} s, ${round(baseline.cpuSeconds)} CPU s: Prisma createMany of the ${STUDENTS.toLocaleString('en')} accounts alone`,
    details: {
      students: STUDENTS,
      previewSeconds: round(preview.seconds, 3),
      confirmSeconds: round(confirm.seconds, 3),
      baselineSeconds: round(baseline.seconds, 3),
      ratio: round(ratio, 3),
      cpuSeconds: { preview: round(preview.cpuSeconds), confirm: round(confirm.cpuSeconds), baseline: round(baseline.cpuSeconds) },
      created: confirm.result.created,
      invitations,
      invitedAddresses: invited.length,
      auditEvents: audited,
    },
    notes:
      'Once each, in one process against the seeded database. The confirmation reads the staged file back from S3 and checks every row again before writing accounts, audit events, invitation tokens and emails; the baseline writes only the accounts. CPU seconds are this process’s (PostgreSQL’s are not counted).',
  }
}
