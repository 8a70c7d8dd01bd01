import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { FormErrors, SelectField, TextField } from '~/components/field'
import { NewPasswordFields } from '~/components/new-password-fields'
import { useT } from '~/components/i18n'
import { fieldErrors } from '~/domain/result'
import { homePath, levels } from '~/domain/roles'
import { getOptionalUser, requestLocale } from '~/lib/auth.server'
import { activeColleges } from '~/models/college.server'
import { SIGNUP_CONFIRM_HOURS, signUpStudent } from '~/models/user.server'
import { signInOptions } from '~/models/campus-identity.server'
import { signupSchema } from '~/schemas/auth'
import { parseForm, readForm } from '~/lib/form.server'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['auth', 'privacy'] }

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request)
  if (user) throw redirect(homePath(user.roles))
  // Students sign in through the campus sign-on only: there is nothing to sign up for.
  if (!signInOptions().studentPasswords) throw redirect('/login')
  const locale = await requestLocale(request)
  const colleges = await activeColleges()
  return { colleges: colleges.map((c) => ({ value: c.id, label: locale === 'en' ? c.nameEn : c.nameZh })) }
}

export async function action({ request }: ActionFunctionArgs) {
  if (!signInOptions().studentPasswords) throw redirect('/login')
  const submission = parseForm(await readForm(request), { schema: signupSchema })
  const hidden = ['password', 'confirmPassword']
  if (submission.status !== 'success') return data(submission.reply({ hideFields: hidden }), { status: 400 })
  const result = await signUpStudent(submission.value, await requestLocale(request))
  if (!result.ok) return data(submission.reply({ fieldErrors: fieldErrors(result), hideFields: hidden }), { status: 400 })
  // The same answer whether the address was new (a link to finish is on its way) or already had
  // an account (its owner is told instead): the page does not say who has an account.
  return { sent: true as const, hours: SIGNUP_CONFIRM_HOURS }
}

export default function Signup() {
  const t = useT()
  const { colleges } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const sent = actionData && 'sent' in actionData ? actionData : undefined
  const [form, fields] = useForm({
    lastResult: actionData && !('sent' in actionData) ? actionData : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signupSchema }),
    // Errors appear on submit (then update while typing): appearing on blur they moved the
    // submit button from under the pointer and swallowed the click.
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
  })
  if (sent) {
    return (
      <section className="card narrow">
        <h1>{t('signup.title')}</h1>
        <p className="alert alert-ok" role="status">
          {t('signup.checkEmail', { hours: sent.hours })}
        </p>
      </section>
    )
  }
  return (
    <section className="card narrow">
      <h1>{t('signup.title')}</h1>
      <p className="muted">{t('signup.intro')}</p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <div className="row-2">
          <TextField label={t('signup.nameZh')} field={fields.nameZh} autoComplete="name" />
          <TextField label={t('signup.nameEn')} field={fields.nameEn} hint={t('signup.nameEnHint')} />
        </div>
        <TextField label={t('signup.studentNumber')} field={fields.studentNumber} />
        <SelectField label={t('signup.college')} field={fields.collegeId} options={colleges} placeholder={t('signup.collegePlaceholder')} />
        <SelectField
          label={t('signup.level')}
          field={fields.level}
          options={levels.map((l) => ({ value: l, label: t(`level.${l}`) }))}
          placeholder=""
        />
        <TextField label={t('signup.email')} field={fields.email} type="email" autoComplete="email" />
        <NewPasswordFields label={t('signup.password')} password={fields.password} confirmPassword={fields.confirmPassword} />
        {/* PIPL: the notice is read before signing up; the consents are given once the account exists. */}
        <p className="muted small">
          {t('privacy.signup.notice')} <a href="/privacy">{t('privacy.notice.title')}</a>
        </p>
        <button type="submit" className="primary">
          {t('signup.submit')}
        </button>
      </Form>
      <p className="muted">
        {t('signup.haveAccount')} <Link to="/login">{t('nav.signIn')}</Link>
      </p>
    </section>
  )
}
