// Job: the international office hears once about each partner agreement that ends within the
// renewal window (decision 23).
import { renewalHorizon } from '~/domain/agreements'
import { shanghaiDate, shanghaiNoon } from '~/domain/dates'
import { fromDbLocale } from '~/i18n'
import { prisma } from '~/lib/db.server'
import { appUrl } from '~/lib/env.server'
import { enqueueOnce, type Job } from './job.server'
import { activeStaff, nameIn } from './reviewer-digests.server'

const JOB = 'agreement-renewal-reminders'

/**
 * One reminder per agreement on the renewal list (and per end date: an agreement extended and
 * due again is reminded again) to each office reviewer. Returns the reminders enqueued.
 */
export async function sendAgreementRenewalReminders({ now = new Date() }: { now?: Date } = {}): Promise<number> {
  const today = shanghaiDate(now)
  const due = await prisma.partnerAgreement.findMany({
    where: {
      retiredAt: null,
      endsOn: { gte: shanghaiNoon(today), lte: shanghaiNoon(renewalHorizon(today)) },
      partner: { retiredAt: null },
    },
    orderBy: [{ endsOn: 'asc' }, { id: 'asc' }],
    select: { id: true, type: true, endsOn: true, partner: { select: { nameZh: true, nameEn: true } } },
  })
  if (due.length === 0) return 0
  const office = await activeStaff(['office_reviewer'])
  let sent = 0
  for (const agreement of due) {
    const endsOn = shanghaiDate(agreement.endsOn)
    for (const person of office) {
      const locale = fromDbLocale(person.locale)
      const payload = {
        name: nameIn(locale, person),
        partner: nameIn(locale, agreement.partner),
        type: agreement.type,
        endsOn,
        listUrl: `${appUrl()}/admin/agreements`,
      }
      const mark = { job: JOB, key: `${agreement.id}:${endsOn}:${person.id}` }
      if (await enqueueOnce(mark, { template: 'agreement-renewal', to: person.email, locale, payload })) sent++
    }
  }
  return sent
}

export const agreementRenewalReminders: Job = {
  name: JOB,
  description: 'One reminder to each office reviewer per partner agreement ending within 90 days.',
  run: (now) => sendAgreementRenewalReminders({ now }),
}
