// The processing notice and students' consents (PIPL): the notice in force is the latest version
// the admin published, or the one shipped with the portal (version 0, i18n privacy.notice.*). A
// student who has not consented to the version in force, with the separate consent for sensitive
// information, is asked (root.tsx sends them to /privacy) before anything else: at sign-up, at
// the first campus sign-on, and again whenever a new version is published.
import { BUILT_IN_NOTICE_VERSION, consentCurrent } from '~/domain/personal-data'
import { refuse, type Result } from '~/domain/result'
import { recordAudit } from '~/lib/audit.server'
import type { SessionUser } from '~/lib/auth.server'
import { isUniqueViolation } from '~/lib/bulk-insert.server'
import { prisma } from '~/lib/db.server'

export type Notice = { version: number; bodyZh: string | null; bodyEn: string | null; publishedAt: Date | null }

/** The notice in force: the latest published, or the built-in one (its text comes from the messages). */
export async function currentNotice(): Promise<Notice> {
  const latest = await prisma.privacyNotice.findFirst({ orderBy: { version: 'desc' } })
  return latest ?? { version: BUILT_IN_NOTICE_VERSION, bodyZh: null, bodyEn: null, publishedAt: null }
}

/** Whether the user must consent before going on: a student without consent to the notice in force. */
export async function consentNeeded(user: Pick<SessionUser, 'id' | 'roles'>): Promise<boolean> {
  if (!user.roles.includes('student')) return false
  const [notice, consents] = await Promise.all([
    currentNotice(),
    prisma.consent.findMany({ where: { userId: user.id }, select: { noticeVersion: true, sensitive: true } }),
  ])
  return !consentCurrent(consents, notice.version)
}

/** The student consents to the notice they were shown; a notice replaced meanwhile is refused (they read the new one). */
export async function giveConsent(user: Pick<SessionUser, 'id'>, version: number): Promise<Result> {
  const notice = await currentNotice()
  if (version !== notice.version) return refuse('privacy.consent.stale')
  await prisma.consent.create({ data: { userId: user.id, noticeVersion: version, sensitive: true } })
  return { ok: true }
}

/** The student's consents, newest first (their privacy page and their archive). */
export function consentsOf(userId: string) {
  return prisma.consent.findMany({ where: { userId }, orderBy: { at: 'desc' }, select: { noticeVersion: true, sensitive: true, at: true } })
}

/** The admin publishes a new version of the notice: every student is asked again. */
export async function publishNotice(
  admin: Pick<SessionUser, 'id'>,
  body: { bodyZh: string; bodyEn: string },
): Promise<Result<{ version: number }>> {
  try {
    return await prisma.$transaction(async (tx) => {
      const latest = await tx.privacyNotice.findFirst({ orderBy: { version: 'desc' }, select: { version: true } })
      const version = (latest?.version ?? BUILT_IN_NOTICE_VERSION) + 1
      await tx.privacyNotice.create({ data: { version, ...body, publishedById: admin.id } })
      await recordAudit(tx, {
        actorId: admin.id,
        action: 'privacy.notice.publish',
        entityType: 'privacy_notice',
        entityId: String(version),
      })
      return { ok: true as const, version }
    })
  } catch (error) {
    // Two admins publishing at once: the second takes the same number and is refused; nothing half-written.
    if (isUniqueViolation(error)) return refuse('privacy.notice.busy')
    throw error
  }
}
