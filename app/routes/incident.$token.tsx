import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useT } from '~/components/i18n'
import { parseForm, readForm } from '~/lib/form.server'
import { answerIncident, incidentLinkView } from '~/models/stay-office.server'
import { linkConfirmSchema } from '~/schemas/stay'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['application', 'stay'] }

// /incident/:token: a student's answer to an incident message (decision 22), "I am safe" or "I
// need help", from the emailed link without signing in. The page asks to confirm (a mail scanner
// fetching the link answers nothing); the answer spends both of the student's links.
export async function loader({ params }: LoaderFunctionArgs) {
  return { view: await incidentLinkView(params.token ?? '') }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseForm(await readForm(request), { schema: linkConfirmSchema })
  if (submission.status !== 'success') return data({ ok: false as const }, { status: 400 })
  const result = await answerIncident(params.token ?? '')
  return result.ok ? { ok: true as const } : data({ ok: false as const }, { status: 410 })
}

// The portal's title (root's meta) and a request not to index the page.
export const meta: MetaFunction = ({ matches }) => [
  ...(matches.find((m) => m.id === 'root')?.meta ?? []),
  { name: 'robots', content: 'noindex' },
]

export default function IncidentAnswer() {
  const t = useT()
  const { view } = useLoaderData<typeof loader>()
  const answered = useActionData<typeof action>()
  return (
    <section className="card narrow">
      <h1>{t('stay.incidentPage.title')}</h1>
      {answered?.ok ? (
        <p className="alert alert-ok" role="status">
          {t('stay.incidentPage.thanks')}
        </p>
      ) : answered || !view ? (
        <p className="alert alert-error" role="alert">
          {t('stay.error.linkInvalid')}
        </p>
      ) : (
        <Form method="post" className="stack">
          <p>{t(view.answer === 'safe' ? 'stay.incidentPage.confirmSafe' : 'stay.incidentPage.confirmHelp')}</p>
          <input type="hidden" name="confirm" value="1" />
          <button type="submit" className="primary">
            {t(view.answer === 'safe' ? 'stay.incidentPage.safe' : 'stay.incidentPage.help')}
          </button>
        </Form>
      )}
    </section>
  )
}
