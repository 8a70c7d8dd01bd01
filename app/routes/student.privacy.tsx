import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useErrorText, useLocale, useT } from '~/components/i18n'
import { formatDateTime } from '~/i18n'
import { requireUser } from '~/lib/auth.server'
import { parseForm, readForm } from '~/lib/form.server'
import { deletionRequestsOf, requestDeletion } from '~/models/deletion-request.server'
import { consentsOf } from '~/models/privacy-notice.server'
import { MAX_PRIVACY_TEXT, deletionRequestSchema } from '~/schemas/privacy'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['privacy'] }

// /student/privacy: the student's personal information: the notice and their consents, their own
// copy of everything the portal holds (/student/my-data.zip), and a request to delete it, with
// the office's answer.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'student' })
  const [consents, requests] = await Promise.all([consentsOf(user.id), deletionRequestsOf(user.id)])
  return { consents, requests }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'student' })
  const submission = parseForm(await readForm(request), { schema: deletionRequestSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const result = await requestDeletion(user, submission.value.note)
  if (!result.ok) return data({ result: submission.reply({ formErrors: [result.error] }) }, { status: 409 })
  return redirect('/student/privacy?requested=1')
}

export default function StudentPrivacy() {
  const t = useT()
  const locale = useLocale()
  const errorText = useErrorText()
  const { consents, requests } = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const [params] = useSearchParams()
  const open = requests.some((r) => r.status === 'open')
  const errors = Object.values(failed?.result.error ?? {}).flatMap((e) => errorText(e ?? undefined) ?? [])
  return (
    <section className="stack">
      <h1>{t('privacy.mine.title')}</h1>
      <div className="card stack">
        <h2>{t('privacy.mine.consents')}</h2>
        <ul data-testid="consents">
          {consents.map((c) => (
            <li key={`${c.noticeVersion}-${String(c.at)}`}>
              {t('privacy.mine.consented', { version: c.noticeVersion, at: formatDateTime(locale, new Date(c.at)) })}
            </li>
          ))}
        </ul>
        <p>
          <Link to="/privacy">{t('privacy.mine.readNotice')}</Link>
        </p>
      </div>
      <div className="card stack">
        <h2>{t('privacy.mine.copy')}</h2>
        <p className="muted">{t('privacy.mine.copyHelp')}</p>
        <p>
          <a href="/student/my-data.zip" download className="button secondary">
            {t('privacy.mine.download')}
          </a>
        </p>
      </div>
      <div className="card stack">
        <h2>{t('privacy.mine.deletion')}</h2>
        <p className="muted">{t('privacy.mine.deletionHelp')}</p>
        {params.get('requested') === '1' && (
          <p role="status" className="alert alert-ok">
            {t('privacy.mine.requested')}
          </p>
        )}
        {errors.map((e) => (
          <p key={e} role="alert" className="alert alert-error">
            {e}
          </p>
        ))}
        {!open && (
          <Form method="post" className="stack">
            <label className="field">
              <span>{t('privacy.mine.note')}</span>
              <textarea name="note" rows={3} maxLength={MAX_PRIVACY_TEXT} />
            </label>
            <div>
              <button type="submit" className="secondary">
                {t('privacy.mine.request')}
              </button>
            </div>
          </Form>
        )}
        {requests.length > 0 && (
          <ul data-testid="deletion-requests">
            {requests.map((r) => (
              <li key={r.id}>
                {formatDateTime(locale, new Date(r.createdAt))} · <strong>{t(`privacy.deletion.status.${r.status}`)}</strong>
                {r.reason && (
                  <>
                    {' · '}
                    {t('privacy.deletion.reasonGiven', { reason: r.reason })}
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  )
}
