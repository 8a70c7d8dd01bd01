import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { CheckboxGroup, EditPage, SaveButton, formIdOf } from '~/components/admin/edit-page'
import { AgreementState } from '~/components/admin/partner-agreements'
import { FormErrors, SelectField, TextAreaField, TextField } from '~/components/field'
import { useErrorText, useLocale, useT } from '~/components/i18n'
import { agreementTypes } from '~/domain/agreements'
import { shanghaiDate } from '~/domain/dates'
import { idSchema } from '~/domain/policy'
import { requireUser } from '~/lib/auth.server'
import { parseForm, readForm } from '~/lib/form.server'
import { findAgreement, findPartnerName, saveAgreement } from '~/models/admin/agreements.server'
import { collegeOptions } from '~/models/admin/colleges.server'
import { partnerOptions } from '~/models/admin/partners.server'
import { editId, invalid, notFoundResponse, retireIntent, saveResponse } from '~/models/admin/route.server'
import { agreementSchema } from '~/schemas/admin'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['admin-config', 'agreements', 'application'] }

const PATH = '/admin/agreements'

// One partner agreement: new (from the partner's page, ?partner=<id>) or existing.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: 'admin' })
  const id = editId(params.agreementId)
  const agreement = id ? await findAgreement(id) : null
  if (id && !agreement) throw notFoundResponse()
  const partnerId = agreement?.partnerId ?? idSchema.safeParse(new URL(request.url).searchParams.get('partner')).data
  const partner = agreement?.partner ?? (partnerId ? await findPartnerName(partnerId) : null)
  const [colleges, partners] = await Promise.all([collegeOptions(agreement?.colleges.map((c) => c.id)), partner ? [] : partnerOptions()])
  return { agreement, partner, partners, colleges, today: shanghaiDate(new Date()) }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'admin' })
  const id = editId(params.agreementId)
  const formData = await readForm(request)
  const retired = await retireIntent(user, 'agreement', id, formData, PATH)
  if (retired) return retired
  const submission = parseForm(formData, { schema: agreementSchema })
  if (submission.status !== 'success') return invalid(submission)
  return saveResponse(submission, await saveAgreement(user, id, submission.value), PATH)
}

export default function EditAgreement() {
  const t = useT()
  const locale = useLocale()
  const errorText = useErrorText()
  const en = locale === 'en'
  const { agreement, partner, partners, colleges, today } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const saved = agreement && {
    partnerId: agreement.partnerId,
    type: agreement.type,
    startsOn: agreement.startsOn,
    endsOn: agreement.endsOn,
    placesOut: agreement.placesOut ?? undefined,
    placesIn: agreement.placesIn ?? undefined,
    colleges: agreement.colleges.map((c) => c.id),
    note: agreement.note,
    version: agreement.version,
  }
  const [form, fields] = useForm({
    id: formIdOf('agreement', saved),
    lastResult,
    defaultValue: saved ?? { partnerId: partner?.id, type: 'exchange' },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: agreementSchema }),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
  })
  const title = agreement ? t('agreements.edit') : t('agreements.new')
  return (
    <EditPage
      title={partner ? `${en ? partner.nameEn : partner.nameZh} · ${title}` : title}
      backTo={partner ? `/admin/partners/${partner.id}` : PATH}
      retiredAt={agreement ? agreement.retiredAt : undefined}
    >
      {agreement && (
        <p>
          <AgreementState agreement={agreement} today={today} />
        </p>
      )}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        {partner ? (
          <input {...getInputProps(fields.partnerId, { type: 'hidden' })} />
        ) : (
          <SelectField
            label={t('agreements.partner')}
            field={fields.partnerId}
            options={partners.map((p) => ({ value: p.id, label: `${en ? p.nameEn : p.nameZh} · ${en ? p.countryEn : p.countryZh}` }))}
          />
        )}
        <input {...getInputProps(fields.version, { type: 'hidden' })} />
        <SelectField
          label={t('agreements.type')}
          field={fields.type}
          options={agreementTypes.map((k) => ({ value: k, label: t(`agreements.type.${k}`) }))}
        />
        <div className="budget-grid">
          <TextField type="date" label={t('agreements.startsOn')} field={fields.startsOn} />
          <TextField type="date" label={t('agreements.endsOn')} field={fields.endsOn} />
        </div>
        <div className="budget-grid">
          <TextField
            type="number"
            inputMode="numeric"
            label={t('agreements.placesOut')}
            field={fields.placesOut}
            hint={t('agreements.placesHint')}
          />
          <TextField type="number" inputMode="numeric" label={t('agreements.placesIn')} field={fields.placesIn} />
        </div>
        <CheckboxGroup
          legend={t('agreements.colleges')}
          name={fields.colleges.name}
          options={colleges.map((c) => ({ value: c.id, label: `${c.code} ${en ? c.nameEn : c.nameZh}` }))}
          checked={fields.colleges.initialValue as string[] | undefined}
          errors={errorText(fields.colleges.errors)}
        />
        <p className="muted">{t('agreements.collegesHint')}</p>
        <TextAreaField label={t('agreements.note')} field={fields.note} rows={3} />
        <SaveButton />
      </Form>
      {agreement && <SignedCopy agreementId={agreement.id} signedName={agreement.signedName} />}
      <p>
        <Link to={PATH}>{t('agreements.renewal.title')}</Link>
      </p>
    </EditPage>
  )
}

/** The signed copy: a link to download it, and the upload of a new one (a PDF, multipart, to the .signed route). */
function SignedCopy({ agreementId, signedName }: { agreementId: string; signedName: string | null }) {
  const t = useT()
  const [params] = useSearchParams()
  const outcome = params.get('signed')
  return (
    <section className="card" data-testid="signed-copy">
      <h2>{t('agreements.signed')}</h2>
      {outcome === 'uploaded' && (
        <p className="alert alert-ok" role="status">
          {t('agreements.signed.uploaded')}
        </p>
      )}
      {outcome === 'refused' && (
        <p className="alert alert-error" role="alert">
          {t('agreements.signed.refused')}
        </p>
      )}
      <p>
        {signedName ? (
          <a href={`/admin/agreements/${agreementId}/signed`}>{t('agreements.signed.download', { name: signedName })}</a>
        ) : (
          t('agreements.signed.none')
        )}
      </p>
      <Form method="post" action={`/admin/agreements/${agreementId}/signed`} encType="multipart/form-data" reloadDocument>
        <label className="field">
          <span>{t('agreements.signed.upload')}</span>
          <input type="file" name="file" accept="application/pdf" required />
        </label>
        <button type="submit" className="secondary">
          {t('agreements.signed.send')}
        </button>
      </Form>
    </section>
  )
}
