// Job: each college's reviewers hear about yesterday's new submissions, once.
import { shanghaiDate, shanghaiNoon } from '~/domain/dates'
import { fromDbLocale } from '~/i18n'
import { prisma } from '~/lib/db.server'
import { appUrl } from '~/lib/env.server'
import { DAY_MS, enqueueOnce, type Job } from './job.server'
import { activeStaff, digestItem, digestSelect, nameIn, owes } from './reviewer-digests.server'

const JOB = 'new-applications-digest'

/**
 * Tells each college's reviewers about the applications submitted (or resubmitted) to the college
 * between `since` and `now`. Running it again for the same `since` sends nothing new. Returns the
 * digests enqueued.
 */
export async function sendNewApplicationsDigest({ since, now = new Date() }: { since: Date; now?: Date }): Promise<number> {
  const fresh = await prisma.application.findMany({
    where: { status: 'submitted', submittedAt: { gte: since, lt: now } },
    orderBy: { submittedAt: 'asc' },
    select: digestSelect,
  })
  if (fresh.length === 0) return 0
  let sent = 0
  for (const reviewer of await activeStaff(['college_reviewer'])) {
    const items = fresh.filter((a) => owes(reviewer, a))
    if (items.length === 0) continue
    const locale = fromDbLocale(reviewer.locale)
    const payload = {
      name: nameIn(locale, reviewer),
      since: since.toISOString(),
      items: items.map((a) => digestItem(locale, a)),
      queueUrl: `${appUrl()}/college`,
    }
    const mark = { job: JOB, key: `${reviewer.id}:${since.toISOString()}` }
    if (await enqueueOnce(mark, { template: 'new-applications-digest', to: reviewer.email, locale, payload })) sent++
  }
  return sent
}

/** The start of yesterday in Beijing: the daily digest covers the previous calendar day. */
function startOfYesterday(now: Date): Date {
  const today = shanghaiNoon(shanghaiDate(now))
  return new Date(today.getTime() - 12 * 3600 * 1000 - DAY_MS)
}

export const newApplicationsDigest: Job = {
  name: JOB,
  description:
    'A digest to each college reviewer of the applications submitted to their college on the previous Beijing day, once per day.',
  run: (now) => {
    const since = startOfYesterday(now)
    return sendNewApplicationsDigest({ since, now: new Date(since.getTime() + DAY_MS) })
  },
}
