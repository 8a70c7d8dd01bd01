import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useLocale, useT } from '~/components/i18n'
import { formatDate } from '~/i18n'
import { parseForm, readForm } from '~/lib/form.server'
import { consentAsGuardian, guardianLinkView } from '~/models/stay.server'
import { linkConfirmSchema } from '~/schemas/stay'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['application', 'stay'] }

// /guardian/:token: a guardian's consent (decision 22), no account. Following the emailed link
// shows a button (a mail scanner fetching it records nothing); pressing it records the consent
// once, against the address the link was sent to. A used or expired link is refused.
export async function loader({ params }: LoaderFunctionArgs) {
  return { view: await guardianLinkView(params.token ?? '') }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseForm(await readForm(request), { schema: linkConfirmSchema })
  if (submission.status !== 'success') return data({ ok: false as const }, { status: 400 })
  const result = await consentAsGuardian(params.token ?? '')
  return result.ok ? { ok: true as const } : data({ ok: false as const }, { status: 410 })
}

// The portal's title (root's meta) and a request not to index the page.
export const meta: MetaFunction = ({ matches }) => [
  ...(matches.find((m) => m.id === 'root')?.meta ?? []),
  { name: 'robots', content: 'noindex' },
]

export default function GuardianConsent() {
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  const { view } = useLoaderData<typeof loader>()
  const answered = useActionData<typeof action>()
  return (
    <section className="card narrow">
      <h1>{t('stay.guardianPage.title')}</h1>
      {answered?.ok ? (
        <p className="alert alert-ok" role="status">
          {t('stay.guardianPage.thanks')}
        </p>
      ) : answered || !view ? (
        <p className="alert alert-error" role="alert">
          {t('stay.error.linkInvalid')}
        </p>
      ) : (
        <Form method="post" className="stack">
          <p>
            {t('stay.guardianPage.body', {
              name: en ? view.name.nameEn : view.name.nameZh,
              program: en ? view.program.titleEn : view.program.titleZh,
              start: view.startsOn ? formatDate(locale, `${view.startsOn}T12:00:00+08:00`) : '',
              end: view.endsOn ? formatDate(locale, `${view.endsOn}T12:00:00+08:00`) : '',
            })}
          </p>
          <input type="hidden" name="confirm" value="1" />
          <button type="submit" className="primary">
            {t('stay.guardianPage.confirm')}
          </button>
        </Form>
      )}
    </section>
  )
}
