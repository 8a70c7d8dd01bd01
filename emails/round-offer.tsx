import { Text } from '@react-email/components'
import { z } from 'zod'
import { formatDateTime, translator, type Locale } from '~/i18n'
import type { EmailDefinition } from './index'
import { Action, applicationPayload, Layout, Quote } from './layout'

const payload = applicationPayload.extend({ deadline: z.iso.datetime() })

function RoundOfferEmail(p: z.infer<typeof payload> & { locale: Locale }) {
  const t = translator(p.locale)
  return (
    <Layout locale={p.locale} preview={t('email.offer.subject', { program: p.programTitle })}>
      <Text>{t('email.greeting', { name: p.name })}</Text>
      <Text>{t('email.offer.body', { program: p.programTitle, deadline: formatDateTime(p.locale, p.deadline) })}</Text>
      <Text>{t('email.reference', { reference: p.reference })}</Text>
      {p.message && <Quote label={t('email.reviewerMessage')} text={p.message} />}
      <Action locale={p.locale} href={p.applicationUrl} label={t('email.offer.button')} />
    </Layout>
  )
}

export const roundOffer = {
  payload,
  subject: (t, p) => t('email.offer.subject', { program: p.programTitle }),
  Component: RoundOfferEmail,
} satisfies EmailDefinition<typeof payload>
