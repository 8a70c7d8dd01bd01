import { Link } from '@remix-run/react'
import { useT } from '~/components/i18n'

/** On an application made in a round: the way to its choices, and to the offer while it waits for an answer. */
export function RoundLinks({
  applicationId,
  roundId,
  status,
  answered,
}: {
  applicationId: string
  roundId: string | null
  status: string
  answered: string | null
}) {
  const t = useT()
  if (!roundId) return null
  return (
    <>
      {answered === 'accepted' && (
        <p className="alert alert-ok" role="status">
          {t('round.offer.accepted')}
        </p>
      )}
      {answered === 'declined' && (
        <p className="alert alert-ok" role="status">
          {t('round.offer.declined')}
        </p>
      )}
      {status === 'offered' && (
        <p className="alert alert-warn">
          <Link to={`/student/applications/${applicationId}/offer`} className="button primary">
            {t('round.offer.link')}
          </Link>
        </p>
      )}
      <p>
        <Link to={`/rounds/${roundId}`}>{t('round.mine.title')}</Link>
      </p>
    </>
  )
}
