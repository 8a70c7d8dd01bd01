import { Text } from '@react-email/components'
import { z } from 'zod'
import { formatDate, translator, type Locale } from '~/i18n'
import type { EmailDefinition } from './index'
import { Action, Layout } from './layout'

const payload = z.object({
  name: z.string().min(1),
  programTitle: z.string().min(1),
  endDate: z.iso.date(),
  /** Conference money is reimbursed against receipts. */
  receipts: z.boolean(),
  reportUrl: z.url(),
})

function ReturnReportOverdueEmail(p: z.infer<typeof payload> & { locale: Locale }) {
  const t = translator(p.locale)
  return (
    <Layout locale={p.locale} preview={t('email.returnReport.subject', { program: p.programTitle })}>
      <Text>{t('email.greeting', { name: p.name })}</Text>
      <Text>{t('email.returnReport.body', { program: p.programTitle, endDate: formatDate(p.locale, p.endDate) })}</Text>
      {p.receipts && <Text>{t('email.returnReport.receipts')}</Text>}
      <Action locale={p.locale} href={p.reportUrl} label={t('email.returnReport.button')} />
    </Layout>
  )
}

export const returnReportOverdue = {
  payload,
  subject: (t, p) => t('email.returnReport.subject', { program: p.programTitle }),
  Component: ReturnReportOverdueEmail,
} satisfies EmailDefinition<typeof payload>
