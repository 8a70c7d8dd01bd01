// Job: students abroad who have not confirmed their arrival a few days after the start, or their
// return once the stay has ended (返校报到), hear about it, once a week each (decision 22).
import { addDays, shanghaiDate } from '~/domain/dates'
import { ARRIVAL_GRACE_DAYS, arrivalOverdue, returnDue, returnDueOn } from '~/domain/stay'
import { fromDbLocale } from '~/i18n'
import { prisma } from '~/lib/db.server'
import { appUrl } from '~/lib/env.server'
import { dbDate, isoDay } from '~/models/stay-record.server'
import { DAY_MS, enqueueOnce, type Job } from './job.server'

const JOB = 'stay-reminders'

/** Enqueues the week's arrival and return reminders; returns how many. */
export async function sendStayReminders({ now = new Date() }: { now?: Date } = {}): Promise<number> {
  const today = shanghaiDate(now)
  const stays = await prisma.stay.findMany({
    where: {
      returnedAt: null,
      application: { status: 'approved', applicant: { deactivatedAt: null } },
      OR: [{ arrivedAt: null, startsOn: { lt: dbDate(addDays(today, -ARRIVAL_GRACE_DAYS)) } }, { endsOn: { lt: dbDate(today) } }],
    },
    select: {
      applicationId: true,
      startsOn: true,
      endsOn: true,
      departedAt: true,
      arrivedAt: true,
      returnedAt: true,
      application: {
        select: {
          applicant: { select: { email: true, nameZh: true, nameEn: true, locale: true } },
          program: { select: { titleZh: true, titleEn: true } },
        },
      },
    },
  })
  const week = Math.floor(now.getTime() / (7 * DAY_MS))
  let sent = 0
  for (const stay of stays) {
    const startsOn = isoDay(stay.startsOn)
    const endsOn = isoDay(stay.endsOn)
    // Once the stay is over, the return is what is asked for, arrived or not.
    const about = returnDue(stay, endsOn, today) ? 'return' : arrivalOverdue(stay, startsOn, today) ? 'arrival' : null
    if (!about) continue
    const { applicant, program } = stay.application
    const locale = fromDbLocale(applicant.locale)
    const payload = {
      name: locale === 'en' ? applicant.nameEn : applicant.nameZh,
      programTitle: locale === 'en' ? program.titleEn : program.titleZh,
      about,
      date: about === 'return' ? returnDueOn(endsOn) : startsOn,
      stayUrl: `${appUrl()}/student/applications/${stay.applicationId}/stay`,
    } as const
    const mark = { job: JOB, key: `${about}:${stay.applicationId}:${week}` }
    if (await enqueueOnce(mark, { template: 'stay-reminder', to: applicant.email, locale, payload })) sent++
  }
  return sent
}

export const stayReminders: Job = {
  name: JOB,
  description: `A reminder to each student who has not confirmed their arrival ${ARRIVAL_GRACE_DAYS} days after the start, or their return after the end, once a week.`,
  run: (now) => sendStayReminders({ now }),
}
