import { useLocale, useT } from '~/components/i18n'
import { formatDateTime } from '~/i18n'

type Row = {
  id: string
  at: Date | string
  kind: 'application' | 'document' | 'export' | 'reveal' | 'archive'
  applicationId: string | null
  detail: string | null
  reason: string | null
  actor: { nameZh: string; nameEn: string }
}

/** Who accessed a student's personal data (the admin's per-student view). */
export function AccessLog({ rows }: { rows: readonly Row[] }) {
  const t = useT()
  const locale = useLocale()
  return (
    <div className="card" data-testid="access-log">
      <h2>{t('privacy.log.title')}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('privacy.log.none')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('privacy.log.at')}</th>
              <th>{t('privacy.log.who')}</th>
              <th>{t('privacy.log.what')}</th>
              <th>{t('privacy.log.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{formatDateTime(locale, new Date(r.at))}</td>
                <td>{locale === 'en' ? r.actor.nameEn : r.actor.nameZh}</td>
                <td>
                  {t(`privacy.log.kind.${r.kind}`)}
                  {r.detail ? ` · ${r.detail}` : ''}
                  {r.applicationId && (
                    <>
                      {' · '}
                      <a href={`/review/${r.applicationId}`}>{r.applicationId}</a>
                    </>
                  )}
                </td>
                <td>{r.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
