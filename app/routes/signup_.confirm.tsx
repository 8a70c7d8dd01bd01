import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useT } from '~/components/i18n'
import { createSession } from '~/lib/session.server'
import { readForm } from '~/lib/form.server'
import { confirmSignup, isSignupTokenUsable } from '~/models/user.server'
import { signupConfirmSchema } from '~/schemas/auth'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['auth'] }

// GET /signup/confirm?token=…: the link emailed after a sign-up. Following it shows a button
// (a mail scanner fetching the link creates nothing); pressing it creates the account and signs in.
export async function loader({ request }: LoaderFunctionArgs) {
  const { token } = signupConfirmSchema.parse({ token: new URL(request.url).searchParams.get('token') })
  return { token, usable: token.length > 0 && (await isSignupTokenUsable(token)) }
}

export async function action({ request }: ActionFunctionArgs) {
  const { token } = signupConfirmSchema.parse({ token: (await readForm(request)).get('token') })
  const result = await confirmSignup(token)
  if (!result.ok) return data({ error: result.error }, { status: 400 })
  const cookie = await createSession(result.userId, request)
  return redirect('/student', { headers: { 'Set-Cookie': cookie } })
}

export default function ConfirmSignup() {
  const t = useT()
  const { token, usable } = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  if (failed || !usable) {
    return (
      <section className="card narrow">
        <h1>{t('signupConfirm.title')}</h1>
        <p className="alert alert-error" role="alert">
          {t(failed?.error ?? 'signupConfirm.invalidToken')}
        </p>
        <p>
          {failed?.error === 'signupConfirm.emailTaken' ? (
            <Link to="/login">{t('nav.signIn')}</Link>
          ) : (
            <Link to="/signup">{t('signupConfirm.signUpAgain')}</Link>
          )}
        </p>
      </section>
    )
  }
  return (
    <section className="card narrow">
      <h1>{t('signupConfirm.title')}</h1>
      <Form method="post" className="stack">
        <p className="muted">{t('signupConfirm.intro')}</p>
        <input type="hidden" name="token" value={token} />
        <button type="submit" className="primary">
          {t('signupConfirm.submit')}
        </button>
      </Form>
    </section>
  )
}
