import { useT } from '~/components/i18n'
import { formatList, type Params } from '~/i18n'
import type { ReviewPageData } from '~/models/review-page.server'

/** The eligibility rules the applicant fails or is warned about, and the documents still missing. */
export function EligibilityCard({ eligibility, missingDocuments }: Pick<ReviewPageData, 'eligibility' | 'missingDocuments'>) {
  const t = useT()
  return (
    <div className="card">
      <h2>{t('rv.section.eligibility')}</h2>
      {eligibility.failures.length === 0 && missingDocuments.length === 0 ? (
        <p className="tick-ok">✓ {t('rv.eligible')}</p>
      ) : (
        <ul className="alert alert-warn">
          {eligibility.failures.map((f) => (
            <li key={f.code}>{t(f.code, f.params as Params)}</li>
          ))}
          {missingDocuments.length > 0 && (
            <li>
              {t('rv.missingDocuments', {
                documents: formatList(
                  t,
                  missingDocuments.map((d) => t(`documents.kind.${d}`)),
                ),
              })}
            </li>
          )}
        </ul>
      )}
      {eligibility.warnings.map((w) => (
        <p key={w.code} className="muted">
          {t(w.code, w.params as Params)}
        </p>
      ))}
    </div>
  )
}
