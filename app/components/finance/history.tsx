import { auditActionLabel, statusChangeLabel } from '~/components/audit-labels'
import { useLocale, useT } from '~/components/i18n'
import { formatDateTime } from '~/i18n'
import type { AwardPageData } from '~/models/award-page.server'

/** The award's steps and the return report it is paid against, oldest first. */
export function AwardHistory({ history }: Pick<AwardPageData, 'history'>) {
  const t = useT()
  const locale = useLocale()
  return (
    <>
      <h2>{t('finance.award.history')}</h2>
      <ul className="timeline" data-testid="award-history">
        {history.map((h) => (
          <li key={h.id}>
            <strong>{auditActionLabel(t, h.action)}</strong>
            <span className="muted">
              {' '}
              · {formatDateTime(locale, h.at)}
              {h.actor && ` · ${locale === 'en' ? h.actor.nameEn : h.actor.nameZh}`}
            </span>
            {h.change && <div>{statusChangeLabel(t, h.change)}</div>}
            {h.text && <div>{h.text}</div>}
          </li>
        ))}
      </ul>
    </>
  )
}
