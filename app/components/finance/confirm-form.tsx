import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { Form } from '@remix-run/react'
import type { z } from 'zod'
import { FormErrors, strayErrors } from '~/components/field'
import { useErrorText, useLocale, useT } from '~/components/i18n'
import { linesAboveStandard, type AwardLines } from '~/domain/funding'
import { fenToYuanInput, formatFen, lineEntries } from '~/domain/money'
import type { AwardPageData } from '~/models/award-page.server'
import type { confirmAwardSchema } from '~/schemas/finance'
import { lineLabel } from './labels'
import type { AwardView, LastResult } from './types'

type Props = {
  award: AwardView
  applicationVersion: number
  splitOptions: AwardPageData['splitOptions']
  lastResult: LastResult
}

/** schemas/finance.ts confirmAwardSchema: the approved amount of each line (those above the fund's standard marked), a note, a share from a second fund. */
export function ConfirmForm({ award, applicationVersion, splitOptions, lastResult }: Props) {
  const t = useT()
  const locale = useLocale()
  const errorText = useErrorText()
  const lines = award.lines as AwardLines
  const above = new Set(linesAboveStandard(lines, award.lineStandards))
  const [form, fields] = useForm<z.input<typeof confirmAwardSchema>>({
    id: 'confirm-award',
    lastResult,
    defaultValue: { approved: Object.fromEntries(lineEntries(lines).map(([line, l]) => [line, fenToYuanInput(l.requestedFen)])) },
    shouldValidate: 'onSubmit',
  })
  const approved = fields.approved.getFieldset()
  return (
    <Form method="post" {...getFormProps(form)} className="card">
      <input type="hidden" name="intent" value="confirm" />
      <input type="hidden" name="version" value={applicationVersion} />
      <FormErrors errors={form.errors} />
      <div className="table-wrap">
        <table className="data" data-testid="award-lines">
          <thead>
            <tr>
              <th>{t('finance.award.line')}</th>
              <th>{t('finance.award.requested')}</th>
              <th>{t('finance.award.standard')}</th>
              <th>{t('finance.award.approved')}</th>
            </tr>
          </thead>
          <tbody>
            {lineEntries(lines).map(([line, l]) => {
              const field = approved[line]
              const errors = errorText(field.errors)
              return (
                <tr key={line} className={above.has(line) ? 'warn' : undefined}>
                  <td>
                    <label htmlFor={field.id}>{lineLabel(t, line)}</label>
                  </td>
                  <td>{formatFen(l.requestedFen, locale)}</td>
                  <td>{award.lineStandards[line] === undefined ? '—' : formatFen(award.lineStandards[line], locale)}</td>
                  <td>
                    <input {...getInputProps(field, { type: 'text' })} inputMode="decimal" size={10} />
                    {errors?.map((e) => (
                      <div key={e} className="field-error" role="alert">
                        {e}
                      </div>
                    ))}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <FormErrors errors={[...(fields.approved.errors ?? []), ...strayErrors(form.allErrors, 'approved', Object.keys(lines))]} />
      <div className="field">
        <label htmlFor={fields.note.id}>{t('finance.award.note')}</label>
        <textarea {...getTextareaProps(fields.note)} rows={2} />
        <FormErrors errors={fields.note.errors} />
      </div>
      {splitOptions.length > 0 && (
        <fieldset>
          <legend>{t('finance.award.split')}</legend>
          <div className="field">
            <label htmlFor={fields.splitFundId.id}>{t('finance.award.splitFund')}</label>
            <select {...getSelectProps(fields.splitFundId)}>
              <option value="">{t('finance.award.splitNone')}</option>
              {splitOptions.map((f) => (
                <option key={f.id} value={f.id}>
                  {locale === 'en' ? f.nameEn : f.nameZh}
                </option>
              ))}
            </select>
            <FormErrors errors={fields.splitFundId.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.splitAmount.id}>{t('finance.award.splitAmount')}</label>
            <input {...getInputProps(fields.splitAmount, { type: 'text' })} inputMode="decimal" />
            <FormErrors errors={fields.splitAmount.errors} />
          </div>
        </fieldset>
      )}
      <button type="submit" className="primary">
        {t('finance.award.confirm')}
      </button>
    </Form>
  )
}
