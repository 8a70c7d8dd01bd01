import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { Form } from '@remix-run/react'
import type { z } from 'zod'
import { FormErrors } from '~/components/field'
import { useT } from '~/components/i18n'
import { fenToYuanInput } from '~/domain/money'
import type { payAwardSchema } from '~/schemas/finance'
import type { AwardView, LastResult } from './types'

type Props = { award: AwardView; actual?: Record<string, number>; receiptsFen?: number; today: string; lastResult: LastResult }

/** schemas/finance.ts payAwardSchema: the amount paid (by default what was spent, at most what was committed), the voucher, the day. */
export function PaymentForm({ award, actual, receiptsFen, today, lastResult }: Props) {
  const t = useT()
  // Reimbursement: what was spent (the foreign receipts converted, when finance recorded some),
  // never more than is still committed.
  const spent = receiptsFen ?? (actual ? Object.values(actual).reduce((s, v) => s + v, 0) : award.approvedFen)
  const [form, fields] = useForm<z.input<typeof payAwardSchema>>({
    id: 'pay-award',
    lastResult,
    defaultValue: { paidAmount: fenToYuanInput(Math.min(spent, award.approvedFen - award.paidFen)), paidOn: today },
    shouldValidate: 'onSubmit',
  })
  return (
    <Form method="post" {...getFormProps(form)} className="card">
      <h2>{t('finance.award.payTitle')}</h2>
      <input type="hidden" name="intent" value="pay" />
      <input type="hidden" name="version" value={award.version} />
      <FormErrors errors={form.errors} />
      {(
        [
          ['paidAmount', 'finance.award.paidAmount', 'text'],
          ['voucherNumber', 'finance.award.voucher', 'text'],
          ['paidOn', 'finance.award.paidOn', 'date'],
        ] as const
      ).map(([name, label, type]) => (
        <div className="field" key={name}>
          <label htmlFor={fields[name].id}>{t(label)}</label>
          <input {...getInputProps(fields[name], { type })} {...(name === 'paidOn' && { max: today })} />
          <FormErrors errors={fields[name].errors} />
        </div>
      ))}
      <button type="submit" className="primary">
        {t('finance.award.pay')}
      </button>
    </Form>
  )
}
