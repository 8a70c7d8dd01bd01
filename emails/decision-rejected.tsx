import { Text } from '@react-email/components'
import { z } from 'zod'
import { translator, type Locale } from '~/i18n'
import type { EmailDefinition } from './index'
import { Action, applicationPayload, Layout, Quote } from './layout'

const payload = applicationPayload.extend({ reason: z.string().min(1) })

function DecisionRejectedEmail(p: z.infer<typeof payload> & { locale: Locale }) {
  const t = translator(p.locale)
  return (
    <Layout locale={p.locale} preview={t('email.rejected.subject', { program: p.programTitle })}>
      <Text>{t('email.greeting', { name: p.name })}</Text>
      <Text>{t('email.rejected.body', { program: p.programTitle })}</Text>
      <Text>{t('email.reference', { reference: p.reference })}</Text>
      <Quote label={t('email.rejected.reason')} text={p.reason} />
      {p.message && <Quote label={t('email.reviewerMessage')} text={p.message} />}
      <Text>{t('email.rejected.next')}</Text>
      <Action locale={p.locale} href={p.applicationUrl} label={t('email.viewApplication')} />
    </Layout>
  )
}

export const decisionRejected = {
  payload,
  subject: (t, p) => t('email.rejected.subject', { program: p.programTitle }),
  Component: DecisionRejectedEmail,
} satisfies EmailDefinition<typeof payload>
