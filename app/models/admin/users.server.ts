import type { Prisma } from '~/generated/prisma/client'
import { hasRole } from '~/domain/roles'
import { toDbLocale, type Locale } from '~/i18n'
import type { SessionUser } from '~/lib/auth.server'
import { recordAudit } from '~/lib/audit.server'
import { randomToken } from '~/lib/crypto.server'
import { prisma } from '~/lib/db.server'
import { appUrl } from '~/lib/env.server'
import { enqueueEmail } from '~/lib/outbox.server'
import { hashPassword } from '~/lib/password.server'
import { createResetToken, INVITATION_DAYS, lockApplicationsToRename, revokePasswordTokens } from '~/models/user.server'
import type { EditUserInput, ListQuery, NewStaffInput } from '~/schemas/admin'
import { isUniqueViolation, pageInfo, paging, snapshot, type SaveResult } from './common.server'
import { notFound, refuseFields } from '~/domain/result'

const userFields = {
  id: true,
  email: true,
  nameZh: true,
  nameEn: true,
  roles: true,
  collegeId: true,
  studentNumber: true,
  level: true,
  deactivatedAt: true,
  createdAt: true,
} as const

export async function listUsers(query: ListQuery) {
  const where: Prisma.UserWhereInput = {
    ...(query.show === 'current' ? { deactivatedAt: null } : query.show === 'retired' ? { deactivatedAt: { not: null } } : {}),
    ...(query.role && { roles: { has: query.role } }),
    ...(query.collegeId && { collegeId: query.collegeId }),
    ...(query.q && {
      OR: [
        { email: { contains: query.q, mode: 'insensitive' } },
        { nameZh: { contains: query.q } },
        { nameEn: { contains: query.q, mode: 'insensitive' } },
        { studentNumber: { startsWith: query.q.toUpperCase() } },
      ],
    }),
  }
  const [rows, total] = await Promise.all([
    prisma.user.findMany({
      where,
      orderBy: [{ email: 'asc' }],
      ...paging(query),
      select: { ...userFields, college: { select: { code: true, nameZh: true, nameEn: true } } },
    }),
    prisma.user.count({ where }),
  ])
  return { rows, ...pageInfo(total, query.page) }
}

export const findUser = (id: string) => prisma.user.findUnique({ where: { id }, select: userFields })

/**
 * Creates a staff account with an unusable random password and emails a link to choose one (the
 * password-reset token, valid for INVITATION_DAYS), in the same transaction.
 */
export async function createStaff(actor: SessionUser, input: NewStaffInput, locale: Locale): Promise<SaveResult> {
  if (!(await collegeExists(prisma, input.collegeId))) return unknownCollege
  const passwordHash = await hashPassword(randomToken())
  try {
    return await prisma.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          email: input.email,
          passwordHash,
          nameZh: input.nameZh,
          nameEn: input.nameEn,
          roles: input.roles,
          collegeId: input.collegeId ?? null,
          locale: toDbLocale(locale),
        },
        select: userFields,
      })
      const token = await createResetToken(tx, user.id, INVITATION_DAYS * 24 * 60)
      await recordAudit(tx, { actorId: actor.id, action: 'user.create', entityType: 'user', entityId: user.id, after: snapshot(user) })
      await enqueueEmail(tx, {
        template: 'staff-invitation',
        to: user.email,
        locale,
        payload: {
          name: locale === 'en' ? user.nameEn : user.nameZh,
          setPasswordUrl: `${appUrl()}/reset-password?token=${token}`,
          days: INVITATION_DAYS,
        },
      })
      return { ok: true, id: user.id }
    })
  } catch (error) {
    if (isUniqueViolation(error)) return refuseFields({ email: 'adminConfig.error.emailTaken' })
    throw error
  }
}

/** Changes names, staff roles and college. A student keeps the student role; an admin keeps their own admin role. */
export async function updateUser(actor: SessionUser, id: string, input: EditUserInput): Promise<SaveResult> {
  return prisma.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id }, select: userFields })
    if (!before) return notFound()
    if (id === actor.id && !input.roles.includes('admin')) return refuseFields({ roles: 'adminConfig.error.ownAdminRole' })
    const roles = [...(before.roles.includes('student') ? (['student'] as const) : []), ...input.roles]
    if (!roles.length) return refuseFields({ roles: 'adminConfig.error.rolesRequired' })
    // A student's college is where they study; only staff colleges are edited here.
    const collegeId = hasRole(before.roles, 'student') ? before.collegeId : (input.collegeId ?? null)
    if (!(await collegeExists(tx, collegeId))) return unknownCollege
    if (input.nameZh !== before.nameZh || input.nameEn !== before.nameEn) await lockApplicationsToRename(tx, id)
    const after = await tx.user.update({
      where: { id },
      data: { nameZh: input.nameZh, nameEn: input.nameEn, roles, collegeId },
      select: userFields,
    })
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      before: snapshot(before),
      after: snapshot(after),
    })
    return { ok: true, id }
  })
}

const unknownCollege: SaveResult = refuseFields({ collegeId: 'form.invalidChoice' })

/** No college, or one that exists (the form's id is only well-formed). */
async function collegeExists(db: Prisma.TransactionClient, id: string | null | undefined) {
  return !id || (await db.college.count({ where: { id } })) > 0
}

/**
 * Deactivates an account (ending its sessions and revoking its password links at once) or
 * reactivates it. Never one's own account.
 */
export async function setUserActive(actor: SessionUser, id: string, active: boolean): Promise<'ok' | 'self' | 'unchanged'> {
  if (id === actor.id) return 'self'
  return prisma.$transaction(async (tx) => {
    const changed = await tx.user.updateMany({
      where: { id, deactivatedAt: active ? { not: null } : null },
      data: { deactivatedAt: active ? null : new Date() },
    })
    if (changed.count !== 1) return 'unchanged'
    const sessions = active ? { count: 0 } : await tx.session.deleteMany({ where: { userId: id } })
    if (!active) await revokePasswordTokens(tx, id)
    await recordAudit(tx, {
      actorId: actor.id,
      action: active ? 'user.reactivate' : 'user.deactivate',
      entityType: 'user',
      entityId: id,
      before: { active: !active },
      after: { active, ...(!active && { sessionsEnded: sessions.count }) },
    })
    return 'ok'
  })
}
