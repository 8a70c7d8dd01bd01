import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { PartnerAgreements } from '~/components/admin/partner-agreements'
import { CheckboxGroup, EditPage, SaveButton, formIdOf } from '~/components/admin/edit-page'
import { FormErrors, SelectField, TextField } from '~/components/field'
import { useErrorText, useLocale, useT } from '~/components/i18n'
import { shanghaiDate } from '~/domain/dates'
import { requireUser } from '~/lib/auth.server'
import { findPartner, savePartner } from '~/models/admin/partners.server'
import { editId, invalid, notFoundResponse, retireIntent, saveResponse } from '~/models/admin/route.server'
import { partnerMemberships } from '~/domain/agreements'
import { partnerTiers, regions } from '~/domain/policy'
import { partnerAgreements } from '~/models/admin/agreements.server'
import { partnerSchema } from '~/schemas/admin'
import { parseForm, readForm } from '~/lib/form.server'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['admin-config', 'agreements', 'application', 'catalogue'] }

const PATH = '/admin/partners'

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: 'admin' })
  const id = editId(params.partnerId)
  const partner = id ? await findPartner(id) : null
  if (id && !partner) throw notFoundResponse()
  return { partner, agreements: partner ? await partnerAgreements(partner.id) : null, today: shanghaiDate(new Date()) }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'admin' })
  const id = editId(params.partnerId)
  const formData = await readForm(request)
  const retired = await retireIntent(user, 'partner', id, formData, PATH)
  if (retired) return retired
  const submission = parseForm(formData, { schema: partnerSchema })
  if (submission.status !== 'success') return invalid(submission)
  return saveResponse(submission, await savePartner(user, id, submission.value), PATH)
}

export default function EditPartner() {
  const t = useT()
  const locale = useLocale()
  const errorText = useErrorText()
  const { partner, agreements, today } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: formIdOf('partner', partner),
    lastResult,
    defaultValue: partner ?? { region: 'europe', tier: 'general' },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: partnerSchema }),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
  })
  return (
    <EditPage
      title={partner ? (locale === 'en' ? partner.nameEn : partner.nameZh) : t('adminConfig.partners.new')}
      backTo={PATH}
      retiredAt={partner ? partner.retiredAt : undefined}
    >
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <TextField label={t('adminConfig.field.nameZh')} field={fields.nameZh} />
        <TextField label={t('adminConfig.field.nameEn')} field={fields.nameEn} />
        <div className="budget-grid">
          <TextField label={t('adminConfig.field.countryCode')} field={fields.countryCode} hint={t('adminConfig.field.countryCodeHint')} />
          <TextField label={t('adminConfig.field.countryZh')} field={fields.countryZh} />
          <TextField label={t('adminConfig.field.countryEn')} field={fields.countryEn} />
        </div>
        <div className="budget-grid">
          <SelectField
            label={t('catalogue.region')}
            field={fields.region}
            options={regions.map((r) => ({ value: r, label: t(`region.${r}`) }))}
          />
          <SelectField
            label={t('catalogue.tier')}
            field={fields.tier}
            options={partnerTiers.map((k) => ({ value: k, label: t(`tier.${k}`) }))}
          />
        </div>
        <label>
          <input {...getInputProps(fields.beltAndRoad, { type: 'checkbox' })} /> {t('adminConfig.field.beltAndRoad')}
        </label>
        <CheckboxGroup
          legend={t('agreements.memberships')}
          name={fields.memberships.name}
          options={partnerMemberships.map((m) => ({ value: m, label: t(`agreements.membership.${m}`) }))}
          checked={fields.memberships.initialValue as string[] | undefined}
          errors={errorText(fields.memberships.errors)}
        />
        <SaveButton />
      </Form>
      {partner && agreements && <PartnerAgreements partnerId={partner.id} today={today} {...agreements} />}
    </EditPage>
  )
}
