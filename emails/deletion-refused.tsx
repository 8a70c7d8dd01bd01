import { Text } from '@react-email/components'
import { z } from 'zod'
import { translator, type Locale } from '~/i18n'
import type { EmailDefinition } from './index'
import { Action, Layout, Quote } from './layout'

// The office refused a student's request to delete their personal information (PIPL): why.
const payload = z.object({ name: z.string().min(1), reason: z.string().min(1), privacyUrl: z.url() })

function DeletionRefusedEmail(p: z.infer<typeof payload> & { locale: Locale }) {
  const t = translator(p.locale)
  return (
    <Layout locale={p.locale} preview={t('email.deletionRefused.subject')}>
      <Text>{t('email.greeting', { name: p.name })}</Text>
      <Text>{t('email.deletionRefused.body')}</Text>
      <Quote label={t('email.deletionRefused.reason')} text={p.reason} />
      <Action locale={p.locale} href={p.privacyUrl} label={t('email.deletionRefused.open')} />
    </Layout>
  )
}

export const deletionRefused = {
  payload,
  subject: (t) => t('email.deletionRefused.subject'),
  Component: DeletionRefusedEmail,
} satisfies EmailDefinition<typeof payload>
