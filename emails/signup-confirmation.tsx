import { Text } from '@react-email/components'
import { z } from 'zod'
import { translator, type Locale } from '~/i18n'
import type { EmailDefinition } from './index'
import { Action, Layout } from './layout'

// Sent after a student signs up with an address that has no account: the link creates the
// account (models/user.server.ts confirmSignup), valid for `hours` hours.
const payload = z.object({
  name: z.string().min(1),
  confirmUrl: z.url(),
  hours: z.number().int().positive(),
})

function SignupConfirmationEmail({ locale, name, confirmUrl, hours }: z.infer<typeof payload> & { locale: Locale }) {
  const t = translator(locale)
  return (
    <Layout locale={locale} preview={t('email.signupConfirmation.subject')}>
      <Text>{t('email.greeting', { name })}</Text>
      <Text>{t('email.signupConfirmation.body', { hours })}</Text>
      <Action locale={locale} href={confirmUrl} label={t('email.signupConfirmation.button')} />
      <Text>{t('email.signupConfirmation.ignore')}</Text>
    </Layout>
  )
}

export const signupConfirmation = {
  payload,
  subject: (t) => t('email.signupConfirmation.subject'),
  Component: SignupConfirmationEmail,
} satisfies EmailDefinition<typeof payload>
