import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useErrorText, useT } from '~/components/i18n'
import { RETENTION_MONTHS, retentionKinds } from '~/domain/personal-data'
import { requireUser } from '~/lib/auth.server'
import { withHiddenErrorsOnForm } from '~/lib/form-reply.server'
import { parseForm, readForm } from '~/lib/form.server'
import { currentNotice, publishNotice } from '~/models/privacy-notice.server'
import { retentionSettings, saveRetention } from '~/models/retention.server'
import { MAX_NOTICE, adminPrivacySchema } from '~/schemas/privacy'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['privacy'] }

// /admin/privacy: how long each kind of personal data is kept (the daily retention job applies
// it), and the processing notice: publishing a new version asks every student to consent again.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: 'admin' })
  const [retention, notice] = await Promise.all([retentionSettings(), currentNotice()])
  return { retention, notice }
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: 'admin' })
  const submission = parseForm(await readForm(request), { schema: adminPrivacySchema })
  if (submission.status !== 'success') return data({ result: withHiddenErrorsOnForm(submission.reply(), ['intent']) }, { status: 400 })
  if (submission.value.intent === 'retention') {
    await saveRetention(admin, submission.value.months)
    return redirect('/admin/privacy?saved=retention')
  }
  const result = await publishNotice(admin, submission.value)
  if (!result.ok) return data({ result: submission.reply({ formErrors: [result.error] }) }, { status: 409 })
  return redirect(`/admin/privacy?published=${result.version}`)
}

export default function AdminPrivacy() {
  const t = useT()
  const errorText = useErrorText()
  const { retention, notice } = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const [params] = useSearchParams()
  const errors = Object.values(failed?.result.error ?? {}).flatMap((e) => errorText(e ?? undefined) ?? [])
  return (
    <section className="stack">
      <h1>{t('privacy.admin.title')}</h1>
      {params.get('saved') === 'retention' && (
        <p role="status" className="alert alert-ok">
          {t('privacy.admin.retentionSaved')}
        </p>
      )}
      {params.get('published') && (
        <p role="status" className="alert alert-ok">
          {t('privacy.admin.published', { version: params.get('published') ?? '' })}
        </p>
      )}
      {errors.map((e) => (
        <p key={e} role="alert" className="alert alert-error">
          {e}
        </p>
      ))}
      <Form method="post" className="card stack" data-testid="retention-form">
        <h2>{t('privacy.admin.retention')}</h2>
        <p className="muted">{t('privacy.admin.retentionHelp')}</p>
        {retentionKinds.map((k) => (
          <label className="field" key={k}>
            <span>{t(`privacy.retention.label.${k}`)}</span>
            <input
              type="number"
              name={`months.${k}`}
              defaultValue={retention[k]}
              min={RETENTION_MONTHS.min}
              max={RETENTION_MONTHS.max}
              step={1}
              required
            />
          </label>
        ))}
        <div>
          <button type="submit" name="intent" value="retention" className="primary">
            {t('privacy.admin.saveRetention')}
          </button>
        </div>
      </Form>
      <Form method="post" className="card stack" data-testid="notice-form">
        <h2>{t('privacy.admin.notice', { version: notice.version })}</h2>
        <p className="muted">{t('privacy.admin.noticeHelp')}</p>
        <label className="field">
          <span>{t('privacy.admin.bodyZh')}</span>
          <textarea name="bodyZh" rows={10} required maxLength={MAX_NOTICE} defaultValue={notice.bodyZh ?? ''} />
        </label>
        <label className="field">
          <span>{t('privacy.admin.bodyEn')}</span>
          <textarea name="bodyEn" rows={10} required maxLength={MAX_NOTICE} defaultValue={notice.bodyEn ?? ''} />
        </label>
        <div>
          <button type="submit" name="intent" value="notice" className="primary">
            {t('privacy.admin.publish')}
          </button>
        </div>
      </Form>
    </section>
  )
}
