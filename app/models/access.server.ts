// The access policy (app/domain/access.ts) for the database: for an actor, which applications they
// may list, as a Prisma `where` and as an SQL fragment for the raw queries, both compiled from the
// one definition (`reach`); whether they may read one application and its documents; which
// commands they may give on it; and whose figures they may count. Every loader, action, queue,
// drill-down, export and download asks here; nothing else decides who sees which application.
// It imports no other model, so any model may import it without a cycle.
import {
  agreementStatuses,
  approvedCollege,
  countReach,
  reach,
  steppedAside,
  type Actor,
  type ApplicationFacts,
  type Clause,
  type Condition,
  type View,
} from '~/domain/access'
import { agreementKinds } from '~/domain/learning-agreement'
import { Prisma } from '~/generated/prisma/client'
import { selectRows } from '~/lib/sql.server'
import { forbidden } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { oncePerRequest } from '~/lib/request-scope.server'

const { sql, join, raw } = Prisma

/** The columns the policy reads of an application. */
export const factsSelect = {
  id: true,
  applicantId: true,
  collegeId: true,
  status: true,
  submittedAt: true,
  roundId: true,
} satisfies Prisma.ApplicationSelect
export type FactsRow = Prisma.ApplicationGetPayload<{ select: typeof factsSelect }>

/**
 * The policy for one actor. The applications they declared a conflict of interest on are read
 * once, here, for the Prisma where and the facts of a row; the SQL condition needs no read
 * (`accessSql`).
 */
export type Access = {
  actor: Actor
  /** The applications they may list on that side, as a Prisma where. */
  where(view: View): Prisma.ApplicationWhereInput
  /** The same, as an SQL condition on the "Application" row aliased `alias`. */
  sql(view: View, alias?: string): Prisma.Sql
  /** The facts of a row the actor loaded: their own conflict of interest included. */
  facts(row: FactsRow): ApplicationFacts
}

/**
 * The policy for one actor, read once per read-only request (a page's loaders ask several times:
 * app/lib/request-scope.server.ts); an action, which may declare a conflict, reads it afresh.
 */
export function accessFor(actor: Actor): Promise<Access> {
  return oncePerRequest(`access:${actor.id}:${actor.roles.join()}:${actor.collegeId}`, () => readAccess(actor))
}

async function readAccess(actor: Actor): Promise<Access> {
  const clauses = (view: View) => reach(actor, view)
  // Only staff reach has a conflict condition: a student's pages need no query.
  const needsConflicts = reach(actor, 'any').some((clause) => clause.some((c) => 'notConflicted' in c))
  const rows = needsConflicts
    ? await selectRows<{ applicationId: string }>(
        Prisma.sql`SELECT DISTINCT "applicationId" FROM "Review" WHERE "reviewerId" = ${actor.id} AND conflict`,
      )
    : []
  const conflicts: Conflicts = { reviewerId: actor.id, applicationIds: rows.map((r) => r.applicationId).sort() }
  return {
    actor,
    where: (view) => whereOf(clauses(view), conflicts),
    sql: (view, alias = 'a') => accessSql(actor, view, alias),
    facts: (row) => ({
      ...row,
      inRound: row.roundId !== null,
      conflictedReviewerIds: conflicts.applicationIds.includes(row.id) ? [actor.id] : [],
    }),
  }
}

/**
 * The applications `actor` may list on `view`, as an SQL condition on the "Application" row
 * aliased `alias`, with nothing read first: a page whose reads are all SQL (the reviewer queues)
 * saves the round trip of reading the conflicts of interest.
 */
export function accessSql(actor: Actor, view: View, alias = 'a'): Prisma.Sql {
  return sqlOf(reach(actor, view), alias)
}

/** The applicant's own applications (their pages need no conflicts: `reach(actor, 'own')`). */
export function ownedBy(actor: Pick<Actor, 'id'>): Prisma.ApplicationWhereInput {
  return whereOf(reach({ id: actor.id, roles: [], collegeId: null }, 'own'), noConflicts)
}

/** ownedBy as an SQL condition on the "Application" row aliased `alias`. */
export function ownedBySql(actor: Pick<Actor, 'id'>, alias = 'a'): Prisma.Sql {
  return sqlOf(reach({ id: actor.id, roles: [], collegeId: null }, 'own'), alias)
}

/**
 * Whether the actor is kept out of an application only by the conflict of interest they declared
 * (the review page then says so instead of "not found").
 */
export async function steppedAsideFrom(actor: Actor, applicationId: string): Promise<boolean> {
  const [row, conflict] = await Promise.all([
    prisma.application.findUnique({ where: { id: applicationId }, select: factsSelect }),
    prisma.review.findFirst({ where: { applicationId, reviewerId: actor.id, conflict: true }, select: { id: true } }),
  ])
  return Boolean(row && conflict && steppedAside(actor, { ...row, conflictedReviewerIds: [actor.id] }))
}

/**
 * The figures an actor may count (dashboard, finance summaries), as the filter to count with:
 * every college's, or forced to the one they reach. Asking for another college, or counting
 * nobody's, is a 403.
 */
export function countScope<F extends { college?: string }>(actor: Actor, filter: F): F {
  const reached = countReach(actor)
  if (!reached) throw forbidden()
  if (reached.college === null) return filter
  if (filter.college && filter.college !== reached.college) throw forbidden()
  return { ...filter, college: reached.college }
}

/**
 * The applications whose learning agreements an academic approver approves (access.ts
 * `approvesAgreement`, as a Prisma where): their college's approved or completed exchanges and
 * joint trainings, never their own; nobody's without the role.
 */
export function approverWhere(actor: Actor): Prisma.ApplicationWhereInput {
  const college = approvedCollege(actor)
  if (!college) return { id: { in: [] } }
  return { collegeId: college, status: { in: [...agreementStatuses] }, kind: { in: [...agreementKinds] }, applicantId: { not: actor.id } }
}

// ---- the two compilations of one reach --------------------------------------------------------

/** The reviewer whose conflicts are known, and the applications they declared one on. */
type Conflicts = { reviewerId: string; applicationIds: string[] }
const noConflicts: Conflicts = { reviewerId: '', applicationIds: [] }

function conditionWhere(c: Condition, conflicts: Conflicts): Prisma.ApplicationWhereInput {
  if ('applicant' in c) return { applicantId: c.applicant }
  if ('notApplicant' in c) return { applicantId: { not: c.notApplicant } }
  if ('college' in c) return { collegeId: c.college }
  if ('submitted' in c) return { status: { not: 'draft' }, NOT: { status: 'withdrawn', submittedAt: null } }
  if (c.notConflicted === conflicts.reviewerId) return conflicts.applicationIds.length ? { id: { notIn: conflicts.applicationIds } } : {}
  return { reviews: { none: { reviewerId: c.notConflicted, conflict: true } } }
}

function whereOf(clauses: readonly Clause[], conflicts: Conflicts): Prisma.ApplicationWhereInput {
  // Nobody's: no id is the empty string.
  if (!clauses.length) return { id: { in: [] } }
  const each = clauses.map((clause) => ({ AND: clause.map((c) => conditionWhere(c, conflicts)) }))
  return each.length === 1 ? each[0] : { OR: each }
}

function conditionSql(c: Condition, a: Prisma.Sql): Prisma.Sql {
  if ('applicant' in c) return sql`${a}."applicantId" = ${c.applicant}`
  if ('notApplicant' in c) return sql`${a}."applicantId" <> ${c.notApplicant}`
  if ('college' in c) return sql`${a}."collegeId" = ${c.college}`
  // Written out (not a parameter): the queue's partial indexes are WHERE status <> 'draft'.
  if ('submitted' in c) return sql`${a}.status <> 'draft' AND (${a}.status <> 'withdrawn' OR ${a}."submittedAt" IS NOT NULL)`
  // The reviewer's conflicts are one uncorrelated sub-select, which PostgreSQL runs once per query
  // (an InitPlan) and then checks each row against like a list of ids. A NOT EXISTS per row cost
  // several times a whole queue page on 100,000 applications (bench/queue.ts).
  return sql`${a}.id <> ALL(ARRAY(SELECT "applicationId" FROM "Review" WHERE "reviewerId" = ${c.notConflicted} AND conflict))`
}

function sqlOf(clauses: readonly Clause[], alias: string): Prisma.Sql {
  if (!/^[a-z][a-z0-9_]*$/.test(alias)) throw new Error(`Not an SQL alias: ${alias}`)
  if (!clauses.length) return sql`false`
  const a = raw(alias)
  const each = clauses.map((clause) =>
    clause.length
      ? sql`(${join(
          clause.map((c) => conditionSql(c, a)),
          ' AND ',
        )})`
      : sql`true`,
  )
  return each.length === 1 ? each[0] : sql`(${join(each, ' OR ')})`
}
