import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { TextField } from '~/components/field'
import { useT } from '~/components/i18n'
import { requestPasswordReset, RESET_TOKEN_MINUTES } from '~/models/user.server'
import { forgotPasswordSchema } from '~/schemas/auth'
import { parseForm, readForm } from '~/lib/form.server'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['auth'] }

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseForm(await readForm(request), { schema: forgotPasswordSchema })
  if (submission.status !== 'success')
    return data({ result: submission.reply(), sent: false, minutes: RESET_TOKEN_MINUTES }, { status: 400 })
  await requestPasswordReset(submission.value.email)
  return { result: submission.reply(), sent: true, minutes: RESET_TOKEN_MINUTES }
}

export default function ForgotPassword() {
  const t = useT()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: forgotPasswordSchema }),
    // Errors appear on submit (then update while typing): appearing on blur they moved the
    // submit button from under the pointer and swallowed the click.
    shouldValidate: 'onSubmit',
  })
  return (
    <section className="card narrow">
      <h1>{t('forgot.title')}</h1>
      {actionData?.sent ? (
        <p className="alert alert-ok" role="status">
          {t('forgot.sent', { minutes: actionData.minutes })}
        </p>
      ) : (
        <Form method="post" className="stack" {...getFormProps(form)}>
          <p className="muted">{t('forgot.intro')}</p>
          <TextField label={t('login.email')} field={fields.email} type="email" autoComplete="email" />
          <button type="submit" className="primary">
            {t('forgot.submit')}
          </button>
        </Form>
      )}
    </section>
  )
}
