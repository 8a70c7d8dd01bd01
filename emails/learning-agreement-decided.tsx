import { Text } from '@react-email/components'
import { z } from 'zod'
import { translator, type Locale } from '~/i18n'
import type { EmailDefinition } from './index'
import { Action, Layout } from './layout'

// To the student: every line of a version of their learning agreement is decided (decision 26).
const payload = z.object({
  name: z.string().min(1),
  programTitle: z.string().min(1),
  no: z.number().int().min(1),
  approved: z.number().int().min(0),
  rejected: z.number().int().min(0),
  url: z.url(),
})

function LearningAgreementDecidedEmail(p: z.infer<typeof payload> & { locale: Locale }) {
  const t = translator(p.locale)
  return (
    <Layout locale={p.locale} preview={t('email.la.decided.subject', { program: p.programTitle, no: p.no })}>
      <Text>{t('email.greeting', { name: p.name })}</Text>
      <Text>{t('email.la.decided.body', { program: p.programTitle, no: p.no, approved: p.approved, rejected: p.rejected })}</Text>
      <Action locale={p.locale} href={p.url} label={t('email.la.button')} />
    </Layout>
  )
}

export const learningAgreementDecided = {
  payload,
  subject: (t, p) => t('email.la.decided.subject', { program: p.programTitle, no: p.no }),
  Component: LearningAgreementDecidedEmail,
} satisfies EmailDefinition<typeof payload>
