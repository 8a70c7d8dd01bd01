import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { CheckboxGroup, SaveButton, formIdOf } from '~/components/admin/edit-page'
import { FormErrors, SelectField, TextField } from '~/components/field'
import { useErrorText, useLocale, useT } from '~/components/i18n'
import { formatDateTime } from '~/i18n'
import { requestLocale, requireUser } from '~/lib/auth.server'
import { collegeOptions } from '~/models/admin/colleges.server'
import { editId, invalid, notFoundResponse, saveResponse } from '~/models/admin/route.server'
import { createStaff, findUser, setUserActive, updateUser } from '~/models/admin/users.server'
import { accessLogOf } from '~/models/read-log.server'
import { AccessLog } from '~/components/privacy/access-log'
import { editUserSchema, newStaffSchema, staffRoles } from '~/schemas/admin'
import { parseForm, readForm } from '~/lib/form.server'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['admin-config', 'application', 'privacy'] }

const PATH = '/admin/users'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireUser(request, { role: 'admin' })
  const id = editId(params.userId)
  const user = id ? await findUser(id) : null
  if (id && !user) throw notFoundResponse()
  return {
    user: user && { ...user, collegeId: user.collegeId ?? undefined },
    colleges: await collegeOptions([user?.collegeId]),
    self: admin.id === id,
    // PIPL: who accessed this student's personal data.
    accessLog: user?.roles.includes('student') ? await accessLogOf(admin, user.id) : null,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: 'admin' })
  const id = editId(params.userId)
  const formData = await readForm(request)
  const intent = formData.get('intent')
  if (intent === 'deactivate' || intent === 'reactivate') {
    if (!id) throw notFoundResponse()
    const result = await setUserActive(admin, id, intent === 'reactivate')
    if (result === 'self') return data(invalidSelf(), { status: 400 })
    return redirect(`${PATH}/${id}?${intent}d=1`)
  }
  if (!id) {
    const submission = parseForm(formData, { schema: newStaffSchema })
    if (submission.status !== 'success') return invalid(submission)
    return saveResponse(submission, await createStaff(admin, submission.value, await requestLocale(request, admin)), PATH)
  }
  const submission = parseForm(formData, { schema: editUserSchema })
  if (submission.status !== 'success') return invalid(submission)
  return saveResponse(submission, await updateUser(admin, id, submission.value), PATH)
}

const invalidSelf = () => ({ status: 'error' as const, error: { '': ['adminConfig.error.deactivateSelf'] } })

export default function EditUser() {
  const t = useT()
  const locale = useLocale()
  const errorText = useErrorText()
  const en = locale === 'en'
  const [params] = useSearchParams()
  const { user, colleges, self, accessLog } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const schema = user ? editUserSchema : newStaffSchema
  const [form, fields] = useForm({
    id: formIdOf('user', user),
    lastResult,
    defaultValue: user ?? undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
  })
  const student = user?.roles.includes('student')
  const notice = (['saved', 'deactivated', 'reactivated'] as const).find((n) => params.get(n) === '1')
  return (
    <section>
      <p>
        <Link to={PATH}>← {t('adminConfig.backToList')}</Link>
      </p>
      <h1>{user ? (en ? user.nameEn : user.nameZh) : t('adminConfig.users.new')}</h1>
      {notice && (
        <p className="alert alert-ok" role="status">
          {t(`adminConfig.users.notice.${notice}`)}
        </p>
      )}
      {user?.deactivatedAt && (
        <p className="alert alert-warn" data-testid="retired-notice">
          {t('adminConfig.users.deactivatedSince', { at: formatDateTime(locale, user.deactivatedAt) })}
        </p>
      )}
      <div className="card">
        <Form method="post" className="stack" {...getFormProps(form)}>
          <FormErrors errors={form.errors} />
          {user ? (
            <p>
              {user.email}
              {student && user.studentNumber && <span className="muted"> · {user.studentNumber}</span>}
            </p>
          ) : (
            <TextField type="email" label={t('admin.home.email')} field={fields.email} hint={t('adminConfig.users.emailHint')} />
          )}
          <TextField label={t('adminConfig.field.nameZh')} field={fields.nameZh} />
          <TextField label={t('adminConfig.field.nameEn')} field={fields.nameEn} />
          <CheckboxGroup
            legend={t('admin.home.roles')}
            name={fields.roles.name}
            options={staffRoles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            checked={(fields.roles.initialValue as string[] | string | undefined) ?? []}
            errors={errorText(fields.roles.errors)}
          />
          {student ? (
            <p className="muted">{t('adminConfig.users.studentNote')}</p>
          ) : (
            <SelectField
              label={t('adminConfig.field.college')}
              field={fields.collegeId}
              placeholder={t('adminConfig.users.noCollege')}
              hint={t('adminConfig.users.collegeHint')}
              options={colleges.map((c) => ({ value: c.id, label: `${c.code} ${en ? c.nameEn : c.nameZh}` }))}
            />
          )}
          <SaveButton />
        </Form>
      </div>
      {user && !self && (
        <Form method="post" className="card">
          <p className="muted">{t(user.deactivatedAt ? 'adminConfig.users.reactivateHint' : 'adminConfig.users.deactivateHint')}</p>
          <button type="submit" name="intent" value={user.deactivatedAt ? 'reactivate' : 'deactivate'} className="secondary">
            {t(user.deactivatedAt ? 'adminConfig.users.reactivate' : 'adminConfig.users.deactivate')}
          </button>
        </Form>
      )}
      {accessLog && <AccessLog rows={accessLog} />}
    </section>
  )
}
