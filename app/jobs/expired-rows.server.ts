// Job: rows whose time is over are deleted.
import { prisma } from '~/lib/db.server'
import { DAY_MS, type Job } from './job.server'

/**
 * How long a job's "done once" mark is kept. Every mark stops mattering within days: the
 * reminders' keys name their day or week, the digest's its day, and a draft's reminder is due only
 * in the three days before its program closes.
 */
const JOB_MARK_DAYS = 90

/**
 * Removes expired sessions, spent or expired reset tokens, old failed sign-ins, unconfirmed sign-ups,
 * old job marks, and CAS tickets validated more than a day ago (no CAS server lets a ticket live that long).
 */
export async function removeExpiredRows(now = new Date()) {
  const dayAgo = new Date(now.getTime() - DAY_MS)
  const [sessions, tokens, attempts, signups, jobMarks, campusTickets] = await prisma.$transaction([
    prisma.session.deleteMany({ where: { expiresAt: { lt: now } } }),
    prisma.passwordResetToken.deleteMany({ where: { OR: [{ expiresAt: { lt: dayAgo } }, { usedAt: { lt: dayAgo } }] } }),
    prisma.loginAttempt.deleteMany({ where: { createdAt: { lt: dayAgo } } }),
    prisma.pendingSignup.deleteMany({ where: { expiresAt: { lt: now } } }),
    prisma.jobMark.deleteMany({ where: { at: { lt: new Date(now.getTime() - JOB_MARK_DAYS * DAY_MS) } } }),
    prisma.campusTicket.deleteMany({ where: { usedAt: { lt: dayAgo } } }),
  ])
  return {
    sessions: sessions.count,
    tokens: tokens.count,
    attempts: attempts.count,
    signups: signups.count,
    jobMarks: jobMarks.count,
    campusTickets: campusTickets.count,
  }
}

export const expiredRows: Job = {
  name: 'expired-rows',
  description: `Deletes expired sessions, reset tokens and sign-ups, failed sign-ins older than a day, job marks older than ${JOB_MARK_DAYS} days and CAS tickets validated over a day ago.`,
  run: (now) => removeExpiredRows(now),
}
