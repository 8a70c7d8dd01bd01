// Factories shared by the seed and the tests: each creates one row with sensible defaults.
import type { Prisma, PrismaClient } from '../../app/generated/prisma/client'
import { academicYearOf } from '../../app/domain/academic-year'
import { hashPassword } from '../../app/lib/password.server'

type Db = PrismaClient | Prisma.TransactionClient

let counter = 0
const next = () => `${Date.now().toString(36)}${(++counter).toString(36)}`

export const DEMO_PASSWORD = 'Mobility#2026'
let demoHash: Promise<string> | undefined
/** Hashing is deliberately slow; factories share one hash of the demo password. */
export const demoPasswordHash = () => (demoHash ??= hashPassword(DEMO_PASSWORD))

const DAY = 24 * 3600 * 1000

export function createCollege(db: Db, data: Partial<Prisma.CollegeUncheckedCreateInput> = {}) {
  const n = next()
  return db.college.create({ data: { code: `C${n}`, nameZh: `学院${n}`, nameEn: `College ${n}`, ...data } })
}

export async function createUser(db: Db, data: Partial<Prisma.UserUncheckedCreateInput> = {}) {
  const n = next()
  const roles = data.roles ?? ['student']
  return db.user.create({
    data: {
      email: `user${n}@example.edu.cn`,
      passwordHash: await demoPasswordHash(),
      nameZh: `用户${n}`,
      nameEn: `User ${n}`,
      roles,
      // A student has consented to the portal's own processing notice (PIPL), as at sign-up.
      ...(Array.isArray(roles) && roles.includes('student') ? { consents: { create: { noticeVersion: 0, sensitive: true } } } : {}),
      ...data,
    },
  })
}

export async function createStudent(db: Db, data: Partial<Prisma.UserUncheckedCreateInput> = {}) {
  const collegeId = data.collegeId ?? (await createCollege(db)).id
  return createUser(db, {
    roles: ['student'],
    studentNumber: `S${next()}`.slice(0, 20).toUpperCase(),
    level: 'undergraduate',
    ...data,
    collegeId,
  })
}

/** A partner; with `placesOut`, also an exchange agreement in force this academic year giving that many places out. */
export async function createPartner(
  db: Db,
  { placesOut, ...data }: Partial<Prisma.PartnerInstitutionUncheckedCreateInput> & { placesOut?: number } = {},
) {
  const n = next()
  const partner = await db.partnerInstitution.create({
    data: {
      nameZh: `合作大学${n}`,
      nameEn: `Partner University ${n}`,
      countryCode: 'DE',
      countryZh: '德国',
      countryEn: 'Germany',
      region: 'europe',
      tier: 'close',
      ...data,
    },
  })
  if (placesOut !== undefined) await createAgreement(db, { partnerId: partner.id, placesOut })
  return partner
}

/** An agreement with the partner, by default an exchange agreement from two years ago to three years ahead. */
export function createAgreement(db: Db, data: Partial<Prisma.PartnerAgreementUncheckedCreateInput> & { partnerId: string }) {
  return db.partnerAgreement.create({
    data: {
      type: 'exchange',
      startsOn: new Date(Date.now() - 730 * DAY),
      endsOn: new Date(Date.now() + 1095 * DAY),
      ...data,
    },
  })
}

export function createProgram(db: Db, data: Partial<Prisma.ProgramUncheckedCreateInput> = {}) {
  const n = next()
  return db.program.create({
    data: {
      kind: 'exchange',
      academicYear: academicYearOf(new Date()),
      titleZh: `交流项目${n}`,
      titleEn: `Exchange program ${n}`,
      levels: ['undergraduate'],
      quota: 5,
      opensAt: new Date(Date.now() - 30 * DAY),
      closesAt: new Date(Date.now() + 30 * DAY),
      ...data,
    },
  })
}

export function createFund(db: Db, data: Partial<Prisma.FundUncheckedCreateInput> = {}) {
  const n = next()
  return db.fund.create({
    data: {
      academicYear: academicYearOf(new Date()),
      nameZh: `专项经费${n}`,
      nameEn: `Fund ${n}`,
      purpose: 'conference_travel',
      budgetFen: 100_000_00n,
      kinds: ['conference'],
      ...data,
    },
  })
}

export async function createApplication(
  db: Db,
  data: Partial<Prisma.ApplicationUncheckedCreateInput> & { applicantId: string; programId: string },
) {
  const [applicant, program] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: data.applicantId } }),
    db.program.findUniqueOrThrow({ where: { id: data.programId } }),
  ])
  if (!applicant.collegeId) throw new Error('An applicant needs a college')
  return db.application.create({
    data: {
      kind: program.kind,
      academicYear: program.academicYear,
      collegeId: applicant.collegeId,
      ...data,
    },
  })
}
