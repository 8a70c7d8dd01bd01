// Demo history for the policy dashboard: last academic year's programs, completed mobilities and
// targets (so "this year against last year" shows something), and this year's targets split per
// college. Runs after seed() has made the colleges, partners, funds and this year's applications.
import { academicYearBounds, academicYearOf } from '../app/domain/academic-year'
import { previousAcademicYear, UNIVERSITY_SCOPE, type TargetKind } from '../app/domain/policy'
import type { Prisma, PrismaClient } from '../app/generated/prisma/client'
import { createApplication, createProgram, createStudent } from '../tests/factories'
import { partners } from './seed-data'

type Level = 'undergraduate' | 'master' | 'doctoral'
type ProgramKey = 'tum' | 'opole' | 'nus' | 'msu' | 'conference' | 'kazan'

/** Last year's mobilities: college, level, program, and for conferences where they took place. */
const pastMobilities: {
  college: string
  level: Level
  program: ProgramKey
  status: 'completed' | 'approved'
  city?: string
  country?: string
}[] = [
  { college: 'CS', level: 'undergraduate', program: 'tum', status: 'completed' },
  { college: 'CS', level: 'undergraduate', program: 'nus', status: 'completed' },
  { college: 'EE', level: 'undergraduate', program: 'opole', status: 'completed' },
  { college: 'SEM', level: 'undergraduate', program: 'opole', status: 'completed' },
  { college: 'FL', level: 'undergraduate', program: 'kazan', status: 'completed' },
  { college: 'PHYS', level: 'undergraduate', program: 'tum', status: 'completed' },
  { college: 'PHYS', level: 'doctoral', program: 'msu', status: 'completed' },
  { college: 'MSE', level: 'doctoral', program: 'msu', status: 'approved' },
  { college: 'CS', level: 'master', program: 'conference', status: 'completed', city: 'Vancouver', country: 'Canada' },
  { college: 'PHYS', level: 'doctoral', program: 'conference', status: 'completed', city: 'Kyoto', country: 'Japan' },
  { college: 'EE', level: 'master', program: 'conference', status: 'completed', city: 'Vienna', country: 'Austria' },
  { college: 'CS', level: 'master', program: 'tum', status: 'completed' },
  // A conference in a Belt and Road country, typed in Chinese: counts as Belt and Road without a partner.
  { college: 'EE', level: 'doctoral', program: 'conference', status: 'completed', city: 'Warsaw', country: '波兰' },
]

const pastNames = ['孙悦', '马骁', '朱琳', '胡斌', '郭蕾', '何川', '高远', '林溪', '罗佳', '梁晨', '宋然', '郑凯', '谢宁']

// Targets per college: [undergraduate_abroad, graduate_joint_training, graduate_conference].
const collegeSplit: Record<string, [number, number, number]> = {
  CS: [120, 25, 50],
  EE: [90, 20, 40],
  ME: [70, 15, 25],
  MSE: [50, 20, 30],
  PHYS: [40, 20, 35],
  SEM: [90, 5, 15],
  FL: [110, 5, 10],
}

export async function seedHistory(db: PrismaClient) {
  const year = academicYearOf(new Date())
  const lastYear = previousAcademicYear(year)
  const { start, end } = academicYearBounds(lastYear)
  const collegeIds = new Map((await db.college.findMany()).map((c) => [c.code, c.id]))
  const partnerIds = new Map<string, string>()
  for (const p of partners) {
    const row = await db.partnerInstitution.findFirst({ where: { nameEn: p.nameEn } })
    if (row) partnerIds.set(p.key, row.id)
  }
  // This year's seeded applications carry complete answers of each kind; last year's reuse them.
  const sample = async (kind: 'exchange' | 'joint_training' | 'conference') =>
    (await db.application.findFirstOrThrow({ where: { kind, academicYear: year, status: { not: 'draft' } } })).details as Prisma.JsonObject

  const at = (days: number) => new Date(start.getTime() + days * 86_400_000)
  const program = (
    kind: 'exchange' | 'joint_training' | 'conference',
    key: string | null,
    titleZh: string,
    titleEn: string,
    levels: Level[],
  ) =>
    createProgram(db, {
      kind,
      partnerId: key ? partnerIds.get(key) : null,
      academicYear: lastYear,
      titleZh,
      titleEn,
      levels,
      quota: null,
      opensAt: at(0),
      closesAt: at(60),
    })
  const programs: Record<ProgramKey, Awaited<ReturnType<typeof program>>> = {
    tum: await program('exchange', 'tum', `慕尼黑工业大学 ${lastYear} 学年交换`, `TU Munich exchange ${lastYear}`, [
      'undergraduate',
      'master',
    ]),
    opole: await program('exchange', 'opole', `奥波莱大学 ${lastYear} 夏季学校`, `University of Opole summer school ${lastYear}`, [
      'undergraduate',
    ]),
    nus: await program('exchange', 'nus', `新加坡国立大学 ${lastYear} 学年交换`, `NUS exchange ${lastYear}`, ['undergraduate']),
    kazan: await program(
      'exchange',
      'kazan',
      `喀山联邦大学 ${lastYear} 俄语短期项目`,
      `Kazan Federal University Russian language programme ${lastYear}`,
      ['undergraduate'],
    ),
    msu: await program(
      'joint_training',
      'msu',
      `莫斯科国立大学 ${lastYear} 研究生联合培养`,
      `Joint training at Moscow State University ${lastYear}`,
      ['master', 'doctoral'],
    ),
    conference: await program(
      'conference',
      null,
      `${lastYear} 学年研究生参加国际学术会议资助`,
      `Graduate conference travel funding ${lastYear}`,
      ['master', 'doctoral'],
    ),
  }
  const samples = {
    exchange: await sample('exchange'),
    joint_training: await sample('joint_training'),
    conference: await sample('conference'),
  }
  const startYear = Number(lastYear.slice(0, 4))
  const dates = {
    exchange: { startDate: `${startYear + 1}-02-23`, endDate: `${startYear + 1}-07-10` },
    joint_training: { startDate: `${startYear}-10-08`, endDate: `${startYear + 1}-08-31` },
    conference: { startDate: `${startYear + 1}-05-11`, endDate: `${startYear + 1}-05-15` },
  }

  for (const [i, m] of pastMobilities.entries()) {
    const p = programs[m.program]
    const student = await createStudent(db, {
      collegeId: collegeIds.get(m.college)!,
      level: m.level,
      nameZh: pastNames[i],
      nameEn: `Alumnus ${i + 1}`,
      studentNumber: `${startYear}9${String(i + 1).padStart(4, '0')}`,
    })
    await createApplication(db, {
      applicantId: student.id,
      programId: p.id,
      status: m.status,
      details: { ...samples[p.kind], programId: p.id, ...dates[p.kind], ...(m.country && { city: m.city, country: m.country }) },
      submittedAt: at(20 + i),
      statusChangedAt: m.status === 'completed' ? new Date(end.getTime() - (30 + i) * 86_400_000) : at(50 + i),
    })
  }

  const kinds: TargetKind[] = ['undergraduate_abroad', 'graduate_joint_training', 'graduate_conference']
  const split = (academicYear: string, scale: number) =>
    Object.entries(collegeSplit).flatMap(([code, counts]) =>
      kinds.map((kind, k) => ({
        academicYear,
        kind,
        collegeId: collegeIds.get(code)!,
        scopeKey: collegeIds.get(code)!,
        count: Math.round(counts[k] * scale),
      })),
    )
  await db.target.createMany({
    data: [
      { academicYear: lastYear, kind: 'undergraduate_abroad', scopeKey: UNIVERSITY_SCOPE, count: 700 },
      { academicYear: lastYear, kind: 'graduate_joint_training', scopeKey: UNIVERSITY_SCOPE, count: 120 },
      { academicYear: lastYear, kind: 'graduate_conference', scopeKey: UNIVERSITY_SCOPE, count: 250 },
      ...split(lastYear, 0.8),
      ...split(year, 1),
    ],
  })
}
