import { Text } from '@react-email/components'
import { z } from 'zod'
import { formatDateTime, translator, type Locale } from '~/i18n'
import type { EmailDefinition } from './index'
import { Action, applicationPayload, Layout, Quote } from './layout'

// In a selection round: the student's place on the round's reserve list, and until when a place
// given back is offered down it.
const payload = applicationPayload.extend({
  reserve: z.object({ rank: z.number().int().positive(), until: z.iso.datetime() }).optional(),
})

function DecisionWaitlistedEmail(p: z.infer<typeof payload> & { locale: Locale }) {
  const t = translator(p.locale)
  return (
    <Layout locale={p.locale} preview={t('email.waitlisted.subject', { program: p.programTitle })}>
      <Text>{t('email.greeting', { name: p.name })}</Text>
      <Text>
        {p.reserve
          ? t('email.waitlisted.reserve', {
              program: p.programTitle,
              rank: p.reserve.rank,
              until: formatDateTime(p.locale, p.reserve.until),
            })
          : t('email.waitlisted.body', { program: p.programTitle })}
      </Text>
      <Text>{t('email.reference', { reference: p.reference })}</Text>
      {p.message && <Quote label={t('email.reviewerMessage')} text={p.message} />}
      <Action locale={p.locale} href={p.applicationUrl} label={t('email.viewApplication')} />
    </Layout>
  )
}

export const decisionWaitlisted = {
  payload,
  subject: (t, p) => t('email.waitlisted.subject', { program: p.programTitle }),
  Component: DecisionWaitlistedEmail,
} satisfies EmailDefinition<typeof payload>
