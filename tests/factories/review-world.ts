// The reviewers' world, shared by the review and jobs tests: two colleges, a student in each, one
// staff member of every kind (and a second college and office reviewer), an exchange program with
// five places, and applications put in any status as if they had got there the normal way.
import type { ApplicationStatus, Prisma, User } from '~/generated/prisma/client'
import { toSessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { uniqueEmail } from '../support/mail-catcher'
import { createApplication, createCollege, createFund, createProgram, createStudent, createUser } from './index'

type UserData = Partial<Prisma.UserUncheckedCreateInput>

/** Two colleges, a student in each, and one staff member of every kind; names as a test wants them. */
export async function reviewWorld(
  named: { collegeX?: UserData; office?: UserData; office2?: UserData; program?: Partial<Prisma.ProgramUncheckedCreateInput> } = {},
) {
  const [x, y] = await Promise.all([createCollege(prisma, { nameEn: 'College X' }), createCollege(prisma, { nameEn: 'College Y' })])
  const staff = async (roles: User['roles'], data: UserData = {}) =>
    toSessionUser(await createUser(prisma, { email: uniqueEmail(roles.join('-')), roles, ...data }))
  return {
    x,
    y,
    studentX: await createStudent(prisma, { collegeId: x.id, email: uniqueEmail('sx'), locale: 'en', nameEn: 'ZHANG San' }),
    studentY: await createStudent(prisma, { collegeId: y.id, email: uniqueEmail('sy') }),
    collegeX: await staff(['college_reviewer'], { collegeId: x.id, ...named.collegeX }),
    collegeX2: await staff(['college_reviewer'], { collegeId: x.id }),
    collegeY: await staff(['college_reviewer'], { collegeId: y.id }),
    office: await staff(['office_reviewer'], named.office),
    office2: await staff(['office_reviewer'], named.office2),
    finance: await staff(['finance']),
    admin: await staff(['admin']),
    both: await staff(['office_reviewer', 'college_reviewer'], { collegeId: x.id }),
    program: await createProgram(prisma, { kind: 'exchange', quota: 5, ...named.program }),
  }
}

export type ReviewWorld = Awaited<ReturnType<typeof reviewWorld>>

/** An application of the world in `status`, as if it had got there the normal way (studentX's, in the world's program unless told). */
export function applicationIn(
  w: ReviewWorld,
  status: ApplicationStatus,
  { student = w.studentX, programId = w.program.id, ...data }: Partial<Prisma.ApplicationUncheckedCreateInput> & { student?: User } = {},
) {
  return createApplication(prisma, {
    applicantId: student.id,
    programId,
    status,
    submittedAt: status === 'draft' ? null : new Date(),
    details: { kind: 'exchange', programId },
    ...data,
  })
}

/** A conference program with a fund and an application of the world asking it for ¥3,000. */
export async function fundedConferenceIn(w: ReviewWorld, status: ApplicationStatus) {
  const fund = await createFund(prisma)
  const program = await createProgram(prisma, { kind: 'conference', fundId: fund.id, quota: null, levels: ['master'] })
  return applicationIn(w, status, {
    programId: program.id,
    details: { kind: 'conference', programId: program.id, budget: { registration: 300_000 } },
    requestedFen: 300_000,
  })
}
