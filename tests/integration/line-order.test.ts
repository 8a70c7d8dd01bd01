// Budget lines are listed in the order of the student's form (app/domain/money.ts) on every page
// that lists them: the finance queue, the award page (requested, approved and actual amounts) and
// the student's return report. The lines are kept as jsonb, which hands keys back shortest first
// (visa, airfare, registration, accommodation): the order the pages showed before.
import { beforeEach, expect, test } from 'vitest'
import { toSessionUser } from '~/lib/auth.server'
import { createSession } from '~/lib/session.server'
import { prisma } from '~/lib/db.server'
import { confirmFunding } from '~/models/finance.server'
import { submitReturnReport } from '~/models/return-report.server'
import { decide } from '~/models/review-decisions.server'
import { loader as awardPage } from '~/routes/finance.awards.$awardId'
import { loader as financeQueue } from '~/routes/finance.queue'
import { loader as reportPage } from '~/routes/student.applications.$applicationId.report'
import { createApplication, createFund, createProgram, createStudent, createUser } from '../factories'
import { uploadPdf } from '../factories/documents'
import { resetDatabase } from '../support/db'

const YEAR = '2026-2027'
/** The form's order of the lines this application asks for. */
const FORM_ORDER = ['registration', 'airfare', 'accommodation', 'visa']

beforeEach(() => resetDatabase())

/** A page's loader as Remix calls it for a signed-in user. */
async function load<T>(loader: (args: never) => Promise<T>, userId: string, params: Record<string, string> = {}): Promise<T> {
  const cookie = (await createSession(userId, new Request('http://localhost/login'))).split(';')[0]
  const request = new Request('http://localhost/page', { headers: { Cookie: cookie } })
  return loader({ request, params, context: { cspNonce: '', clientIp: '127.0.0.1' } } as never)
}

test("the finance queue, the award page and the return report list the lines in the form's order", async () => {
  const fund = await createFund(prisma, { academicYear: YEAR, budgetFen: 10_000_000n })
  const program = await createProgram(prisma, { kind: 'conference', academicYear: YEAR, fundId: fund.id, quota: null, levels: ['master'] })
  const owner = await createStudent(prisma, { level: 'master' })
  const office = toSessionUser(await createUser(prisma, { roles: ['office_reviewer'] }))
  const finance = toSessionUser(await createUser(prisma, { roles: ['finance'] }))
  // Written in an order of its own, neither the form's nor jsonb's.
  const budget = { accommodation: 600_000, visa: 60_000, airfare: 980_000, registration: 450_000 }
  const application = await createApplication(prisma, {
    applicantId: owner.id,
    programId: program.id,
    status: 'college_endorsed',
    submittedAt: new Date(),
    details: { kind: 'conference', programId: program.id, startDate: '2027-05-10', endDate: '2027-05-15', budget },
    requestedFen: 2_090_000,
  })
  expect(await decide(office, { applicationId: application.id, version: application.version, command: 'office_approve' })).toMatchObject({
    ok: true,
  })
  const award = await prisma.award.findFirstOrThrow({ where: { applicationId: application.id } })

  const queue = await load(financeQueue, finance.id)
  expect(Object.keys(queue.rows[0].lines)).toEqual(FORM_ORDER)
  expect(Object.keys((await load(awardPage, finance.id, { awardId: award.id })).award.lines)).toEqual(FORM_ORDER)

  const version = (await prisma.application.findUniqueOrThrow({ where: { id: application.id } })).version
  expect(await confirmFunding(finance, { awardId: award.id, version, approved: budget, note: '' })).toEqual({ ok: true })
  const student = toSessionUser(owner)
  await uploadPdf(student, application.id, 'receipt')
  expect((await load(reportPage, owner.id, { applicationId: application.id })).lines).toEqual(FORM_ORDER)

  const back = new Date('2027-05-20T10:00:00+08:00')
  expect(await submitReturnReport(student, application.id, { summary: 'Presented the paper.', actual: budget }, back)).toEqual({ ok: true })
  const page = await load(awardPage, finance.id, { awardId: award.id })
  expect(Object.keys(page.award.lines)).toEqual(FORM_ORDER)
  expect(Object.keys(page.application.report!.actualLines)).toEqual(FORM_ORDER)
})
