// Steps shared by the review journeys (tests/e2e/review-*.spec.ts): a student's joint-training
// application through the UI, applications made directly in the e2e database for the reviewers'
// side, and the reviewers' queue, rubric and decision form.
import { PrismaPg } from '@prisma/adapter-pg'
import type { Page } from '@playwright/test'
import { rubrics } from '../../app/domain/rubric'
import type { Command } from '../../app/domain/workflow'
import type { MessageKey } from '../../app/i18n'
import { PrismaClient, type Prisma } from '../../app/generated/prisma/client'
import { createApplication, createProgram, createStudent, createUser } from '../factories'
import { jpeg1x1, pdf } from '../support/files'
import { E2E_PORTS } from './config'
import { expect, zh, type T } from './fixtures'
import { field, openAndApply, pdfFile, submitFromApplicationPage, uploadAllThroughWidgets, type UploadFile } from './student-journey'

/** The e2e server's database (tests/e2e/server.ts, scripts/services/postgres.ts). */
export const E2E_DATABASE_URL = `postgresql://postgres:postgres@127.0.0.1:${E2E_PORTS.postgres}/mobility`

let client: PrismaClient | undefined
/** A Prisma client on the e2e database, one per worker. */
export function db(): PrismaClient {
  client ??= new PrismaClient({ adapter: new PrismaPg({ connectionString: E2E_DATABASE_URL, max: 2 }) })
  return client
}

export const MSU = { zh: '莫斯科国立大学研究生联合培养', en: 'Joint training at Lomonosov Moscow State University' }

let counter = 0
/** A unique tag for names, so a queue search finds exactly this test's applications. */
export const uniqueTag = () => `${Date.now().toString(36)}${process.pid.toString(36)}${(counter++).toString(36)}`.toUpperCase()

// ---- the student's side, through the UI ---------------------------------------------------------

export const jointTrainingFiles = (): Record<
  'invitation_letter' | 'host_supervisor_agreement' | 'research_plan' | 'recommendation' | 'language_certificate' | 'passport',
  UploadFile
> => ({
  invitation_letter: pdfFile('invitation.pdf', pdf({ text: 'Invitation from MSU' })),
  host_supervisor_agreement: pdfFile('agreement.pdf', pdf({ text: 'I agree to host the student' })),
  research_plan: pdfFile('research-plan.pdf', pdf({ text: 'Quantum transport in 2D materials' })),
  recommendation: pdfFile('recommendation.pdf', pdf({ text: 'Recommendation by Prof. Wang' })),
  language_certificate: pdfFile('toefl.pdf', pdf({ text: 'TOEFL iBT 95' })),
  passport: { name: 'passport.jpg', mimeType: 'image/jpeg', buffer: jpeg1x1 },
})

/**
 * From the catalogue: applies for the MSU joint training, fills every answer (funding from the CSC:
 * no university money), uploads the six documents and submits. Returns the application id.
 */
export async function submitJointTraining(page: Page, t: T = zh): Promise<string> {
  const title = t === zh ? MSU.zh : MSU.en
  await page.goto('/programs')
  const applicationId = await openAndApply(page, title, t)
  const f = (name: string) => field(page, t(`application.field.${name}` as MessageKey))
  await f('hostInstitution').fill('Lomonosov Moscow State University')
  await f('hostDepartment').fill('Faculty of Physics')
  await f('hostSupervisorName').fill('Ivan Petrov')
  await f('hostSupervisorTitle').fill('Professor')
  await f('hostSupervisorEmail').fill('petrov@physics.msu.ru')
  await f('homeSupervisor').fill('王建国 教授')
  await f('researchPlan').fill('研究二维材料中的量子输运。')
  await f('fundingSource').selectOption({ label: t('application.option.fundingSource.csc') })
  await f('languageTest').selectOption({ label: t('application.option.languageTest.toefl') })
  await f('languageScore').fill('95')
  await f('passportNumber').fill('EB7654321')
  await f('passportExpiry').fill('2032-01-01')
  await f('startDate').fill('2027-03-01')
  await f('endDate').fill('2028-02-29')
  await uploadAllThroughWidgets(page, jointTrainingFiles(), t)
  await submitFromApplicationPage(page, t)
  return applicationId
}

// ---- applications made in the database ----------------------------------------------------------

export const collegeId = async (code: string) => (await db().college.findFirstOrThrow({ where: { code } })).id

/** Complete answers for an exchange application (the program needs no university money without a fund). */
const exchangeDetails = (programId: string) => ({
  kind: 'exchange',
  programId,
  passportNumber: 'E12345678',
  passportExpiry: '2031-06-30',
  term: 'semester',
  startDate: '2027-03-01',
  endDate: '2027-07-31',
  gpa: 3.62,
  gpaScale: '4.0',
  languageTest: 'ielts',
  languageScore: 7,
  studyPlan: '修读机器学习与分布式系统方向课程。',
  courses: [{ homeCourse: '机器学习', hostCourse: 'Machine Learning', credits: 3 }],
  motivation: '希望在国际化环境中提升专业能力。',
})

/** An exchange program of its own (no fund: approval leads straight to approved). */
export function makeProgram(data: Partial<Prisma.ProgramUncheckedCreateInput> = {}) {
  const tag = uniqueTag()
  return createProgram(db(), {
    titleZh: `审核测试项目${tag}`,
    titleEn: `Review test program ${tag}`,
    levels: ['undergraduate', 'master'],
    quota: null,
    ...data,
  })
}

/**
 * A student of `college` (code) who can sign in with the demo password, and their exchange
 * application to `programId` in `status`, as if submitted two days ago.
 */
export async function makeApplication({
  programId,
  status,
  college = 'CS',
  name = `审核学生${uniqueTag()}`,
  locale,
}: {
  programId: string
  status: Prisma.ApplicationUncheckedCreateInput['status']
  college?: string
  name?: string
  locale?: 'zh_CN' | 'en'
}) {
  const tag = uniqueTag()
  const student = await createStudent(db(), {
    email: `review.${tag.toLowerCase()}@example.edu.cn`,
    studentNumber: `R${tag}`.slice(0, 20),
    collegeId: await collegeId(college),
    nameZh: name,
    nameEn: `REVIEW ${name.replace(/\P{ASCII}/gu, '')}`,
    level: 'undergraduate',
    ...(locale && { locale }),
  })
  const application = await createApplication(db(), {
    applicantId: student.id,
    programId,
    status,
    details: exchangeDetails(programId),
    submittedAt: new Date(Date.now() - 2 * 86_400_000),
    statusChangedAt: new Date(Date.now() - 86_400_000),
  })
  return { student, application }
}

/** A second office reviewer, signing in with the demo password. */
export const makeOfficeReviewer = (nameZh: string) => {
  const tag = uniqueTag()
  return createUser(db(), {
    email: `office.${tag.toLowerCase()}@example.edu.cn`,
    roles: ['office_reviewer'],
    nameZh,
    nameEn: `OFFICE ${tag}`,
  })
}

export const statusOf = async (applicationId: string) =>
  (await db().application.findUniqueOrThrow({ where: { id: applicationId }, select: { status: true } })).status

// ---- the reviewers' side ------------------------------------------------------------------------

/** The queue (`/college` or `/office`) searched for `q`, on the tab `status` ('all' for every status). */
export async function searchQueue(page: Page, path: '/college' | '/office', q: string, status = 'all') {
  await page.goto(`${path}?status=${status}`)
  const search = page.getByRole('search')
  await search.getByRole('searchbox', { name: zh('queue.search') }).fill(q)
  await search.getByRole('button', { name: zh('queue.filter') }).click()
  await expect(page).toHaveURL((url) => url.searchParams.get('q') === q)
}

export const queueRow = (page: Page, applicationId: string) => page.locator(`tr[data-application-id="${applicationId}"]`)

/** Scores every criterion of the kind's rubric and submits the review. */
export async function scoreRubric(page: Page, kind: keyof typeof rubrics, score = 4, t: T = zh) {
  for (const criterion of rubrics[kind]) {
    const label = t('rv.score', { criterion: t(`review.criterion.${criterion}` as MessageKey) })
    const select = page.locator('.rubric label.field').filter({ hasText: label }).locator('select')
    await select.selectOption(String(score))
  }
  await page.getByRole('button', { name: t('rv.submitReview') }).click()
  await expect(page.getByRole('status').filter({ hasText: t('rv.reviewSaved') })).toBeVisible()
}

/** Picks a decision on the review page, fills the form and records it (the result is not checked). */
export async function fillDecision(
  page: Page,
  command: Command,
  { reason, fields = [], documents = [], message }: { reason?: string; fields?: string[]; documents?: string[]; message?: string } = {},
  t: T = zh,
) {
  const form = page.locator('#decision')
  await form.getByRole('radio', { name: t(`workflow.command.${command}` as MessageKey), exact: true }).check()
  if (reason) await form.getByLabel(t('rv.reason')).fill(reason)
  for (const f of fields) {
    await form
      .getByRole('group', { name: t('rv.requestFields') })
      .getByRole('checkbox', { name: t(`application.field.${f}` as MessageKey), exact: true })
      .check()
  }
  for (const d of documents) {
    await form
      .getByRole('group', { name: t('rv.requestDocuments') })
      .getByRole('checkbox', { name: t(`documents.kind.${d}` as MessageKey), exact: true })
      .check()
  }
  if (message) await form.getByLabel(t('rv.messageToStudent')).fill(message)
  await form.getByRole('button', { name: t('rv.decide') }).click()
}

/** Records a decision and expects it taken, the badge showing `status`. */
export async function decide(page: Page, command: Command, status: string, options: Parameters<typeof fillDecision>[2] = {}, t: T = zh) {
  await fillDecision(page, command, options, t)
  await expect(page.locator('#decision').getByRole('status')).toHaveText(t('rv.done', { status: t(`status.${status}` as MessageKey) }))
  await expect(page.getByTestId('application-status')).toHaveText(t(`status.${status}` as MessageKey))
}
