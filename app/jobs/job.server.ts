// What a scheduled job is, and how it does a thing once. Jobs are the work nobody asks for in a
// request: reminders and digests by email, and sweeps of what has expired or was left behind.
// startJobs (schedule.server.ts) runs the list every hour on every app instance; a job is safe to
// run again, and on two instances at once.
import type { EmailTemplate } from '#emails/index'
import { prisma } from '~/lib/db.server'
import { enqueueEmail, type Email } from '~/lib/outbox.server'

export const DAY_MS = 24 * 3600 * 1000

export type Job = {
  /** Stable: the JobMark rows of the job are kept under it, and failures are logged with it. */
  name: string
  /** What it does and how often it has an effect, in one sentence. */
  description: string
  run(now: Date): Promise<unknown>
}

/**
 * Enqueues `email` unless the job already did for `key`, and says whether it did. The JobMark row
 * is inserted first, in the transaction that writes the outbox row: a second run on another
 * instance, inserting the same key, waits on the primary key until the first commits, then inserts
 * nothing (ON CONFLICT DO NOTHING) and sends nothing; if the first rolled back, the second sends.
 */
export async function enqueueOnce<T extends EmailTemplate>(mark: { job: string; key: string }, email: Email<T>): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.jobMark.createMany({ data: [mark], skipDuplicates: true })
    if (count === 0) return false
    await enqueueEmail(tx, email)
    return true
  })
}
