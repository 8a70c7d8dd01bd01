// Job: students hear once about a draft whose program closes soon.
import { fromDbLocale } from '~/i18n'
import { prisma } from '~/lib/db.server'
import { appUrl } from '~/lib/env.server'
import { DAY_MS, enqueueOnce, type Job } from './job.server'

const JOB = 'draft-deadline-reminders'

/** Reminds students of drafts whose program closes within `withinDays`, once per draft. Returns the reminders enqueued. */
export async function sendDraftDeadlineReminders({
  now = new Date(),
  withinDays = 3,
}: { now?: Date; withinDays?: number } = {}): Promise<number> {
  const drafts = await prisma.application.findMany({
    where: {
      status: 'draft',
      applicant: { deactivatedAt: null },
      program: { retiredAt: null, closesAt: { gt: now, lte: new Date(now.getTime() + withinDays * DAY_MS) } },
    },
    select: {
      id: true,
      applicant: { select: { email: true, nameZh: true, nameEn: true, locale: true } },
      program: { select: { titleZh: true, titleEn: true, closesAt: true } },
    },
  })
  if (drafts.length === 0) return 0
  const marks = await prisma.jobMark.findMany({ where: { job: JOB, key: { in: drafts.map((d) => d.id) } }, select: { key: true } })
  const reminded = new Set(marks.map((m) => m.key))
  let sent = 0
  for (const draft of drafts.filter((d) => !reminded.has(d.id))) {
    const locale = fromDbLocale(draft.applicant.locale)
    const payload = {
      name: locale === 'en' ? draft.applicant.nameEn : draft.applicant.nameZh,
      programTitle: locale === 'en' ? draft.program.titleEn : draft.program.titleZh,
      closesAt: draft.program.closesAt.toISOString(),
      applicationUrl: `${appUrl()}/student/applications/${draft.id}`,
    }
    const mark = { job: JOB, key: draft.id }
    if (await enqueueOnce(mark, { template: 'draft-deadline-reminder', to: draft.applicant.email, locale, payload })) sent++
  }
  return sent
}

export const draftDeadlineReminders: Job = {
  name: JOB,
  description: 'One reminder per draft, to its student, when the program closes within three days.',
  run: (now) => sendDraftDeadlineReminders({ now }),
}
