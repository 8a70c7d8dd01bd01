import { Text } from '@react-email/components'
import { z } from 'zod'
import { translator, type Locale } from '~/i18n'
import type { EmailDefinition } from './index'
import { Action, Layout } from './layout'

// Sent to a student whose account an administrator imported: they have no password yet and
// choose one through a single-use link (the password-reset machinery, valid for `days` days).
const payload = z.object({
  name: z.string().min(1),
  email: z.email(),
  setPasswordUrl: z.url(),
  days: z.number().int().positive(),
})

function AccountInvitationEmail({ locale, name, email, setPasswordUrl, days }: z.infer<typeof payload> & { locale: Locale }) {
  const t = translator(locale)
  return (
    <Layout locale={locale} preview={t('email.accountInvitation.subject')}>
      <Text>{t('email.greeting', { name })}</Text>
      <Text>{t('email.accountInvitation.body')}</Text>
      <Text>{t('email.accountInvitation.login', { email })}</Text>
      <Action locale={locale} href={setPasswordUrl} label={t('email.accountInvitation.button')} />
      <Text>{t('email.accountInvitation.expiry', { days })}</Text>
    </Layout>
  )
}

export const accountInvitation = {
  payload,
  subject: (t) => t('email.accountInvitation.subject'),
  Component: AccountInvitationEmail,
} satisfies EmailDefinition<typeof payload>
