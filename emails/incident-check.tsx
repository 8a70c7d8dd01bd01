import { Text } from '@react-email/components'
import { z } from 'zod'
import { translator, type Locale } from '~/i18n'
import type { EmailDefinition } from './index'
import { Action, Layout, Quote } from './layout'

// An incident message to a student abroad: two single-use links, "I am safe" and "I need help".
const payload = z.object({
  name: z.string().min(1),
  message: z.string().min(1),
  safeUrl: z.url(),
  helpUrl: z.url(),
})

function IncidentCheckEmail(p: z.infer<typeof payload> & { locale: Locale }) {
  const t = translator(p.locale)
  return (
    <Layout locale={p.locale} preview={t('email.incident.subject')}>
      <Text>{t('email.greeting', { name: p.name })}</Text>
      <Quote label={t('email.incident.quote')} text={p.message} />
      <Text>{t('email.incident.body')}</Text>
      <Action locale={p.locale} href={p.safeUrl} label={t('email.incident.safe')} />
      <Action locale={p.locale} href={p.helpUrl} label={t('email.incident.help')} />
    </Layout>
  )
}

export const incidentCheck = {
  payload,
  subject: (t) => t('email.incident.subject'),
  Component: IncidentCheckEmail,
} satisfies EmailDefinition<typeof payload>
