import { useEffect, useState } from 'react'
import { formatDate } from '~/i18n'
import { useLocale, useT } from './i18n'

const MINUTE = 60_000

/**
 * Time left until a deadline. The server renders it against its own clock; in the browser it
 * ticks every minute, so a student who leaves the page open sees the real time left.
 */
export function Deadline({ opensAt, closesAt, serverNow }: { opensAt: Date | string; closesAt: Date | string; serverNow: Date | string }) {
  const t = useT()
  const locale = useLocale()
  const [now, setNow] = useState(() => new Date(serverNow).getTime())
  useEffect(() => {
    setNow(Date.now())
    const timer = setInterval(() => setNow(Date.now()), MINUTE)
    return () => clearInterval(timer)
  }, [])
  const open = new Date(opensAt).getTime()
  const close = new Date(closesAt).getTime()
  if (now < open) return <span className="deadline">{t('deadline.notOpen', { date: formatDate(locale, opensAt) })}</span>
  const left = close - now
  if (left <= 0) return <span className="deadline deadline-closed">{t('deadline.closed')}</span>
  const text =
    left >= 2 * 24 * 60 * MINUTE
      ? t('deadline.days', { days: Math.floor(left / (24 * 60 * MINUTE)) })
      : left >= 60 * MINUTE
        ? t('deadline.hours', { hours: Math.floor(left / (60 * MINUTE)) })
        : t('deadline.minutes', { minutes: Math.max(1, Math.floor(left / MINUTE)) })
  return <span className={`deadline${left < 3 * 24 * 60 * MINUTE ? ' deadline-soon' : ''}`}>{text}</span>
}
