import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import type { z } from 'zod'
import { FormErrors } from '~/components/field'
import { useT } from '~/components/i18n'
import { shanghaiDate } from '~/domain/dates'
import { fieldText, refusalText } from '~/domain/result'
import { requireUser } from '~/lib/auth.server'
import { withHiddenErrorsOnForm } from '~/lib/form-reply.server'
import { parseForm, readForm } from '~/lib/form.server'
import { importRates, recentRates, setRate } from '~/models/exchange-rates.server'
import { ratesActionSchema, type importRatesSchema, type setRateSchema } from '~/schemas/fx'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['export-layout', 'finance', 'fx'] }

// Finance's exchange-rate table (ADR 0024): the bank's CSV pasted in, or one rate by hand.

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: 'finance' })
  return { rates: await recentRates(), today: shanghaiDate(new Date()) }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'finance' })
  const submission = parseForm(await readForm(request), { schema: ratesActionSchema })
  const intent = submission.payload.intent
  if (submission.status !== 'success') {
    // The intent is a hidden field: an error on it is the form's.
    return data({ intent, result: withHiddenErrorsOnForm(submission.reply(), ['intent']), imported: null }, { status: 400 })
  }
  const input = submission.value
  const result = input.intent === 'import' ? await importRates(user, input.csv) : await setRate(user, { ...input, cnyE4: input.rate })
  if (result.ok) {
    const imported = 'imported' in result ? Number(result.imported) : null
    return { intent, result: submission.reply({ resetForm: true }), imported }
  }
  const fieldErrors = Object.fromEntries(Object.entries(result.fields ?? {}).map(([field, message]) => [field, [fieldText(message)]]))
  return data(
    { intent, result: submission.reply({ fieldErrors, formErrors: result.fields ? [] : [refusalText(result)] }), imported: null },
    { status: 400 },
  )
}

export default function Rates() {
  const t = useT()
  const { rates, today } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const last = (intent: string) => (actionData?.intent === intent ? actionData.result : undefined)
  const [importForm, importFields] = useForm<z.input<typeof importRatesSchema>>({
    id: 'import-rates',
    lastResult: last('import'),
    shouldValidate: 'onSubmit',
  })
  const [setForm, setFields] = useForm<z.input<typeof setRateSchema>>({
    id: 'set-rate',
    lastResult: last('set'),
    defaultValue: { units: '1', day: today },
    shouldValidate: 'onSubmit',
  })
  const done = actionData && !actionData.result.error
  return (
    <section>
      <p className="small">
        <Link to="/finance">← {t('finance.home.title')}</Link>
      </p>
      <h1>{t('fx.rates.title')}</h1>
      {done && (
        <p className="alert alert-ok" role="status">
          {actionData.intent === 'import' ? t('fx.rates.imported', { count: actionData.imported ?? 0 }) : t('fx.rates.saved')}
        </p>
      )}
      <Form method="post" {...getFormProps(importForm)} className="card">
        <h2>{t('fx.rates.importTitle')}</h2>
        <input type="hidden" name="intent" value="import" />
        <FormErrors errors={importForm.errors} />
        <div className="field">
          <label htmlFor={importFields.csv.id}>{t('fx.rates.csv')}</label>
          <p className="small muted">{t('fx.rates.csvHint')}</p>
          <textarea {...getTextareaProps(importFields.csv)} rows={6} />
          <FormErrors errors={importFields.csv.errors} />
        </div>
        <button type="submit" className="primary">
          {t('fx.rates.import')}
        </button>
      </Form>
      <Form method="post" {...getFormProps(setForm)} className="card">
        <h2>{t('fx.rates.setTitle')}</h2>
        <input type="hidden" name="intent" value="set" />
        <FormErrors errors={setForm.errors} />
        <div className="field">
          <label htmlFor={setFields.currency.id}>{t('fx.rates.currency')}</label>
          <input {...getInputProps(setFields.currency, { type: 'text' })} />
          <FormErrors errors={setFields.currency.errors} />
        </div>
        <div className="field">
          <label htmlFor={setFields.day.id}>{t('fx.rates.day')}</label>
          <input {...getInputProps(setFields.day, { type: 'date' })} />
          <FormErrors errors={setFields.day.errors} />
        </div>
        <div className="field">
          <label htmlFor={setFields.units.id}>{t('fx.rates.units')}</label>
          <select {...getSelectProps(setFields.units)}>
            <option value="1">1</option>
            <option value="100">100</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={setFields.rate.id}>{t('fx.rates.rate')}</label>
          <input {...getInputProps(setFields.rate, { type: 'text' })} />
          <FormErrors errors={setFields.rate.errors} />
        </div>
        <button type="submit" className="secondary">
          {t('fx.rates.set')}
        </button>
      </Form>
      {rates.length === 0 ? (
        <p className="muted">{t('fx.rates.empty')}</p>
      ) : (
        <table className="data" data-testid="rates">
          <thead>
            <tr>
              <th>{t('fx.rates.day')}</th>
              <th>{t('fx.rates.currency')}</th>
              <th className="num">{t('fx.rates.rate')}</th>
              <th>{t('fx.rates.source')}</th>
            </tr>
          </thead>
          <tbody>
            {rates.map((r) => (
              <tr key={r.id}>
                <td>{r.day}</td>
                <td>{`${r.units} ${r.currency}`}</td>
                <td className="num">{r.rate}</td>
                <td>{t(r.source === 'csv' ? 'fx.rates.source.csv' : 'fx.rates.source.manual')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
