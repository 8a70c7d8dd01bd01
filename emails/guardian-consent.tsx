import { Text } from '@react-email/components'
import { z } from 'zod'
import { formatDate, translator, type Locale } from '~/i18n'
import type { EmailDefinition } from './index'
import { Action, Layout } from './layout'

// To a student's guardian (no account): a single-use link to consent to the stay (decision 22).
const payload = z.object({
  studentName: z.string().min(1),
  programTitle: z.string().min(1),
  startDate: z.iso.date(),
  endDate: z.iso.date(),
  expiresAt: z.iso.datetime({ offset: true }),
  consentUrl: z.url(),
})

function GuardianConsentEmail(p: z.infer<typeof payload> & { locale: Locale }) {
  const t = translator(p.locale)
  return (
    <Layout locale={p.locale} preview={t('email.guardian.subject', { name: p.studentName })}>
      <Text>{t('email.guardian.greeting')}</Text>
      <Text>
        {t('email.guardian.body', {
          name: p.studentName,
          program: p.programTitle,
          start: formatDate(p.locale, p.startDate),
          end: formatDate(p.locale, p.endDate),
        })}
      </Text>
      <Action locale={p.locale} href={p.consentUrl} label={t('email.guardian.button')} />
      <Text>{t('email.guardian.expires', { date: formatDate(p.locale, p.expiresAt) })}</Text>
    </Layout>
  )
}

export const guardianConsent = {
  payload,
  subject: (t, p) => t('email.guardian.subject', { name: p.studentName }),
  Component: GuardianConsentEmail,
} satisfies EmailDefinition<typeof payload>
