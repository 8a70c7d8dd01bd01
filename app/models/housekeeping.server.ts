import { sweepOrphanObjects } from '~/models/document.server'
import { prisma } from '~/lib/db.server'

const DAY = 24 * 3600 * 1000

/** Removes expired sessions, spent or expired reset tokens and old failed sign-ins. */
export async function removeExpiredRows(now = new Date()) {
  const dayAgo = new Date(now.getTime() - DAY)
  const [sessions, tokens, attempts] = await prisma.$transaction([
    prisma.session.deleteMany({ where: { expiresAt: { lt: now } } }),
    prisma.passwordResetToken.deleteMany({ where: { OR: [{ expiresAt: { lt: dayAgo } }, { usedAt: { lt: dayAgo } }] } }),
    prisma.loginAttempt.deleteMany({ where: { createdAt: { lt: dayAgo } } }),
  ])
  return { sessions: sessions.count, tokens: tokens.count, attempts: attempts.count }
}

/** Runs the clean-ups now and every hour; returns a function that stops it. */
export function startHousekeeping(): () => void {
  const run = () =>
    Promise.all([
      removeExpiredRows(),
      // Objects whose database row never got written (a crash between S3 and the database).
      sweepOrphanObjects({ olderThanMs: DAY }),
    ]).catch((error) => console.error('[housekeeping]', error))
  void run()
  const timer = setInterval(run, 3600 * 1000)
  timer.unref()
  return () => clearInterval(timer)
}
