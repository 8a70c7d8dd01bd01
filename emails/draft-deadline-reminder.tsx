import { Text } from '@react-email/components'
import { z } from 'zod'
import { formatDateTime, translator, type Locale } from '~/i18n'
import type { EmailDefinition } from './index'
import { Action, Layout } from './layout'

const payload = z.object({
  name: z.string().min(1),
  programTitle: z.string().min(1),
  closesAt: z.iso.datetime(),
  applicationUrl: z.url(),
})

function DraftDeadlineReminderEmail(p: z.infer<typeof payload> & { locale: Locale }) {
  const t = translator(p.locale)
  return (
    <Layout locale={p.locale} preview={t('email.deadline.subject', { program: p.programTitle })}>
      <Text>{t('email.greeting', { name: p.name })}</Text>
      <Text>{t('email.deadline.body', { program: p.programTitle, deadline: formatDateTime(p.locale, p.closesAt) })}</Text>
      <Action locale={p.locale} href={p.applicationUrl} label={t('email.deadline.button')} />
    </Layout>
  )
}

export const draftDeadlineReminder = {
  payload,
  subject: (t, p) => t('email.deadline.subject', { program: p.programTitle }),
  Component: DraftDeadlineReminderEmail,
} satisfies EmailDefinition<typeof payload>
