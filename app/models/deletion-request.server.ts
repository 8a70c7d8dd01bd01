// A student's request that the portal delete their personal information (PIPL), and the
// office's answer: completed (their applications' files deleted and answers anonymised, the
// account's name, address and numbers removed and the account closed) or refused with a reason
// the student reads. What the figures count (college, level, program, status, awards) stays.
import { handlesPrivacyRequests } from '~/domain/access'
import { forbidden, notFound, refuse, type Result } from '~/domain/result'
import { fromDbLocale } from '~/i18n'
import { recordAudit } from '~/lib/audit.server'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { appUrl } from '~/lib/env.server'
import { enqueueEmail } from '~/lib/outbox.server'
import { deleteObjects, eraseApplication } from './retention.server'

/** Applications in these statuses have ended (or never started): nothing in progress depends on them. */
const ENDED = ['draft', 'withdrawn', 'rejected', 'completed'] as const

/** The student asks; one open request at a time. */
export async function requestDeletion(student: Pick<SessionUser, 'id' | 'roles'>, note: string): Promise<Result> {
  if (!student.roles.includes('student')) return forbidden()
  return prisma.$transaction(async (tx) => {
    // One open request per student, also for two submissions at once.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('deletion request'), hashtext(${student.id}))`
    if (await tx.deletionRequest.count({ where: { userId: student.id, status: 'open' } })) return refuse('privacy.deletion.alreadyOpen')
    const created = await tx.deletionRequest.create({ data: { userId: student.id, note: note || null } })
    await recordAudit(tx, { actorId: student.id, action: 'privacy.deletion.request', entityType: 'deletion_request', entityId: created.id })
    return { ok: true as const }
  })
}

/** The student's own requests, newest first, with the office's answer. */
export function deletionRequestsOf(userId: string) {
  return prisma.deletionRequest.findMany({
    where: { userId },
    orderBy: { createdAt: 'desc' },
    select: { id: true, status: true, note: true, reason: true, createdAt: true, decidedAt: true },
  })
}

/** The office's list: open requests first, then the latest answered ones. */
export async function deletionRequestsForOffice(actor: Pick<SessionUser, 'roles'>) {
  if (!handlesPrivacyRequests(actor)) return null
  const select = {
    id: true,
    status: true,
    note: true,
    reason: true,
    createdAt: true,
    decidedAt: true,
    user: { select: { id: true, nameZh: true, nameEn: true, studentNumber: true, college: { select: { nameZh: true, nameEn: true } } } },
  } as const
  const [open, answered] = await Promise.all([
    prisma.deletionRequest.findMany({ where: { status: 'open' }, orderBy: { createdAt: 'asc' }, select }),
    prisma.deletionRequest.findMany({ where: { status: { not: 'open' } }, orderBy: { decidedAt: 'desc' }, take: 50, select }),
  ])
  return { open, answered }
}

/** The office refuses, with the reason the student reads. */
export async function refuseDeletion(actor: Pick<SessionUser, 'id' | 'roles'>, requestId: string, reason: string): Promise<Result> {
  if (!handlesPrivacyRequests(actor)) return forbidden()
  return prisma.$transaction(async (tx) => {
    // Answered once: of two answers at once, the second finds it no longer open.
    const { count } = await tx.deletionRequest.updateMany({
      where: { id: requestId, status: 'open' },
      data: { status: 'refused', reason, decidedById: actor.id, decidedAt: new Date() },
    })
    if (count !== 1)
      return (await tx.deletionRequest.count({ where: { id: requestId } })) ? refuse('privacy.deletion.answered') : notFound()
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'privacy.deletion.refuse',
      entityType: 'deletion_request',
      entityId: requestId,
      reason,
    })
    // The student reads the reason on their page, and by email (sent after commit).
    const { user } = await tx.deletionRequest.findUniqueOrThrow({
      where: { id: requestId },
      select: { user: { select: { email: true, nameZh: true, nameEn: true, locale: true } } },
    })
    const locale = fromDbLocale(user.locale)
    await enqueueEmail(tx, {
      template: 'deletion-refused',
      to: user.email,
      locale,
      payload: { name: locale === 'en' ? user.nameEn : user.nameZh, reason, privacyUrl: `${appUrl()}/student/privacy` },
    })
    return { ok: true as const }
  })
}

/**
 * The office completes the request: every application of the student must have ended (else the
 * office refuses, saying why); their files are deleted, their answers anonymised, the account's
 * identifying fields removed and the account closed.
 */
export async function completeDeletion(actor: Pick<SessionUser, 'id' | 'roles'>, requestId: string, now = new Date()): Promise<Result> {
  if (!handlesPrivacyRequests(actor)) return forbidden()
  const done = await prisma.$transaction(async (tx) => {
    const request = await tx.deletionRequest.findUnique({ where: { id: requestId }, select: { userId: true, status: true } })
    if (!request) return notFound()
    // The student's applications are locked so none moves on while their data is removed.
    const applications = await tx.$queryRaw<{ id: string; status: string }[]>`
      SELECT id, status::text FROM "Application" WHERE "applicantId" = ${request.userId} ORDER BY id FOR UPDATE`
    if (applications.some((a) => !(ENDED as readonly string[]).includes(a.status))) return refuse('privacy.deletion.inProgress')
    const { count } = await tx.deletionRequest.updateMany({
      where: { id: requestId, status: 'open' },
      data: { status: 'completed', decidedById: actor.id, decidedAt: now },
    })
    if (count !== 1) return refuse('privacy.deletion.answered')
    const keys: string[] = []
    for (const a of applications) keys.push(...(await eraseApplication(tx, a.id, { documents: true, answers: true }, now)))
    await tx.user.update({
      where: { id: request.userId },
      data: {
        nameZh: '已删除',
        nameEn: 'Deleted',
        email: `deleted-${request.userId}@deleted.invalid`,
        studentNumber: null,
        campusId: null,
        passwordHash: '!',
        deactivatedAt: now,
      },
    })
    await tx.session.deleteMany({ where: { userId: request.userId } })
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'privacy.deletion.complete',
      entityType: 'deletion_request',
      entityId: requestId,
      after: { applications: applications.map((a) => a.id), files: keys.length },
    })
    return { ok: true as const, keys }
  })
  if (!done.ok) return done
  await deleteObjects(done.keys)
  return { ok: true }
}
