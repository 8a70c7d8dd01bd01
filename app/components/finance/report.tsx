import { useLocale, useT } from '~/components/i18n'
import { formatCredits } from '~/domain/learning-agreement'
import { formatDateTime } from '~/i18n'
import type { AwardPageData } from '~/models/award-page.server'

/** The return report the payment is made against, and the receipts uploaded with it. */
export function ReportCard({ application }: Pick<AwardPageData, 'application'>) {
  const t = useT()
  const locale = useLocale()
  const receipts = application.documents.filter((d) => d.kind === 'receipt')
  return (
    <div className="card">
      <h2>{t('finance.award.report')}</h2>
      {application.report ? (
        <>
          <p>{application.report.summary}</p>
          {application.report.creditTenths !== null && (
            <p>{t('finance.award.credits', { credits: formatCredits(application.report.creditTenths) })}</p>
          )}
          <p className="muted">{formatDateTime(locale, application.report.submittedAt)}</p>
        </>
      ) : (
        <p className="muted">{t('finance.award.noReport')}</p>
      )}
      <h3>{t('finance.award.receipts')}</h3>
      {receipts.length > 0 ? (
        <ul className="plain">
          {receipts.map((d) => (
            <li key={d.id}>
              <a href={`/documents/${d.id}`}>{d.originalName}</a>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('finance.award.noReceipts')}</p>
      )}
    </div>
  )
}
