import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { Form } from '@remix-run/react'
import type { z } from 'zod'
import { FormErrors } from '~/components/field'
import { useLocale, useT } from '~/components/i18n'
import { coFundingSources, mobilityCost } from '~/domain/funding'
import { formatFen } from '~/domain/money'
import type { AwardPageData } from '~/models/award-page.server'
import type { coFundingSchema } from '~/schemas/fx'
import type { AwardView, LastResult } from './types'

/** The mobility's other funding (schemas/fx.ts coFundingSchema), its total cost and the university's share. */
export function CoFundingCard(props: { award: AwardView; coFunding: AwardPageData['coFunding']; today: string; lastResult: LastResult }) {
  const t = useT()
  const locale = useLocale()
  const { award, coFunding } = props
  const universityFen = award.status === 'committed' ? award.approvedFen : award.paidFen
  const cost = mobilityCost({ mobilities: 1, universityFen, otherFen: coFunding.reduce((s, c) => s + c.amountFen, 0) })
  const [form, fields] = useForm<z.input<typeof coFundingSchema>>({
    id: 'co-funding',
    lastResult: props.lastResult,
    defaultValue: { source: 'csc', currency: 'CNY', day: props.today },
    shouldValidate: 'onSubmit',
  })
  return (
    <div className="card" data-testid="co-funding">
      <h2>{t('cofunding.title')}</h2>
      {coFunding.length > 0 && (
        <ul>
          {coFunding.map((c) => (
            <li key={c.id}>
              {t(`cofunding.source.${c.source}`)}: {formatFen(c.amountFen, locale)}
              {c.amount && ` (${c.currency} ${c.amount}, ${c.rate})`}
            </li>
          ))}
        </ul>
      )}
      <p data-testid="co-funding-totals">
        {t('cofunding.totals', {
          total: formatFen(cost.totalFen, locale),
          university: formatFen(universityFen, locale),
          share: `${(cost.universityShare * 100).toFixed(1)}%`,
        })}
      </p>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="cofunding" />
        <FormErrors errors={form.errors} />
        <div className="field">
          <label htmlFor={fields.source.id}>{t('cofunding.source')}</label>
          <select {...getSelectProps(fields.source)}>
            {coFundingSources.map((s) => (
              <option key={s} value={s}>
                {t(`cofunding.source.${s}`)}
              </option>
            ))}
          </select>
        </div>
        {(
          [
            ['currency', 'cofunding.currency', 'text'],
            ['amount', 'cofunding.amount', 'text'],
            ['day', 'cofunding.day', 'date'],
          ] as const
        ).map(([name, label, type]) => (
          <div className="field" key={name}>
            <label htmlFor={fields[name].id}>{t(label)}</label>
            <input {...getInputProps(fields[name], { type })} />
            <FormErrors errors={fields[name].errors} />
          </div>
        ))}
        <button type="submit" className="secondary">
          {t('cofunding.add')}
        </button>
      </Form>
    </div>
  )
}
