import { getFormProps, getTextareaProps, useForm } from '@conform-to/react'
import { Form } from '@remix-run/react'
import type { z } from 'zod'
import { FormErrors } from '~/components/field'
import { useT } from '~/components/i18n'
import type { returnAwardSchema } from '~/schemas/finance'
import type { LastResult } from './types'

/** schemas/finance.ts returnAwardSchema: the application goes back to the office, with the reason. */
export function ReturnForm({ applicationVersion, lastResult }: { applicationVersion: number; lastResult: LastResult }) {
  const t = useT()
  const [form, fields] = useForm<z.input<typeof returnAwardSchema>>({ id: 'return-award', lastResult, shouldValidate: 'onSubmit' })
  return (
    <Form method="post" {...getFormProps(form)} className="card">
      <h2>{t('finance.award.returnTitle')}</h2>
      <input type="hidden" name="intent" value="return" />
      <input type="hidden" name="version" value={applicationVersion} />
      <FormErrors errors={form.errors} />
      <div className="field">
        <label htmlFor={fields.reason.id}>{t('finance.award.returnReason')}</label>
        <textarea {...getTextareaProps(fields.reason)} rows={2} />
        <FormErrors errors={fields.reason.errors} />
      </div>
      <button type="submit" className="secondary">
        {t('finance.award.return')}
      </button>
    </Form>
  )
}
