// What the reviewers' digests share (review-reminders, new-applications-digest): the staff who
// may receive one, the applications a reviewer must act on, and how an item reads.
import { canReview, rolesOn } from '~/domain/access'
import type { Role } from '~/domain/roles'
import { holder } from '~/domain/workflow'
import type { Prisma } from '~/generated/prisma/client'
import type { Locale } from '~/i18n'
import { prisma } from '~/lib/db.server'
import { appUrl } from '~/lib/env.server'
import { applicationReference } from '~/models/application.server'

const reviewerSelect = {
  id: true,
  email: true,
  nameZh: true,
  nameEn: true,
  locale: true,
  roles: true,
  collegeId: true,
} satisfies Prisma.UserSelect
type Reviewer = Prisma.UserGetPayload<{ select: typeof reviewerSelect }>

export const digestSelect = {
  id: true,
  academicYear: true,
  applicantId: true,
  collegeId: true,
  status: true,
  submittedAt: true,
  statusChangedAt: true,
  applicant: { select: { nameZh: true, nameEn: true } },
  program: { select: { titleZh: true, titleEn: true } },
  reviews: { where: { conflict: true }, select: { reviewerId: true } },
} satisfies Prisma.ApplicationSelect
type DigestApplication = Prisma.ApplicationGetPayload<{ select: typeof digestSelect }>

/** Staff with one of `roles` who have not been deactivated. */
export const activeStaff = (roles: Role[]) =>
  prisma.user.findMany({ where: { deactivatedAt: null, roles: { hasSome: roles } }, select: reviewerSelect })

export const nameIn = (locale: Locale, person: { nameZh: string; nameEn: string }) => (locale === 'en' ? person.nameEn : person.nameZh)

/**
 * The reviewer must act on the application now: they may review it (app/domain/access.ts: their
 * college, no conflict of interest) and hold the role of the stage it waits at.
 */
export function owes(reviewer: Reviewer, application: DigestApplication): boolean {
  const facts = { ...application, conflictedReviewerIds: application.reviews.map((r) => r.reviewerId) }
  if (!canReview(reviewer, facts)) return false
  const stage = holder(application.status)
  const role = stage === 'college' ? 'college_reviewer' : stage === 'office' ? 'office_reviewer' : stage === 'finance' ? 'finance' : null
  return role !== null && rolesOn(reviewer, facts).includes(role)
}

/** One application as a digest lists it, in the reviewer's language. */
export function digestItem(locale: Locale, application: DigestApplication) {
  return {
    reference: applicationReference(application.id, application.academicYear),
    applicant: nameIn(locale, application.applicant),
    programTitle: locale === 'en' ? application.program.titleEn : application.program.titleZh,
    url: `${appUrl()}/review/${application.id}`,
  }
}
