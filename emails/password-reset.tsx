import { Button, Link, Text } from '@react-email/components'
import { z } from 'zod'
import { translator, type Locale } from '~/i18n'
import type { EmailDefinition } from './index'
import { Layout } from './layout'

const payload = z.object({
  name: z.string().min(1),
  resetUrl: z.url(),
  minutes: z.number().int().positive(),
})

function PasswordResetEmail({ locale, name, resetUrl, minutes }: z.infer<typeof payload> & { locale: Locale }) {
  const t = translator(locale)
  return (
    <Layout locale={locale} preview={t('email.passwordReset.subject')}>
      <Text>{t('email.greeting', { name })}</Text>
      <Text>{t('email.passwordReset.body', { minutes })}</Text>
      <Button href={resetUrl} style={{ backgroundColor: '#8b1a1a', color: '#ffffff', padding: '10px 20px', borderRadius: '4px' }}>
        {t('email.passwordReset.button')}
      </Button>
      <Text>
        {t('email.linkFallback')}
        <br />
        <Link href={resetUrl}>{resetUrl}</Link>
      </Text>
      <Text>{t('email.passwordReset.ignore')}</Text>
    </Layout>
  )
}

export const passwordReset = {
  payload,
  subject: (t) => t('email.passwordReset.subject'),
  Component: PasswordResetEmail,
} satisfies EmailDefinition<typeof payload>
