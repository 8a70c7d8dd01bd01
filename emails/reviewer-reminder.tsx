import { Link, Text } from '@react-email/components'
import { z } from 'zod'
import { translator, type Locale } from '~/i18n'
import type { EmailDefinition } from './index'
import { Action, Layout } from './layout'

const payload = z.object({
  name: z.string().min(1),
  /** The threshold: reminders list applications waiting longer than this. */
  days: z.number().int().positive(),
  items: z
    .array(
      z.object({
        reference: z.string().min(1),
        applicant: z.string().min(1),
        programTitle: z.string().min(1),
        waitingDays: z.number().int().nonnegative(),
        url: z.url(),
      }),
    )
    .min(1),
  queueUrl: z.url(),
})

function ReviewerReminderEmail(p: z.infer<typeof payload> & { locale: Locale }) {
  const t = translator(p.locale)
  return (
    <Layout locale={p.locale} preview={t('email.reminder.subject', { count: p.items.length, days: p.days })}>
      <Text>{t('email.greeting', { name: p.name })}</Text>
      <Text>{t('email.reminder.body', { days: p.days })}</Text>
      <ul>
        {p.items.map((item) => (
          <li key={item.url}>
            <Link href={item.url}>{item.reference}</Link>{' '}
            {t('email.reminder.item', { applicant: item.applicant, program: item.programTitle, waited: item.waitingDays })}
          </li>
        ))}
      </ul>
      <Action locale={p.locale} href={p.queueUrl} label={t('email.review.queueButton')} />
    </Layout>
  )
}

export const reviewerReminder = {
  payload,
  subject: (t, p) => t('email.reminder.subject', { count: p.items.length, days: p.days }),
  Component: ReviewerReminderEmail,
} satisfies EmailDefinition<typeof payload>
