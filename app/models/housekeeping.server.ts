import { shanghaiDate, shanghaiNoon } from '~/domain/dates'
import { sweepOrphanObjects } from '~/models/document.server'
import { sweepStagedImports } from '~/models/import.server'
import { sendDraftDeadlineReminders, sendNewApplicationsDigest, sendReviewReminders } from '~/models/review.server'
import { prisma } from '~/lib/db.server'
import { sendReturnReportReminders } from '~/models/return-report.server'

const DAY = 24 * 3600 * 1000

/** Removes expired sessions, spent or expired reset tokens, old failed sign-ins and unconfirmed sign-ups. */
export async function removeExpiredRows(now = new Date()) {
  const dayAgo = new Date(now.getTime() - DAY)
  const [sessions, tokens, attempts, signups] = await prisma.$transaction([
    prisma.session.deleteMany({ where: { expiresAt: { lt: now } } }),
    prisma.passwordResetToken.deleteMany({ where: { OR: [{ expiresAt: { lt: dayAgo } }, { usedAt: { lt: dayAgo } }] } }),
    prisma.loginAttempt.deleteMany({ where: { createdAt: { lt: dayAgo } } }),
    prisma.pendingSignup.deleteMany({ where: { expiresAt: { lt: now } } }),
  ])
  return { sessions: sessions.count, tokens: tokens.count, attempts: attempts.count, signups: signups.count }
}

/** The start of yesterday in Beijing: the daily digest covers the previous calendar day. */
function startOfYesterday(now: Date): Date {
  const today = shanghaiNoon(shanghaiDate(now))
  return new Date(today.getTime() - 12 * 3600 * 1000 - DAY)
}

/**
 * Runs the clean-ups and reminders now and every hour; returns a function that stops it. Each
 * reminder is sent at most once per day and key (review.server.ts), so hourly runs and several
 * app instances do not repeat them.
 */
export function startHousekeeping(): () => void {
  const run = () => {
    const now = new Date()
    const yesterday = startOfYesterday(now)
    return Promise.all([
      removeExpiredRows(now),
      // Objects whose database row never got written (a crash between S3 and the database).
      sweepOrphanObjects({ olderThanMs: DAY }),
      // Import files previewed but never confirmed.
      sweepStagedImports({ olderThanMs: DAY }),
      sendReviewReminders({ now }),
      sendNewApplicationsDigest({ since: yesterday, now: new Date(yesterday.getTime() + DAY) }),
      sendDraftDeadlineReminders({ now }),
      sendReturnReportReminders({ now }),
    ]).catch((error) => console.error('[housekeeping]', error))
  }
  void run()
  const timer = setInterval(run, 3600 * 1000)
  timer.unref()
  return () => clearInterval(timer)
}
