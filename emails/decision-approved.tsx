import { Text } from '@react-email/components'
import { z } from 'zod'
import { formatFen } from '~/domain/money'
import { programKinds } from '~/domain/program'
import { translator, type Locale } from '~/i18n'
import type { EmailDefinition } from './index'
import { Action, applicationPayload, Layout, Quote } from './layout'

const payload = applicationPayload.extend({
  kind: z.enum(programKinds),
  /** The university money granted, in fen, when known. */
  amountFen: z.number().int().positive().optional(),
})

function DecisionApprovedEmail(p: z.infer<typeof payload> & { locale: Locale }) {
  const t = translator(p.locale)
  return (
    <Layout locale={p.locale} preview={t('email.approved.subject', { program: p.programTitle })}>
      <Text>{t('email.greeting', { name: p.name })}</Text>
      <Text>{t('email.approved.body', { program: p.programTitle })}</Text>
      <Text>{t('email.reference', { reference: p.reference })}</Text>
      {p.amountFen !== undefined && <Text>{t('email.approved.amount', { amount: formatFen(p.amountFen, p.locale) })}</Text>}
      {p.message && <Quote label={t('email.reviewerMessage')} text={p.message} />}
      <Quote label={t('email.approved.next')} text={t(`email.approved.next.${p.kind}`)} />
      <Action locale={p.locale} href={p.applicationUrl} label={t('email.viewApplication')} />
    </Layout>
  )
}

export const decisionApproved = {
  payload,
  subject: (t, p) => t('email.approved.subject', { program: p.programTitle }),
  Component: DecisionApprovedEmail,
} satisfies EmailDefinition<typeof payload>
