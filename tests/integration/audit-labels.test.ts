// The audit trail as its readers see it, after a whole conference journey (submit, endorse,
// approve into funding check, finance's confirmation, the return report, the payment): on the
// review page, finance's award page and the student's timeline, in both languages, every step and
// status reads as a message (never a key such as "status.committed" or "application.report_return"),
// the award's own status changes read with the award's status names, and no step is listed twice.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { auditActionKey } from '~/components/audit-labels'
import { statusKey, timelineActionKey } from '~/components/status-labels'
import { academicYearOf } from '~/domain/academic-year'
import type { StatusChange } from '~/domain/audit-view'
import { checklist } from '~/domain/documents'
import { translator, type Locale, type MessageKey } from '~/i18n'
import { toSessionUser, type SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { saveDraft, startApplication, studentTimeline, submitApplication } from '~/models/application.server'
import { awardForFinance, confirmFunding, recordPayment } from '~/models/finance.server'
import { submitReturnReport } from '~/models/return-report.server'
import { auditTrail } from '~/models/review-access.server'
import { decide } from '~/models/review-decisions.server'
import { applicationDraftSchema } from '~/schemas/application'
import { createCollege, createFund, createProgram, createStudent, createUser } from '../factories'
import { uploadPdf } from '../factories/documents'
import { sessionCookie, startAppServer, type AppServer } from '../support/app-server'
import { resetDatabase } from '../support/db'

let app: AppServer
beforeAll(async () => {
  app = await startAppServer()
})
afterAll(() => app?.close())

/** A conference application taken from the student's submission to finance's payment. */
async function journey() {
  await resetDatabase()
  const year = academicYearOf(new Date())
  const [first] = year.split('-').map(Number)
  const college = await createCollege(prisma)
  const fund = await createFund(prisma, { academicYear: year, budgetFen: 10_000_000n })
  const program = await createProgram(prisma, { kind: 'conference', academicYear: year, fundId: fund.id, quota: null, levels: ['master'] })
  const staff = async (roles: ('college_reviewer' | 'office_reviewer' | 'finance')[]) =>
    toSessionUser(await createUser(prisma, { roles, collegeId: roles.includes('college_reviewer') ? college.id : undefined }))
  const student = toSessionUser(await createStudent(prisma, { collegeId: college.id, level: 'master' }))
  const [reviewer, office, finance] = [await staff(['college_reviewer']), await staff(['office_reviewer']), await staff(['finance'])]

  const started = await startApplication(student, program.id)
  if (!started.ok) throw new Error(`could not start: ${started.error}`)
  const id = started.applicationId
  // The conference is over (July of the academic year's first calendar year): the report is due.
  const draft = applicationDraftSchema.parse({
    programId: program.id,
    kind: 'conference',
    conferenceName: 'International Conference on Machine Learning',
    organiser: 'IMLS',
    city: 'Vienna',
    country: 'Austria',
    startDate: `${first}-07-12`,
    endDate: `${first}-07-18`,
    website: 'https://icml.cc',
    paperTitle: 'Scaling laws for small models',
    authors: '张三, 李四',
    acceptanceStatus: 'accepted',
    presentationType: 'oral',
    budget: { registration: '4500', airfare: '9800', accommodation: '', perDiem: '', visa: '600', other: '' },
    passportNumber: 'E34567890',
    passportExpiry: `${first + 5}-01-01`,
  })
  expect(await saveDraft(student, id, draft)).toMatchObject({ ok: true })
  for (const item of checklist('conference').filter((i) => i.required)) await uploadPdf(student, id, item.kind)
  expect(await submitApplication(student, id)).toEqual({ ok: true })
  const version = async () => (await prisma.application.findUniqueOrThrow({ where: { id } })).version
  expect(
    await decide(reviewer, { applicationId: id, version: await version(), command: 'college_endorse', reason: 'Strong paper.' }),
  ).toMatchObject({ ok: true })
  expect(await decide(office, { applicationId: id, version: await version(), command: 'office_approve' })).toMatchObject({
    status: 'funding_check',
  })
  const award = await prisma.award.findFirstOrThrow({ where: { applicationId: id } })
  const approved = { registration: 450_000, airfare: 900_000, visa: 60_000 }
  expect(
    await confirmFunding(finance, { awardId: award.id, version: await version(), approved, note: 'Airfare at the standard.' }),
  ).toEqual({ ok: true })
  await uploadPdf(student, id, 'receipt')
  expect(
    await submitReturnReport(student, id, {
      summary: 'Presented the paper.',
      actual: { registration: 450_000, airfare: 880_000, visa: 60_000 },
    }),
  ).toEqual({ ok: true })
  const committed = await prisma.award.findUniqueOrThrow({ where: { id: award.id } })
  expect(
    await recordPayment(finance, {
      awardId: award.id,
      version: committed.version,
      paidFen: 1_390_000,
      voucherNumber: 'PZ-1',
      paidOn: new Date(),
    }),
  ).toEqual({ ok: true })
  return { id, awardId: award.id, student, office, finance }
}

// ---- reading the pages --------------------------------------------------------------------------

const decode = (html: string) =>
  html
    // React 18's renderToPipeableStream can leave NUL bytes where a 2 KB chunk ends inside Chinese
    // text (facebook/react#24985, #31134); not this test's subject.
    .replace(/\0/g, '')
    .replace(/<!-- -->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ')
    .trim()

/** The inner HTML of each `tag` inside the element with this test id. */
function items(html: string, testId: string, tag: string): string[] {
  const start = html.indexOf(`data-testid="${testId}"`)
  expect(start, `the page has ${testId}`).toBeGreaterThan(-1)
  const rest = html.slice(start)
  const list = rest.slice(0, rest.search(/<\/(table|ul|ol)>/))
  return [...list.matchAll(new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1])
}
const first = (html: string, tag: string) => decode(new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`).exec(html)?.[1] ?? '')

/** What a message key that reached the page looks like. */
const RAW_KEY = /\b(status|award|application|audit|timeline|finance|returnReport|workflow)\.[A-Za-z_.]+/

async function page(path: string, user: SessionUser, locale: Locale) {
  await prisma.user.update({ where: { id: user.id }, data: { locale: locale === 'en' ? 'en' : 'zh_CN' } })
  const response = await app.request(path, { cookie: await sessionCookie(user.id) })
  expect(response.status, path).toBe(200)
  return response.text()
}

type Step = { label: MessageKey; change?: [MessageKey, MessageKey] }
const DOCUMENT_UPLOADED = 'audit.document.upload'

test.each(['zh-CN', 'en'] as const)(
  'every step of the trail reads as a message and shows once (%s)',
  async (locale) => {
    const w = await journey()
    const t = translator(locale)
    const change = (c?: [MessageKey, MessageKey]) => (c ? `${t(c[0])} → ${t(c[1])}` : '')

    // The review page: what happened to the application and its award, step by step.
    const review = items(await page(`/review/${w.id}`, w.office, locale), 'audit-trail', 'tr')
      .slice(1) // the header
      .map((row) => items(`<x data-testid="row">${row}</table>`, 'row', 'td').map(decode))
    for (const cells of review) expect(cells.join(' · '), 'a message key on the review page').not.toMatch(RAW_KEY)
    const reviewSteps: Step[] = [
      { label: 'audit.application.create', change: undefined },
      { label: 'audit.application.submit', change: ['status.draft', 'status.submitted'] },
      { label: 'audit.application.college_endorse', change: ['status.submitted', 'status.college_endorsed'] },
      { label: 'audit.application.office_approve', change: ['status.college_endorsed', 'status.funding_check'] },
      { label: 'audit.award.propose' },
      { label: 'audit.award.commit', change: ['finance.award.status.proposed', 'finance.award.status.committed'] },
      { label: 'audit.application.finance_confirm', change: ['status.funding_check', 'status.approved'] },
      { label: 'audit.application.report_return', change: ['status.approved', 'status.completed'] },
      { label: 'audit.award.pay', change: ['finance.award.status.committed', 'finance.award.status.paid'] },
    ]
    expect(review.filter((cells) => cells[2] !== t(DOCUMENT_UPLOADED)).map((cells) => [cells[2], cells[3].split(' · ')[0]])).toEqual(
      reviewSteps.map((s) => [t(s.label), s.label === 'audit.application.create' ? t('status.draft') : change(s.change)]),
    )

    // Finance's award page: the award's history, with the report it pays against.
    const history = items(await page(`/finance/awards/${w.awardId}`, w.finance, locale), 'award-history', 'li')
    for (const entry of history) expect(decode(entry), 'a message key on the award page').not.toMatch(RAW_KEY)
    const awardSteps: Step[] = [
      { label: 'audit.award.propose' },
      { label: 'audit.award.commit', change: ['finance.award.status.proposed', 'finance.award.status.committed'] },
      { label: 'audit.application.report_return', change: ['status.approved', 'status.completed'] },
      { label: 'audit.award.pay', change: ['finance.award.status.committed', 'finance.award.status.paid'] },
    ]
    expect(history.map((entry) => first(entry, 'strong'))).toEqual(awardSteps.map((s) => t(s.label)))
    for (const [i, step] of awardSteps.entries()) if (step.change) expect(decode(history[i])).toContain(change(step.change))

    // The student's timeline: the steps they may read, each with the status it led to.
    const timeline = items(await page(`/student/applications/${w.id}`, w.student, locale), 'timeline', 'li')
    for (const entry of timeline) expect(decode(entry), "a message key on the student's page").not.toMatch(RAW_KEY)
    expect(timeline.map((entry) => [first(entry, 'strong'), first(entry, 'span')])).toEqual(
      (
        [
          ['timeline.application.create', 'status.draft'],
          ['timeline.application.submit', 'status.submitted'],
          ['timeline.application.college_endorse', 'status.college_endorsed'],
          ['timeline.application.office_approve', 'status.funding_check'],
          ['timeline.application.finance_confirm', 'status.approved'],
          ['timeline.application.report_return', 'status.completed'],
        ] as [MessageKey, MessageKey][]
      ).map(([step, status]) => [t(step), t(status)]),
    )
  },
  60_000,
)

test('the summaries the pages get name every step and status by a message of both languages, each step once', async () => {
  const w = await journey()
  const trail = await auditTrail(w.office, w.id)
  const history = (await awardForFinance(w.finance, w.awardId))!.history
  const timeline = await studentTimeline(w.id)
  const changeKeys = (change: StatusChange | null) =>
    change ? [change.from, change.to].filter((s) => s !== null).map((s) => statusKey(change.of, s)) : []
  const keys = [
    ...[...trail, ...history].flatMap((e) => [auditActionKey(e.action), ...changeKeys(e.change)]),
    ...timeline.flatMap((e) => [timelineActionKey(e.action), e.status && statusKey('application', e.status)]),
  ]
  expect(keys.filter((k) => k === null)).toEqual([])
  for (const locale of ['zh-CN', 'en'] as const) {
    const t = translator(locale)
    for (const key of keys) if (key) expect(t(key), key).not.toMatch(RAW_KEY)
  }
  // The award's changes are named as an award's; the report is one step, not two.
  expect(history.map((e) => [e.action, e.change])).toEqual([
    ['award.propose', null],
    ['award.commit', { of: 'award', from: 'proposed', to: 'committed' }],
    ['application.report_return', { of: 'application', from: 'approved', to: 'completed' }],
    ['award.pay', { of: 'award', from: 'committed', to: 'paid' }],
  ])
  const steps = trail.filter((e) => e.action !== 'document.upload').map((e) => e.action)
  expect(steps).toEqual([...new Set(steps)])
  expect(timeline.map((e) => e.action)).toEqual([...new Set(timeline.map((e) => e.action))])
}, 60_000)
