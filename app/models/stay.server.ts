// The stay (decision 22): the student's pre-departure checklist (itinerary, emergency contact,
// visa, the education quiz, the safety pledge, a guardian's consent by an emailed single-use link)
// and the steps abroad (departed, arrived, returned), which the student gives or the office
// records. Every write locks the application's row, checks it is still approved, and writes its
// audit row in the same transaction; a departure is refused while a required item is not done.
import { shanghaiDate } from '~/domain/dates'
import { managesStays, type Actor } from '~/domain/access'
import { notFound, refuse, refuseFields, type Refusal, type Result } from '~/domain/result'
import {
  blockingItems,
  canTakeStep,
  checklist,
  defaultRequirements,
  GUARDIAN_LINK_DAYS,
  gradeQuiz,
  PLEDGE_VERSION,
  pledgeNameMatches,
  quizSchema,
  requiredItems,
  stayPhase,
  type ChecklistLine,
  type Requirement,
  type StayStep,
} from '~/domain/stay'
import type { Prisma } from '~/generated/prisma/client'
import { formatList, fromDbLocale, translator, type Locale } from '~/i18n'
import { recordAudit } from '~/lib/audit.server'
import { randomToken, sha256 } from '~/lib/crypto.server'
import { prisma } from '~/lib/db.server'
import { appUrl } from '~/lib/env.server'
import { enqueueEmail } from '~/lib/outbox.server'
import { refusableTransaction } from '~/lib/refusable-transaction.server'
import type { StayAction } from '~/schemas/stay'
import { accessFor, ownedBy } from './access.server'
import { lockApplication } from './status-change.server'
import { isoDay, openStay } from './stay-record.server'

type Tx = Prisma.TransactionClient
const DAY_MS = 24 * 3600 * 1000

const stayApplication = {
  id: true,
  status: true,
  kind: true,
  academicYear: true,
  applicantId: true,
  program: { select: { titleZh: true, titleEn: true } },
  applicant: { select: { email: true, nameZh: true, nameEn: true, locale: true, level: true } },
} satisfies Prisma.ApplicationSelect

/** The office's checklist for a kind, or the default one when it has configured none. */
async function requirementsFor(db: Tx | typeof prisma, programKind: Requirement['programKind']): Promise<Requirement[]> {
  const rows = await db.departureRequirement.findMany({ where: { programKind } })
  return rows.length ? rows : defaultRequirements(programKind)
}

/** The uploads the checklist counts: a current insurance policy, a current visa. */
async function uploadsOf(db: Tx | typeof prisma, applicationId: string) {
  const docs = await db.document.findMany({
    where: { applicationId, kind: { in: ['insurance_policy', 'visa'] }, deletedAt: null, supersededAt: null },
    select: { kind: true },
  })
  return { insurance: docs.some((d) => d.kind === 'insurance_policy'), visa: docs.some((d) => d.kind === 'visa') }
}

type StayRow = Prisma.StayGetPayload<object>

/** The student's checklist now: each required item, its deadline, done or not. */
async function checklistOf(
  db: Tx | typeof prisma,
  stay: StayRow,
  kind: Requirement['programKind'],
  level: Parameters<typeof requiredItems>[1],
  now = new Date(),
): Promise<ChecklistLine[]> {
  const required = requiredItems(await requirementsFor(db, kind), level)
  return checklist(required, stay, await uploadsOf(db, stay.applicationId), isoDay(stay.startsOn), shanghaiDate(now))
}

// ---- the student's page ------------------------------------------------------------------------

/** Everything the student's stay page shows, or null when the application is not theirs. */
export async function stayPageData(userId: string, applicationId: string, now = new Date()) {
  const application = await prisma.application.findFirst({
    where: { AND: [{ id: applicationId }, ownedBy({ id: userId })] },
    select: { ...stayApplication, stay: true, returnReport: { select: { submittedAt: true } } },
  })
  if (!application) return null
  // An application approved before stays were kept gets its row when first opened.
  const stay =
    application.stay ?? (application.status === 'approved' ? await prisma.$transaction((tx) => openStay(tx, applicationId, now)) : null)
  if (!stay) return { application, stay: null, lines: [], education: null }
  const lines = await checklistOf(prisma, stay, application.kind, application.applicant.level, now)
  const education = await prisma.departureEducation.findUnique({ where: { programKind: application.kind } })
  const guardianLink = await prisma.stayLink.findFirst({
    where: { applicationId, purpose: 'guardian_consent', usedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: 'desc' },
    select: { email: true, expiresAt: true },
  })
  return { application, stay, lines, education, guardianLink }
}

/** Whether the application is the student's own (a form for another's is answered 404 before it is read). */
export async function ownsApplication(userId: string, applicationId: string): Promise<boolean> {
  return (await prisma.application.count({ where: { AND: [{ id: applicationId }, ownedBy({ id: userId })] } })) === 1
}

// ---- the student's checklist items and the steps ------------------------------------------------

/** Who gives a stay's command: the student (their own), or the office (any it may review). */
type StayActor = Actor & { locale?: Locale }

/** The application if the actor may act on its stay: the applicant, or the office that reaches it. */
async function reachableStay(actor: StayActor, applicationId: string, asOffice: boolean) {
  const where = asOffice
    ? managesStays(actor)
      ? (await accessFor(actor)).where('staff')
      : null
    : actor.roles.includes('student')
      ? ownedBy(actor)
      : null
  if (!where) return null
  return prisma.application.findFirst({ where: { AND: [{ id: applicationId }, where] }, select: { id: true } })
}

/**
 * Runs one stay command under the application's lock: refused when the application is not (or no
 * longer) approved; the body returns a refusal to roll back, or nothing to commit.
 */
async function onStay(
  applicationId: string,
  body: (tx: Tx, application: Prisma.ApplicationGetPayload<{ select: typeof stayApplication }>, stay: StayRow) => Promise<Refusal | void>,
  now: Date,
): Promise<Result> {
  return refusableTransaction(async (tx) => {
    await lockApplication(tx, applicationId)
    const application = await tx.application.findUnique({ where: { id: applicationId }, select: stayApplication })
    if (!application) return notFound()
    if (application.status !== 'approved') return refuse('stay.error.notApproved')
    const stay = await openStay(tx, applicationId, now)
    return body(tx, application, stay)
  })
}

const audit = (
  tx: Tx,
  actorId: string | null,
  applicationId: string,
  action: string,
  after: Prisma.InputJsonValue,
  before?: Prisma.InputJsonValue,
) =>
  recordAudit(tx, {
    actorId,
    action: `stay.${action}`,
    entityType: 'stay',
    entityId: applicationId,
    applicationId,
    after,
    ...(before !== undefined && { before }),
  })

/** The result of a student's stay form: done (with a quiz's score), or refused. */
export type StayOutcome = Result<{ score?: number; passed?: boolean }>

/** One of the student's stay forms (app/schemas/stay.ts), on their own approved application. */
export async function studentStayAction(user: StayActor, applicationId: string, input: StayAction, now = new Date()): Promise<StayOutcome> {
  if (!(await reachableStay(user, applicationId, false))) return notFound()
  if (input.intent === 'step') return takeStep(user, applicationId, input.step, false, now)
  let graded: { score: number; passed: boolean } | undefined
  const outcome = await onStay(
    applicationId,
    async (tx, application, stay) => {
      switch (input.intent) {
        case 'itinerary': {
          if (input.returnOn < input.departOn) return refuseFields({ returnOn: 'warning.endBeforeStart' })
          const { flight, departOn, returnOn, address } = input
          await tx.stay.update({
            where: { applicationId },
            data: { itinerary: { flight, departOn, returnOn, address }, countryCode: input.countryCode, city: input.city },
          })
          return void (await audit(tx, user.id, applicationId, 'itinerary', {
            flight,
            departOn,
            returnOn,
            countryCode: input.countryCode,
            city: input.city,
          }))
        }
        case 'contact': {
          const contact = { name: input.name, relation: input.relation, phone: input.phone }
          await tx.stay.update({ where: { applicationId }, data: { emergencyContact: contact } })
          return void (await audit(tx, user.id, applicationId, 'emergency_contact', contact))
        }
        case 'visa':
          await tx.stay.update({ where: { applicationId }, data: { visaStatus: input.visaStatus } })
          return void (await audit(tx, user.id, applicationId, 'visa', { visaStatus: input.visaStatus }, { visaStatus: stay.visaStatus }))
        case 'quiz': {
          if (stay.educationPassedAt) return refuse('stay.error.alreadyPassed')
          const education = await tx.departureEducation.findUnique({ where: { programKind: application.kind } })
          const questions = education && quizSchema.safeParse(education.questions)
          if (!education || !questions?.success) return refuse('stay.error.noEducation')
          const answers = input.answer
          if (questions.data.some((_, i) => answers[i] === undefined)) return refuse('stay.error.quizAnswers')
          graded = gradeQuiz(questions.data, answers, education.passPercent)
          await tx.stay.update({
            where: { applicationId },
            data: {
              quizAttempts: { increment: 1 },
              educationScore: graded.score,
              ...(graded.passed && { educationPassedAt: now }),
            },
          })
          // A failed attempt is recorded too (its result is kept), then the student may retry.
          return void (await audit(tx, user.id, applicationId, 'quiz', {
            ...graded,
            attempt: stay.quizAttempts + 1,
            passPercent: education.passPercent,
          }))
        }
        case 'pledge': {
          if (stay.pledgeSignedAt) return refuse('stay.error.pledgeSigned')
          if (!pledgeNameMatches(input.name, application.applicant)) return refuseFields({ name: 'stay.error.pledgeName' })
          const locale = fromDbLocale(application.applicant.locale)
          const text = translator(locale)('stay.pledge.text')
          const hash = sha256(text)
          await tx.stay.update({ where: { applicationId }, data: { pledgeSignedAt: now, pledgeName: input.name, pledgeHash: hash } })
          return void (await audit(tx, user.id, applicationId, 'pledge', {
            name: input.name,
            signedAt: now.toISOString(),
            version: PLEDGE_VERSION,
            locale,
            hash,
          }))
        }
        case 'guardian':
          return sendGuardianLink(tx, user.id, application, stay, input.guardianEmail.trim().toLowerCase(), now)
      }
    },
    now,
  )
  return outcome.ok ? { ok: true, ...graded } : outcome
}

/** Emails the guardian a single-use consent link; an earlier unused link stops working. */
async function sendGuardianLink(
  tx: Tx,
  actorId: string,
  application: Prisma.ApplicationGetPayload<{ select: typeof stayApplication }>,
  stay: StayRow,
  guardianEmail: string,
  now: Date,
): Promise<Refusal | void> {
  if (stay.guardianConsentAt) return refuse('stay.error.guardianDone')
  if (guardianEmail === application.applicant.email.toLowerCase()) return refuseFields({ guardianEmail: 'form.invalidEmail' })
  await tx.stayLink.updateMany({
    where: { applicationId: application.id, purpose: 'guardian_consent', usedAt: null, expiresAt: { gt: now } },
    data: { expiresAt: now },
  })
  const token = randomToken()
  const expiresAt = new Date(now.getTime() + GUARDIAN_LINK_DAYS * DAY_MS)
  await tx.stayLink.create({
    data: { tokenHash: sha256(token), purpose: 'guardian_consent', applicationId: application.id, email: guardianEmail, expiresAt },
  })
  await tx.stay.update({ where: { applicationId: application.id }, data: { guardianEmail } })
  const locale = fromDbLocale(application.applicant.locale)
  await enqueueEmail(tx, {
    template: 'guardian-consent',
    to: guardianEmail,
    locale,
    payload: {
      studentName: locale === 'en' ? application.applicant.nameEn : application.applicant.nameZh,
      programTitle: locale === 'en' ? application.program.titleEn : application.program.titleZh,
      startDate: isoDay(stay.startsOn),
      endDate: isoDay(stay.endsOn),
      expiresAt: expiresAt.toISOString(),
      consentUrl: `${appUrl()}/guardian/${token}`,
    },
  })
  await audit(tx, actorId, application.id, 'guardian_link', { email: guardianEmail, expiresAt: expiresAt.toISOString() })
}

/**
 * A step of the stay, by the student or the office: in order, once each; the departure only with
 * every required item done (refused naming what is missing).
 */
export async function takeStep(
  actor: StayActor,
  applicationId: string,
  step: StayStep,
  asOffice: boolean,
  now = new Date(),
): Promise<Result> {
  if (!(await reachableStay(actor, applicationId, asOffice))) return notFound()
  return onStay(
    applicationId,
    async (tx, application, stay) => {
      const lines = step === 'depart' ? await checklistOf(tx, stay, application.kind, application.applicant.level, now) : []
      const blocking = blockingItems(lines)
      const allowed = canTakeStep(step, stayPhase(stay), blocking)
      if (!allowed.ok && allowed.reason === 'blocked') {
        const t = translator(actor.locale ?? 'zh-CN')
        return refuse('stay.error.blocked', {
          items: formatList(
            t,
            blocking.map((item) => t(`stay.item.${item}`)),
          ),
        })
      }
      if (!allowed.ok) return refuse('stay.error.order')
      const column = step === 'depart' ? 'departedAt' : step === 'arrive' ? 'arrivedAt' : 'returnedAt'
      const updated = await tx.stay.updateMany({ where: { applicationId, [column]: null }, data: { [column]: now } })
      if (updated.count !== 1) return refuse('stay.error.order')
      await audit(tx, actor.id, applicationId, step, { [column]: now.toISOString(), by: asOffice ? 'office' : 'student' })
    },
    now,
  )
}

// ---- the guardian's link -------------------------------------------------------------------------

/** A link's row if it is still good for this purpose: not used, not expired. */
async function liveLink(
  db: Tx | typeof prisma,
  token: string,
  purposes: readonly ('guardian_consent' | 'incident_safe' | 'incident_help')[],
  now: Date,
) {
  if (!token || token.length > 100) return null
  const link = await db.stayLink.findUnique({ where: { tokenHash: sha256(token) } })
  if (!link || !purposes.includes(link.purpose) || link.usedAt || link.expiresAt <= now) return null
  return link
}

/** What the guardian's page shows (the student's name, the mobility, its dates), or null for a bad link. */
export async function guardianLinkView(token: string, now = new Date()) {
  const link = await liveLink(prisma, token, ['guardian_consent'], now)
  if (!link) return null
  const application = await prisma.application.findUniqueOrThrow({
    where: { id: link.applicationId },
    select: { applicant: { select: { nameZh: true, nameEn: true } }, program: { select: { titleZh: true, titleEn: true } }, stay: true },
  })
  return {
    name: application.applicant,
    program: application.program,
    startsOn: application.stay ? isoDay(application.stay.startsOn) : null,
    endsOn: application.stay ? isoDay(application.stay.endsOn) : null,
  }
}

/** The guardian consents through their link: once; a used or expired link is refused. */
export async function consentAsGuardian(token: string, now = new Date()): Promise<Result> {
  const link = await liveLink(prisma, token, ['guardian_consent'], now)
  if (!link) return refuse('stay.error.linkInvalid')
  return onStay(
    link.applicationId,
    async (tx) => {
      // The link is spent in the transaction that records the consent: two presses, one consent.
      const spent = await tx.stayLink.updateMany({ where: { id: link.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } })
      if (spent.count !== 1) return refuse('stay.error.linkInvalid')
      await tx.stay.update({ where: { applicationId: link.applicationId }, data: { guardianConsentAt: now, guardianEmail: link.email } })
      await audit(tx, null, link.applicationId, 'guardian_consent', { source: link.email, consentedAt: now.toISOString() })
    },
    now,
  )
}
