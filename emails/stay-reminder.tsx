import { Text } from '@react-email/components'
import { z } from 'zod'
import { formatDate, translator, type Locale } from '~/i18n'
import type { EmailDefinition } from './index'
import { Action, Layout } from './layout'

// A reminder about the stay: the pre-departure checklist (sent in bulk by the office), the arrival
// or the return not confirmed (app/jobs/stay-reminders.server.ts).
const payload = z.object({
  name: z.string().min(1),
  programTitle: z.string().min(1),
  about: z.enum(['checklist', 'arrival', 'return']),
  /** The start (checklist, arrival) or the day the return is due by. */
  date: z.iso.date(),
  stayUrl: z.url(),
})

function StayReminderEmail(p: z.infer<typeof payload> & { locale: Locale }) {
  const t = translator(p.locale)
  const subject = t(`email.stay.${p.about}.subject`, { program: p.programTitle })
  return (
    <Layout locale={p.locale} preview={subject}>
      <Text>{t('email.greeting', { name: p.name })}</Text>
      <Text>{t(`email.stay.${p.about}.body`, { program: p.programTitle, date: formatDate(p.locale, p.date) })}</Text>
      <Action locale={p.locale} href={p.stayUrl} label={t('email.stay.button')} />
    </Layout>
  )
}

export const stayReminder = {
  payload,
  subject: (t, p) => t(`email.stay.${p.about}.subject`, { program: p.programTitle }),
  Component: StayReminderEmail,
} satisfies EmailDefinition<typeof payload>
