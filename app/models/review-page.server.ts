import { agreementKinds } from '~/domain/learning-agreement'
import { homePath } from '~/domain/roles'
import { rubrics } from '~/domain/rubric'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { applicationFields } from '~/schemas/application'
import { steppedAsideFrom } from './access.server'
import { checkReadiness } from './application.server'
import { listDocuments } from './document.server'
import { placesTakenBy } from './program.server'
import { listComments } from './comment.server'
import { agreementStateOf } from './learning-agreement.server'
import { auditTrail, findForReviewer, reviewerRoles, reviewPageCommands } from './review-access.server'
import { staffAnswers } from './sensitive-answers.server'
import { reviewPanel } from './review-scores.server'
import { applicationSources } from './student-record.server'

// The review page's data in one place (routes/review.$applicationId.tsx): what the staff member
// may see of one application, the decisions they may take on it, and nothing more, since
// whatever a loader returns reaches the browser.

/**
 * The review page of one application for the actor: `conflict` when they stepped aside from it
 * (a declared conflict of interest), null when they may not open it.
 */
export async function reviewPageData(user: SessionUser, applicationId: string) {
  const home = homePath(user.roles)
  const application = await findForReviewer(user, applicationId)
  if (!application) return (await steppedAsideFrom(user, applicationId)) ? { conflict: true as const, home } : null
  const fields = applicationFields[application.kind].filter((f) => f !== 'programId')
  const [documents, readiness, panel, comments, audit, placesTaken, awardId, sources, answers, agreement] = await Promise.all([
    listDocuments(application.id),
    checkReadiness(application, application.applicant),
    reviewPanel(user, application.id),
    listComments(user, application.id),
    auditTrail(user, application.id),
    placesTakenBy(prisma, application.programId),
    // Finance decides on the award's page, with the amounts: the review page links to the latest award.
    reviewerRoles(user, application).includes('finance') ? latestAwardId(application.id) : null,
    applicationSources(application.applicantId, application.details as Record<string, unknown>, fields),
    // Sensitive answers masked unless the access policy shows them in full; the read is logged.
    staffAnswers(user, application),
    // The learning agreement's state only (decision 26): its lines are the approver's and the student's.
    agreementKinds.includes(application.kind) ? agreementStateOf(application.id) : null,
  ])
  return {
    conflict: false as const,
    home,
    application: {
      id: application.id,
      kind: application.kind,
      status: application.status,
      version: application.version,
      statusChangedAt: application.statusChangedAt,
      submittedAt: application.submittedAt,
      details: answers.details,
    },
    // The masked answers, which the page offers to reveal (with a reason, logged).
    masked: answers.masked,
    applicant: application.applicant,
    program: { titleZh: application.program.titleZh, titleEn: application.program.titleEn, quota: application.program.quota },
    placesTaken,
    documents: documents.filter((d) => !d.supersededAt),
    eligibility: readiness.eligibility,
    missingDocuments: readiness.missingDocuments,
    checklist: readiness.checklist.map((i) => i.kind),
    // The programs' own questions, and the answers a change may be asked of (theirs only when there are some).
    questions: readiness.questions,
    fields: readiness.questions.length ? fields : fields.filter((f) => f !== 'programAnswers'),
    // Which values came from the university's records and which the student stated.
    sources,
    criteria: rubrics[application.kind],
    panel,
    comments,
    audit,
    // The access policy's commands (a college reviewer's on their own college only); finance's are on the award's page.
    commands: reviewPageCommands(user, application),
    awardId,
    agreement,
    now: new Date(),
  }
}

export type ReviewPageData = Extract<NonNullable<Awaited<ReturnType<typeof reviewPageData>>>, { conflict: false }>

async function latestAwardId(applicationId: string): Promise<string | null> {
  const award = await prisma.award.findFirst({ where: { applicationId }, orderBy: { createdAt: 'desc' }, select: { id: true } })
  return award?.id ?? null
}
