import { Text } from '@react-email/components'
import { z } from 'zod'
import { agreementTypes } from '~/domain/agreements'
import { isIsoDate } from '~/domain/dates'
import { formatDate, translator, type Locale } from '~/i18n'
import type { EmailDefinition } from './index'
import { Action, Layout } from './layout'

// To the international office: a partner agreement ends within the renewal window (decision 23).
const payload = z.object({
  name: z.string().min(1),
  partner: z.string().min(1),
  type: z.enum(agreementTypes),
  endsOn: z.string().refine(isIsoDate),
  listUrl: z.url(),
})

function AgreementRenewalEmail(p: z.infer<typeof payload> & { locale: Locale }) {
  const t = translator(p.locale)
  const endsOn = formatDate(p.locale, p.endsOn)
  return (
    <Layout locale={p.locale} preview={t('agreements.reminder.subject', { partner: p.partner, endsOn })}>
      <Text>{t('email.greeting', { name: p.name })}</Text>
      <Text>{t('agreements.reminder.body', { partner: p.partner, type: t(`agreements.type.${p.type}`), endsOn })}</Text>
      <Action locale={p.locale} href={p.listUrl} label={t('agreements.reminder.link')} />
    </Layout>
  )
}

export const agreementRenewal = {
  payload,
  subject: (t, p) => t('agreements.reminder.subject', { partner: p.partner, endsOn: p.endsOn }),
  Component: AgreementRenewalEmail,
} satisfies EmailDefinition<typeof payload>
