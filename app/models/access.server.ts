// Who may read which applications, in one place: the review pages, the queues (queue.server.ts)
// and the document downloads (document.server.ts) all ask here. It imports no other model, so any
// model may import it without a cycle.
import { hasRole } from '~/domain/roles'
import type { Prisma } from '~/generated/prisma/client'
import type { SessionUser } from '~/lib/auth.server'

/**
 * Whose applications an actor may review: every college's (`college: null`), their own college's,
 * or nobody's (null). The one definition behind the review pages and the queues.
 */
export function reviewerReach(actor: SessionUser): { college: string | null } | null {
  if (hasRole(actor.roles, ['office_reviewer', 'finance', 'admin'])) return { college: null }
  if (actor.roles.includes('college_reviewer') && actor.collegeId) return { college: actor.collegeId }
  return null
}

/** The applications an actor may review, as a where clause, or null for none. Drafts are private. */
export function reviewable(actor: SessionUser): Prisma.ApplicationWhereInput | null {
  const reach = reviewerReach(actor)
  return reach && { status: { not: 'draft' }, ...(reach.college && { collegeId: reach.college }) }
}

/**
 * The applications whose review page the actor may open (and whose documents they may read):
 * reviewable and not conflicted, since a declared conflict of interest keeps the reviewer out.
 */
export function openableByReviewer(actor: SessionUser): Prisma.ApplicationWhereInput | null {
  const scope = reviewable(actor)
  return scope && { ...scope, reviews: { none: { reviewerId: actor.id, conflict: true } } }
}

/** The applications an actor may read: their own, and those whose review page they may open. */
export function readableBy(actor: SessionUser): Prisma.ApplicationWhereInput {
  const staff = openableByReviewer(actor)
  return staff ? { OR: [{ applicantId: actor.id }, staff] } : { applicantId: actor.id }
}
