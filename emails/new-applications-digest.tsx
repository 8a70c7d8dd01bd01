import { Link, Text } from '@react-email/components'
import { z } from 'zod'
import { formatDateTime, translator, type Locale } from '~/i18n'
import type { EmailDefinition } from './index'
import { Action, Layout } from './layout'

const payload = z.object({
  name: z.string().min(1),
  since: z.iso.datetime(),
  items: z
    .array(
      z.object({
        reference: z.string().min(1),
        applicant: z.string().min(1),
        programTitle: z.string().min(1),
        url: z.url(),
      }),
    )
    .min(1),
  queueUrl: z.url(),
})

function NewApplicationsDigestEmail(p: z.infer<typeof payload> & { locale: Locale }) {
  const t = translator(p.locale)
  return (
    <Layout locale={p.locale} preview={t('email.digest.subject', { count: p.items.length })}>
      <Text>{t('email.greeting', { name: p.name })}</Text>
      <Text>{t('email.digest.body', { since: formatDateTime(p.locale, p.since) })}</Text>
      <ul>
        {p.items.map((item) => (
          <li key={item.url}>
            <Link href={item.url}>{item.reference}</Link>{' '}
            {t('email.digest.item', { applicant: item.applicant, program: item.programTitle })}
          </li>
        ))}
      </ul>
      <Action locale={p.locale} href={p.queueUrl} label={t('email.review.queueButton')} />
    </Layout>
  )
}

export const newApplicationsDigest = {
  payload,
  subject: (t, p) => t('email.digest.subject', { count: p.items.length }),
  Component: NewApplicationsDigestEmail,
} satisfies EmailDefinition<typeof payload>
