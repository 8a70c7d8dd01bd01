// Every scheduled job, and the timer that runs them (server/index.ts starts it with the outbox
// worker). Each job is safe to run again and on several instances at once: the sweeps delete what
// is old, and what must happen once is marked in JobMark (job.server.ts).
import { agreementRenewalReminders } from './agreement-renewal-reminders.server'
import { draftDeadlineReminders } from './draft-deadline-reminders.server'
import { expiredRows } from './expired-rows.server'
import type { Job } from './job.server'
import { lapsedOffers } from './lapsed-offers.server'
import { newApplicationsDigest } from './new-applications-digest.server'
import { orphanObjects } from './orphan-objects.server'
import { retention } from './retention.server'
import { returnReportReminders } from './return-report-reminders.server'
import { reviewReminders } from './review-reminders.server'
import { stagedImports } from './staged-imports.server'
import { stayReminders } from './stay-reminders.server'

export const jobs: readonly Job[] = [
  expiredRows,
  orphanObjects,
  stagedImports,
  reviewReminders,
  newApplicationsDigest,
  draftDeadlineReminders,
  returnReportReminders,
  lapsedOffers,
  agreementRenewalReminders,
  retention,
  stayReminders,
]

/** Runs the jobs side by side; one that fails is logged under its name and leaves the others running. */
export async function runJobs(list: readonly Job[] = jobs, now = new Date()): Promise<void> {
  await Promise.all(
    list.map((job) =>
      job.run(now).catch((error: unknown) => {
        console.error(`[jobs] ${job.name} failed:`, error)
      }),
    ),
  )
}

/**
 * Runs the jobs now and every `everyMs` (an hour), never two rounds at once on this instance.
 * Returns a function that stops the timer and waits for the round under way.
 */
export function startJobs({ everyMs = 3600 * 1000, list = jobs }: { everyMs?: number; list?: readonly Job[] } = {}): () => Promise<void> {
  let current: Promise<void> | null = null
  const tick = () => {
    current ??= runJobs(list).finally(() => (current = null))
  }
  tick()
  const timer = setInterval(tick, everyMs)
  timer.unref()
  return async () => {
    clearInterval(timer)
    await current
  }
}
