import { Button, Link, Text } from '@react-email/components'
import { z } from 'zod'
import { translator, type Locale } from '~/i18n'
import type { EmailDefinition } from './index'
import { Layout } from './layout'

// Sent when an administrator creates a staff account: the link sets the first password.
const payload = z.object({
  name: z.string().min(1),
  setPasswordUrl: z.url(),
  days: z.number().int().positive(),
})

function StaffInvitationEmail({ locale, name, setPasswordUrl, days }: z.infer<typeof payload> & { locale: Locale }) {
  const t = translator(locale)
  return (
    <Layout locale={locale} preview={t('email.staffInvitation.subject')}>
      <Text>{t('email.greeting', { name })}</Text>
      <Text>{t('email.staffInvitation.body', { days })}</Text>
      <Button href={setPasswordUrl} style={{ backgroundColor: '#8b1a1a', color: '#ffffff', padding: '10px 20px', borderRadius: '4px' }}>
        {t('email.staffInvitation.button')}
      </Button>
      <Text>
        {t('email.linkFallback')}
        <br />
        <Link href={setPasswordUrl}>{setPasswordUrl}</Link>
      </Text>
    </Layout>
  )
}

export const staffInvitation = {
  payload,
  subject: (t) => t('email.staffInvitation.subject'),
  Component: StaffInvitationEmail,
} satisfies EmailDefinition<typeof payload>
