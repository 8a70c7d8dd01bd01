import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { FormErrors } from '~/components/field'
import { useT } from '~/components/i18n'
import { movementColumns } from '~/domain/export-layout'
import { fieldText } from '~/domain/result'
import { requireUser } from '~/lib/auth.server'
import { parseForm, readForm } from '~/lib/form.server'
import { movementLayout, setMovementLayout } from '~/models/finance-movements.server'
import { exportLayoutSchema } from '~/schemas/fx'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['auth', 'export-layout', 'finance', 'fx'] }

// The column order of the payments-and-releases CSV, set by the admin to match the accounting
// software's import (ADR 0028): position by position, a column or nothing.

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: 'admin' })
  return { columns: await movementLayout() }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'admin' })
  const submission = parseForm(await readForm(request), { schema: exportLayoutSchema })
  if (submission.status !== 'success')
    return data({ error: submission.reply().error?.columns?.[0] ?? 'exportLayout.error.unknown', done: false }, { status: 400 })
  const result = await setMovementLayout(
    user,
    submission.value.columns.filter((c) => c !== ''),
  )
  if (!result.ok)
    return data(
      { error: result.fields?.columns ? fieldText(result.fields.columns) : 'exportLayout.error.unknown', done: false },
      { status: 400 },
    )
  return { error: null, done: true }
}

export default function FinanceExportLayout() {
  const t = useT()
  const { columns } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <section>
      <h1>{t('exportLayout.title')}</h1>
      <p className="muted">{t('exportLayout.intro')}</p>
      {actionData?.done && (
        <p className="alert alert-ok" role="status">
          {t('exportLayout.saved')}
        </p>
      )}
      <Form method="post" className="card" key={columns.join(',')}>
        <FormErrors errors={actionData?.error ? [actionData.error] : undefined} />
        {movementColumns.map((_, i) => (
          <div className="field" key={i}>
            <label htmlFor={`column-${i}`}>{t('exportLayout.position', { n: i + 1 })}</label>
            <select id={`column-${i}`} name={`columns[${i}]`} defaultValue={columns[i] ?? ''}>
              <option value="">{t('exportLayout.none')}</option>
              {movementColumns.map((c) => (
                <option key={c} value={c}>
                  {t(`exportLayout.col.${c}`)}
                </option>
              ))}
            </select>
          </div>
        ))}
        <button type="submit" className="primary">
          {t('exportLayout.save')}
        </button>
      </Form>
    </section>
  )
}
