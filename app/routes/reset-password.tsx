import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { FormErrors } from '~/components/field'
import { NewPasswordFields } from '~/components/new-password-fields'
import { useT } from '~/components/i18n'
import { isFirstPassword, isResetTokenUsable, resetPassword } from '~/models/user.server'
import { resetPasswordSchema } from '~/schemas/auth'
import { msg } from '~/schemas/fields'
import { parseForm, readForm } from '~/lib/form.server'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['auth'] }

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? ''
  return { token, usable: token.length > 0 && token.length <= 200 && (await isResetTokenUsable(token)) }
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseForm(await readForm(request), { schema: resetPasswordSchema })
  const hidden = ['password', 'confirmPassword']
  if (submission.status !== 'success') return data(submission.reply({ hideFields: hidden }), { status: 400 })
  // An invitation's link sets a first password; the login page says which happened.
  const first = await isFirstPassword(submission.value.token)
  const ok = await resetPassword(submission.value.token, submission.value.password)
  if (!ok) return data(submission.reply({ formErrors: [msg('reset.invalidToken')], hideFields: hidden }), { status: 400 })
  return redirect(first ? '/login?password=set' : '/login?reset=1')
}

export default function ResetPassword() {
  const t = useT()
  const { token, usable } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetPasswordSchema }),
    // Errors appear on submit (then update while typing): appearing on blur they moved the
    // submit button from under the pointer and swallowed the click.
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
  })
  if (!usable) {
    return (
      <section className="card narrow">
        <h1>{t('reset.title')}</h1>
        <p className="alert alert-error">{t('reset.invalidToken')}</p>
        <Link to="/forgot-password">{t('reset.requestAgain')}</Link>
      </section>
    )
  }
  return (
    <section className="card narrow">
      <h1>{t('reset.title')}</h1>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <input type="hidden" name="token" value={token} />
        <NewPasswordFields label={t('reset.password')} password={fields.password} confirmPassword={fields.confirmPassword} />
        <button type="submit" className="primary">
          {t('reset.submit')}
        </button>
      </Form>
    </section>
  )
}
