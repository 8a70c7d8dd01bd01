import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { FormErrors, TextField } from '~/components/field'
import { useT } from '~/components/i18n'
import { refusalText } from '~/domain/result'
import { homePath } from '~/domain/roles'
import { getOptionalUser, safeRedirect } from '~/lib/auth.server'
import { createSession } from '~/lib/session.server'
import { authenticate } from '~/models/user.server'
import { campusErrors, mayUsePassword, signInOptions, type CampusError } from '~/models/campus-identity.server'
import { msg } from '~/schemas/fields'
import { loginSchema } from '~/schemas/auth'
import { parseForm, readForm } from '~/lib/form.server'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['auth', 'campus'] }

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request)
  if (user) throw redirect(homePath(user.roles))
  // Why the campus sign-on sent the browser back here, when it did: only a known reason is shown.
  const reason = new URL(request.url).searchParams.get('campus')
  const campusError = campusErrors.includes(reason as CampusError) ? (reason as CampusError) : null
  return { ...signInOptions(), campusError }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseForm(await readForm(request), { schema: loginSchema })
  if (submission.status !== 'success') {
    return data(submission.reply({ hideFields: ['password'] }), { status: 400 })
  }
  const { email, password, redirectTo } = submission.value
  const result = await authenticate(email, password, context.clientIp)
  if (!result.ok) {
    return data(submission.reply({ formErrors: [refusalText(result)], hideFields: ['password'] }), {
      status: result.error === 'login.locked' ? 429 : 400,
    })
  }
  if (!mayUsePassword(result.roles)) {
    return data(submission.reply({ formErrors: [msg('campus.signIn.studentsUseCampus')], hideFields: ['password'] }), { status: 400 })
  }
  const cookie = await createSession(result.userId, request)
  return redirect(safeRedirect(redirectTo, homePath(result.roles)), { headers: { 'Set-Cookie': cookie } })
}

export default function Login() {
  const t = useT()
  const lastResult = useActionData<typeof action>()
  const { cas, oidc, studentPasswords, campusError } = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
    // Errors appear on submit (then update while typing): appearing on blur they moved the
    // submit button from under the pointer and swallowed the click.
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
  })
  return (
    <section className="card narrow">
      <h1>{t('login.title')}</h1>
      {params.get('reset') === '1' && <p className="alert alert-ok">{t('login.resetDone')}</p>}
      {params.get('password') === 'set' && <p className="alert alert-ok">{t('login.passwordSet')}</p>}
      {campusError && (
        <p className="alert alert-error" role="alert">
          {t(`campus.error.${campusError}`)}
        </p>
      )}
      {(cas || oidc) && (
        <div className="stack" data-testid="campus-sign-in">
          <p>{t('campus.signIn.intro')}</p>
          {/* Plain links: the sign-in continues on the university's own pages. */}
          {cas && (
            <a className="button primary" href="/auth/cas">
              {t('campus.signIn.cas')}
            </a>
          )}
          {oidc && (
            <a className="button primary" href="/auth/oidc">
              {t('campus.signIn.oidc')}
            </a>
          )}
          <p className="muted">{t('campus.signIn.or')}</p>
        </div>
      )}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? ''} />
        <TextField label={t('login.email')} field={fields.email} type="email" autoComplete="username" />
        <TextField label={t('login.password')} field={fields.password} type="password" autoComplete="current-password" />
        <button type="submit" className="primary">
          {t('login.submit')}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">{t('login.forgot')}</Link>
      </p>
      {studentPasswords && (
        <p className="muted">
          {t('login.noAccount')} <Link to="/signup">{t('login.signUpLink')}</Link>
        </p>
      )}
    </section>
  )
}
