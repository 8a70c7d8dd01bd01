import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useLocale, useT } from '~/components/i18n'
import { formatDateTime, translateError } from '~/i18n'
import { requireUser } from '~/lib/auth.server'
import { parseForm, readForm } from '~/lib/form.server'
import { offerPageData } from '~/models/offer-page.server'
import { answerOffer } from '~/models/round-offers.server'
import { offerAnswerSchema } from '~/schemas/rounds'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['application', 'calendar', 'review-page', 'rounds'] }

// A student's offer from a selection round: accept (then as an approval) or decline, by the deadline.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'student' })
  const offer = await offerPageData(user, params.applicationId!)
  if (!offer) throw new Response('Not found', { status: 404 })
  return { offer }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'student' })
  const formData = await readForm(request)
  if (!(await offerPageData(user, params.applicationId!))) throw new Response('Not found', { status: 404 })
  const submission = parseForm(formData, { schema: offerAnswerSchema })
  if (submission.status !== 'success') return data({ error: 'form.invalidChoice' }, { status: 400 })
  const { intent, version } = submission.value
  const answered = await answerOffer(user, params.applicationId!, { status: 'offered', version }, intent === 'accept')
  if (!answered.ok) return data({ error: answered.error }, { status: answered.error === 'round.error.notFound' ? 404 : 409 })
  return redirect(`/student/applications/${params.applicationId}?offer=${intent === 'accept' ? 'accepted' : 'declined'}`)
}

export default function Offer() {
  const t = useT()
  const locale = useLocale()
  const { offer } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const program = locale === 'en' ? offer.program.titleEn : offer.program.titleZh
  return (
    <section className="stack">
      <h1>{t('round.offer.title')}</h1>
      {result && (
        <p className="alert alert-error" role="alert">
          {translateError(t, result.error)}
        </p>
      )}
      <p>{t('round.offer.body', { program })}</p>
      {offer.status === 'offered' ? (
        <>
          <p>{t('round.offer.deadline', { deadline: formatDateTime(locale, offer.round!.offerDeadline) })}</p>
          <div className="actions">
            <Form method="post">
              <input type="hidden" name="version" value={offer.version} />
              <button type="submit" name="intent" value="accept" className="primary">
                {t('round.offer.accept')}
              </button>
            </Form>
            <Form method="post">
              <input type="hidden" name="version" value={offer.version} />
              <p className="muted small">{t('round.offer.declineConfirm')}</p>
              <button type="submit" name="intent" value="decline" className="secondary">
                {t('round.offer.decline')}
              </button>
            </Form>
          </div>
        </>
      ) : (
        <p>
          {t(`status.${offer.status}`)} · <Link to={`/student/applications/${offer.id}`}>{t('round.mine.view')}</Link>
        </p>
      )}
    </section>
  )
}
