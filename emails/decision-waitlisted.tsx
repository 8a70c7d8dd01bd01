import { Text } from '@react-email/components'
import type { z } from 'zod'
import { translator, type Locale } from '~/i18n'
import type { EmailDefinition } from './index'
import { Action, applicationPayload, Layout, Quote } from './layout'

const payload = applicationPayload

function DecisionWaitlistedEmail(p: z.infer<typeof payload> & { locale: Locale }) {
  const t = translator(p.locale)
  return (
    <Layout locale={p.locale} preview={t('email.waitlisted.subject', { program: p.programTitle })}>
      <Text>{t('email.greeting', { name: p.name })}</Text>
      <Text>{t('email.waitlisted.body', { program: p.programTitle })}</Text>
      <Text>{t('email.reference', { reference: p.reference })}</Text>
      {p.message && <Quote label={t('email.reviewerMessage')} text={p.message} />}
      <Action locale={p.locale} href={p.applicationUrl} label={t('email.viewApplication')} />
    </Layout>
  )
}

export const decisionWaitlisted = {
  payload,
  subject: (t, p) => t('email.waitlisted.subject', { program: p.programTitle }),
  Component: DecisionWaitlistedEmail,
} satisfies EmailDefinition<typeof payload>
