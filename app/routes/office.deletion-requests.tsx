import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useErrorText, useLocale, useT } from '~/components/i18n'
import { NOT_FOUND } from '~/domain/result'
import { formatDateTime } from '~/i18n'
import { requireUser } from '~/lib/auth.server'
import { withHiddenErrorsOnForm } from '~/lib/form-reply.server'
import { parseForm, readForm } from '~/lib/form.server'
import { completeDeletion, deletionRequestsForOffice, refuseDeletion } from '~/models/deletion-request.server'
import { MAX_PRIVACY_TEXT, deletionAnswerSchema } from '~/schemas/privacy'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['privacy', 'review'] }

// /office/deletion-requests: students' requests to delete their personal information; the office
// completes one (files deleted, answers anonymised, account closed) or refuses it with a reason
// the student reads on their privacy page.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'office_reviewer' })
  const requests = await deletionRequestsForOffice(user)
  if (!requests) throw new Response('Forbidden', { status: 403 })
  return requests
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'office_reviewer' })
  const submission = parseForm(await readForm(request), { schema: deletionAnswerSchema })
  // Which request and which answer are hidden inputs: their errors are the form's.
  if (submission.status !== 'success')
    return data({ result: withHiddenErrorsOnForm(submission.reply(), ['intent', 'requestId']) }, { status: 400 })
  const input = submission.value
  const result =
    input.intent === 'complete' ? await completeDeletion(user, input.requestId) : await refuseDeletion(user, input.requestId, input.reason)
  if (!result.ok)
    return data({ result: submission.reply({ formErrors: [result.error] }) }, { status: result.error === NOT_FOUND ? 404 : 409 })
  return redirect(`/office/deletion-requests?done=${input.intent}`)
}

export default function DeletionRequests() {
  const t = useT()
  const locale = useLocale()
  const errorText = useErrorText()
  const { open, answered } = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const [params] = useSearchParams()
  const done = params.get('done')
  const errors = Object.values(failed?.result.error ?? {}).flatMap((e) => errorText(e ?? undefined) ?? [])
  const name = (u: { nameZh: string; nameEn: string }) => (locale === 'en' ? u.nameEn : u.nameZh)
  return (
    <section className="stack">
      <h1>{t('privacy.office.title')}</h1>
      {(done === 'complete' || done === 'refuse') && (
        <p role="status" className="alert alert-ok">
          {t(done === 'complete' ? 'privacy.office.completed' : 'privacy.office.refused')}
        </p>
      )}
      {errors.map((e) => (
        <p key={e} role="alert" className="alert alert-error">
          {e}
        </p>
      ))}
      {open.length === 0 && <p className="muted">{t('privacy.office.none')}</p>}
      {open.map((r) => (
        <div className="card stack" key={r.id} data-testid="deletion-request">
          <h2 className="h4">
            {name(r.user)} · {r.user.studentNumber ?? ''} · {r.user.college ? name(r.user.college) : ''}
          </h2>
          <p className="muted">{formatDateTime(locale, new Date(r.createdAt))}</p>
          {r.note && <p className="prewrap">{r.note}</p>}
          <Form method="post">
            <input type="hidden" name="requestId" value={r.id} />
            <p className="muted">{t('privacy.office.completeHelp')}</p>
            <button type="submit" name="intent" value="complete" className="primary">
              {t('privacy.office.complete')}
            </button>
          </Form>
          <Form method="post" className="stack">
            <input type="hidden" name="requestId" value={r.id} />
            <label className="field">
              <span>{t('privacy.office.reason')}</span>
              <textarea name="reason" rows={2} required maxLength={MAX_PRIVACY_TEXT} />
            </label>
            <div>
              <button type="submit" name="intent" value="refuse" className="secondary">
                {t('privacy.office.refuse')}
              </button>
            </div>
          </Form>
        </div>
      ))}
      {answered.length > 0 && (
        <div className="card">
          <h2>{t('privacy.office.answered')}</h2>
          <ul>
            {answered.map((r) => (
              <li key={r.id}>
                {name(r.user)} · {t(`privacy.deletion.status.${r.status}`)}
                {r.decidedAt ? ` · ${formatDateTime(locale, new Date(r.decidedAt))}` : ''}
                {r.reason ? ` · ${r.reason}` : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  )
}
