// Job: students late with their return report hear about it, once a week.
import { fromDbLocale } from '~/i18n'
import { prisma } from '~/lib/db.server'
import { appUrl } from '~/lib/env.server'
import { DAY_MS, enqueueOnce, type Job } from './job.server'

const JOB = 'return-report-reminders'
/** Days after the mobility's last day before a missing report is overdue. */
const REPORT_DUE_DAYS = 30

/** Reminds students whose mobility ended more than REPORT_DUE_DAYS ago without a report, once a week. Returns the reminders enqueued. */
export async function sendReturnReportReminders({ now = new Date() }: { now?: Date } = {}): Promise<number> {
  const cutoff = new Date(now.getTime() - REPORT_DUE_DAYS * DAY_MS).toISOString().slice(0, 10)
  const due = await prisma.$queryRaw<{ id: string }[]>`
    SELECT a."id" FROM "Application" a
    WHERE a."status" = 'approved' AND a."details"->>'endDate' < ${cutoff}
      AND NOT EXISTS (SELECT 1 FROM "ReturnReport" r WHERE r."applicationId" = a."id")`
  if (!due.length) return 0
  const applications = await prisma.application.findMany({
    where: { id: { in: due.map((d) => d.id) }, applicant: { deactivatedAt: null } },
    select: {
      id: true,
      kind: true,
      details: true,
      applicant: { select: { email: true, nameZh: true, nameEn: true, locale: true } },
      program: { select: { titleZh: true, titleEn: true } },
      awards: { where: { status: 'committed' }, select: { id: true } },
    },
  })
  const week = Math.floor(now.getTime() / (7 * DAY_MS))
  let sent = 0
  for (const application of applications) {
    const locale = fromDbLocale(application.applicant.locale)
    const payload = {
      name: locale === 'en' ? application.applicant.nameEn : application.applicant.nameZh,
      programTitle: locale === 'en' ? application.program.titleEn : application.program.titleZh,
      endDate: (application.details as { endDate: string }).endDate,
      receipts: application.kind === 'conference' && application.awards.length > 0,
      reportUrl: `${appUrl()}/student/applications/${application.id}/report`,
    }
    const mark = { job: JOB, key: `${application.id}:${week}` }
    if (await enqueueOnce(mark, { template: 'return-report-overdue', to: application.applicant.email, locale, payload })) sent++
  }
  return sent
}

export const returnReportReminders: Job = {
  name: JOB,
  description: `A reminder to each student whose mobility ended more than ${REPORT_DUE_DAYS} days ago without a return report, once a week.`,
  run: (now) => sendReturnReportReminders({ now }),
}
