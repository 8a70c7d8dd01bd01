import { Text } from '@react-email/components'
import { z } from 'zod'
import { translator, type Locale } from '~/i18n'
import type { EmailDefinition } from './index'
import { Action, Layout } from './layout'

// Sent, instead of a confirmation link, to the owner of an address someone signed up with although
// it already has an account: the sign-up page answers alike either way (so it does not tell who
// has an account), and the owner learns here that nothing was created and how to sign in.
const payload = z.object({
  name: z.string().min(1),
  loginUrl: z.url(),
  forgotPasswordUrl: z.url(),
})

function SignupExistingAccountEmail({ locale, name, loginUrl, forgotPasswordUrl }: z.infer<typeof payload> & { locale: Locale }) {
  const t = translator(locale)
  return (
    <Layout locale={locale} preview={t('email.signupExisting.subject')}>
      <Text>{t('email.greeting', { name })}</Text>
      <Text>{t('email.signupExisting.body')}</Text>
      <Action locale={locale} href={loginUrl} label={t('email.signupExisting.button')} />
      <Text>{t('email.signupExisting.forgot', { url: forgotPasswordUrl })}</Text>
      <Text>{t('email.signupExisting.ignore')}</Text>
    </Layout>
  )
}

export const signupExistingAccount = {
  payload,
  subject: (t) => t('email.signupExisting.subject'),
  Component: SignupExistingAccountEmail,
} satisfies EmailDefinition<typeof payload>
