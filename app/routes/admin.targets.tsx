import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useErrorText, useLocale, useT } from '~/components/i18n'
import { academicYearOf } from '~/domain/academic-year'
import { isAcademicYear, shiftAcademicYear, splitMismatch, targetKinds, UNIVERSITY_SCOPE, type TargetKind } from '~/domain/policy'
import { requireUser } from '~/lib/auth.server'
import { withHiddenErrorsOnForm } from '~/lib/form-reply.server'
import { saveTargets, targetsForm } from '~/models/targets.server'
import { targetsFormSchema, type TargetGrid } from '~/schemas/targets'
import styles from '~/styles/dashboard.css?url'
import { parseForm, readForm } from '~/lib/form.server'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['dashboard'] }

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

function yearParam(url: URL) {
  const year = url.searchParams.get('year') ?? ''
  return isAcademicYear(year) ? year : academicYearOf(new Date())
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: 'admin' })
  const url = new URL(request.url)
  const year = yearParam(url)
  const from = url.searchParams.get('from')
  const form = await targetsForm(year, from === 'last' || from === 'policy' ? from : undefined)
  const current = academicYearOf(new Date())
  const years = [-1, 0, 1, 2].map((by) => shiftAcademicYear(current, by))
  return { year, years: years.includes(year) ? years : [...years, year].sort(), askedForLast: from === 'last', ...form }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'admin' })
  const submission = parseForm(await readForm(request), { schema: targetsFormSchema })
  // The year is a hidden input: an error on it is shown as the form's.
  if (submission.status !== 'success')
    return data({ result: withHiddenErrorsOnForm(submission.reply(), ['year']), changed: null }, { status: 400 })
  const saved = await saveTargets(user, submission.value.year, submission.value.targets as TargetGrid)
  if (!saved.ok) return data({ result: submission.reply({ formErrors: [saved.error] }), changed: null }, { status: 400 })
  return { result: submission.reply(), changed: saved.changed }
}

export default function Targets() {
  const t = useT()
  const locale = useLocale()
  const errorText = useErrorText()
  const { year, years, grid, source, colleges, previousYear, askedForLast } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const failed = actionData?.result.status === 'error'
  const errors = (failed ? actionData.result.error : undefined) ?? {}
  // After a refused save the table keeps what the admin typed; otherwise it shows the loaded grid.
  const typed = failed ? ((actionData.result.initialValue?.targets ?? {}) as Record<string, Record<string, string>>) : undefined
  const value = (scope: string, kind: TargetKind) => (typed ? (typed[scope]?.[kind] ?? '') : String(grid[scope]?.[kind] ?? ''))
  const kindLabel = (kind: TargetKind) => t(`dashboard.targetKind.${kind}`)

  const sums = targetKinds.map((kind) => {
    const cells = colleges.map((c) => Number(value(c.id, kind))).filter((n, i) => value(colleges[i].id, kind) !== '' && Number.isFinite(n))
    const university = value(UNIVERSITY_SCOPE, kind)
    const sum = cells.reduce((a, b) => a + b, 0)
    return { kind, sum, university, mismatch: splitMismatch(university === '' ? undefined : Number(university), sum, cells.length) }
  })
  const rows = [
    { id: UNIVERSITY_SCOPE, name: t('targets.university') },
    ...colleges.map((c) => ({ id: c.id, name: locale === 'en' ? c.nameEn : c.nameZh })),
  ]

  return (
    <section>
      <h1>{t('targets.title')}</h1>
      <p className="muted">{t('targets.intro')}</p>
      <Form method="get" className="dashboard-filters">
        <label>
          {t('targets.year')}{' '}
          <select name="year" defaultValue={year}>
            {years.map((y) => (
              <option key={y}>{y}</option>
            ))}
          </select>
        </label>
        <button type="submit" className="secondary">
          {t('targets.show')}
        </button>
        <Link to={`?year=${year}&from=last`}>{t('targets.copyLast', { year: previousYear })}</Link>
        <Link to={`?year=${year}&from=policy`}>{t('targets.usePolicy')}</Link>
      </Form>
      {askedForLast && source !== 'last' && <p className="alert alert-warn">{t('targets.noLast', { year: previousYear })}</p>}
      {source !== 'saved' && !actionData && (
        <p className="alert alert-warn" data-testid="targets-unsaved">
          {source === 'last' ? t('targets.source.last', { year: previousYear }) : t('targets.source.policy')}
        </p>
      )}
      {actionData?.changed != null && (
        <p className="alert alert-ok" role="status">
          {actionData.changed ? t('targets.saved', { count: actionData.changed }) : t('targets.unchanged')}
        </p>
      )}
      {failed && (
        <div className="alert alert-error" role="alert">
          {errorText(actionData.result.error?.[''] ?? ['targets.invalid'])?.map((e) => (
            <p key={e} style={{ margin: 0 }}>
              {e}
            </p>
          ))}
        </div>
      )}
      {sums.some((s) => s.mismatch) && (
        <div className="alert alert-warn" data-testid="targets-mismatch">
          {sums
            .filter((s) => s.mismatch)
            .map((s) => (
              <p key={s.kind} style={{ margin: 0 }}>
                {t('targets.mismatch', { kind: kindLabel(s.kind), sum: s.sum, university: s.university })}
              </p>
            ))}
        </div>
      )}
      {/* key: a new year or prefill replaces the inputs' defaults */}
      <Form method="post" key={`${year}-${source}`} noValidate>
        <input type="hidden" name="year" value={year} />
        <div className="table-wrap">
          <table className="data compact targets">
            <thead>
              <tr>
                <th scope="col">{t('targets.scope')}</th>
                {targetKinds.map((k) => (
                  <th key={k} scope="col" className="num">
                    {kindLabel(k)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className={row.id === UNIVERSITY_SCOPE ? 'university' : undefined}>
                  <th scope="row">{row.name}</th>
                  {targetKinds.map((kind) => {
                    const name = `targets.${row.id}.${kind}`
                    const cellErrors = errorText(errors[name] ?? undefined)
                    return (
                      <td key={kind} className="num">
                        <input
                          name={name}
                          defaultValue={value(row.id, kind)}
                          inputMode="numeric"
                          aria-label={`${row.name} · ${kindLabel(kind)}`}
                          aria-invalid={cellErrors?.length ? true : undefined}
                          aria-describedby={cellErrors?.length ? `${name}-error` : undefined}
                          size={6}
                        />
                        {cellErrors?.length ? (
                          <span className="field-error" id={`${name}-error`}>
                            {cellErrors.join(' ')}
                          </span>
                        ) : null}
                      </td>
                    )
                  })}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('targets.collegeSum')}</th>
                {sums.map((s) => (
                  <td key={s.kind} className={`num${s.mismatch ? ' mismatch' : ''}`} data-testid={`sum-${s.kind}`}>
                    {s.sum}
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </div>
        <p className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('targets.save')}
          </button>
        </p>
      </Form>
    </section>
  )
}
