import { Form } from '@remix-run/react'
import { useT } from '~/components/i18n'
import { MAX_REVIEW_TEXT } from '~/domain/text'

/** Declaring a conflict of interest (schemas/review.ts conflictSchema): the reviewer steps aside from the application. */
export function ConflictForm() {
  const t = useT()
  return (
    <details className="conflict">
      <summary>{t('rv.conflict')}</summary>
      <Form method="post" className="stack">
        <p className="muted">{t('rv.conflictHelp')}</p>
        <label className="field">
          <span>{t('rv.conflictReason')}</span>
          <textarea name="reason" rows={2} required maxLength={MAX_REVIEW_TEXT} />
        </label>
        <div>
          <button type="submit" name="intent" value="conflict" className="secondary">
            {t('rv.conflict')}
          </button>
        </div>
      </Form>
    </details>
  )
}
