import { Button, Link, Text } from '@react-email/components'
import { z } from 'zod'
import { formatDateTime, translator, type Locale } from '~/i18n'
import type { EmailDefinition } from './index'
import { Layout } from './layout'

const payload = z.object({
  name: z.string().min(1),
  programTitle: z.string().min(1),
  reference: z.string().min(1),
  submittedAt: z.iso.datetime(),
  applicationUrl: z.url(),
})

function SubmissionReceiptEmail({
  locale,
  name,
  programTitle,
  reference,
  submittedAt,
  applicationUrl,
}: z.infer<typeof payload> & { locale: Locale }) {
  const t = translator(locale)
  return (
    <Layout locale={locale} preview={t('email.receipt.subject', { program: programTitle })}>
      <Text>{t('email.greeting', { name })}</Text>
      <Text>{t('email.receipt.body', { program: programTitle, time: formatDateTime(locale, submittedAt) })}</Text>
      <Text>{t('email.receipt.reference', { reference })}</Text>
      <Text>{t('email.receipt.next')}</Text>
      <Button href={applicationUrl} style={{ backgroundColor: '#8b1a1a', color: '#ffffff', padding: '10px 20px', borderRadius: '4px' }}>
        {t('email.receipt.button')}
      </Button>
      <Text>
        {t('email.linkFallback')}
        <br />
        <Link href={applicationUrl}>{applicationUrl}</Link>
      </Text>
    </Layout>
  )
}

export const submissionReceipt = {
  payload,
  subject: (t, p) => t('email.receipt.subject', { program: p.programTitle }),
  Component: SubmissionReceiptEmail,
} satisfies EmailDefinition<typeof payload>
