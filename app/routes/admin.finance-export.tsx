import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { FormErrors } from '~/components/field'
import { useT } from '~/components/i18n'
import { exportLayouts, type ExportLayoutId } from '~/domain/export-layout'
import { fieldText } from '~/domain/result'
import { requireUser } from '~/lib/auth.server'
import { parseForm, readForm } from '~/lib/form.server'
import { layoutColumns, setExportLayout } from '~/models/export-layout.server'
import { exportLayoutSchema } from '~/schemas/fx'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['export-layout', 'finance', 'fx'] }

// The column order of the CSV exports other systems import, set by the admin to match each
// import (ADR 0028, decision 26): per export, position by position, a column or nothing.

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: 'admin' })
  const [movements, recognised] = await Promise.all([layoutColumns('finance-movements'), layoutColumns('recognised-courses')])
  return { layouts: { 'finance-movements': movements as string[], 'recognised-courses': recognised as string[] } }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'admin' })
  const submission = parseForm(await readForm(request), { schema: exportLayoutSchema })
  if (submission.status !== 'success') {
    const error = submission.reply().error
    return data(
      { error: error?.columns?.[0] ?? error?.layout?.[0] ?? 'exportLayout.error.unknown', layout: null, done: false },
      { status: 400 },
    )
  }
  const { layout, columns } = submission.value
  const result = await setExportLayout(
    user,
    layout,
    columns.filter((c) => c !== ''),
  )
  if (!result.ok)
    return data(
      { error: result.fields?.columns ? fieldText(result.fields.columns) : 'exportLayout.error.unknown', layout, done: false },
      { status: 400 },
    )
  return { error: null, layout, done: true }
}

export default function ExportLayouts() {
  const t = useT()
  const { layouts } = useLoaderData<typeof loader>()
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
      {actionData?.error && !actionData.layout && <FormErrors errors={[actionData.error]} />}
      {(Object.keys(exportLayouts) as ExportLayoutId[]).map((layout) => (
        <Form method="post" className="card" key={`${layout}:${layouts[layout].join(',')}`} data-layout={layout}>
          <h2>{t(`exportLayout.layout.${layout}`)}</h2>
          <input type="hidden" name="layout" value={layout} />
          <FormErrors errors={actionData?.error && actionData.layout === layout ? [actionData.error] : undefined} />
          {exportLayouts[layout].map((_, i) => (
            <div className="field" key={i}>
              <label htmlFor={`${layout}-column-${i}`}>{t('exportLayout.position', { n: i + 1 })}</label>
              <select id={`${layout}-column-${i}`} name={`columns[${i}]`} defaultValue={layouts[layout][i] ?? ''}>
                <option value="">{t('exportLayout.none')}</option>
                {exportLayouts[layout].map((c) => (
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
      ))}
    </section>
  )
}
