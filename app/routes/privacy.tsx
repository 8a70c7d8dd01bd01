import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { ProcessingNotice } from '~/components/privacy/notice'
import { useErrorText, useT } from '~/components/i18n'
import { getOptionalUser, requireUser, safeRedirect } from '~/lib/auth.server'
import { parseForm, readForm } from '~/lib/form.server'
import { consentNeeded, currentNotice, giveConsent } from '~/models/privacy-notice.server'
import { retentionSettings } from '~/models/retention.server'
import { consentSchema } from '~/schemas/privacy'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['privacy'] }

// /privacy: the processing notice in force (purposes, categories, retention, recipients), readable
// by anyone; a student who has not consented to it is sent here first (root.tsx) and consents,
// the sensitive information apart, then goes on to where they were going.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request)
  const [notice, retention, asks] = await Promise.all([currentNotice(), retentionSettings(), user ? consentNeeded(user) : false])
  return { notice, retention, asks, redirectTo: safeRedirect(new URL(request.url).searchParams.get('redirectTo'), '/') }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'student' })
  const formData = await readForm(request)
  const back = safeRedirect(formData.get('redirectTo'), '/student')
  const submission = parseForm(formData, { schema: consentSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const result = await giveConsent(user, submission.value.version)
  if (!result.ok) return data({ result: submission.reply({ formErrors: [result.error] }) }, { status: 409 })
  return redirect(back)
}

export default function Privacy() {
  const t = useT()
  const errorText = useErrorText()
  const { notice, retention, asks, redirectTo } = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const errors = (name: string) => errorText(failed?.result.error?.[name] ?? undefined) ?? []
  return (
    <section className="stack">
      <h1>{t('privacy.notice.title')}</h1>
      <ProcessingNotice notice={notice} retention={retention} />
      {asks && (
        <Form method="post" className="card stack" data-testid="consent-form">
          <h2>{t('privacy.consent.title')}</h2>
          {errors('').map((e) => (
            <p key={e} role="alert" className="alert alert-error">
              {e}
            </p>
          ))}
          <input type="hidden" name="version" value={notice.version} />
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <label className="checkbox">
            <input type="checkbox" name="notice" required /> {t('privacy.consent.notice')}
          </label>
          {errors('notice').map((e) => (
            <p key={e} className="field-error">
              {e}
            </p>
          ))}
          <label className="checkbox">
            <input type="checkbox" name="sensitive" required /> {t('privacy.consent.sensitive')}
          </label>
          {errors('sensitive').map((e) => (
            <p key={e} className="field-error">
              {e}
            </p>
          ))}
          <div>
            <button type="submit" className="primary">
              {t('privacy.consent.submit')}
            </button>
          </div>
        </Form>
      )}
    </section>
  )
}
