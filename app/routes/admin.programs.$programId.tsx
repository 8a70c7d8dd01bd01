import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { CheckboxGroup, EditPage, SaveButton, formIdOf } from '~/components/admin/edit-page'
import { FormErrors, SelectField, TextAreaField, TextField } from '~/components/field'
import { useErrorText, useLocale, useT } from '~/components/i18n'
import { academicYearOf } from '~/domain/academic-year'
import { documentKinds } from '~/domain/documents'
import { scoredTests, scoreScales } from '~/domain/language'
import { programKinds } from '~/domain/program'
import { QUESTION_SLOTS } from '~/domain/program-questions'
import { levels } from '~/domain/roles'
import { requireUser } from '~/lib/auth.server'
import { partnerOptions } from '~/models/admin/partners.server'
import { findProgram, fundOptions, programFormValues, saveProgram } from '~/models/admin/programs.server'
import { editId, invalid, notFoundResponse, retireIntent, saveResponse } from '~/models/admin/route.server'
import { regions } from '~/domain/policy'
import { programSchema } from '~/schemas/admin'
import { parseForm, readForm } from '~/lib/form.server'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['admin-config', 'application', 'catalogue', 'documents'] }

const PATH = '/admin/programs'

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: 'admin' })
  const id = editId(params.programId)
  const program = id ? await findProgram(id) : null
  if (id && !program) throw notFoundResponse()
  const [partners, funds] = await Promise.all([partnerOptions(program?.partnerId), fundOptions(program?.fundId)])
  return { program: program && programFormValues(program), partners, funds, currentYear: academicYearOf(new Date()) }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'admin' })
  const id = editId(params.programId)
  const formData = await readForm(request)
  const retired = await retireIntent(user, 'program', id, formData, PATH)
  if (retired) return retired
  const submission = parseForm(formData, { schema: programSchema })
  if (submission.status !== 'success') return invalid(submission)
  return saveResponse(submission, await saveProgram(user, id, submission.value), PATH)
}

export default function EditProgram() {
  const t = useT()
  const locale = useLocale()
  const errorText = useErrorText()
  const en = locale === 'en'
  const { program, partners, funds, currentYear } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: formIdOf('program', program),
    lastResult,
    defaultValue: program ?? { kind: 'exchange', academicYear: currentYear },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: programSchema }),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
  })
  const language = fields.language.getFieldset()
  const stipend = fields.stipend.getFieldset()
  const questions = fields.questions.getFieldset()
  return (
    <EditPage
      title={program ? (en ? program.titleEn : program.titleZh) : t('adminConfig.programs.new')}
      backTo={PATH}
      retiredAt={program ? program.retiredAt : undefined}
    >
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <div className="budget-grid">
          <SelectField
            label={t('adminConfig.field.kind')}
            field={fields.kind}
            options={programKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          />
          <TextField
            label={t('adminConfig.field.academicYear')}
            field={fields.academicYear}
            hint={t('adminConfig.field.academicYearHint')}
          />
        </div>
        <SelectField
          label={t('adminConfig.field.partner')}
          field={fields.partnerId}
          placeholder={t('adminConfig.field.noPartner')}
          hint={t('adminConfig.field.partnerHint')}
          options={partners.map((p) => ({
            value: p.id,
            label: `${en ? p.nameEn : p.nameZh} · ${en ? p.countryEn : p.countryZh}${p.retiredAt ? ` (${t('adminConfig.retired')})` : ''}`,
          }))}
        />
        <TextField label={t('adminConfig.field.titleZh')} field={fields.titleZh} />
        <TextField label={t('adminConfig.field.titleEn')} field={fields.titleEn} />
        <TextAreaField label={t('adminConfig.field.descriptionZh')} field={fields.descriptionZh} rows={4} />
        <TextAreaField label={t('adminConfig.field.descriptionEn')} field={fields.descriptionEn} rows={4} />
        <CheckboxGroup
          legend={t('adminConfig.field.levels')}
          name={fields.levels.name}
          options={levels.map((l) => ({ value: l, label: t(`level.${l}`) }))}
          checked={fields.levels.initialValue as string[] | undefined}
          errors={errorText(fields.levels.errors)}
        />
        <div className="budget-grid">
          <TextField
            type="number"
            inputMode="numeric"
            label={t('adminConfig.field.quota')}
            field={fields.quota}
            hint={t('adminConfig.field.quotaHint')}
          />
          <TextField type="date" label={t('adminConfig.field.opensOn')} field={fields.opensOn} />
          <TextField type="date" label={t('adminConfig.field.closesOn')} field={fields.closesOn} />
          <TextField type="date" label={t('adminConfig.field.startsOn')} field={fields.startsOn} />
          <TextField type="date" label={t('adminConfig.field.endsOn')} field={fields.endsOn} />
        </div>
        <fieldset>
          <legend>{t('adminConfig.field.requirements')}</legend>
          <div className="budget-grid">
            <TextField type="number" step="0.01" inputMode="decimal" label={t('adminConfig.field.minGpa')} field={fields.minGpa} />
            {scoredTests.map((test) => (
              <TextField
                key={test}
                type="number"
                step={String(scoreScales[test].step)}
                inputMode="decimal"
                label={scoreScales[test].label}
                field={language[test]}
              />
            ))}
          </div>
          <p className="muted small">{t('adminConfig.field.requirementsHint')}</p>
        </fieldset>
        <CheckboxGroup
          legend={t('adminConfig.field.requiredDocuments')}
          name={fields.requiredDocuments.name}
          options={documentKinds.map((k) => ({ value: k, label: t(`documents.kind.${k}`) }))}
          checked={fields.requiredDocuments.initialValue as string[] | undefined}
          errors={errorText(fields.requiredDocuments.errors)}
        />
        <p className="muted small">{t('adminConfig.field.requiredDocumentsHint')}</p>
        <SelectField
          label={t('adminConfig.field.fund')}
          field={fields.fundId}
          placeholder={t('adminConfig.field.noFund')}
          hint={t('adminConfig.field.fundHint')}
          options={funds.map((f) => ({ value: f.id, label: `${f.academicYear} · ${en ? f.nameEn : f.nameZh}` }))}
        />
        <fieldset>
          <legend>{t('adminConfig.field.stipendOverride')}</legend>
          <div className="budget-grid">
            {regions.map((r) => (
              <TextField key={r} inputMode="decimal" label={t(`region.${r}`)} field={stipend[r]} />
            ))}
          </div>
          <p className="muted small">{t('adminConfig.field.stipendOverrideHint')}</p>
        </fieldset>
        <fieldset data-testid="program-questions">
          <legend>{t('adminConfig.field.questions')}</legend>
          <p className="muted small">{t('adminConfig.field.questionsHint')}</p>
          {QUESTION_SLOTS.map((slot, i) => {
            const q = questions[slot].getFieldset()
            return (
              <div key={slot} className="budget-grid" data-slot={slot}>
                <TextField label={t('adminConfig.field.questionZh', { n: i + 1 })} field={q.zh} />
                <TextField label={t('adminConfig.field.questionEn', { n: i + 1 })} field={q.en} />
                <label className="checkbox">
                  <input
                    key={String(q.required.initialValue === 'on')}
                    type="checkbox"
                    name={q.required.name}
                    defaultChecked={q.required.initialValue === 'on'}
                  />{' '}
                  {t('adminConfig.field.questionRequired', { n: i + 1 })}
                </label>
              </div>
            )
          })}
        </fieldset>
        <SaveButton />
      </Form>
    </EditPage>
  )
}
