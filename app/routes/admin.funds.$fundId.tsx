import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { CheckboxGroup, EditPage, FieldErrorList, SaveButton, formIdOf } from '~/components/admin/edit-page'
import { FormErrors, SelectField, TextField } from '~/components/field'
import { useErrorText, useLocale, useT } from '~/components/i18n'
import { academicYearOf } from '~/domain/academic-year'
import { budgetLines, formatFen } from '~/domain/money'
import { programKinds } from '~/domain/program'
import { requireUser } from '~/lib/auth.server'
import { collegeOptions } from '~/models/admin/colleges.server'
import { findFund, fundFormValues, saveFund } from '~/models/admin/funds.server'
import { editId, invalid, notFoundResponse, retireIntent, saveResponse } from '~/models/admin/route.server'
import { regions } from '~/domain/policy'
import { fundPurposes, fundSchema } from '~/schemas/admin'
import { parseForm, readForm } from '~/lib/form.server'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['admin-config', 'application', 'catalogue'] }

const PATH = '/admin/funds'

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: 'admin' })
  const id = editId(params.fundId)
  const found = id ? await findFund(id) : null
  if (id && !found) throw notFoundResponse()
  const colleges = await collegeOptions(found?.fund.allocations.map((a) => a.collegeId))
  return {
    fund: found && { ...fundFormValues(found.fund), id: found.fund.id, retiredAt: found.fund.retiredAt },
    usedFen: found?.usedFen ?? '0',
    usedByCollege: found?.usedByCollege ?? {},
    colleges,
    currentYear: academicYearOf(new Date()),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'admin' })
  const id = editId(params.fundId)
  const formData = await readForm(request)
  const retired = await retireIntent(user, 'fund', id, formData, PATH)
  if (retired) return retired
  const submission = parseForm(formData, { schema: fundSchema })
  if (submission.status !== 'success') return invalid(submission)
  return saveResponse(submission, await saveFund(user, id, submission.value), PATH)
}

export default function EditFund() {
  const t = useT()
  const locale = useLocale()
  const errorText = useErrorText()
  const en = locale === 'en'
  const { fund, usedFen, usedByCollege, colleges, currentYear } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: formIdOf('fund', fund),
    lastResult,
    defaultValue: fund ?? { academicYear: currentYear, purpose: 'conference_travel', kinds: ['conference'] },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: fundSchema }),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
  })
  const stipend = fields.stipend.getFieldset()
  const lines = fields.lines.getFieldset()
  const allocations = fields.allocations.getFieldset() as Record<string, typeof fields.budget>
  return (
    <EditPage
      title={fund ? (en ? fund.nameEn : fund.nameZh) : t('adminConfig.funds.new')}
      backTo={PATH}
      retiredAt={fund ? fund.retiredAt : undefined}
    >
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        {fund && (
          <p className="muted" data-testid="fund-used">
            {t('adminConfig.funds.usedSoFar', { used: formatFen(BigInt(usedFen), locale) })}
          </p>
        )}
        <div className="budget-grid">
          <TextField
            label={t('adminConfig.field.academicYear')}
            field={fields.academicYear}
            hint={t('adminConfig.field.academicYearHint')}
          />
          <SelectField
            label={t('adminConfig.field.purpose')}
            field={fields.purpose}
            options={fundPurposes.map((p) => ({ value: p, label: t(`adminConfig.purpose.${p}`) }))}
          />
        </div>
        <TextField label={t('adminConfig.field.nameZh')} field={fields.nameZh} />
        <TextField label={t('adminConfig.field.nameEn')} field={fields.nameEn} />
        <div className="budget-grid">
          <TextField
            inputMode="decimal"
            label={t('adminConfig.field.budget')}
            field={fields.budget}
            hint={t('adminConfig.field.yuanHint')}
          />
          <TextField
            inputMode="decimal"
            label={t('adminConfig.field.perPersonCap')}
            field={fields.perPersonCap}
            hint={t('adminConfig.field.optionalYuanHint')}
          />
        </div>
        <CheckboxGroup
          legend={t('adminConfig.field.kinds')}
          name={fields.kinds.name}
          options={programKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          checked={fields.kinds.initialValue as string[] | undefined}
          errors={errorText(fields.kinds.errors)}
        />
        <fieldset>
          <legend>{t('adminConfig.field.stipend')}</legend>
          <div className="budget-grid">
            {regions.map((r) => (
              <TextField key={r} inputMode="decimal" label={t(`region.${r}`)} field={stipend[r]} />
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('adminConfig.field.lineStandards')}</legend>
          <div className="budget-grid">
            {budgetLines.map((l) => (
              <TextField key={l} inputMode="decimal" label={t(`application.field.budget.${l}`)} field={lines[l]} />
            ))}
          </div>
        </fieldset>
        <fieldset data-testid="allocations">
          <legend>{t('adminConfig.field.allocations')}</legend>
          <p className="muted small">{t('adminConfig.field.allocationsHint')}</p>
          <FieldErrorList errors={errorText(fields.allocations.errors)} />
          <div className="budget-grid">
            {colleges.map((c) => (
              <TextField
                key={c.id}
                inputMode="decimal"
                label={`${c.code} ${en ? c.nameEn : c.nameZh}`}
                field={allocations[c.id]}
                hint={
                  usedByCollege[c.id] && usedByCollege[c.id] !== '0'
                    ? t('adminConfig.funds.collegeUsed', { used: formatFen(BigInt(usedByCollege[c.id]), locale) })
                    : undefined
                }
              />
            ))}
          </div>
        </fieldset>
        <SaveButton />
      </Form>
    </EditPage>
  )
}
