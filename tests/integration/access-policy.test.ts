// The access policy (app/domain/access.ts, app/models/access.server.ts) against every path that
// reads or acts on applications, over HTTP. A world of applications in the states that matter
// (a draft, submitted in the reviewer's college and in another, a declared conflict of interest,
// withdrawn after and before submitting, approved, at funding check, a staff member's own) is
// read by every kind of person, and each page, its `.data`, each download, queue (with its
// filters, search and sorts), drill-down, export and finance list must show exactly the
// applications the policy says, no more and no fewer. A path that forgets the policy fails here.
//
// Adding a route: classify it in `routes` below (the last test fails until you do); a route that
// reads applications also needs its paths in `readingPaths`.
import { readFileSync, existsSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  canRead,
  canReadDocuments,
  canReview,
  commandsOn,
  countReach,
  holds,
  reach,
  runsRounds,
  steppedAside,
  type Actor,
  type ApplicationFacts,
  type View,
} from '~/domain/access'
import { hasRole, type Role } from '~/domain/roles'
import { isEditable, isActive, type ApplicationStatus, type Command } from '~/domain/workflow'
import type { ReviewStage } from '~/generated/prisma/client'
import { translator } from '~/i18n'
import { prisma } from '~/lib/db.server'
import { recordMovement } from '~/models/awards.server'
import { shanghaiDate } from '~/domain/dates'
import { putObject } from '~/lib/storage.server'
import { accessFor, ownedBy, ownedBySql } from '~/models/access.server'
import { applicationReference } from '~/models/application.server'
import { createApplication, createCollege, createFund, createProgram, createStudent, createUser } from '../factories'
import { routeModules } from '../reliability/support/routes'
import { sessionCookie, startAppServer, type AppServer } from '../support/app-server'
import { resetDatabase } from '../support/db'
import { pdf } from '../support/files'

// ---- the world --------------------------------------------------------------------------------

type Person =
  'otherStudent' | 'collegeX' | 'collegeY' | 'unassignedReviewer' | 'office' | 'officeFinance' | 'finance' | 'admin' | 'reviewerStudent'
const staffPeople: Record<Person, { roles: Role[]; college?: 'x' | 'y' }> = {
  otherStudent: { roles: ['student'], college: 'x' },
  collegeX: { roles: ['college_reviewer'], college: 'x' },
  collegeY: { roles: ['college_reviewer'], college: 'y' },
  unassignedReviewer: { roles: ['college_reviewer'] },
  office: { roles: ['office_reviewer'] },
  officeFinance: { roles: ['office_reviewer', 'finance'] },
  finance: { roles: ['finance'] },
  admin: { roles: ['admin'] },
  // A PhD student who also reviews for their college: applies like any student, never reviews their own.
  reviewerStudent: { roles: ['student', 'college_reviewer'], college: 'x' },
}

type CaseSpec = {
  status: ApplicationStatus
  college: 'x' | 'y'
  submitted: boolean
  award?: 'proposed' | 'committed'
  /** People who declared a conflict of interest on it, at their stage. */
  conflicts?: [Person, ReviewStage][]
  /** Whose it is: its own student unless a person of the world. */
  applicant?: Person
  /** Made in the world's selection round. */
  round?: true
}
const cases = {
  draft: { status: 'draft', college: 'x', submitted: false },
  submitted: { status: 'submitted', college: 'x', submitted: true },
  otherCollege: { status: 'submitted', college: 'y', submitted: true },
  conflict: { status: 'submitted', college: 'x', submitted: true, conflicts: [['collegeX', 'college']] },
  endorsed: { status: 'college_endorsed', college: 'x', submitted: true },
  endorsedConflict: { status: 'college_endorsed', college: 'x', submitted: true, conflicts: [['office', 'office']] },
  withdrawn: { status: 'withdrawn', college: 'x', submitted: true },
  withdrawnDraft: { status: 'withdrawn', college: 'x', submitted: false },
  approved: { status: 'approved', college: 'x', submitted: true, award: 'committed' },
  approvedConflict: {
    status: 'approved',
    college: 'x',
    submitted: true,
    award: 'committed',
    conflicts: [
      ['collegeX', 'college'],
      ['office', 'office'],
      ['officeFinance', 'office'],
    ],
  },
  fundingCheck: { status: 'funding_check', college: 'x', submitted: true, award: 'proposed', conflicts: [['officeFinance', 'office']] },
  staffOwn: { status: 'submitted', college: 'x', submitted: true, applicant: 'reviewerStudent' },
  // In a selection round: the round page's ranking and lists show them, by the same policy.
  roundEndorsed: { status: 'college_endorsed', college: 'x', submitted: true, round: true },
  roundConflict: { status: 'college_endorsed', college: 'y', submitted: true, round: true, conflicts: [['office', 'office']] },
  roundDraft: { status: 'draft', college: 'x', submitted: false, round: true },
} satisfies Record<string, CaseSpec>
type CaseName = keyof typeof cases
const caseNames = Object.keys(cases) as CaseName[]
const spec = (c: CaseName): CaseSpec => cases[c]

type Built = {
  id: string
  version: number
  facts: ApplicationFacts
  reference: string
  /** The applicant's name and student number, and the program's title: each unique to the case. */
  name: string
  programTitle: string
  programId: string
  ownerId: string
  documentId: string | null
  awardId: string | null
}
type World = {
  colleges: { x: string; y: string }
  /** Everyone who reads: the world's people and each case's applicant (`owner:<case>`). */
  actors: Record<string, Actor & { roles: Role[] }>
  apps: Record<CaseName, Built>
  year: string
  /** The selection round the round cases are in. */
  round: string
}

const nameOf = (c: CaseName) => `Mk${c}Qx`
const titleOf = (c: CaseName) => `Prog${c}Zz`

async function buildWorld({ documents = true }: { documents?: boolean } = {}): Promise<World> {
  await resetDatabase()
  const [x, y] = await Promise.all([createCollege(prisma), createCollege(prisma)])
  const colleges = { x: x.id, y: y.id }
  const fund = await createFund(prisma, { kinds: ['exchange'], budgetFen: 10_000_000n })
  const actors: World['actors'] = {}
  for (const [who, p] of Object.entries(staffPeople) as [Person, (typeof staffPeople)[Person]][]) {
    const isStudent = p.roles.includes('student')
    const user = await createUser(prisma, {
      roles: p.roles,
      collegeId: p.college ? colleges[p.college] : null,
      locale: 'en',
      ...(isStudent && {
        level: 'undergraduate',
        studentNumber: who === 'reviewerStudent' ? nameOf('staffOwn').toUpperCase() : `SN${who}`.toUpperCase(),
      }),
      ...(who === 'reviewerStudent' && { nameZh: nameOf('staffOwn'), nameEn: nameOf('staffOwn') }),
    })
    actors[who] = { id: user.id, roles: user.roles, collegeId: user.collegeId }
  }
  const apps = {} as World['apps']
  const round = await prisma.selectionRound.create({
    data: {
      titleZh: '选拔',
      titleEn: 'Round',
      kind: 'exchange',
      academicYear: fund.academicYear,
      opensAt: new Date(Date.now() - 86_400_000),
      closesAt: new Date(Date.now() + 86_400_000),
      offerDeadline: new Date(Date.now() + 30 * 86_400_000),
      formula: { weights: { gpa: 100, language: 0, rubric: 0, interview: 0 }, tieBreak: [] },
      createdById: actors.office.id,
    },
  })
  for (const c of caseNames) {
    const s = spec(c)
    const roundId = s.round ? round.id : null
    const program = await createProgram(prisma, { titleZh: titleOf(c), titleEn: titleOf(c), quota: null, fundId: fund.id, roundId })
    const owner = s.applicant
      ? actors[s.applicant]
      : await createStudent(prisma, {
          collegeId: colleges[s.college],
          nameZh: nameOf(c),
          nameEn: nameOf(c),
          studentNumber: nameOf(c).toUpperCase(),
          locale: 'en',
        })
    if (!s.applicant) actors[`owner:${c}`] = { id: owner.id, roles: ['student'], collegeId: colleges[s.college] }
    const application = await createApplication(prisma, {
      applicantId: owner.id,
      programId: program.id,
      collegeId: colleges[s.college],
      status: s.status,
      submittedAt: s.submitted ? new Date() : null,
      details: { kind: 'exchange', programId: program.id },
      roundId,
    })
    if (roundId) await prisma.roundChoice.create({ data: { applicationId: application.id, rank: 1, programId: program.id } })
    for (const [who, stage] of s.conflicts ?? []) {
      await prisma.review.create({ data: { applicationId: application.id, reviewerId: actors[who].id, stage, conflict: true } })
    }
    let documentId: string | null = null
    if (documents) {
      const bytes = pdf()
      const objectKey = `applications/${application.id}/transcript/policy-${c}`
      await putObject(objectKey, bytes, { contentType: 'application/pdf' })
      const document = await prisma.document.create({
        data: {
          applicationId: application.id,
          kind: 'transcript',
          objectKey,
          size: bytes.length,
          sha256: 'x',
          contentType: 'application/pdf',
          originalName: 't.pdf',
          uploadedById: owner.id,
        },
      })
      documentId = document.id
    }
    const award = s.award
      ? await prisma.award.create({
          data: {
            applicationId: application.id,
            fundId: fund.id,
            collegeId: colleges[s.college],
            status: s.award,
            requestedFen: 100_000,
            approvedFen: s.award === 'committed' ? 100_000 : 0,
            lines: { airfare: { requestedFen: 100_000, ...(s.award === 'committed' && { approvedFen: 100_000 }) } },
          },
        })
      : null
    // The ledger's commitment, as finance's confirmation writes it (the fiscal view lists it).
    if (award?.status === 'committed') {
      await recordMovement(prisma, award, { kind: 'commit', amountFen: award.approvedFen, on: shanghaiDate(new Date()), actorId: null })
    }
    apps[c] = {
      id: application.id,
      version: application.version,
      facts: {
        id: application.id,
        applicantId: owner.id,
        collegeId: application.collegeId,
        status: application.status,
        submittedAt: application.submittedAt,
        conflictedReviewerIds: (s.conflicts ?? []).map(([who]) => actors[who].id),
        inRound: roundId !== null,
      },
      reference: applicationReference(application.id, application.academicYear),
      name: nameOf(c),
      programTitle: titleOf(c),
      programId: program.id,
      ownerId: owner.id,
      documentId,
      awardId: award?.id ?? null,
    }
  }
  return { colleges, actors, apps, year: fund.academicYear, round: round.id }
}

// ---- reading ----------------------------------------------------------------------------------

let app: AppServer
beforeAll(async () => {
  app = await startAppServer()
})
afterAll(() => app?.close())

type Answer = { status: number; text: string }
async function get(path: string, cookie: string): Promise<Answer> {
  const res = await app.request(path, { cookie })
  const type = res.headers.get('Content-Type') ?? ''
  if (type.includes('spreadsheetml')) return { status: res.status, text: await workbookText(await res.arrayBuffer()) }
  return { status: res.status, text: await res.text() }
}

/** Every cell of a workbook, as text. */
async function workbookText(bytes: ArrayBuffer): Promise<string> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes)
  const cells: string[] = []
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(`${sheet.name}|${row.number}|${String(cell.text)}`))),
  )
  return cells.join('\n')
}

/** How a path names an application: by id or reference (lists, whose URL names none), or by its program's title (pages whose URL holds the id). */
type Marker = 'id' | 'title'
const mentions = (text: string, a: Built, marker: Marker) =>
  marker === 'title' ? text.includes(a.programTitle) : text.includes(a.id) || text.includes(a.reference)

const counted = (s: ApplicationStatus) => s === 'approved' || s === 'completed'
const dashboardRoles: Role[] = ['college_reviewer', 'office_reviewer', 'admin']
const financeReaderRoles: Role[] = ['finance', 'office_reviewer', 'admin']
const inCountReach = (actor: Actor, a: Built) => {
  const reached = countReach(actor)
  return reached !== null && (reached.college === null || reached.college === a.facts.collegeId)
}
const mayOpenDashboard = (actor: Actor) => hasRole(actor.roles, dashboardRoles) && countReach(actor) !== null
const mayOpenFinance = (actor: Actor) => hasRole(actor.roles, financeReaderRoles) && countReach(actor)?.college === null

/**
 * A path that lists applications: its URL, the route module it belongs to, who may open it (else
 * 403), which applications it lists when the policy allows (its own filter), and how it names them.
 */
type ListPath = {
  module: string
  path: (w: World) => string
  opens: (actor: Actor, w: World) => boolean
  /** Which cases the path shows (to this reader), before the policy has its say. */
  lists: (a: Built, c: CaseName, w: World, reader: Actor) => boolean
  marker: Marker
  /** Whose view of the policy: the staff's (default) or the applicant's own; per reader (null: lists none). */
  view?: View | ((actor: Actor) => View | null)
}

const queueFilters: { query: (w: World) => string; lists: (a: Built, c: CaseName, w: World) => boolean }[] = [
  { query: () => 'status=all', lists: () => true },
  { query: () => 'status=all&sort=name', lists: () => true },
  { query: () => 'status=all&sort=deadline', lists: () => true },
  { query: () => 'status=all&sort=newest', lists: () => true },
  ...(['submitted', 'college_endorsed', 'withdrawn', 'approved', 'funding_check'] as const).map((status) => ({
    query: () => `status=${status}`,
    lists: (a: Built) => a.facts.status === status,
  })),
  { query: () => 'status=all&kind=exchange&level=undergraduate&closesWithinDays=60', lists: () => true },
  { query: (w) => `status=all&collegeId=${w.colleges.x}`, lists: (a, _, w) => a.facts.collegeId === w.colleges.x },
  { query: (w) => `status=all&collegeId=${w.colleges.y}`, lists: (a, _, w) => a.facts.collegeId === w.colleges.y },
  ...caseNames.flatMap((c) => [
    { query: () => `status=all&q=${nameOf(c)}`, lists: (_: Built, d: CaseName) => d === c },
    { query: () => `status=all&program=${titleOf(c)}`, lists: (_: Built, d: CaseName) => d === c },
  ]),
]
const queuePages = [
  { module: 'college._index', url: '/college', opens: (a: Actor) => a.roles.includes('college_reviewer') && a.collegeId !== null },
  { module: 'office._index', url: '/office', opens: (a: Actor) => a.roles.includes('office_reviewer') },
]

const readingPaths: ListPath[] = [
  // A selection round: the office's ranking, its download and the nomination lists; a student's own
  // choices. Everyone signed in opens the page.
  {
    module: 'rounds.$roundId',
    path: (w) => `/rounds/${w.round}`,
    opens: () => true,
    // A student also reads there their own application of the kind and year that keeps them out.
    lists: (a, c, _, reader) => spec(c).round === true || (!runsRounds(reader) && isActive(a.facts.status)),
    marker: 'id',
    view: (a) => (runsRounds(a) ? 'staff' : a.roles.includes('student') ? 'own' : null),
  },
  {
    module: 'rounds.$roundId',
    path: (w) => `/rounds/${w.round}.data`,
    opens: () => true,
    // A student also reads there their own application of the kind and year that keeps them out.
    lists: (a, c, _, reader) => spec(c).round === true || (!runsRounds(reader) && isActive(a.facts.status)),
    marker: 'id',
    view: (a) => (runsRounds(a) ? 'staff' : a.roles.includes('student') ? 'own' : null),
  },
  {
    module: 'rounds.$roundId.ranking[.]csv',
    path: (w) => `/rounds/${w.round}/ranking.csv`,
    opens: (a) => a.roles.includes('office_reviewer'),
    lists: (a) =>
      ['college_endorsed', 'waitlisted', 'offered', 'funding_check', 'approved', 'completed'].includes(a.facts.status) &&
      a.facts.inRound === true,
    marker: 'title',
  },
  // The reviewer queues, plain, filtered, searched and sorted, and their .data.
  ...queuePages.flatMap((q) => [
    // Without a status: the reviewer's own work (submitted for a college, endorsed for the office).
    {
      module: q.module,
      path: () => q.url,
      opens: q.opens,
      lists: (a: Built) => a.facts.status === (q.url === '/college' ? 'submitted' : 'college_endorsed'),
      marker: 'id' as const,
    },
    { module: q.module, path: () => `${q.url}.data?status=all`, opens: q.opens, lists: () => true, marker: 'id' as const },
    ...queueFilters.map((f) => ({
      module: q.module,
      path: (w: World) => `${q.url}?${f.query(w)}`,
      opens: q.opens,
      lists: f.lists,
      marker: 'id' as const,
    })),
  ]),
  // The dashboard names nobody; its drill-down lists the applications behind a figure.
  { module: 'dashboard._index', path: (w) => `/dashboard?year=${w.year}`, opens: mayOpenDashboard, lists: () => false, marker: 'id' },
  { module: 'dashboard._index', path: (w) => `/dashboard.data?year=${w.year}`, opens: mayOpenDashboard, lists: () => false, marker: 'id' },
  {
    module: 'dashboard.applications',
    path: (w) => `/dashboard/applications?year=${w.year}`,
    opens: mayOpenDashboard,
    lists: (a) => counted(a.facts.status),
    marker: 'id',
  },
  {
    module: 'dashboard.applications',
    path: (w) => `/dashboard/applications.data?year=${w.year}&college=${w.colleges.x}`,
    opens: (a, w) => mayOpenDashboard(a) && [null, w.colleges.x].includes(countReach(a)!.college),
    lists: (a, _, w) => counted(a.facts.status) && a.facts.collegeId === w.colleges.x,
    marker: 'id',
  },
  {
    module: 'dashboard.export[.]xlsx',
    path: (w) => `/dashboard/export.xlsx?year=${w.year}`,
    opens: mayOpenDashboard,
    lists: () => false,
    marker: 'id',
  },
  // Finance: the figures name nobody; the lists behind them, the queue, year end and exports do.
  { module: 'finance._index', path: (w) => `/finance?year=${w.year}`, opens: mayOpenFinance, lists: () => false, marker: 'id' },
  {
    module: 'finance.awards._index',
    path: (w) => `/finance/awards?year=${w.year}`,
    opens: mayOpenFinance,
    lists: (a) => a.awardId !== null,
    marker: 'id',
  },
  {
    module: 'finance.awards._index',
    path: (w) => `/finance/awards.data?year=${w.year}&view=committed`,
    opens: mayOpenFinance,
    lists: (a, c) => spec(c).award === 'committed',
    marker: 'id',
  },
  {
    module: 'finance.year-end',
    path: (w) => `/finance/year-end?year=${w.year}`,
    opens: mayOpenFinance,
    lists: (a, c) => spec(c).award === 'committed',
    marker: 'id',
  },
  {
    module: 'finance.fiscal',
    path: () => '/finance/fiscal',
    opens: mayOpenFinance,
    lists: (a, c) => spec(c).award === 'committed',
    marker: 'id',
  },
  {
    // Payments and releases only: the cases' awards are committed, none paid, so no row names them.
    module: 'finance.movements[.]csv',
    path: (w) => `/finance/movements.csv?year=${w.year}`,
    opens: mayOpenFinance,
    lists: () => false,
    marker: 'id',
  },
  {
    module: 'finance.export[.]csv',
    path: (w) => `/finance/export.csv?year=${w.year}`,
    opens: mayOpenFinance,
    lists: (a) => a.awardId !== null,
    marker: 'id',
  },
  {
    module: 'finance.export[.]xlsx',
    path: (w) => `/finance/export.xlsx?year=${w.year}`,
    opens: mayOpenFinance,
    lists: (a) => a.awardId !== null,
    marker: 'id',
  },
  {
    module: 'finance.queue',
    path: () => '/finance/queue',
    opens: (a) => a.roles.includes('finance'),
    lists: (a, c) => spec(c).award === 'proposed',
    marker: 'id',
  },
  // The student's own list.
  {
    module: 'student._index',
    path: () => '/student',
    opens: (a) => a.roles.includes('student'),
    lists: () => true,
    marker: 'id',
    view: 'own',
  },
  {
    module: 'student._index',
    path: () => '/student.data',
    opens: (a) => a.roles.includes('student'),
    lists: () => true,
    marker: 'id',
    view: 'own',
  },
  // The student's own copy (PIPL): every application of theirs, nobody else's (a stored archive, so the ids read plainly).
  {
    module: 'student.my-data[.]zip',
    path: () => '/student/my-data.zip',
    opens: (a) => a.roles.includes('student'),
    lists: () => true,
    marker: 'id',
    view: 'own',
  },
]

/** Pages of one application (or its document, award or program): their module, for classification. */
const onePagePaths = [
  'review.$applicationId',
  'documents.$documentId',
  'finance.awards.$awardId',
  'student.applications.$applicationId._index',
  'student.applications.$applicationId.submit',
  'student.applications.$applicationId.report',
  'student.applications.$applicationId.documents',
  'programs.$programId',
  'student.applications.$applicationId.offer',
  'rounds.$roundId.nominations.$partnerId.$format',
  'student.applications.$applicationId.stay',
  'student.applications.$applicationId.pledge[.]pdf',
  // Learning agreements (decision 26): the student's own, and the academic approver's of their
  // college (not in `reach`): walked in tests/integration/learning-agreement.test.ts.
  'student.applications.$applicationId.learning-agreement',
  'learning-agreements._index',
  'learning-agreements.$applicationId',
  'learning-agreements.recognised[.]csv',
  'applications.$applicationId.approval[.]pdf',
  'verify.$token',
  'guardian.$token',
  'incident.$token',
  // Stays of approved applications covering a day: this world's applications have none (made
  // without the door); the office's lists are walked in tests/integration/stay-office.test.ts.
  'office.stays',
  'office.stays[.]xlsx',
]

const allowedBy = (actor: Actor, facts: ApplicationFacts, view: View) => holds(reach(actor, view), facts)

/** Everyone who reads, by name: the world's people and each case's own applicant. */
const readers = [...(Object.keys(staffPeople) as string[]), ...caseNames.filter((c) => !spec(c).applicant).map((c) => `owner:${c}`)]

/** Runs `jobs` a few at a time (the server is in this process: a handful in flight keeps it busy). */
async function inBatches<T>(jobs: (() => Promise<T>)[], size = 6): Promise<T[]> {
  const results: T[] = []
  for (let i = 0; i < jobs.length; i += size) results.push(...(await Promise.all(jobs.slice(i, i + size).map((job) => job()))))
  return results
}

describe('every reading path shows exactly what the policy allows', () => {
  let w: World
  let cookies: Record<string, string>
  beforeAll(async () => {
    w = await buildWorld()
    cookies = {}
    for (const [who, actor] of Object.entries(w.actors)) cookies[who] = await sessionCookie(actor.id)
  }, 60_000)
  const everyone = () => Object.entries(w.actors)

  test.each(readers)(
    'the lists, read by %s: queues with their filters, drill-downs, finance lists and exports, the student home',
    async (who) => {
      const actor = w.actors[who]
      const failures = await inBatches(
        readingPaths.map((p) => async () => {
          const url = p.path(w)
          const { status, text } = await get(url, cookies[who])
          const opens = p.opens(actor, w)
          const found: string[] = []
          if (status !== (opens ? 200 : 403)) found.push(`GET ${url}: ${status}, expected ${opens ? 200 : 403}`)
          for (const c of caseNames) {
            const a = w.apps[c]
            const view = typeof p.view === 'function' ? p.view(actor) : (p.view ?? 'staff')
            const expected = opens && view !== null && p.lists(a, c, w, actor) && allowedBy(actor, a.facts, view)
            if (mentions(text, a, p.marker) !== expected) found.push(`GET ${url}: ${c} ${expected ? 'missing' : 'shown'}`)
          }
          return found
        }),
      )
      expect(failures.flat()).toEqual([])
    },
    120_000,
  )

  test.each(readers)(
    'each application, read by %s: review page and .data, download, award page, student pages, program page',
    async (who) => {
      const actor = w.actors[who]
      const cookie = cookies[who]
      const staff = hasRole(actor.roles, ['college_reviewer', 'office_reviewer', 'finance', 'admin'])
      const student = actor.roles.includes('student')
      const failures = await inBatches(
        caseNames.map((c) => async () => {
          const found: string[] = []
          const expect_ = (cond: boolean, message: string) => cond || found.push(`${c}: ${message}`)
          const a = w.apps[c]
          const review = canReview(actor, a.facts)
          const own = allowedBy(actor, a.facts, 'own')

          for (const path of [`/review/${a.id}`, `/review/${a.id}.data`]) {
            const { status, text } = await get(path, cookie)
            const expected = !staff ? 403 : review || steppedAside(actor, a.facts) ? 200 : 404
            expect_(status === expected, `${path} ${status}, expected ${expected}`)
            expect_(mentions(text, a, 'title') === review, `${path} ${review ? 'hides' : 'shows'} the application`)
          }

          const download = await app.request(`/documents/${a.documentId}`, { cookie })
          await download.arrayBuffer()
          expect_(download.status === (canReadDocuments(actor, a.facts) ? 200 : 404), `download ${download.status}`)

          if (a.awardId) {
            const { status, text } = await get(`/finance/awards/${a.awardId}.data`, cookie)
            const expected = !actor.roles.includes('finance') ? 403 : review ? 200 : 404
            expect_(status === expected, `award page ${status}, expected ${expected}`)
            expect_(mentions(text, a, 'id') === (expected === 200), 'award page content')
          }

          for (const path of [
            `/student/applications/${a.id}`,
            `/student/applications/${a.id}.data`,
            `/student/applications/${a.id}/report`,
          ]) {
            const { status, text } = await get(path, cookie)
            const expected = !student ? 403 : own ? 200 : 404
            expect_(status === expected, `${path} ${status}, expected ${expected}`)
            expect_(mentions(text, a, 'title') === own, `${path} ${own ? 'hides' : 'shows'} the application`)
          }
          const submit = await get(`/student/applications/${a.id}/submit`, cookie)
          const submitExpected = !student ? 403 : !own ? 404 : isEditable(a.facts.status) ? 200 : 302
          expect_(submit.status === submitExpected, `submit page ${submit.status}, expected ${submitExpected}`)

          // The uploads' action: someone else's application is not found, whatever the form says.
          const upload = await app.request(`/student/applications/${a.id}/documents`, {
            cookie,
            form: { intent: 'delete', documentId: 'none' },
          })
          await upload.arrayBuffer()
          const uploadExpected = !student ? 403 : own ? 302 : 404
          expect_(upload.status === uploadExpected, `documents action ${upload.status}, expected ${uploadExpected}`)

          const program = await get(`/programs/${a.programId}.data`, cookie)
          expect_(program.status === 200, `program page ${program.status}`)
          expect_(mentions(program.text, a, 'id') === (student && own && isActive(a.facts.status)), "program page's own application")
          return found
        }),
        4,
      )
      expect(failures.flat()).toEqual([])
    },
    120_000,
  )

  test('figures count what the viewer may count, conflicts included; the lists behind them say what they withhold', async () => {
    const t = translator('en')
    for (const [who, actor] of everyone()) {
      const countedCases = caseNames.filter((c) => counted(w.apps[c].facts.status) && inCountReach(actor, w.apps[c]))
      const withheld = countedCases.filter((c) => !canReview(actor, w.apps[c].facts))
      if (mayOpenDashboard(actor)) {
        const sheet = await get(`/dashboard/export.xlsx?year=${w.year}`, cookies[who])
        const [sheetName, row] = sheet.text
          .split('\n')
          .find((line) => line.endsWith(`|${t('dashboard.total')}`))!
          .split('|')
        expect(sheet.text.split('\n'), who).toContain(`${sheetName}|${row}|${countedCases.length}`)
        const drill = await get(`/dashboard/applications?year=${w.year}`, cookies[who])
        expect(drill.text.includes('data-testid="drill-withheld"'), who).toBe(withheld.length > 0)
        if (withheld.length) expect(drill.text).toContain(t('dashboard.drill.withheld', { count: withheld.length }))
      }
      if (mayOpenFinance(actor)) {
        const withheldAwards = caseNames.filter((c) => w.apps[c].awardId && !canReview(actor, w.apps[c].facts))
        const list = await get(`/finance/awards?year=${w.year}`, cookies[who])
        expect(list.text.includes('data-testid="awards-withheld"'), who).toBe(withheldAwards.length > 0)
      }
    }
  })

  test('the policy as a Prisma where, as SQL and as pure rules selects the same applications', async () => {
    const everyFact = await prisma.application.findMany({
      select: {
        id: true,
        applicantId: true,
        collegeId: true,
        status: true,
        submittedAt: true,
        roundId: true,
        reviews: { where: { conflict: true }, select: { reviewerId: true } },
      },
    })
    const facts = everyFact.map(({ reviews, ...row }) => ({
      ...row,
      inRound: row.roundId !== null,
      conflictedReviewerIds: reviews.map((r) => r.reviewerId),
    }))
    const sorted = (ids: string[]) => [...ids].sort()
    let nonEmpty = 0
    for (const [who, actor] of everyone()) {
      const access = await accessFor(actor)
      for (const view of ['own', 'staff', 'any'] as const) {
        const pure = sorted(facts.filter((f) => holds(reach(actor, view), f)).map((f) => f.id))
        const viaWhere = sorted((await prisma.application.findMany({ where: access.where(view), select: { id: true } })).map((r) => r.id))
        const viaSql = sorted(
          (await prisma.$queryRaw<{ id: string }[]>`SELECT a.id FROM "Application" a WHERE ${access.sql(view)}`).map((r) => r.id),
        )
        const viaAlias = sorted(
          (await prisma.$queryRaw<{ id: string }[]>`SELECT x.id FROM "Application" x WHERE ${access.sql(view, 'x')}`).map((r) => r.id),
        )
        expect(viaWhere, `${who} ${view} where`).toEqual(pure)
        expect(viaSql, `${who} ${view} sql`).toEqual(pure)
        expect(viaAlias, `${who} ${view} sql as x`).toEqual(pure)
        if (pure.length) nonEmpty++
      }
      // The student's pages' shortcut, and the pure answers for one application.
      const own = sorted((await prisma.application.findMany({ where: ownedBy(actor), select: { id: true } })).map((r) => r.id))
      const ownSql = sorted(
        (await prisma.$queryRaw<{ id: string }[]>`SELECT a.id FROM "Application" a WHERE ${ownedBySql(actor)}`).map((r) => r.id),
      )
      expect(own, who).toEqual(sorted(facts.filter((f) => holds(reach(actor, 'own'), f)).map((f) => f.id)))
      expect(ownSql, who).toEqual(own)
      for (const f of facts) {
        expect(canRead(actor, f), `${who} ${f.id}`).toBe(holds(reach(actor, 'any'), f))
        expect(access.facts(f).conflictedReviewerIds.includes(actor.id), `${who} ${f.id}`).toBe(f.conflictedReviewerIds.includes(actor.id))
      }
    }
    expect(nonEmpty).toBeGreaterThan(10)
  })
})

// ---- acting -----------------------------------------------------------------------------------

/** A decision that would be valid for someone from each status, needing no reason. */
const decisionFrom: Partial<Record<ApplicationStatus, Command>> = {
  draft: 'cancel',
  submitted: 'college_endorse',
  college_endorsed: 'office_waitlist',
  withdrawn: 'cancel',
  approved: 'complete',
  funding_check: 'cancel',
}
const statusOf = async (id: string) => (await prisma.application.findUniqueOrThrow({ where: { id } })).status

describe('commands are given exactly where the policy allows', () => {
  const deciders: Person[] = [
    'collegeX',
    'collegeY',
    'unassignedReviewer',
    'office',
    'officeFinance',
    'finance',
    'admin',
    'reviewerStudent',
    'otherStudent',
  ]
  test.each(deciders)('%s on the review page: comments and decisions', async (who) => {
    const w = await buildWorld({ documents: false })
    const actor = w.actors[who]
    const cookie = await sessionCookie(actor.id)
    const failures: string[] = []
    for (const c of caseNames) {
      const a = w.apps[c]
      const comment = await app.request(`/review/${a.id}`, { cookie, form: { intent: 'comment', visibility: 'internal', body: 'hello' } })
      await comment.arrayBuffer()
      if ((comment.status === 200) !== canReview(actor, a.facts)) failures.push(`${c}: comment ${comment.status}`)

      const command = decisionFrom[a.facts.status]!
      const allowed = commandsOn(actor, a.facts).includes(command)
      const res = await app.request(`/review/${a.id}`, { cookie, form: { intent: 'decide', command, version: String(a.version) } })
      await res.arrayBuffer()
      const changed = (await statusOf(a.id)) !== a.facts.status
      if ((res.status === 200) !== allowed || changed !== allowed)
        failures.push(`${c}: ${command} answered ${res.status}, changed ${changed}, allowed ${allowed}`)
    }
    expect(failures).toEqual([])
  })

  const bulk = [
    { who: 'collegeX', page: '/college', command: 'college_endorse' },
    { who: 'reviewerStudent', page: '/college', command: 'college_endorse' },
    { who: 'office', page: '/office', command: 'office_waitlist' },
    { who: 'officeFinance', page: '/office', command: 'office_waitlist' },
  ] as const
  test.each(bulk)('$who in bulk from $page', async ({ who, page, command }) => {
    const w = await buildWorld({ documents: false })
    const actor = w.actors[who]
    const form = new URLSearchParams({ command })
    for (const c of caseNames) form.append('ids', `${w.apps[c].id}:${w.apps[c].version}`)
    const res = await app.request(page, { cookie: await sessionCookie(actor.id), form })
    expect(res.status).toBe(200)
    await res.arrayBuffer()
    const changed = []
    for (const c of caseNames) if ((await statusOf(w.apps[c].id)) !== w.apps[c].facts.status) changed.push(c)
    const expected = caseNames.filter((c) => commandsOn(actor, w.apps[c].facts).includes(command))
    expect(expected.length).toBeGreaterThan(0)
    expect(changed).toEqual(expected)
  })
})

// ---- every route is classified ----------------------------------------------------------------

/**
 * Every route module: 'reads' (its paths are checked above), 'counts' (figures only: they may count
 * what the viewer's count reach covers, names nobody), or 'none' (no application data).
 */
const routes: Record<string, 'reads' | 'counts' | 'none'> = {
  _index: 'none',
  'admin._index': 'counts',
  'admin.calendar': 'none',
  'auth.cas': 'none',
  'auth.oidc._index': 'none',
  'auth.oidc.callback': 'none',
  'admin.colleges._index': 'counts',
  'admin.colleges.$collegeId': 'none',
  'admin.email-previews._index': 'none',
  'admin.email-previews.$template.$locale': 'none',
  // The delivery log: template, address and state of each email, not what it said.
  'admin.emails': 'none',
  'admin.funds._index': 'counts',
  'admin.funds.$fundId': 'counts',
  'admin.import._index': 'none',
  'admin.import.template.$file': 'none',
  'admin.partners._index': 'none',
  'admin.agreements._index': 'none',
  'admin.agreements.$agreementId': 'none',
  'admin.agreements.$agreementId.signed': 'none',
  'admin.partners.$partnerId': 'none',
  'admin.programs._index': 'counts',
  'admin.programs.$programId': 'counts',
  'admin.targets': 'counts',
  'admin.users._index': 'none',
  'admin.users.$userId': 'none',
  'college._index': 'reads',
  'dashboard._index': 'reads',
  'dashboard.applications': 'reads',
  'dashboard.export[.]xlsx': 'reads',
  'documents.$documentId': 'reads',
  'finance._index': 'reads',
  'finance.awards.$awardId': 'reads',
  'finance.awards._index': 'reads',
  'finance.export[.]csv': 'reads',
  'finance.export[.]xlsx': 'reads',
  'finance.queue': 'reads',
  'finance.year-end': 'reads',
  'finance.fiscal': 'reads',
  'finance.movements[.]csv': 'reads',
  'admin.finance-export': 'none',
  // The exchange-rate table: rates, no application.
  'finance.rates': 'none',
  'forgot-password': 'none',
  healthz: 'none',
  login: 'none',
  logout: 'none',
  'office._index': 'reads',
  // The catalogue shows places taken (a count) and, on a program's page, the student's own application.
  'programs.$programId': 'reads',
  'programs._index': 'counts',
  'reset-password': 'none',
  'review.$applicationId': 'reads',
  'rounds._index': 'none',
  'rounds.new': 'none',
  'rounds.$roundId': 'reads',
  'rounds.$roundId.ranking[.]csv': 'reads',
  // Accepted offers only: walked in tests/integration/selection-round.test.ts (no case here has one).
  'rounds.$roundId.nominations.$partnerId.$format': 'reads',
  'set-locale': 'none',
  signup: 'none',
  'signup_.confirm': 'none',
  'student._index': 'reads',
  'student.applications.$applicationId._index': 'reads',
  'student.applications.$applicationId.documents': 'reads',
  'student.applications.$applicationId.report': 'reads',
  'student.applications.$applicationId.submit': 'reads',
  'student.applications.$applicationId.offer': 'reads',
  // Personal information (PIPL): the notice and consents, deletion requests, retention periods.
  privacy: 'none',
  'student.privacy': 'none',
  'student.my-data[.]zip': 'reads',
  'admin.privacy': 'none',
  'office.deletion-requests': 'none',
  // The stay (decision 22): one application's pages, the public pages by token (the verification
  // page, a guardian's consent, an incident's answer: walked in tests/integration/stay*.test.ts and
  // approval-form.test.ts), and the office's list of stays.
  'student.applications.$applicationId.stay': 'reads',
  'student.applications.$applicationId.learning-agreement': 'reads',
  'learning-agreements._index': 'reads',
  'learning-agreements.$applicationId': 'reads',
  'learning-agreements.recognised[.]csv': 'reads',
  // Grade scales: bands per partner or country, no application.
  'admin.grade-scales': 'none',
  'student.applications.$applicationId.pledge[.]pdf': 'reads',
  'applications.$applicationId.approval[.]pdf': 'reads',
  'verify.$token': 'reads',
  'guardian.$token': 'reads',
  'incident.$token': 'reads',
  'office.stays': 'reads',
  'office.stays[.]xlsx': 'reads',
  'office.stays_.setup': 'none',
}

/** The source of a route module (a file, or a folder's route file). */
function routeSource(module: string): string {
  const candidates = [
    `app/routes/${module}.tsx`,
    `app/routes/${module}.ts`,
    `app/routes/${module}/route.tsx`,
    `app/routes/${module}/route.ts`,
  ]
  const file = candidates.find((f) => existsSync(f))
  return file ? readFileSync(file, 'utf8') : ''
}

test('every route module with a loader or action is classified, and each that reads applications is walked above', () => {
  const withData = routeModules().filter((m) => /export\s+(async\s+)?(function|const)\s+(loader|action)\b/.test(routeSource(m)))
  const unclassified = withData.filter((m) => !(m in routes))
  expect(unclassified, `classify these in ${import.meta.filename}, and walk their paths if they read applications`).toEqual([])
  const stale = Object.keys(routes).filter((m) => !routeModules().includes(m))
  expect(stale, 'classified modules that no longer exist').toEqual([])
  const walked = new Set([...readingPaths.map((p) => p.module), ...onePagePaths])
  const unwalked = Object.entries(routes)
    .filter(([m, kind]) => kind === 'reads' && !walked.has(m))
    .map(([m]) => m)
  expect(unwalked, 'routes that read applications without a path checked above').toEqual([])
})
