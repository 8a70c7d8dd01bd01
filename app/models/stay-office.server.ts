// The office's side of the stays (decision 22): where our students are on a day (list, counts by
// country and city, xlsx), who is blocked before departure and on what (with bulk reminders),
// incident messages with single-use "I am safe" / "I need help" links and their answers, and the
// dashboard's figures (abroad now, returns overdue). Everything is scoped by the access policy's
// staff reach, for those who look after stays (managesStays).
import ExcelJS from 'exceljs'
import { managesStays } from '~/domain/access'
import { countryName } from '~/domain/countries'
import { addDays, shanghaiDate } from '~/domain/dates'
import type { ProgramKind } from '~/domain/program'
import { forbidden, refuse, type Result } from '~/domain/result'
import { forbidden as forbiddenResponse } from '~/lib/auth.server'
import {
  blockingItems,
  checklist,
  defaultRequirements,
  INCIDENT_LINK_DAYS,
  RETURN_WITHIN_DAYS,
  requiredItems,
  stayPhase,
  type Requirement,
  type StayItem,
} from '~/domain/stay'
import type { Prisma } from '~/generated/prisma/client'
import { fromDbLocale, translator, type Locale } from '~/i18n'
import type { SessionUser } from '~/lib/auth.server'
import { recordAudit } from '~/lib/audit.server'
import { randomToken, sha256 } from '~/lib/crypto.server'
import { prisma } from '~/lib/db.server'
import { appUrl } from '~/lib/env.server'
import { enqueueEmail } from '~/lib/outbox.server'
import { refusableTransaction } from '~/lib/refusable-transaction.server'
import { whereFilterSchema } from '~/schemas/stay'
import { accessFor } from './access.server'
import { dbDate, isoDay } from './stay-record.server'

const DAY_MS = 24 * 3600 * 1000
/** The applications whose stay is a mobility happening or done (not withdrawn, cancelled…). */
const mobility = { status: { in: ['approved', 'completed'] } } satisfies Prisma.ApplicationWhereInput

/** The filter from the query string; a malformed one falls back to today and no filter. */
export function requestedWhereFilter(request: Request) {
  const url = new URL(request.url)
  const parsed = whereFilterSchema.safeParse({
    on: url.searchParams.get('on') || undefined,
    college: url.searchParams.get('college') || undefined,
    kind: url.searchParams.get('kind') || undefined,
  })
  const filter = parsed.success ? parsed.data : {}
  return { on: filter.on ?? shanghaiDate(new Date()), college: filter.college, kind: filter.kind }
}

/** The stays the office may see, as a where on Stay. Null for someone who does not manage stays. */
async function reachableStays(
  actor: SessionUser,
  filter: { college?: string; kind?: ProgramKind } = {},
): Promise<Prisma.StayWhereInput | null> {
  if (!managesStays(actor)) return null
  const access = await accessFor(actor)
  return {
    application: {
      AND: [
        access.where('staff'),
        mobility,
        ...(filter.college ? [{ collegeId: filter.college }] : []),
        ...(filter.kind ? [{ kind: filter.kind }] : []),
      ],
    },
  }
}

/** Abroad on a day (domain/stay.ts abroadOn): the stay covers it and the student was not back before it. */
function abroadOnWhere(day: string): Prisma.StayWhereInput {
  return {
    startsOn: { lte: dbDate(day) },
    endsOn: { gte: dbDate(day) },
    OR: [{ returnedAt: null }, { returnedAt: { gte: new Date(`${day}T00:00:00+08:00`) } }],
  }
}

const personSelect = {
  applicationId: true,
  startsOn: true,
  endsOn: true,
  countryCode: true,
  city: true,
  departedAt: true,
  arrivedAt: true,
  returnedAt: true,
  application: {
    select: {
      kind: true,
      applicant: { select: { nameZh: true, nameEn: true, studentNumber: true, email: true, locale: true, level: true } },
      college: { select: { id: true, nameZh: true, nameEn: true } },
      program: { select: { titleZh: true, titleEn: true } },
    },
  },
} satisfies Prisma.StaySelect

type WhereRow = {
  applicationId: string
  nameZh: string
  nameEn: string
  studentNumber: string | null
  college: { nameZh: string; nameEn: string }
  program: { titleZh: string; titleEn: string }
  countryCode: string | null
  city: string | null
  startsOn: string
  endsOn: string
  phase: ReturnType<typeof stayPhase>
}

/** Where our students are on `day`: each student, and the counts by country and city. */
export async function whereAreStudents(actor: SessionUser, day: string, filter: { college?: string; kind?: ProgramKind } = {}) {
  const where = await reachableStays(actor, filter)
  if (!where) throw forbiddenResponse()
  const stays = await prisma.stay.findMany({
    where: { AND: [where, abroadOnWhere(day)] },
    select: personSelect,
    orderBy: [{ countryCode: 'asc' }, { city: 'asc' }, { applicationId: 'asc' }],
  })
  const rows: WhereRow[] = stays.map((s) => ({
    applicationId: s.applicationId,
    nameZh: s.application.applicant.nameZh,
    nameEn: s.application.applicant.nameEn,
    studentNumber: s.application.applicant.studentNumber,
    college: s.application.college,
    program: s.application.program,
    countryCode: s.countryCode,
    city: s.city,
    startsOn: isoDay(s.startsOn),
    endsOn: isoDay(s.endsOn),
    phase: stayPhase(s),
  }))
  const counts = new Map<string, { countryCode: string | null; city: string | null; count: number }>()
  for (const row of rows) {
    const key = `${row.countryCode ?? ''}|${row.city ?? ''}`
    const entry = counts.get(key) ?? { countryCode: row.countryCode, city: row.city, count: 0 }
    entry.count++
    counts.set(key, entry)
  }
  return { rows, counts: [...counts.values()].sort((a, b) => b.count - a.count) }
}

/** The list as an xlsx workbook in the viewer's language. */
export async function whereWorkbook(
  actor: SessionUser,
  day: string,
  filter: { college?: string; kind?: ProgramKind },
  locale: Locale,
): Promise<Uint8Array> {
  const { rows, counts } = await whereAreStudents(actor, day, filter)
  const t = translator(locale)
  const en = locale === 'en'
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet(day)
  sheet.addRow([
    t('office.stays.col.name'),
    t('office.stays.col.studentNumber'),
    t('office.stays.col.college'),
    t('office.stays.col.program'),
    t('office.stays.col.country'),
    t('office.stays.col.city'),
    t('office.stays.col.dates'),
    t('office.stays.col.phase'),
  ]).font = { bold: true }
  for (const r of rows) {
    sheet.addRow([
      en ? r.nameEn : r.nameZh,
      r.studentNumber ?? '',
      en ? r.college.nameEn : r.college.nameZh,
      en ? r.program.titleEn : r.program.titleZh,
      r.countryCode ? countryName(r.countryCode, locale) : '',
      r.city ?? '',
      `${r.startsOn} – ${r.endsOn}`,
      t(`stay.phase.${r.phase}`),
    ])
  }
  const byPlace = workbook.addWorksheet(t('office.stays.byPlace'))
  byPlace.addRow([t('office.stays.col.country'), t('office.stays.col.city'), t('office.stays.col.count')]).font = { bold: true }
  for (const c of counts) byPlace.addRow([c.countryCode ? countryName(c.countryCode, locale) : '', c.city ?? '', c.count])
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

// ---- blocked before departure ----------------------------------------------------------------------

export type BlockedRow = {
  applicationId: string
  nameZh: string
  nameEn: string
  startsOn: string
  missing: StayItem[]
  remindedAt: Date | null
}

/** Students still preparing whose checklist has items left, soonest start first, with what is missing. */
export async function blockedStudents(actor: SessionUser, now = new Date()): Promise<BlockedRow[]> {
  const where = await reachableStays(actor)
  if (!where) throw forbiddenResponse()
  const stays = await prisma.stay.findMany({
    where: { AND: [where, { departedAt: null, application: { status: 'approved' } }] },
    orderBy: [{ startsOn: 'asc' }, { applicationId: 'asc' }],
    take: 500,
  })
  if (!stays.length) return []
  const ids = stays.map((s) => s.applicationId)
  const [applications, requirements, documents] = await Promise.all([
    prisma.application.findMany({
      where: { id: { in: ids } },
      select: { id: true, kind: true, applicant: { select: { nameZh: true, nameEn: true, level: true } } },
    }),
    prisma.departureRequirement.findMany(),
    prisma.document.findMany({
      where: { applicationId: { in: ids }, kind: { in: ['insurance_policy', 'visa'] }, deletedAt: null, supersededAt: null },
      select: { applicationId: true, kind: true },
    }),
  ])
  const byId = new Map(applications.map((a) => [a.id, a]))
  const forKind = (kind: ProgramKind): Requirement[] => {
    const own = requirements.filter((r) => r.programKind === kind)
    return own.length ? own : defaultRequirements(kind)
  }
  const today = shanghaiDate(now)
  const rows: BlockedRow[] = []
  for (const stay of stays) {
    const application = byId.get(stay.applicationId)!
    const uploads = {
      insurance: documents.some((d) => d.applicationId === stay.applicationId && d.kind === 'insurance_policy'),
      visa: documents.some((d) => d.applicationId === stay.applicationId && d.kind === 'visa'),
    }
    const lines = checklist(
      requiredItems(forKind(application.kind), application.applicant.level),
      stay,
      uploads,
      isoDay(stay.startsOn),
      today,
    )
    const missing = blockingItems(lines)
    if (missing.length) {
      rows.push({
        applicationId: stay.applicationId,
        ...application.applicant,
        startsOn: isoDay(stay.startsOn),
        missing,
        remindedAt: stay.checklistRemindedAt,
      })
    }
  }
  return rows
}

/** Reminds the chosen blocked students by email (through the outbox); returns how many. */
export async function remindBlocked(
  actor: SessionUser,
  applicationIds: readonly string[],
  now = new Date(),
): Promise<Result<{ count: number }>> {
  const blocked = (await blockedStudents(actor, now)).filter((b) => applicationIds.includes(b.applicationId))
  if (!blocked.length) return refuse('form.required')
  const people = await prisma.application.findMany({
    where: { id: { in: blocked.map((b) => b.applicationId) } },
    select: {
      id: true,
      applicant: { select: { email: true, nameZh: true, nameEn: true, locale: true } },
      program: { select: { titleZh: true, titleEn: true } },
    },
  })
  const starts = new Map(blocked.map((b) => [b.applicationId, b.startsOn]))
  await prisma.$transaction(async (tx) => {
    for (const p of people) {
      const locale = fromDbLocale(p.applicant.locale)
      await enqueueEmail(tx, {
        template: 'stay-reminder',
        to: p.applicant.email,
        locale,
        payload: {
          name: locale === 'en' ? p.applicant.nameEn : p.applicant.nameZh,
          programTitle: locale === 'en' ? p.program.titleEn : p.program.titleZh,
          about: 'checklist',
          date: starts.get(p.id)!,
          stayUrl: `${appUrl()}/student/applications/${p.id}/stay`,
        },
      })
      await tx.stay.update({ where: { applicationId: p.id }, data: { checklistRemindedAt: now } })
      await recordAudit(tx, {
        actorId: actor.id,
        action: 'stay.remind',
        entityType: 'stay',
        entityId: p.id,
        applicationId: p.id,
        after: { about: 'checklist' },
      })
    }
  })
  return { ok: true, count: people.length }
}

// ---- incident messages ---------------------------------------------------------------------------

export type IncidentInput = { countryCode: string; onDate: string; messageZh: string; messageEn: string }

/**
 * Sends an incident message: every student of the office's reach abroad in the country on the day
 * gets an email with two single-use links ("I am safe", "I need help"); answering with one spends
 * both. Refused when nobody is there.
 */
export async function sendIncident(
  actor: SessionUser,
  input: IncidentInput,
  now = new Date(),
): Promise<Result<{ incidentId: string; count: number }>> {
  const where = await reachableStays(actor)
  if (!where) return forbidden()
  const stays = await prisma.stay.findMany({
    where: { AND: [where, abroadOnWhere(input.onDate), { countryCode: input.countryCode }] },
    select: {
      applicationId: true,
      application: { select: { applicant: { select: { email: true, nameZh: true, nameEn: true, locale: true } } } },
    },
  })
  if (!stays.length) return refuse('office.stays.error.noRecipients')
  let incidentId = ''
  const sent = await refusableTransaction(async (tx) => {
    const incident = await tx.incident.create({
      data: {
        countryCode: input.countryCode,
        onDate: dbDate(input.onDate),
        messageZh: input.messageZh,
        messageEn: input.messageEn,
        createdById: actor.id,
      },
    })
    incidentId = incident.id
    const expiresAt = new Date(now.getTime() + INCIDENT_LINK_DAYS * DAY_MS)
    for (const stay of stays) {
      const student = stay.application.applicant
      const tokens = { safe: randomToken(), help: randomToken() }
      await tx.incidentRecipient.create({ data: { incidentId, applicationId: stay.applicationId } })
      await tx.stayLink.createMany({
        data: (['safe', 'help'] as const).map((answer) => ({
          tokenHash: sha256(tokens[answer]),
          purpose: answer === 'safe' ? ('incident_safe' as const) : ('incident_help' as const),
          applicationId: stay.applicationId,
          incidentId,
          email: student.email,
          expiresAt,
        })),
      })
      const locale = fromDbLocale(student.locale)
      await enqueueEmail(tx, {
        template: 'incident-check',
        to: student.email,
        locale,
        payload: {
          name: locale === 'en' ? student.nameEn : student.nameZh,
          message: locale === 'en' ? input.messageEn : input.messageZh,
          safeUrl: `${appUrl()}/incident/${tokens.safe}`,
          helpUrl: `${appUrl()}/incident/${tokens.help}`,
        },
      })
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'incident.send',
      entityType: 'incident',
      entityId: incidentId,
      after: { countryCode: input.countryCode, onDate: input.onDate, recipients: stays.length },
    })
  })
  return sent.ok ? { ok: true, incidentId, count: stays.length } : sent
}

/** What an incident link's page shows: which answer it gives; null for a used, expired or unknown link. */
export async function incidentLinkView(token: string, now = new Date()): Promise<{ answer: 'safe' | 'help' } | null> {
  if (!token || token.length > 100) return null
  const link = await prisma.stayLink.findUnique({ where: { tokenHash: sha256(token) } })
  if (!link || link.usedAt || link.expiresAt <= now || !link.incidentId) return null
  if (link.purpose === 'incident_safe') return { answer: 'safe' }
  if (link.purpose === 'incident_help') return { answer: 'help' }
  return null
}

/** Answers through a link: once (both of the student's links are spent); a reused or expired link is refused. */
export async function answerIncident(token: string, now = new Date()): Promise<Result<{ answer: 'safe' | 'help' }>> {
  const view = await incidentLinkView(token, now)
  if (!view) return refuse('stay.error.linkInvalid')
  const link = await prisma.stayLink.findUniqueOrThrow({ where: { tokenHash: sha256(token) } })
  const incidentId = link.incidentId!
  const answered = await refusableTransaction(async (tx) => {
    const spent = await tx.stayLink.updateMany({ where: { id: link.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } })
    if (spent.count !== 1) return refuse('stay.error.linkInvalid')
    // The other answer's link goes with it: one answer per student and message.
    await tx.stayLink.updateMany({ where: { incidentId, applicationId: link.applicationId, usedAt: null }, data: { usedAt: now } })
    const updated = await tx.incidentRecipient.updateMany({
      where: { incidentId, applicationId: link.applicationId, answer: null },
      data: { answer: view.answer, answeredAt: now },
    })
    if (updated.count !== 1) return refuse('stay.error.linkInvalid')
    await recordAudit(tx, {
      actorId: null,
      action: 'incident.answer',
      entityType: 'incident',
      entityId: incidentId,
      applicationId: link.applicationId,
      after: { answer: view.answer, source: link.email },
    })
  })
  return answered.ok ? { ok: true, answer: view.answer } : answered
}

/** The office's recent incident messages with their answers so far, and who has not answered. */
export async function recentIncidents(actor: SessionUser, take = 5) {
  if (!managesStays(actor)) throw forbiddenResponse()
  const access = await accessFor(actor)
  const incidents = await prisma.incident.findMany({
    orderBy: { createdAt: 'desc' },
    take,
    select: {
      id: true,
      countryCode: true,
      onDate: true,
      createdAt: true,
      recipients: {
        where: { stay: { application: access.where('staff') } },
        select: {
          answer: true,
          answeredAt: true,
          stay: { select: { application: { select: { applicant: { select: { nameZh: true, nameEn: true } } } } } },
        },
      },
    },
  })
  return incidents.map((i) => ({
    id: i.id,
    countryCode: i.countryCode,
    onDate: isoDay(i.onDate),
    createdAt: i.createdAt,
    safe: i.recipients.filter((r) => r.answer === 'safe').length,
    help: i.recipients.filter((r) => r.answer === 'help').map((r) => r.stay.application.applicant),
    unanswered: i.recipients.filter((r) => r.answer === null).map((r) => r.stay.application.applicant),
  }))
}

/** The return not confirmed RETURN_WITHIN_DAYS after the end (domain/stay.ts returnOverdue), of a mobility not yet completed. */
function returnOverdueWhere(today: string): Prisma.StayWhereInput {
  return { returnedAt: null, endsOn: { lt: dbDate(addDays(today, -RETURN_WITHIN_DAYS)) }, application: { status: 'approved' } }
}

// ---- the dashboard's figures -----------------------------------------------------------------------

/** Students abroad today and returns overdue (the end more than RETURN_WITHIN_DAYS ago, no return). */
export async function stayFigures(actor: SessionUser, now = new Date()) {
  const where = await reachableStays(actor)
  if (!where) return null
  const today = shanghaiDate(now)
  const [abroad, overdue] = await Promise.all([
    prisma.stay.count({ where: { AND: [where, abroadOnWhere(today)] } }),
    prisma.stay.count({
      where: { AND: [where, returnOverdueWhere(today)] },
    }),
  ])
  return { abroad, overdue }
}
