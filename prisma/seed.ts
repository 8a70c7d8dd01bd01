// Demo data: run by `npm run dev` on first start (and by `npm run reset`), or `npm run db:seed`.
import { academicYearBounds, academicYearOf } from '../app/domain/academic-year'
import { addDays, shanghaiDate, shanghaiNoon } from '../app/domain/dates'
import { requestedTotalFen } from '../app/domain/money'
import type { Prisma, PrismaClient } from '../app/generated/prisma/client'
import { proposeAward, recordMovement } from '../app/models/awards.server'
import { openStay } from '../app/models/stay-record.server'
import { createApplication, createProgram, demoPasswordHash } from '../tests/factories'
import { colleges, demoAccounts, demoStudentRecords, partners } from './seed-data'
import { seedHistory } from './seed-history'
import { checklist } from '../app/domain/documents'

const DAY = 24 * 3600 * 1000
const yuan = (n: number) => n * 100

export async function seed(db: PrismaClient) {
  const now = Date.now()
  const year = academicYearOf(new Date(now))
  const { start: yearStart, end: yearEnd } = academicYearBounds(year)
  const passwordHash = await demoPasswordHash()

  const collegeIds = new Map<string, string>()
  for (const [code, nameZh, nameEn] of colleges) {
    const c = await db.college.create({ data: { code, nameZh, nameEn } })
    collegeIds.set(code, c.id)
  }

  const partnerIds = new Map<string, string>()
  for (const { key, placesPerYear, ...p } of partners) {
    const row = await db.partnerInstitution.create({ data: p })
    partnerIds.set(key, row.id)
    // Each partner's exchange agreement; Warsaw's ends within 60 days, so it is on the renewal list.
    await db.partnerAgreement.create({
      data: {
        partnerId: row.id,
        type: 'exchange',
        startsOn: shanghaiNoon('2022-09-01'),
        endsOn: key === 'pw' ? shanghaiNoon(addDays(shanghaiDate(new Date(now)), 60)) : shanghaiNoon('2027-08-31'),
        placesOut: placesPerYear,
        placesIn: Math.ceil(placesPerYear / 2),
      },
    })
  }

  for (const { college, ...record } of demoStudentRecords) {
    await db.studentRecord.create({ data: { ...record, collegeId: collegeIds.get(college)! } })
  }

  const users = new Map<string, string>()
  for (const a of demoAccounts) {
    const u = await db.user.create({
      data: {
        email: a.email,
        passwordHash,
        nameZh: a.nameZh,
        nameEn: a.nameEn,
        roles: [a.role],
        collegeId: 'college' in a ? collegeIds.get(a.college) : null,
        level: 'level' in a ? a.level : null,
        studentNumber: 'studentNumber' in a ? a.studentNumber : null,
      },
    })
    users.set(a.email, u.id)
  }
  // More students so queues and dashboards have something to show.
  const extraStudents: { nameZh: string; nameEn: string; college: string; level: 'undergraduate' | 'master' | 'doctoral' }[] = [
    { nameZh: '王芳', nameEn: 'WANG Fang', college: 'CS', level: 'undergraduate' },
    { nameZh: '刘洋', nameEn: 'LIU Yang', college: 'EE', level: 'master' },
    { nameZh: '陈静', nameEn: 'CHEN Jing', college: 'SEM', level: 'undergraduate' },
    { nameZh: '杨帆', nameEn: 'YANG Fan', college: 'MSE', level: 'doctoral' },
    { nameZh: '黄磊', nameEn: 'HUANG Lei', college: 'FL', level: 'undergraduate' },
    { nameZh: '周婷', nameEn: 'ZHOU Ting', college: 'CS', level: 'master' },
  ]
  for (const [i, s] of extraStudents.entries()) {
    const u = await db.user.create({
      data: {
        email: `student${i + 3}@demo.edu.cn`,
        passwordHash,
        nameZh: s.nameZh,
        nameEn: s.nameEn,
        roles: ['student'],
        collegeId: collegeIds.get(s.college),
        level: s.level,
        studentNumber: `20240${i + 3}0${i + 3}0${i + 3}`,
      },
    })
    users.set(`student${i + 3}@demo.edu.cn`, u.id)
  }
  // Every demo student has consented to the portal's own processing notice (PIPL), as at sign-up.
  const students = await db.user.findMany({ where: { roles: { has: 'student' } }, select: { id: true } })
  await db.consent.createMany({ data: students.map((s) => ({ userId: s.id, noticeVersion: 0, sensitive: true })) })

  const exchangeFund = await db.fund.create({
    data: {
      academicYear: year,
      nameZh: '本科生出国（境）交流奖学金',
      nameEn: 'Undergraduate Exchange Scholarship',
      purpose: 'exchange_scholarship',
      budgetFen: BigInt(yuan(5_000_000)),
      perPersonCapFen: yuan(60_000),
      kinds: ['exchange'],
      stipendRules: {
        monthlyFenByRegion: {
          europe: yuan(8_000),
          north_america: yuan(9_000),
          oceania: yuan(8_000),
          asia: yuan(5_000),
          africa: yuan(4_000),
          latin_america: yuan(5_000),
        },
      },
    },
  })
  const jointFund = await db.fund.create({
    data: {
      academicYear: year,
      nameZh: '研究生国际联合培养专项经费',
      nameEn: 'Graduate Joint Training Fund',
      purpose: 'joint_training_fund',
      budgetFen: BigInt(yuan(8_000_000)),
      perPersonCapFen: yuan(200_000),
      kinds: ['joint_training'],
      stipendRules: {
        monthlyFenByRegion: {
          europe: yuan(10_000),
          north_america: yuan(11_000),
          oceania: yuan(10_000),
          asia: yuan(7_000),
          africa: yuan(6_000),
          latin_america: yuan(7_000),
        },
      },
    },
  })
  const conferenceFund = await db.fund.create({
    data: {
      academicYear: year,
      nameZh: '研究生参加国际学术会议资助',
      nameEn: 'Graduate Conference Travel Fund',
      purpose: 'conference_travel',
      budgetFen: BigInt(yuan(1_500_000)),
      perPersonCapFen: yuan(20_000),
      kinds: ['conference'],
      lineStandards: {
        registration: yuan(6_000),
        airfare: yuan(12_000),
        accommodation: yuan(6_000),
        perDiem: yuan(3_000),
        visa: yuan(1_500),
        other: yuan(1_000),
      },
    },
  })
  await db.fund.create({
    data: {
      academicYear: year,
      nameZh: '国家留学基金委项目校内配套',
      nameEn: 'CSC Top-up Fund',
      purpose: 'csc_top_up',
      budgetFen: BigInt(yuan(2_000_000)),
      perPersonCapFen: yuan(50_000),
      kinds: ['joint_training'],
    },
  })
  for (const code of ['CS', 'EE', 'SEM', 'FL', 'PHYS']) {
    await db.fundAllocation.create({
      data: { fundId: exchangeFund.id, collegeId: collegeIds.get(code)!, amountFen: BigInt(yuan(400_000)) },
    })
  }

  const at = (days: number) => new Date(now + days * DAY)
  const programs = {
    tum: await createProgram(db, {
      kind: 'exchange',
      partnerId: partnerIds.get('tum'),
      academicYear: year,
      fundId: exchangeFund.id,
      titleZh: '慕尼黑工业大学 2027 春季学期交换',
      titleEn: 'TU Munich exchange, spring semester 2027',
      levels: ['undergraduate', 'master'],
      quota: 6,
      opensAt: at(-40),
      closesAt: at(18),
      startsOn: new Date('2027-03-01T00:00:00+08:00'),
      endsOn: new Date('2027-07-31T00:00:00+08:00'),
      requirements: { minGpa: 3.3, language: { ielts: 6.5, toefl: 90 } },
    }),
    tcd: await createProgram(db, {
      kind: 'exchange',
      partnerId: partnerIds.get('tcd'),
      academicYear: year,
      fundId: exchangeFund.id,
      titleZh: '都柏林圣三一大学 2027-2028 学年交换',
      titleEn: 'Trinity College Dublin exchange, academic year 2027-2028',
      levels: ['undergraduate'],
      quota: 4,
      opensAt: at(-10),
      closesAt: at(34),
      requirements: { minGpa: 3.2, language: { ielts: 6.5, toefl: 90 } },
      // The program's own questions, besides the exchange form.
      questions: [
        {
          id: 'q1',
          zh: '你打算在圣三一修读哪些与专业相关的课程？为什么选择都柏林？',
          en: 'Which courses related to your major do you plan to take at Trinity, and why Dublin?',
          required: true,
        },
        {
          id: 'q2',
          zh: '是否有在英语国家学习或生活的经历？',
          en: 'Have you studied or lived in an English-speaking country?',
          required: false,
        },
      ],
    }),
    opole: await createProgram(db, {
      kind: 'exchange',
      partnerId: partnerIds.get('opole'),
      academicYear: year,
      fundId: exchangeFund.id,
      titleZh: '中波大学联盟·奥波莱大学 2027 夏季学校',
      titleEn: 'China-Poland Alliance summer school at the University of Opole 2027',
      levels: ['undergraduate', 'master'],
      quota: 15,
      opensAt: at(-5),
      closesAt: at(120),
      requirements: { minGpa: 2.8, language: { ielts: 5.5, toefl: 72, cet6: 425 } },
    }),
    nus: await createProgram(db, {
      kind: 'exchange',
      partnerId: partnerIds.get('nus'),
      academicYear: year,
      fundId: exchangeFund.id,
      titleZh: '新加坡国立大学 2027 春季学期交换',
      titleEn: 'NUS exchange, spring semester 2027',
      levels: ['undergraduate'],
      quota: 5,
      opensAt: at(-70),
      closesAt: at(-12),
      requirements: { minGpa: 3.5, language: { ielts: 6.5, toefl: 92 } },
    }),
    msu: await createProgram(db, {
      kind: 'joint_training',
      partnerId: partnerIds.get('msu'),
      academicYear: year,
      fundId: jointFund.id,
      titleZh: '莫斯科国立大学研究生联合培养',
      titleEn: 'Joint training at Lomonosov Moscow State University',
      levels: ['master', 'doctoral'],
      quota: 8,
      opensAt: at(-30),
      closesAt: at(60),
      requirements: { language: { ielts: 6.0, toefl: 80 } },
    }),
    pw: await createProgram(db, {
      kind: 'joint_training',
      partnerId: partnerIds.get('pw'),
      academicYear: year,
      fundId: jointFund.id,
      titleZh: '华沙理工大学博士研究生联合培养',
      titleEn: 'Doctoral joint training at Warsaw University of Technology',
      levels: ['doctoral'],
      quota: 3,
      opensAt: at(-60),
      closesAt: at(-3),
      requirements: { language: { ielts: 6.0, toefl: 80 } },
    }),
    conference: await createProgram(db, {
      kind: 'conference',
      academicYear: year,
      fundId: conferenceFund.id,
      titleZh: `${year} 学年研究生参加国际学术会议资助`,
      titleEn: `Graduate conference travel funding ${year}`,
      levels: ['master', 'doctoral'],
      quota: null,
      opensAt: yearStart,
      closesAt: yearEnd,
    }),
  }

  const applications: [string, keyof typeof programs, Prisma.ApplicationUncheckedCreateInput['status'], number][] = [
    ['student@demo.edu.cn', 'tum', 'submitted', -2],
    ['student2@demo.edu.cn', 'conference', 'approved', -20],
    ['student3@demo.edu.cn', 'tum', 'college_endorsed', -6],
    ['student4@demo.edu.cn', 'msu', 'submitted', -8],
    ['student5@demo.edu.cn', 'opole', 'changes_requested', -3],
    ['student6@demo.edu.cn', 'msu', 'funding_check', -4],
    ['student7@demo.edu.cn', 'nus', 'rejected', -15],
    ['student8@demo.edu.cn', 'conference', 'draft', -1],
  ]
  for (const [email, program, status, days] of applications) {
    const details = sampleDetails(programs[program].kind, programs[program].id)
    const application = await createApplication(db, {
      applicantId: users.get(email)!,
      programId: programs[program].id,
      status,
      details,
      requestedFen: details.kind === 'conference' ? requestedTotalFen(details.budget) : null,
      submittedAt: status === 'draft' ? null : at(days - 1),
      statusChangedAt: at(days),
      // Sent back by the college: only the study plan (answer and document) is open.
      ...(status === 'changes_requested' && {
        // The demo's files are not seeded: the request names every required one, so that the
        // student can upload them and resubmit.
        requestedChanges: {
          fields: ['studyPlan'],
          documents: checklist(programs[program].kind)
            .filter((i) => i.required)
            .map((i) => i.kind),
          by: 'college',
          baseline: { details, documents: [] },
        },
      }),
    })
    // Money as the workflow would have left it: a proposal waiting for finance, or the whole
    // conference budget committed.
    if (status === 'funding_check') await proposeAward(db, application.id, null)
    if (status === 'approved' && details.kind === 'conference') {
      const requestedFen = requestedTotalFen(details.budget)
      const lines = Object.fromEntries(Object.entries(details.budget).map(([line, fen]) => [line, { requestedFen: fen, approvedFen: fen }]))
      const award = await db.award.create({
        data: {
          applicationId: application.id,
          fundId: conferenceFund.id,
          collegeId: application.collegeId,
          status: 'committed',
          lines,
          requestedFen,
          approvedFen: requestedFen,
        },
      })
      await db.instalment.create({
        data: { awardId: award.id, seq: 1, dueOn: new Date(`${shanghaiDate(at(days))}T00:00:00Z`), amountFen: requestedFen },
      })
      await recordMovement(db, award, { kind: 'commit', amountFen: requestedFen, on: shanghaiDate(at(days)), actorId: null })
    }
  }

  // The stay (decision 22): each approved application's stay, the pre-departure education and quiz
  // per kind, and a shorter checklist for conference trips (no guardian, due three days before).
  for (const application of await db.application.findMany({ where: { status: 'approved' }, select: { id: true } })) {
    await openStay(db, application.id)
  }
  for (const programKind of ['exchange', 'joint_training', 'conference'] as const) {
    await db.departureEducation.create({ data: { programKind, ...departureEducation } })
  }
  await db.departureRequirement.createMany({
    data: (['itinerary', 'insurance', 'visa', 'emergency_contact', 'pledge', 'education'] as const).map((item) => ({
      programKind: 'conference' as const,
      item,
      levels: [],
      daysBeforeStart: 3,
    })),
  })

  await db.target.createMany({
    data: [
      { academicYear: year, kind: 'undergraduate_abroad', scopeKey: 'university', count: 800 },
      { academicYear: year, kind: 'graduate_joint_training', scopeKey: 'university', count: 150 },
      { academicYear: year, kind: 'graduate_conference', scopeKey: 'university', count: 300 },
      { academicYear: year, kind: 'faculty_abroad', scopeKey: 'university', count: 800 },
    ],
  })
  // An access log to look at (PIPL): the CS reviewer opened 张三's application and revealed the
  // passport number with a reason; the admin reads it on 张三's page under Users.
  const zhang = users.get('student@demo.edu.cn')!
  const zhangsApplication = await db.application.findFirst({ where: { applicantId: zhang, status: 'submitted' }, select: { id: true } })
  if (zhangsApplication) {
    const reviewer = users.get('reviewer.cs@demo.edu.cn')!
    const at = new Date(Date.now() - 3600 * 1000)
    await db.readEvent.createMany({
      data: [
        { actorId: reviewer, subjectId: zhang, kind: 'application', applicationId: zhangsApplication.id, at },
        {
          actorId: reviewer,
          subjectId: zhang,
          kind: 'reveal',
          applicationId: zhangsApplication.id,
          detail: 'passportNumber',
          reason: '核对签证材料',
          at,
        },
      ],
    })
  }
  await seedHistory(db)
}

/** Complete, plausible answers for a seeded application of each kind. */
function sampleDetails(kind: 'exchange' | 'joint_training' | 'conference', programId: string) {
  const passport = { passportNumber: 'E12345678', passportExpiry: '2031-06-30' }
  if (kind === 'exchange') {
    return {
      kind,
      programId,
      ...passport,
      term: 'semester',
      startDate: '2027-03-01',
      endDate: '2027-07-31',
      gpa: 3.62,
      gpaScale: '4.0',
      languageTest: 'ielts',
      languageScore: 7,
      studyPlan: '第一学期修读机器学习与分布式系统方向课程，并参加合作院校的科研项目。',
      courses: [
        { homeCourse: '机器学习', hostCourse: 'Machine Learning', credits: 3 },
        { homeCourse: '分布式系统', hostCourse: 'Distributed Systems', credits: 3 },
      ],
      motivation: '希望在国际化环境中提升专业能力，并把所学带回本校课程与科研。',
    } as const
  }
  if (kind === 'joint_training') {
    return {
      kind,
      programId,
      ...passport,
      hostInstitution: 'Lomonosov Moscow State University',
      hostDepartment: 'Faculty of Physics',
      hostSupervisorName: 'Ivan Petrov',
      hostSupervisorTitle: 'Professor',
      hostSupervisorEmail: 'petrov@physics.example.ru',
      homeSupervisor: '刘教授',
      startDate: '2027-03-01',
      endDate: '2028-02-29',
      researchPlan: '在合作导师课题组开展凝聚态物理实验研究，完成博士论文第三章。',
      fundingSource: 'university',
      languageTest: 'toefl',
      languageScore: 96,
    } as const
  }
  return {
    kind,
    programId,
    ...passport,
    conferenceName: 'International Conference on Learning Representations',
    organiser: 'ICLR',
    city: 'Vienna',
    country: 'Austria',
    startDate: '2027-05-06',
    endDate: '2027-05-10',
    website: 'https://iclr.cc',
    paperTitle: 'Efficient Sparse Attention for Long Documents',
    authors: '李四, 王老师',
    acceptanceStatus: 'accepted',
    presentationType: 'poster',
    budget: { registration: 450_000, airfare: 900_000, accommodation: 350_000, perDiem: 150_000, visa: 60_000, other: 0 },
  } as const
}

// `npm run db:seed` seeds the database at DATABASE_URL.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { prisma } = await import('../app/lib/db.server')
  await seed(prisma)
  await prisma.$disconnect()
  console.log('Seeded demo data.')
}

/** The office's pre-departure education (行前教育) as the demo shows it: material and a short quiz. */
const departureEducation = {
  materialZh:
    '出境前请：了解目的地法律法规和风俗；购买覆盖全程的境外保险；将护照、签证复印件与原件分开保管；在“中国领事”App 登记行程；抵达后 3 日内在系统确认抵达；遇紧急情况先联系中国驻当地使领馆（12308）和国际处。',
  materialEn:
    'Before you leave: learn the laws and customs of your destination; buy insurance covering the whole stay; keep copies of your passport and visa apart from the originals; register your trip with the consular service; confirm your arrival in the portal within 3 days; in an emergency call the Chinese embassy or consulate (12308) and the international office first.',
  questions: [
    {
      promptZh: '遇到紧急情况，首先应联系？',
      promptEn: 'In an emergency, whom do you call first?',
      choicesZh: ['中国驻当地使领馆和国际处', '社交媒体上的朋友'],
      choicesEn: ['The Chinese embassy or consulate and the international office', 'Friends on social media'],
      answer: 0,
    },
    {
      promptZh: '抵达后几日内应在系统确认抵达？',
      promptEn: 'Within how many days of arriving do you confirm your arrival?',
      choicesZh: ['3 日', '30 日'],
      choicesEn: ['3 days', '30 days'],
      answer: 0,
    },
  ],
  passPercent: 100,
}
