import { Form, Link, useSearchParams } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useT } from '~/components/i18n'

/**
 * The frame of an admin edit page: back link, title, "saved" notice, and for an existing row the
 * retire / bring back button (retired rows keep their history but leave the catalogue and new use).
 */
export function EditPage({
  title,
  backTo,
  retiredAt,
  canRetire = true,
  children,
}: {
  title: string
  backTo: string
  retiredAt?: string | Date | null
  canRetire?: boolean
  children: ReactNode
}) {
  const t = useT()
  const [params] = useSearchParams()
  const notice = (['saved', 'retired', 'unretired'] as const).find((n) => params.get(n) === '1')
  return (
    <section>
      <p>
        <Link to={backTo}>← {t('adminConfig.backToList')}</Link>
      </p>
      <h1>{title}</h1>
      {notice && (
        <p className="alert alert-ok" role="status">
          {t(`adminConfig.notice.${notice}`)}
        </p>
      )}
      {retiredAt && (
        <p className="alert alert-warn" data-testid="retired-notice">
          {t('adminConfig.retiredNotice')}
        </p>
      )}
      <div className="card">{children}</div>
      {canRetire && retiredAt !== undefined && (
        <Form method="post" className="card">
          <p className="muted">{t(retiredAt ? 'adminConfig.unretireHint' : 'adminConfig.retireHint')}</p>
          <button type="submit" name="intent" value={retiredAt ? 'unretire' : 'retire'} className="secondary">
            {t(retiredAt ? 'adminConfig.unretire' : 'adminConfig.retire')}
          </button>
        </Form>
      )}
    </section>
  )
}

/** A group of checkboxes sharing one name (levels, kinds, roles, documents), with its errors. */
export function CheckboxGroup({
  legend,
  name,
  options,
  checked,
  errors,
}: {
  legend: string
  name: string
  options: { value: string; label: string }[]
  checked: readonly string[] | string | undefined
  errors?: string[]
}) {
  const chosen = new Set(typeof checked === 'string' ? [checked] : (checked ?? []))
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div className="filter-checks">
        {options.map((o) => (
          <label key={o.value}>
            {/* Keyed by its default: a form reset to newly saved values re-renders the box. */}
            <input
              key={String(chosen.has(o.value))}
              type="checkbox"
              name={name}
              value={o.value}
              defaultChecked={chosen.has(o.value)}
            />{' '}
            {o.label}
          </label>
        ))}
      </div>
      <FieldErrorList errors={errors} />
    </fieldset>
  )
}

export function FieldErrorList({ errors }: { errors?: string[] }) {
  if (!errors?.length) return null
  return (
    <div role="alert">
      <ul className="field-error">
        {errors.map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
    </div>
  )
}

export function SaveButton() {
  const t = useT()
  return (
    <div className="form-actions">
      <button type="submit" className="primary">
        {t('adminConfig.save')}
      </button>
    </div>
  )
}

/**
 * The conform form id for an edit page: it changes when the saved row changes, so after a save
 * (or after "new" becomes the created row) the form starts again from what the server stored,
 * normalised values included, while a refused submission keeps what was typed.
 */
export function formIdOf(name: string, saved: unknown): string {
  const text = JSON.stringify(saved ?? null)
  let hash = 5381
  for (let i = 0; i < text.length; i++) hash = ((hash << 5) + hash + text.charCodeAt(i)) | 0
  return `${name}-${(hash >>> 0).toString(36)}`
}
