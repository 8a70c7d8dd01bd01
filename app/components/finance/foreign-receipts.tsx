import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { Form } from '@remix-run/react'
import type { z } from 'zod'
import { FormErrors } from '~/components/field'
import { useLocale, useT } from '~/components/i18n'
import { formatFen, sortLines } from '~/domain/money'
import type { AwardPageData } from '~/models/award-page.server'
import type { foreignReceiptSchema } from '~/schemas/fx'
import { lineLabel } from './labels'
import type { AwardView, LastResult } from './types'

type Receipt = AwardPageData['receipts'][number]

/**
 * Receipts in a foreign currency (schemas/fx.ts foreignReceiptSchema): each with its original
 * amount, the rate and its day, and the yuan it came to; the form converts a new one at the
 * central parity of its day.
 */
export function ForeignReceipts(props: { award: AwardView; receipts: Receipt[]; open: boolean; today: string; lastResult: LastResult }) {
  const t = useT()
  const locale = useLocale()
  const { award, receipts } = props
  const [form, fields] = useForm<z.input<typeof foreignReceiptSchema>>({
    id: 'foreign-receipt',
    lastResult: props.lastResult,
    defaultValue: { currency: 'USD', receiptOn: props.today },
    shouldValidate: 'onSubmit',
  })
  const lineName = (line: string) => lineLabel(t, line)
  return (
    <div className="card" data-testid="foreign-receipts">
      <h2>{t('fx.receipt.title')}</h2>
      {receipts.length > 0 && (
        <>
          <table className="data">
            <thead>
              <tr>
                <th>{t('fx.receipt.line')}</th>
                <th>{t('fx.receipt.receiptOn')}</th>
                <th>{t('fx.receipt.original')}</th>
                <th>{t('fx.receipt.rate')}</th>
                <th>{t('fx.receipt.rateDay')}</th>
                <th>{t('fx.receipt.converted')}</th>
              </tr>
            </thead>
            <tbody>
              {receipts.map((r) => (
                <tr key={r.id}>
                  <td>{lineName(r.line)}</td>
                  <td>{r.receiptOn}</td>
                  <td>{`${r.currency} ${r.amount}`}</td>
                  <td>{`${r.units} ${r.currency} = ¥${r.rate}`}</td>
                  <td>{r.rateDay}</td>
                  <td>{formatFen(r.convertedFen, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p data-testid="receipts-total">
            {t('fx.receipt.total', {
              amount: formatFen(
                receipts.reduce((sum, r) => sum + r.convertedFen, 0),
                locale,
              ),
            })}
          </p>
        </>
      )}
      {props.open && (
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="receipt" />
          <FormErrors errors={form.errors} />
          <div className="field">
            <label htmlFor={fields.line.id}>{t('fx.receipt.line')}</label>
            <select {...getSelectProps(fields.line)}>
              {sortLines(Object.keys(award.lines)).map((line) => (
                <option key={line} value={line}>
                  {lineName(line)}
                </option>
              ))}
            </select>
            <FormErrors errors={fields.line.errors} />
          </div>
          {(
            [
              ['currency', 'fx.receipt.currency', 'text'],
              ['amount', 'fx.receipt.amount', 'text'],
              ['receiptOn', 'fx.receipt.receiptOn', 'date'],
            ] as const
          ).map(([name, label, type]) => (
            <div className="field" key={name}>
              <label htmlFor={fields[name].id}>{t(label)}</label>
              <input {...getInputProps(fields[name], { type })} />
              <FormErrors errors={fields[name].errors} />
            </div>
          ))}
          <button type="submit" className="secondary">
            {t('fx.receipt.add')}
          </button>
        </Form>
      )}
    </div>
  )
}
