import { Link } from '@remix-run/react'
import { useLocale, useT } from '~/components/i18n'
import type { RoundStage } from '~/domain/rounds'
import { formatDate, formatDateTime } from '~/i18n'

type Round = {
  id: string
  titleZh: string
  titleEn: string
  stage: RoundStage
  opensAt: Date | string
  closesAt: Date | string
  maxChoices: number
  offerDeadline: Date | string
  announcementEndsOn: string | null
}

/** A round's title, stage and dates: on the list and at the top of its page. */
export function RoundFacts({ round, link = false }: { round: Round; link?: boolean }) {
  const t = useT()
  const locale = useLocale()
  const title = locale === 'en' ? round.titleEn : round.titleZh
  return (
    <div className="stack-tight">
      {/* On the list each round is a heading linking to its page; on its page, the page's title. */}
      {link ? (
        <h2 className="h3">
          <Link to={`/rounds/${round.id}`}>{title}</Link> <span className="badge">{t(`round.stage.${round.stage}`)}</span>
        </h2>
      ) : (
        <h1>
          {title} <span className="badge">{t(`round.stage.${round.stage}`)}</span>
        </h1>
      )}
      <p className="muted small">
        {t('round.window', { opens: formatDate(locale, round.opensAt), closes: formatDateTime(locale, round.closesAt) })} ·{' '}
        {t('round.choicesAllowed', { count: round.maxChoices })} ·{' '}
        {t('round.offerDeadline', { deadline: formatDateTime(locale, round.offerDeadline) })}
      </p>
    </div>
  )
}
