import { statusKey, timelineActionKey } from '~/components/status-labels'
import { useLocale, useT } from '~/components/i18n'
import { formatDateTime } from '~/i18n'

export type TimelineItem = {
  id: string
  at: Date | string
  kind: 'event' | 'comment'
  action: string
  status: string | null
  text: string | null
}

/** Every step of an application with its date, and the comments addressed to the student. */
export function Timeline({ items }: { items: TimelineItem[] }) {
  const t = useT()
  const locale = useLocale()
  if (items.length === 0) return <p className="muted">{t('timeline.empty')}</p>
  return (
    <ol className="timeline" data-testid="timeline">
      {items.map((item) => {
        const key = item.kind === 'comment' ? 'timeline.comment' : timelineActionKey(item.action)
        const status = item.status && statusKey('application', item.status)
        return (
          <li key={item.id}>
            <time className="muted">{formatDateTime(locale, item.at)}</time>
            <div>
              <strong>{key ? t(key) : item.action}</strong>
              {status && <span className={`badge badge-${item.status}`}>{t(status)}</span>}
              {item.text && <p className="pre-wrap">{item.text}</p>}
            </div>
          </li>
        )
      })}
    </ol>
  )
}
