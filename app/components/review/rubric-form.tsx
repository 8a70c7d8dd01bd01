import { Form } from '@remix-run/react'
import { useLocale, useT } from '~/components/i18n'
import { formatDateTime } from '~/i18n'
import type { ReviewPageData } from '~/models/review-page.server'
import { MAX_REVIEW_TEXT } from '~/domain/text'
import { ConflictForm } from './conflict-form'
import { usePersonName } from './person'

type Props = Pick<ReviewPageData, 'criteria' | 'panel'> & {
  /** Whether the last rubric form sent was saved. */
  saved: boolean | null
  busy: boolean
}

/** The reviews: one's own rubric review, the others' once one's own is in, and stepping aside. */
export function ReviewsCard({ criteria, panel, saved, busy }: Props) {
  const t = useT()
  return (
    <div className="card">
      <h2>{t('rv.section.reviews')}</h2>
      {saved !== null && (
        <p className={`alert ${saved ? 'alert-ok' : 'alert-error'}`} role="status">
          {saved ? t('rv.reviewSaved') : t('rv.reviewInvalid')}
        </p>
      )}
      <RubricForm criteria={criteria} mine={panel.mine} busy={busy} />
      <OtherReviews criteria={criteria} others={panel.others} />
      <ConflictForm />
    </div>
  )
}

/** schemas/review.ts reviewScoresSchema: a draft saved as it is, or submitted with every criterion scored. */
function RubricForm({
  criteria,
  mine,
  busy,
}: {
  criteria: ReviewPageData['criteria']
  mine: ReviewPageData['panel']['mine']
  busy: boolean
}) {
  const t = useT()
  const locale = useLocale()
  return (
    <Form method="post" className="stack rubric">
      <strong>{t('rv.myReview')}</strong>
      {mine?.submittedAt && <span className="muted">{t('rv.reviewSubmitted', { time: formatDateTime(locale, mine.submittedAt) })}</span>}
      <div className="budget-grid">
        {criteria.map((c) => (
          <label className="field" key={c}>
            <span>{t('rv.score', { criterion: t(`review.criterion.${c}`) })}</span>
            <select name={`score.${c}`} defaultValue={String((mine?.scores as Record<string, number> | undefined)?.[c] ?? '')}>
              <option value="" />
              {[1, 2, 3, 4, 5].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <label className="field">
        <span>{t('rv.reviewComment')}</span>
        <textarea name="comment" rows={3} defaultValue={mine?.comment ?? ''} maxLength={MAX_REVIEW_TEXT} />
      </label>
      <div className="form-actions">
        {!mine?.submittedAt && (
          <button type="submit" name="intent" value="review" className="secondary" disabled={busy}>
            {t('rv.saveReview')}
          </button>
        )}
        <button type="submit" name="intent" value="submit-review" className="primary" disabled={busy}>
          {t('rv.submitReview')}
        </button>
      </div>
    </Form>
  )
}

/** The others' submitted reviews: hidden (null) until one's own is submitted. */
function OtherReviews({ criteria, others }: Pick<ReviewPageData, 'criteria'> & { others: ReviewPageData['panel']['others'] }) {
  const t = useT()
  const name = usePersonName()
  return (
    <div data-testid="other-reviews">
      {others === null ? (
        <p className="muted">{t('rv.othersHidden')}</p>
      ) : others.length === 0 ? (
        <p className="muted">{t('rv.noOthers')}</p>
      ) : (
        <ul>
          {others.map((r) => (
            <li key={r.id}>
              <strong>{name(r.reviewer)}</strong> ({t(`workflow.holder.${r.stage === 'college' ? 'college' : 'office'}`)}):{' '}
              {criteria
                .filter((c) => c in (r.scores as object))
                .map((c) => `${t(`review.criterion.${c}`)} ${(r.scores as Record<string, number>)[c]}`)
                .join(' · ')}
              {r.comment && <p className="pre-wrap">{r.comment}</p>}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
