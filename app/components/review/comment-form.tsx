import { Form } from '@remix-run/react'
import { useLocale, useT } from '~/components/i18n'
import { formatDateTime } from '~/i18n'
import type { ReviewPageData } from '~/models/review-page.server'
import { MAX_REVIEW_TEXT } from '~/domain/text'
import { usePersonName } from './person'

/** The comments on the application, oldest first, and the form to add one (for the staff, or to the student). */
export function CommentsCard({ comments, busy }: Pick<ReviewPageData, 'comments'> & { busy: boolean }) {
  const t = useT()
  const locale = useLocale()
  const name = usePersonName()
  return (
    <div className="card">
      <h2>{t('rv.section.comments')}</h2>
      {comments.length === 0 ? (
        <p className="muted">{t('rv.noComments')}</p>
      ) : (
        <ul className="comments">
          {comments.map((c) => (
            <li key={c.id}>
              <span className="muted">
                {formatDateTime(locale, c.createdAt)} · {name(c.author)} · {t(`rv.visibility.${c.visibility}`)}
              </span>
              <p className="pre-wrap">{c.body}</p>
            </li>
          ))}
        </ul>
      )}
      <CommentForm busy={busy} />
    </div>
  )
}

/** schemas/review.ts commentSchema. */
function CommentForm({ busy }: { busy: boolean }) {
  const t = useT()
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="intent" value="comment" />
      <label className="field">
        <span>{t('rv.commentBody')}</span>
        <textarea name="body" rows={2} required maxLength={MAX_REVIEW_TEXT} />
      </label>
      <div className="form-actions">
        <select name="visibility" aria-label={t('rv.visibility')}>
          <option value="internal">{t('rv.visibility.internal')}</option>
          <option value="student">{t('rv.visibility.student')}</option>
        </select>
        <button type="submit" className="secondary" disabled={busy}>
          {t('rv.addComment')}
        </button>
      </div>
    </Form>
  )
}
