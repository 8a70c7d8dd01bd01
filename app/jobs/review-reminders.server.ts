// Job: reviewers hear, once a day, about the applications that have waited at their stage too long.
import { shanghaiDate } from '~/domain/dates'
import { homePath } from '~/domain/roles'
import type { ApplicationStatus } from '~/domain/workflow'
import { fromDbLocale } from '~/i18n'
import { prisma } from '~/lib/db.server'
import { appUrl, env } from '~/lib/env.server'
import { DAY_MS, enqueueOnce, type Job } from './job.server'
import { activeStaff, digestItem, digestSelect, nameIn, owes } from './reviewer-digests.server'

const JOB = 'review-reminders'

// Held by a reviewer. Waitlisted applications wait for a place, not for a reviewer: no reminders.
const REMINDED: ApplicationStatus[] = ['submitted', 'college_endorsed', 'funding_check']

/**
 * One digest per reviewer and day (Beijing calendar day) listing the applications that have
 * waited at their stage longer than the threshold. Returns how many digests were enqueued.
 */
export async function sendReviewReminders({
  now = new Date(),
  thresholdDays = env().REVIEW_REMINDER_DAYS,
}: { now?: Date; thresholdDays?: number } = {}): Promise<number> {
  const waiting = await prisma.application.findMany({
    where: { status: { in: REMINDED }, statusChangedAt: { lt: new Date(now.getTime() - thresholdDays * DAY_MS) } },
    orderBy: { statusChangedAt: 'asc' },
    select: digestSelect,
  })
  if (waiting.length === 0) return 0
  const day = shanghaiDate(now)
  let sent = 0
  for (const reviewer of await activeStaff(['college_reviewer', 'office_reviewer', 'finance'])) {
    const items = waiting.filter((a) => owes(reviewer, a))
    if (items.length === 0) continue
    const locale = fromDbLocale(reviewer.locale)
    const payload = {
      name: nameIn(locale, reviewer),
      days: thresholdDays,
      items: items.map((a) => ({
        ...digestItem(locale, a),
        waitingDays: Math.floor((now.getTime() - a.statusChangedAt.getTime()) / DAY_MS),
      })),
      queueUrl: `${appUrl()}${homePath(reviewer.roles)}`,
    }
    const mark = { job: JOB, key: `${reviewer.id}:${day}` }
    if (await enqueueOnce(mark, { template: 'reviewer-reminder', to: reviewer.email, locale, payload })) sent++
  }
  return sent
}

export const reviewReminders: Job = {
  name: JOB,
  description: `A digest to each reviewer, once per Beijing day, of the applications waiting at their stage longer than REVIEW_REMINDER_DAYS.`,
  run: (now) => sendReviewReminders({ now }),
}
