import { getFormProps, getTextareaProps, useForm } from '@conform-to/react'
import { Form } from '@remix-run/react'
import type { z } from 'zod'
import { FormErrors } from '~/components/field'
import { useLocale, useT } from '~/components/i18n'
import { fenToYuanInput, formatFen } from '~/domain/money'
import type { closeAwardSchema } from '~/schemas/finance'
import type { AwardPageData } from '~/models/award-page.server'
import type { AwardView, LastResult } from './types'

type Instalment = AwardPageData['instalments'][number]
type RowReply = { intent: unknown; result: NonNullable<LastResult> }

/** The reply's errors for one field of one instalment's form. */
function rowErrors(reply: RowReply | undefined, intent: string, instalmentId: string, field: string) {
  if (!reply || reply.intent !== intent || reply.result.initialValue?.instalmentId !== instalmentId) return undefined
  return reply.result.error?.[field] ?? undefined
}

/**
 * The award's payment schedule (schemas/finance.ts payInstalmentSchema, editInstalmentSchema): each
 * planned instalment may be paid with its voucher, or moved and resized; paid ones show their voucher.
 */
export function ScheduleTable(props: {
  award: AwardView
  instalments: Instalment[]
  payable: boolean
  editable: boolean
  today: string
  lastResult: RowReply | undefined
}) {
  const t = useT()
  const locale = useLocale()
  const { award, instalments, lastResult } = props
  const committedFen = award.status === 'committed' ? award.approvedFen - award.paidFen : 0
  return (
    <div className="card" data-testid="schedule">
      <h2>{t('instalment.title')}</h2>
      <p data-testid="schedule-figures">
        {t('instalment.figures', {
          approved: formatFen(award.approvedFen, locale),
          paid: formatFen(award.paidFen, locale),
          committed: formatFen(committedFen, locale),
          released: formatFen(award.releasedFen, locale),
        })}
      </p>
      <table className="data">
        <thead>
          <tr>
            <th>{t('instalment.seq')}</th>
            <th>{t('instalment.dueOn')}</th>
            <th>{t('instalment.amount')}</th>
            <th>{t('instalment.status')}</th>
            <th>{t('instalment.payment')}</th>
          </tr>
        </thead>
        <tbody>
          {instalments.map((i) => (
            <tr key={i.id} data-testid={`instalment-${i.seq}`}>
              <td>{i.seq}</td>
              <td>{i.dueOn}</td>
              <td>{formatFen(i.amountFen, locale)}</td>
              <td>{t(`instalment.status.${i.status}`)}</td>
              <td>
                {i.status === 'paid' &&
                  t('instalment.paidWith', { amount: formatFen(i.paidFen, locale), voucher: i.voucherNumber ?? '', date: i.paidOn ?? '' })}
                {i.status === 'planned' && props.payable && (
                  <Form method="post" className="inline-form" aria-label={t('instalment.payLabel', { seq: i.seq })}>
                    <input type="hidden" name="intent" value="payInstalment" />
                    <input type="hidden" name="version" value={award.version} />
                    <input type="hidden" name="instalmentId" value={i.id} />
                    <label>
                      {t('finance.award.paidAmount')}
                      <input name="paidAmount" defaultValue={fenToYuanInput(Math.min(i.amountFen, committedFen))} />
                    </label>
                    <FormErrors errors={rowErrors(lastResult, 'payInstalment', i.id, 'paidAmount')} />
                    <label>
                      {t('finance.award.voucher')}
                      <input name="voucherNumber" />
                    </label>
                    <FormErrors errors={rowErrors(lastResult, 'payInstalment', i.id, 'voucherNumber')} />
                    <label>
                      {t('finance.award.paidOn')}
                      <input name="paidOn" type="date" defaultValue={props.today} max={props.today} />
                    </label>
                    <FormErrors errors={rowErrors(lastResult, 'payInstalment', i.id, 'paidOn')} />
                    <button type="submit" className="primary">
                      {t('instalment.pay')}
                    </button>
                  </Form>
                )}
                {i.status === 'planned' && props.editable && (
                  <Form method="post" className="inline-form" aria-label={t('instalment.editLabel', { seq: i.seq })}>
                    <input type="hidden" name="intent" value="editInstalment" />
                    <input type="hidden" name="version" value={award.version} />
                    <input type="hidden" name="instalmentId" value={i.id} />
                    <label>
                      {t('instalment.dueOn')}
                      <input name="dueOn" type="date" defaultValue={i.dueOn} />
                    </label>
                    <FormErrors errors={rowErrors(lastResult, 'editInstalment', i.id, 'dueOn')} />
                    <label>
                      {t('instalment.amount')}
                      <input name="amount" defaultValue={fenToYuanInput(i.amountFen)} />
                    </label>
                    <FormErrors errors={rowErrors(lastResult, 'editInstalment', i.id, 'amount')} />
                    <button type="submit" className="secondary">
                      {t('instalment.save')}
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** schemas/finance.ts closeAwardSchema: the award ends now, what is unpaid goes back to the fund. */
export function CloseForm({ award, lastResult }: { award: AwardView; lastResult: LastResult }) {
  const t = useT()
  const locale = useLocale()
  const [form, fields] = useForm<z.input<typeof closeAwardSchema>>({ id: 'close-award', lastResult, shouldValidate: 'onSubmit' })
  return (
    <Form method="post" {...getFormProps(form)} className="card">
      <h2>{t('instalment.closeTitle')}</h2>
      <p className="muted">{t('instalment.closeHint', { amount: formatFen(award.approvedFen - award.paidFen, locale) })}</p>
      <input type="hidden" name="intent" value="close" />
      <input type="hidden" name="version" value={award.version} />
      <FormErrors errors={form.errors} />
      <div className="field">
        <label htmlFor={fields.reason.id}>{t('instalment.closeReason')}</label>
        <textarea {...getTextareaProps(fields.reason)} rows={2} />
        <FormErrors errors={fields.reason.errors} />
      </div>
      <button type="submit" className="secondary">
        {t('instalment.close')}
      </button>
    </Form>
  )
}
