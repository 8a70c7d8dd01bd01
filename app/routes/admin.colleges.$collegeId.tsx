import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { EditPage, SaveButton, formIdOf } from '~/components/admin/edit-page'
import { FormErrors, TextField } from '~/components/field'
import { useLocale, useT } from '~/components/i18n'
import { requireUser } from '~/lib/auth.server'
import { findCollege, saveCollege } from '~/models/admin/colleges.server'
import { editId, invalid, notFoundResponse, retireIntent, saveResponse } from '~/models/admin/route.server'
import { collegeSchema } from '~/schemas/admin'
import { parseForm, readForm } from '~/lib/form.server'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['admin-config', 'application'] }

const PATH = '/admin/colleges'

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: 'admin' })
  const id = editId(params.collegeId)
  const college = id ? await findCollege(id) : null
  if (id && !college) throw notFoundResponse()
  return { college }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'admin' })
  const id = editId(params.collegeId)
  const formData = await readForm(request)
  const retired = await retireIntent(user, 'college', id, formData, PATH)
  if (retired) return retired
  const submission = parseForm(formData, { schema: collegeSchema })
  if (submission.status !== 'success') return invalid(submission)
  return saveResponse(submission, await saveCollege(user, id, submission.value), PATH)
}

export default function EditCollege() {
  const t = useT()
  const locale = useLocale()
  const { college } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: formIdOf('college', college),
    lastResult,
    defaultValue: college ?? undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: collegeSchema }),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
  })
  return (
    <EditPage
      title={college ? (locale === 'en' ? college.nameEn : college.nameZh) : t('adminConfig.colleges.new')}
      backTo={PATH}
      retiredAt={college ? college.retiredAt : undefined}
    >
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <TextField label={t('adminConfig.field.code')} field={fields.code} hint={t('adminConfig.field.codeHint')} />
        <TextField label={t('adminConfig.field.nameZh')} field={fields.nameZh} />
        <TextField label={t('adminConfig.field.nameEn')} field={fields.nameEn} />
        <SaveButton />
      </Form>
    </EditPage>
  )
}
