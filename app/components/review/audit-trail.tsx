import { auditActionLabel, statusChangeLabel } from '~/components/audit-labels'
import { useLocale, useT } from '~/components/i18n'
import { formatDateTime } from '~/i18n'
import type { ReviewPageData } from '~/models/review-page.server'
import { usePersonName } from './person'

/** The application's audit trail as staff read it (no scores or review comments: domain/audit-view.ts). */
export function AuditTrailCard({ audit }: Pick<ReviewPageData, 'audit'>) {
  const t = useT()
  const locale = useLocale()
  const name = usePersonName()
  return (
    <div className="card">
      <h2>{t('rv.section.audit')}</h2>
      <div className="table-wrap">
        <table className="data compact" data-testid="audit-trail">
          <thead>
            <tr>
              <th>{t('rv.audit.when')}</th>
              <th>{t('rv.audit.who')}</th>
              <th>{t('rv.audit.what')}</th>
              <th>{t('rv.audit.change')}</th>
            </tr>
          </thead>
          <tbody>
            {audit.map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(locale, e.at)}</td>
                <td>{name(e.actor)}</td>
                <td>{auditActionLabel(t, e.action)}</td>
                <td className="pre-wrap">
                  {statusChangeLabel(t, e.change)}
                  {e.text && ` · ${e.text}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
