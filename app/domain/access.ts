// Who may see and act on which applications: the one access policy, as pure rules. No I/O.
//
// The rule is written once, as data (`reach`: a list of ways in, each a list of conditions), and
// read three ways: here against one application's facts (`holds`), and in
// app/models/access.server.ts as a Prisma `where` and as an SQL fragment for the raw queries. A
// test (tests/integration/access-policy.test.ts) checks that the three select the same rows, and
// walks every reading path of the portal against `canRead` / `canReview`.
//
// | who                          | reads (review page, queues, drill-downs, finance lists, downloads)      |
// | ---------------------------- | ----------------------------------------------------------------------- |
// | the applicant                | their own applications, in every status, draft included (student pages) |
// | office reviewer, finance,    | every college's applications once submitted                             |
// |   admin                      |                                                                         |
// | college reviewer             | their own college's applications once submitted (none without a college) |
// | any staff member             | never their own application, never one they declared a conflict on      |
// | anyone else                  | nothing                                                                 |
//
// "Once submitted": not a draft, and not a draft the student withdrew before ever submitting it
// (it never reached anyone). Documents follow the application: whoever reads an application reads
// its documents, nobody else. Commands follow the workflow table (app/domain/workflow.ts) with the
// roles the actor holds *on this application* (`rolesOn`): a college reviewer's role counts for
// their own college only, staff roles only where the actor may review, the student's only for the
// applicant.
//
// Aggregates are another matter (`countReach`): the policy dashboard and the finance summaries
// count approved mobilities and money per college, never list people, so they count every
// application of the colleges the actor may count, conflicts of interest included (a figure must
// not change with who looks at it). A list behind a figure (the dashboard's drill-down, the finance
// award lists and exports) lists people: it shows only what `reach(actor, 'staff')` allows, and
// says how many of the figure it withholds.
import { agreementKinds } from './learning-agreement'
import { hasRole, type Role } from './roles'
import { commandsFor, holder, type ApplicationStatus, type Command } from './workflow'

export type Actor = { id: string; roles: readonly Role[]; collegeId: string | null }

/** What the policy needs to know of an application. */
export type ApplicationFacts = {
  id: string
  applicantId: string
  collegeId: string
  status: ApplicationStatus
  /** When the student (last) submitted it; null if they never did. */
  submittedAt: Date | null
  /** The reviewers with a conflict of interest on it: declared, or detected and not overridden. */
  conflictedReviewerIds: readonly string[]
  /** Made in a selection round: the round, not the office one by one, places it (workflow.ts). */
  inRound?: boolean
}

/** One condition on an application. */
export type Condition =
  | { applicant: string }
  | { notApplicant: string }
  | { college: string }
  /** Submitted at some point: not a draft, nor a draft withdrawn unsubmitted. */
  | { submitted: true }
  /** The given reviewer declared no conflict of interest on it. */
  | { notConflicted: string }

/** A way in: every condition must hold. */
export type Clause = readonly Condition[]

/**
 * Which side an answer is for: the student's own pages ('own'), the staff's pages ('staff': review
 * page, queues, drill-downs, finance lists), or either ('any': reading, e.g. a document download).
 */
export type View = 'own' | 'staff' | 'any'

/** The staff roles that reach every college's applications. */
const EVERY_COLLEGE: readonly Role[] = ['office_reviewer', 'finance', 'admin']

/** The college a college reviewer reviews for: their own; none without one (or without the role). */
export function reviewedCollege(actor: Actor): string | null {
  return actor.roles.includes('college_reviewer') ? actor.collegeId : null
}

/** Whose applications an actor reviews as staff: every college's (`college: null`), one college's, or nobody's (null). */
export function staffReach(actor: Actor): { college: string | null } | null {
  if (hasRole(actor.roles, EVERY_COLLEGE)) return { college: null }
  const college = reviewedCollege(actor)
  return college ? { college } : null
}

/**
 * The colleges whose figures an actor may count (dashboard, finance summaries): the same colleges
 * as their staff reach. Which pages show figures is the pages' role gate; this says whose.
 */
export function countReach(actor: Actor): { college: string | null } | null {
  return staffReach(actor)
}

/** The applications an actor may read on one side: any clause suffices, none means nobody's. */
export function reach(actor: Actor, view: View): Clause[] {
  const own: Clause = [{ applicant: actor.id }]
  const staff = staffReach(actor)
  const review: Clause | null = staff && [
    { submitted: true },
    // Nobody reviews their own application: the applicant is conflicted by definition.
    { notApplicant: actor.id },
    { notConflicted: actor.id },
    ...(staff.college ? [{ college: staff.college }] : []),
  ]
  if (view === 'own') return [own]
  if (view === 'staff') return review ? [review] : []
  return review ? [own, review] : [own]
}

/** Whether one condition holds of an application. */
function satisfies(condition: Condition, facts: ApplicationFacts): boolean {
  if ('applicant' in condition) return facts.applicantId === condition.applicant
  if ('notApplicant' in condition) return facts.applicantId !== condition.notApplicant
  if ('college' in condition) return facts.collegeId === condition.college
  if ('submitted' in condition) return wasSubmitted(facts)
  return !facts.conflictedReviewerIds.includes(condition.notConflicted)
}

/** Whether the application is in the reach. */
export function holds(clauses: readonly Clause[], facts: ApplicationFacts): boolean {
  return clauses.some((clause) => clause.every((c) => satisfies(c, facts)))
}

/** Whether it ever left the student: not a draft, nor a draft withdrawn before it was submitted. */
export function wasSubmitted(facts: Pick<ApplicationFacts, 'status' | 'submittedAt'>): boolean {
  return facts.status !== 'draft' && !(facts.status === 'withdrawn' && facts.submittedAt === null)
}

/** May the actor read the application (on their own pages or the staff's)? */
export function canRead(actor: Actor, facts: ApplicationFacts): boolean {
  return holds(reach(actor, 'any'), facts)
}

/** Documents follow the application: whoever reads it reads its documents. */
export function canReadDocuments(actor: Actor, facts: ApplicationFacts): boolean {
  return canRead(actor, facts)
}

/** May the actor open it on the staff's side (review page, queues, finance pages)? */
export function canReview(actor: Actor, facts: ApplicationFacts): boolean {
  return holds(reach(actor, 'staff'), facts)
}

/**
 * Why a staff member cannot open an application they would otherwise reach: they declared a
 * conflict of interest (the review page says so rather than "not found").
 */
export function steppedAside(actor: Actor, facts: ApplicationFacts): boolean {
  if (!facts.conflictedReviewerIds.includes(actor.id)) return false
  return reach(actor, 'staff').some((clause) => clause.every((c) => 'notConflicted' in c || satisfies(c, facts)))
}

/** The roles the actor holds on this application: the applicant's, and the staff roles that reach it. */
export function rolesOn(actor: Actor, facts: ApplicationFacts): Role[] {
  const held: Role[] = []
  if (actor.roles.includes('student') && facts.applicantId === actor.id) held.push('student')
  if (canReview(actor, facts)) {
    for (const role of actor.roles) {
      if (role === 'student') continue
      if (role === 'college_reviewer' && reviewedCollege(actor) !== facts.collegeId) continue
      held.push(role)
    }
  }
  return held
}

/** The workflow commands the actor may give on the application now. */
export function commandsOn(actor: Actor, facts: ApplicationFacts): Command[] {
  const held = rolesOn(actor, facts)
  return held.length ? commandsFor(facts.status, held, facts.inRound ?? false) : []
}

type ReviewStage = 'college' | 'office'

/** The stage the actor reviews the application at (by the stage it is in, for someone with both roles), or null. */
export function reviewStage(actor: Actor, facts: ApplicationFacts): ReviewStage | null {
  const held = rolesOn(actor, facts)
  const college = held.includes('college_reviewer')
  const office = held.includes('office_reviewer')
  if (college && office) return holder(facts.status) === 'college' ? 'college' : 'office'
  return college ? 'college' : office ? 'office' : null
}

/**
 * Whether the viewer sees the other reviewers' scores of an application: the scores, their mean,
 * and what is computed from them (a selection round's composite score and rank). Not while a
 * review of theirs is due on it, so that each reviewer scores on their own. In a selection round
 * the office does not score blind: it ranks by the colleges' scores (decision 21). Staff who do
 * not review (finance, admins) see them.
 */
export function seesPeerScores(actor: Actor, facts: ApplicationFacts, ownReviewSubmitted: boolean): boolean {
  const stage = reviewStage(actor, facts)
  if (!stage || ownReviewSubmitted) return true
  return stage === 'office' && facts.inRound === true
}

/**
 * Who runs selection rounds: opens them, scores interviews, allocates, answers objections, makes
 * offers and downloads nomination lists. The international office. Everyone signed in reads a
 * round's published list and may object to it.
 */
export function runsRounds(actor: Pick<Actor, 'roles'>): boolean {
  return actor.roles.includes('office_reviewer')
}

// ---- sensitive personal information (PIPL; app/domain/personal-data.ts masks) -------------------

/**
 * The staff roles that see sensitive answers (passport number, date of birth) in full: the office,
 * which prepares the visa and nomination documents. Everyone else who reads the application sees
 * them masked and may reveal one with a reason (`mayReveal`), which is logged.
 */
const SEES_SENSITIVE: readonly Role[] = ['office_reviewer']

/** Whether the actor sees the application's sensitive answers unmasked: its applicant, or the office staff who may review it. */
export function seesSensitiveInFull(actor: Actor, facts: ApplicationFacts): boolean {
  if (facts.applicantId === actor.id) return true
  return hasRole(actor.roles, SEES_SENSITIVE) && canReview(actor, facts)
}

/** Whether the actor may reveal a masked answer (with a reason, logged): anyone who opens it on the staff's side. */
export function mayReveal(actor: Actor, facts: ApplicationFacts): boolean {
  return canReview(actor, facts)
}

/** Whether the actor may add sensitive columns to an export (when they tick the box; logged). */
export function mayExportSensitive(actor: Pick<Actor, 'roles'>): boolean {
  return hasRole(actor.roles, SEES_SENSITIVE)
}

/** Who answers students' requests to delete their personal information: the international office. */
export function handlesPrivacyRequests(actor: Pick<Actor, 'roles'>): boolean {
  return actor.roles.includes('office_reviewer')
}

/** Who reads, per student, who accessed their personal data: the administrator. */
export function seesAccessLog(actor: Pick<Actor, 'roles'>): boolean {
  return actor.roles.includes('admin')
}

/**
 * Who looks after students' stays (decision 22): records a departure, arrival or return for a
 * student, sees where students are on a day, reminds those blocked before departure and sends
 * incident messages. The international office and administrators, over the applications their
 * staff reach covers.
 */
export function managesStays(actor: Pick<Actor, 'roles'>): boolean {
  return hasRole(actor.roles, ['office_reviewer', 'admin'])
}

// ---- learning agreements (decision 26) -----------------------------------------------------------
//
// | who                                   | learning agreement of an approved (or completed) exchange or joint training |
// | ------------------------------------- | ----------------------------------------------------------------------------- |
// | the applicant                         | reads every version; edits a draft, submits it, starts a new version, enters grades |
// | academic approver of the college      | reads every version; decides lines, confirms recognition; exports its college's recognised courses |
// | academic approver of another college  | nothing                                                                        |
// | staff who may review the application  | its state on the review page (no lines)                                       |
// The academic approver's role counts for their own college only (their account's college), never
// on their own application; it opens no application otherwise (no place in `reach`).

/** The college whose learning agreements an actor approves: their own, with the role; none otherwise. */
export function approvedCollege(actor: Pick<Actor, 'roles' | 'collegeId'>): string | null {
  return actor.roles.includes('academic_approver') ? actor.collegeId : null
}

/** What the learning agreement rules need to know of an application. */
export type AgreementFacts = Pick<ApplicationFacts, 'applicantId' | 'collegeId' | 'status'> & { kind: string }

/** Approved and on (or back from) the stay: the statuses in which an agreement is kept. */
export const agreementStatuses: readonly ApplicationStatus[] = ['approved', 'completed']

const hasAgreement = (facts: AgreementFacts) =>
  agreementStatuses.includes(facts.status) && (agreementKinds as readonly string[]).includes(facts.kind)

/** May the actor decide the agreement's lines and confirm recognition? Their college's approver, not on their own. */
export function approvesAgreement(actor: Actor, facts: AgreementFacts): boolean {
  const college = approvedCollege(actor)
  return hasAgreement(facts) && college !== null && college === facts.collegeId && facts.applicantId !== actor.id
}

/** May the actor edit the agreement (lines, submission, new versions, grades)? The applicant, while approved. */
export function editsAgreement(actor: Pick<Actor, 'id' | 'roles'>, facts: AgreementFacts): boolean {
  return actor.roles.includes('student') && facts.applicantId === actor.id && facts.status === 'approved' && hasAgreement(facts)
}

/** May the actor read the agreement's versions and lines? Its applicant, and its college's approvers. */
export function readsAgreement(actor: Actor, facts: AgreementFacts): boolean {
  return (facts.applicantId === actor.id && hasAgreement(facts)) || approvesAgreement(actor, facts)
}
