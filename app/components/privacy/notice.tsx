import { useLocale, useT } from '~/components/i18n'
import { retentionKinds, type RetentionKind } from '~/domain/personal-data'
import { formatDateTime } from '~/i18n'

type Notice = { version: number; bodyZh: string | null; bodyEn: string | null; publishedAt: Date | string | null }

/**
 * The processing notice in force: the admin's published text, or the portal's own (purposes,
 * categories, recipients), with the retention periods in force either way.
 */
export function ProcessingNotice({ notice, retention }: { notice: Notice; retention: Record<RetentionKind, number> }) {
  const t = useT()
  const locale = useLocale()
  const body = locale === 'en' ? notice.bodyEn : notice.bodyZh
  return (
    <div className="card stack" data-testid="notice">
      <p className="muted">
        {t('privacy.notice.version', { version: notice.version })}
        {notice.publishedAt ? ` · ${formatDateTime(locale, new Date(notice.publishedAt))}` : ''}
      </p>
      {body ? (
        <div className="prewrap">{body}</div>
      ) : (
        <>
          <h2 className="h4">{t('privacy.notice.purposes.title')}</h2>
          <p>{t('privacy.notice.purposes')}</p>
          <h2 className="h4">{t('privacy.notice.categories.title')}</h2>
          <p>{t('privacy.notice.categories')}</p>
          <p>{t('privacy.notice.sensitive')}</p>
          <h2 className="h4">{t('privacy.notice.recipients.title')}</h2>
          <p>{t('privacy.notice.recipients')}</p>
          <h2 className="h4">{t('privacy.notice.rights.title')}</h2>
          <p>{t('privacy.notice.rights')}</p>
        </>
      )}
      <h2 className="h4">{t('privacy.notice.retention.title')}</h2>
      <ul>
        {retentionKinds.map((k) => (
          <li key={k}>{t(`privacy.retention.kind.${k}`, { months: retention[k] })}</li>
        ))}
      </ul>
    </div>
  )
}
