import { Text } from '@react-email/components'
import { z } from 'zod'
import { translator, type Locale } from '~/i18n'
import type { EmailDefinition } from './index'
import { Action, Layout } from './layout'

// To the college's academic approvers: a student submitted a version of their learning agreement (decision 26).
const payload = z.object({
  name: z.string().min(1),
  student: z.string().min(1),
  programTitle: z.string().min(1),
  no: z.number().int().min(1),
  url: z.url(),
})

function LearningAgreementSubmittedEmail(p: z.infer<typeof payload> & { locale: Locale }) {
  const t = translator(p.locale)
  const params = { student: p.student, program: p.programTitle, no: p.no }
  return (
    <Layout locale={p.locale} preview={t('email.la.submitted.subject', params)}>
      <Text>{t('email.greeting', { name: p.name })}</Text>
      <Text>{t('email.la.submitted.body', params)}</Text>
      <Action locale={p.locale} href={p.url} label={t('email.la.button')} />
    </Layout>
  )
}

export const learningAgreementSubmitted = {
  payload,
  subject: (t, p) => t('email.la.submitted.subject', { student: p.student, program: p.programTitle, no: p.no }),
  Component: LearningAgreementSubmittedEmail,
} satisfies EmailDefinition<typeof payload>
