// The authorization matrix: every route module in app/routes, GET (its loader) and POST (its
// action), for every kind of visitor, over HTTP against the real server (tests/support/app-server).
// Student B and the reviewer of another college use A's ids: they must get the same 404 as for an
// id that does not exist, never A's data.
//
// Adding a route: add one row to `matrix` below (the last test fails, naming the module, until
// you do). A row gives the URL (with :app, :draft, :doc, :program for the fixtures' ids) and the
// answer of each visitor, in the order of `visitors`:
//   200/400 the page or the action's own answer (400: the empty form was refused by validation)
//   302     a redirect that is not the sign-in page (home, back to the form, …)
//   'login' a redirect to the sign-in page (with redirectTo=<the URL> where the page needs a user)
//   403/404/405 refused / not found (or not theirs) / no action on this route; 409 the action's own
// POST bodies are empty forms (or the row's `form`): enough to pass or fail the authorization
// check, never enough to change anything that matters to the other cells. A signed-in visitor's
// POST to /login or /signup is answered by the page's loader: a redirect home.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Prisma, User } from '~/generated/prisma/client'
import { prisma } from '~/lib/db.server'
import { putObject } from '~/lib/storage.server'
import { createApplication, createCollege, createFund, createPartner, createProgram, createStudent, createUser } from '../factories'
import { sessionCookie, startAppServer, type AppServer } from '../support/app-server'
import { resetDatabase } from '../support/db'
import { pdf } from '../support/files'
import { routeModules } from './support/routes'

const visitors = ['anonymous', 'studentA', 'studentB', 'otherCollege', 'ownCollege', 'office', 'finance', 'admin'] as const
type Answer = 200 | 302 | 400 | 403 | 404 | 405 | 409 | 'login'
// One answer per visitor, in their order (a row with a missing or extra answer does not compile).
type PerVisitor<T extends readonly unknown[]> = { -readonly [K in keyof T]: Answer }
type Answers = PerVisitor<typeof visitors>
type Row = { path: string; form?: Record<string, string>; GET: Answers; POST: Answers }

const L = 'login' as const
// prettier-ignore
const matrix: Record<string, Row> = {
  //                                                   anon  A    B    collY collX office finance admin
  '_index': { path: '/',
    GET:                                             [L,   302, 302, 302, 302, 302, 302, 302],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'admin._index': { path: '/admin',
    GET:                                             [L,   403, 403, 403, 403, 403, 403, 200],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'admin.emails': { path: '/admin/emails',
    GET:                                             [L,   403, 403, 403, 403, 403, 403, 200],
    POST:                                            [L,   403, 403, 403, 403, 403, 403, 409] },
  'college._index': { path: '/college',
    GET:                                             [L,   403, 403, 200, 200, 403, 403, 403],
    POST:                                            [L,   403, 403, 200, 200, 403, 403, 403] },
  'documents.$documentId': { path: '/documents/:doc',
    GET:                                             [L,   200, 404, 404, 200, 200, 200, 200],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'finance._index': { path: '/finance',
    GET:                                             [L,   403, 403, 403, 403, 200, 200, 200],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'forgot-password': { path: '/forgot-password',
    GET:                                             [200, 200, 200, 200, 200, 200, 200, 200],
    POST:                                            [400, 400, 400, 400, 400, 400, 400, 400] },
  'healthz': { path: '/healthz',
    GET:                                             [200, 200, 200, 200, 200, 200, 200, 200],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'login': { path: '/login',
    GET:                                             [200, 302, 302, 302, 302, 302, 302, 302],
    POST:                                            [400, 302, 302, 302, 302, 302, 302, 302] },
  'logout': { path: '/logout',
    GET:                                             [302, 302, 302, 302, 302, 302, 302, 302],
    POST:                                            [L,   L,   L,   L,   L,   L,   L,   L] },
  'office._index': { path: '/office',
    GET:                                             [L,   403, 403, 403, 403, 200, 403, 403],
    POST:                                            [L,   403, 403, 403, 403, 200, 403, 403] },
  'programs.$programId': { path: '/programs/:program',
    GET:                                             [L,   200, 200, 200, 200, 200, 200, 200],
    POST:                                            [L,   302, 302, 403, 403, 403, 403, 403] },
  'programs._index': { path: '/programs',
    GET:                                             [L,   200, 200, 200, 200, 200, 200, 200],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'reset-password': { path: '/reset-password',
    GET:                                             [200, 200, 200, 200, 200, 200, 200, 200],
    POST:                                            [400, 400, 400, 400, 400, 400, 400, 400] },
  'review.$applicationId': { path: '/review/:app',
    GET:                                             [L,   403, 403, 404, 200, 200, 200, 200],
    POST:                                            [L,   403, 403, 400, 400, 400, 400, 400] },
  'set-locale': { path: '/set-locale',
    GET:                                             [302, 302, 302, 302, 302, 302, 302, 302],
    POST:                                            [302, 302, 302, 302, 302, 302, 302, 302] },
  'signup': { path: '/signup',
    GET:                                             [200, 302, 302, 302, 302, 302, 302, 302],
    POST:                                            [400, 302, 302, 302, 302, 302, 302, 302] },
  'signup_.confirm': { path: '/signup/confirm',
    GET:                                             [200, 200, 200, 200, 200, 200, 200, 200],
    POST:                                            [400, 400, 400, 400, 400, 400, 400, 400] },
  'student._index': { path: '/student',
    GET:                                             [L,   200, 200, 403, 403, 403, 403, 403],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'student.applications.$applicationId._index': { path: '/student/applications/:draft', form: { kind: 'exchange' },
    GET:                                             [L,   200, 404, 403, 403, 403, 403, 403],
    POST:                                            [L,   200, 404, 403, 403, 403, 403, 403] },
  'student.applications.$applicationId.documents': { path: '/student/applications/:draft/documents',
    GET:                                             [404, 404, 404, 404, 404, 404, 404, 404],
    POST:                                            [L,   302, 404, 403, 403, 403, 403, 403] },
  'admin.colleges._index': { path: '/admin/colleges',
    GET:                                             [L,   403, 403, 403, 403, 403, 403, 200],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'admin.colleges.$collegeId': { path: '/admin/colleges/:college',
    GET:                                             [L,   403, 403, 403, 403, 403, 403, 200],
    POST:                                            [L,   403, 403, 403, 403, 403, 403, 400] },
  'admin.partners._index': { path: '/admin/partners',
    GET:                                             [L,   403, 403, 403, 403, 403, 403, 200],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'admin.partners.$partnerId': { path: '/admin/partners/:partner',
    GET:                                             [L,   403, 403, 403, 403, 403, 403, 200],
    POST:                                            [L,   403, 403, 403, 403, 403, 403, 400] },
  'admin.agreements._index': { path: '/admin/agreements',
    GET:                                             [L,   403, 403, 403, 403, 403, 403, 200],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'admin.agreements.$agreementId': { path: '/admin/agreements/new',
    GET:                                             [L,   403, 403, 403, 403, 403, 403, 200],
    POST:                                            [L,   403, 403, 403, 403, 403, 403, 400] },
  'admin.agreements.$agreementId.signed': { path: '/admin/agreements/nosuchagreement1/signed',
    GET:                                             [L,   403, 403, 403, 403, 403, 403, 404],
    POST:                                            [L,   403, 403, 403, 403, 403, 403, 400] },
  'admin.programs._index': { path: '/admin/programs',
    GET:                                             [L,   403, 403, 403, 403, 403, 403, 200],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'admin.programs.$programId': { path: '/admin/programs/:program',
    GET:                                             [L,   403, 403, 403, 403, 403, 403, 200],
    POST:                                            [L,   403, 403, 403, 403, 403, 403, 400] },
  'admin.funds._index': { path: '/admin/funds',
    GET:                                             [L,   403, 403, 403, 403, 403, 403, 200],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'admin.funds.$fundId': { path: '/admin/funds/:fund',
    GET:                                             [L,   403, 403, 403, 403, 403, 403, 200],
    POST:                                            [L,   403, 403, 403, 403, 403, 403, 400] },
  'admin.users._index': { path: '/admin/users',
    GET:                                             [L,   403, 403, 403, 403, 403, 403, 200],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'admin.users.$userId': { path: '/admin/users/:user',
    GET:                                             [L,   403, 403, 403, 403, 403, 403, 200],
    POST:                                            [L,   403, 403, 403, 403, 403, 403, 400] },
  'admin.targets': { path: '/admin/targets',
    GET:                                             [L,   403, 403, 403, 403, 403, 403, 200],
    POST:                                            [L,   403, 403, 403, 403, 403, 403, 400] },
  // Campus sign-on (on in the tests): to the CAS server or the OpenID provider, whoever asks; the
  // way back without a ticket or state ends at the sign-in page; the CAS server's logout request.
  'auth.cas': { path: '/auth/cas',
    GET:                                             [302, 302, 302, 302, 302, 302, 302, 302],
    POST:                                            [400, 400, 400, 400, 400, 400, 400, 400] },
  'auth.oidc._index': { path: '/auth/oidc',
    GET:                                             [302, 302, 302, 302, 302, 302, 302, 302],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'auth.oidc.callback': { path: '/auth/oidc/callback',
    GET:                                             [L,   L,   L,   L,   L,   L,   L,   L  ],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'rounds._index': { path: '/rounds',
    GET:                                             [L,   200, 200, 200, 200, 200, 200, 200],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'rounds.new': { path: '/rounds/new',
    GET:                                             [L,   403, 403, 403, 403, 200, 403, 403],
    POST:                                            [L,   403, 403, 403, 403, 400, 403, 403] },
  'rounds.$roundId': { path: '/rounds/:round',
    GET:                                             [L,   200, 200, 200, 200, 200, 200, 200],
    POST:                                            [L,   400, 400, 400, 400, 400, 400, 400] },
  'rounds.$roundId.ranking[.]csv': { path: '/rounds/:round/ranking.csv',
    GET:                                             [L,   403, 403, 403, 403, 200, 403, 403],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'rounds.$roundId.nominations.$partnerId.$format': { path: '/rounds/:round/nominations/:partner/xlsx',
    GET:                                             [L,   403, 403, 403, 403, 200, 403, 403],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'student.applications.$applicationId.offer': { path: '/student/applications/:offer/offer',
    GET:                                             [L,   200, 404, 403, 403, 403, 403, 403],
    POST:                                            [L,   400, 404, 403, 403, 403, 403, 403] },
  'admin.calendar': { path: '/admin/calendar',
    GET:                                             [L,   403, 403, 403, 403, 403, 403, 200],
    POST:                                            [L,   403, 403, 403, 403, 403, 403, 400] },
  'admin.import._index': { path: '/admin/import',
    GET:                                             [L,   403, 403, 403, 403, 403, 403, 200],
    POST:                                            [L,   403, 403, 403, 403, 403, 403, 400] },
  'admin.import.template.$file': { path: '/admin/import/template/partners.csv',
    GET:                                             [L,   403, 403, 403, 403, 403, 403, 200],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'admin.email-previews._index': { path: '/admin/email-previews',
    GET:                                             [L,   403, 403, 403, 403, 403, 403, 200],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'admin.email-previews.$template.$locale': { path: '/admin/email-previews/password-reset/en',
    GET:                                             [L,   403, 403, 403, 403, 403, 403, 200],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'dashboard._index': { path: '/dashboard',
    GET:                                             [L,   403, 403, 200, 200, 200, 403, 200],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'dashboard.applications': { path: '/dashboard/applications',
    GET:                                             [L,   403, 403, 400, 400, 400, 403, 400],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'dashboard.export[.]xlsx': { path: '/dashboard/export.xlsx',
    GET:                                             [L,   403, 403, 200, 200, 200, 403, 200],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'finance.queue': { path: '/finance/queue',
    GET:                                             [L,   403, 403, 403, 403, 403, 200, 403],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'finance.awards._index': { path: '/finance/awards',
    GET:                                             [L,   403, 403, 403, 403, 200, 200, 200],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'finance.awards.$awardId': { path: '/finance/awards/:award',
    GET:                                             [L,   403, 403, 403, 403, 403, 200, 403],
    POST:                                            [L,   403, 403, 403, 403, 403, 400, 403] },
  'finance.year-end': { path: '/finance/year-end',
    GET:                                             [L,   403, 403, 403, 403, 200, 200, 200],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'finance.movements[.]csv': { path: '/finance/movements.csv',
    GET:                                             [L,   403, 403, 403, 403, 200, 200, 200],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'admin.finance-export': { path: '/admin/finance-export',
    GET:                                             [L,   403, 403, 403, 403, 403, 403, 200],
    POST:                                            [L,   403, 403, 403, 403, 403, 403, 400] },
  'finance.fiscal': { path: '/finance/fiscal',
    GET:                                             [L,   403, 403, 403, 403, 200, 200, 200],
    POST:                                            [L,   403, 403, 403, 403, 403, 400, 403] },
  'finance.rates': { path: '/finance/rates',
    GET:                                             [L,   403, 403, 403, 403, 403, 200, 403],
    POST:                                            [L,   403, 403, 403, 403, 403, 400, 403] },
  'finance.export[.]csv': { path: '/finance/export.csv',
    GET:                                             [L,   403, 403, 403, 403, 200, 200, 200],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'finance.export[.]xlsx': { path: '/finance/export.xlsx',
    GET:                                             [L,   403, 403, 403, 403, 200, 200, 200],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'student.applications.$applicationId.report': { path: '/student/applications/:app/report',
    GET:                                             [L,   200, 404, 403, 403, 403, 403, 403],
    POST:                                            [L,   400, 404, 403, 403, 403, 403, 403] },
  'student.applications.$applicationId.submit': { path: '/student/applications/:draft/submit',
    GET:                                             [L,   200, 404, 403, 403, 403, 403, 403],
    POST:                                            [L,   400, 404, 403, 403, 403, 403, 403] },
  // Personal information (PIPL): the notice for everyone, consent by students; a student's own
  // page, archive and deletion request; the admin's retention and notice; the office's answers.
  'privacy': { path: '/privacy',
    GET:                                             [200, 200, 200, 200, 200, 200, 200, 200],
    POST:                                            [L,   400, 400, 403, 403, 403, 403, 403] },
  'student.privacy': { path: '/student/privacy',
    GET:                                             [L,   200, 200, 403, 403, 403, 403, 403],
    POST:                                            [L,   302, 302, 403, 403, 403, 403, 403] },
  'student.my-data[.]zip': { path: '/student/my-data.zip',
    GET:                                             [L,   200, 200, 403, 403, 403, 403, 403],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'admin.privacy': { path: '/admin/privacy',
    GET:                                             [L,   403, 403, 403, 403, 403, 403, 200],
    POST:                                            [L,   403, 403, 403, 403, 403, 403, 400] },
  'office.deletion-requests': { path: '/office/deletion-requests',
    GET:                                             [L,   403, 403, 403, 403, 200, 403, 403],
    POST:                                            [L,   403, 403, 403, 403, 400, 403, 403] },
  // The stay (decision 22): A's approved application; the public pages by token (an unknown
  // guardian's or incident's link shows a refusal; its POST without the button's field is a 400).
  'student.applications.$applicationId.stay': { path: '/student/applications/:approved/stay',
    GET:                                             [L,   200, 404, 403, 403, 403, 403, 403],
    POST:                                            [L,   400, 404, 403, 403, 403, 403, 403] },
  'student.applications.$applicationId.pledge[.]pdf': { path: '/student/applications/:approved/pledge.pdf',
    GET:                                             [L,   409, 404, 403, 403, 403, 403, 403],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  // Learning agreements (decision 26): A's own on their approved exchange; the approver's pages
  // refuse every visitor here by role (the approver's college scoping: tests/integration/learning-agreement.test.ts).
  'student.applications.$applicationId.learning-agreement': { path: '/student/applications/:approved/learning-agreement',
    GET:                                             [L,   200, 404, 403, 403, 403, 403, 403],
    POST:                                            [L,   400, 404, 403, 403, 403, 403, 403] },
  'learning-agreements._index': { path: '/learning-agreements',
    GET:                                             [L,   403, 403, 403, 403, 403, 403, 403],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'learning-agreements.$applicationId': { path: '/learning-agreements/:approved',
    GET:                                             [L,   403, 403, 403, 403, 403, 403, 403],
    POST:                                            [L,   403, 403, 403, 403, 403, 403, 403] },
  'learning-agreements.recognised[.]csv': { path: '/learning-agreements/recognised.csv?year=2026-2027',
    GET:                                             [L,   403, 403, 403, 403, 403, 403, 403],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'admin.grade-scales': { path: '/admin/grade-scales',
    GET:                                             [L,   403, 403, 403, 403, 403, 403, 200],
    POST:                                            [L,   403, 403, 403, 403, 403, 403, 400] },
  'applications.$applicationId.approval[.]pdf': { path: '/applications/:approved/approval.pdf',
    GET:                                             [L,   200, 404, 404, 200, 200, 200, 200],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'verify.$token': { path: '/verify/:verify',
    GET:                                             [200, 200, 200, 200, 200, 200, 200, 200],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'guardian.$token': { path: '/guardian/unknown-token-unknown-token',
    GET:                                             [200, 200, 200, 200, 200, 200, 200, 200],
    POST:                                            [400, 400, 400, 400, 400, 400, 400, 400] },
  'incident.$token': { path: '/incident/unknown-token-unknown-token',
    GET:                                             [200, 200, 200, 200, 200, 200, 200, 200],
    POST:                                            [400, 400, 400, 400, 400, 400, 400, 400] },
  'office.stays': { path: '/office/stays',
    GET:                                             [L,   403, 403, 403, 403, 200, 403, 200],
    POST:                                            [L,   403, 403, 403, 403, 400, 403, 400] },
  'office.stays[.]xlsx': { path: '/office/stays.xlsx',
    GET:                                             [L,   403, 403, 403, 403, 200, 403, 200],
    POST:                                            [405, 405, 405, 405, 405, 405, 405, 405] },
  'office.stays_.setup': { path: '/office/stays/setup',
    GET:                                             [L,   403, 403, 403, 403, 200, 403, 200],
    POST:                                            [L,   403, 403, 403, 403, 400, 403, 400] },
}

let app: AppServer
let ids: Record<
  'app' | 'draft' | 'doc' | 'program' | 'college' | 'partner' | 'fund' | 'user' | 'award' | 'round' | 'offer' | 'approved' | 'verify',
  string
>
const cookies: Partial<Record<(typeof visitors)[number], () => Promise<string>>> = {}

beforeAll(async () => {
  await resetDatabase()
  app = await startAppServer()
  const [x, y] = await Promise.all([createCollege(prisma), createCollege(prisma)])
  const staff = (roles: User['roles'], data: Partial<Prisma.UserUncheckedCreateInput> = {}) => createUser(prisma, { roles, ...data })
  const people = {
    studentA: await createStudent(prisma, { collegeId: x.id }),
    studentB: await createStudent(prisma, { collegeId: x.id }),
    otherCollege: await staff(['college_reviewer'], { collegeId: y.id }),
    ownCollege: await staff(['college_reviewer'], { collegeId: x.id }),
    office: await staff(['office_reviewer']),
    finance: await staff(['finance']),
    admin: await staff(['admin']),
  }
  // A fresh session per request: POST /logout must not end the session of the next cell.
  for (const [who, user] of Object.entries(people)) cookies[who as keyof typeof people] = () => sessionCookie(user.id)

  const program = await createProgram(prisma)
  const owner = { applicantId: people.studentA.id, programId: program.id, details: { kind: 'exchange', programId: program.id } }
  const submitted = await createApplication(prisma, { ...owner, status: 'submitted', submittedAt: new Date() })
  const draft = await createApplication(prisma, owner)
  const objectKey = `applications/${submitted.id}/transcript/authz-${Date.now()}`
  const bytes = pdf()
  await putObject(objectKey, bytes, { contentType: 'application/pdf' })
  const doc = await prisma.document.create({
    data: {
      applicationId: submitted.id,
      kind: 'transcript',
      objectKey,
      size: bytes.length,
      sha256: 'x',
      contentType: 'application/pdf',
      originalName: 'transcript.pdf',
      uploadedById: people.studentA.id,
    },
  })
  const partner = await createPartner(prisma)
  const fund = await createFund(prisma)
  const award = await prisma.award.create({
    data: { applicationId: submitted.id, fundId: fund.id, collegeId: x.id, requestedFen: 100_000 },
  })
  // A selection round over one of the partner's programs, with A's application in it offered a place.
  const round = await prisma.selectionRound.create({
    data: {
      titleZh: '选拔',
      titleEn: 'Round',
      kind: 'exchange',
      academicYear: program.academicYear,
      opensAt: new Date(Date.now() - 86_400_000),
      closesAt: new Date(Date.now() + 86_400_000),
      offerDeadline: new Date(Date.now() + 30 * 86_400_000),
      formula: { weights: { gpa: 100, language: 0, rubric: 0, interview: 0 }, tieBreak: [] },
      createdById: people.office.id,
    },
  })
  const inRound = await createProgram(prisma, { partnerId: partner.id, roundId: round.id })
  const offer = await createApplication(prisma, {
    applicantId: people.studentA.id,
    programId: inRound.id,
    roundId: round.id,
    status: 'offered',
    submittedAt: new Date(),
    details: { kind: 'exchange', programId: inRound.id },
  })
  // Approved, with its stay and the verification code its printed form carries.
  const approved = await createApplication(prisma, {
    ...owner,
    status: 'approved',
    submittedAt: new Date(),
    details: { kind: 'exchange', programId: program.id, startDate: '2027-03-01', endDate: '2027-07-31' },
  })
  const verify = `authz-verify-${Date.now()}-token`
  await prisma.stay.create({
    data: { applicationId: approved.id, startsOn: new Date('2027-03-01'), endsOn: new Date('2027-07-31'), verifyToken: verify },
  })
  ids = {
    approved: approved.id,
    verify,
    round: round.id,
    offer: offer.id,
    app: submitted.id,
    draft: draft.id,
    doc: doc.id,
    program: program.id,
    college: x.id,
    partner: partner.id,
    fund: fund.id,
    user: people.office.id,
    award: award.id,
  }
})
afterAll(() => app?.close())

async function answer(
  method: 'GET' | 'POST',
  url: string,
  who: (typeof visitors)[number],
  form: Record<string, string> = {},
): Promise<number | string> {
  const cookie = await cookies[who]?.()
  const res = await app.request(url, { method, cookie, ...(method === 'POST' ? { form } : {}) })
  await res.arrayBuffer()
  if (res.status !== 302) return res.status
  const location = new URL(res.headers.get('location') ?? '', app.url)
  if (location.pathname !== '/login') return 302
  const back = location.searchParams.get('redirectTo')
  // A page that needs a user sends the visitor back to it after signing in.
  return back === null || back === url ? L : `302 to ${location.pathname}${location.search}`
}

describe('every route answers every visitor as the table says', () => {
  const cases = Object.entries(matrix).flatMap(([module, row]) => (['GET', 'POST'] as const).map((method) => ({ module, method, row })))
  test.each(cases)('$method $module', async ({ method, row }) => {
    const url = row.path.replace(
      /:(app|draft|doc|program|college|partner|fund|user|award|round|offer|approved|verify)\b/g,
      (_, k: keyof typeof ids) => ids[k],
    )
    const answers = await Promise.all(visitors.map((who) => answer(method, url, who, row.form)))
    const byVisitor = (list: readonly (number | string)[]) => Object.fromEntries(visitors.map((who, i) => [who, list[i]]))
    expect(byVisitor(answers)).toEqual(byVisitor(row[method]))
  })
})

test('every route module in app/routes has a row in the matrix', () => {
  const missing = routeModules().filter((m) => !(m in matrix))
  expect(missing, `add a row to the matrix in ${import.meta.filename} for each of these`).toEqual([])
  const stale = Object.keys(matrix).filter((m) => !routeModules().includes(m))
  expect(stale, 'rows for route modules that no longer exist').toEqual([])
})
