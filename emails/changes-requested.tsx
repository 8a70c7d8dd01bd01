import { Text } from '@react-email/components'
import { z } from 'zod'
import { documentKinds } from '~/domain/documents'
import { isMessageKey, translator, type Locale, type Translate } from '~/i18n'
import type { EmailDefinition } from './index'
import { Action, applicationPayload, Layout, Quote } from './layout'

const payload = applicationPayload
  .extend({
    reason: z.string().min(1),
    /** Field names of the application form (applicationFields), shown with their labels. */
    fields: z.array(z.string().min(1)),
    documents: z.array(z.enum(documentKinds)),
  })
  .refine((p) => p.fields.length + p.documents.length > 0, { message: 'names no field or document', path: ['fields'] })

const label = (t: Translate, key: string, fallback: string) => (isMessageKey(key) ? t(key) : fallback)

function ChangesRequestedEmail(p: z.infer<typeof payload> & { locale: Locale }) {
  const t = translator(p.locale)
  const list = (heading: string, items: string[]) =>
    items.length > 0 && (
      <>
        <Text style={{ marginBottom: 0 }}>
          <strong>{heading}</strong>
        </Text>
        <ul>
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </>
    )
  return (
    <Layout locale={p.locale} preview={t('email.changes.subject', { program: p.programTitle })}>
      <Text>{t('email.greeting', { name: p.name })}</Text>
      <Text>{t('email.changes.body', { program: p.programTitle })}</Text>
      <Text>{t('email.reference', { reference: p.reference })}</Text>
      <Quote label={t('email.changes.reason')} text={p.reason} />
      {list(
        t('email.changes.fields'),
        p.fields.map((f) => label(t, `application.field.${f}`, f)),
      )}
      {list(
        t('email.changes.documents'),
        p.documents.map((d) => label(t, `documents.kind.${d}`, d)),
      )}
      {p.message && <Quote label={t('email.reviewerMessage')} text={p.message} />}
      <Text>{t('email.changes.next')}</Text>
      <Action locale={p.locale} href={p.applicationUrl} label={t('email.viewApplication')} />
    </Layout>
  )
}

export const changesRequested = {
  payload,
  subject: (t, p) => t('email.changes.subject', { program: p.programTitle }),
  Component: ChangesRequestedEmail,
} satisfies EmailDefinition<typeof payload>
