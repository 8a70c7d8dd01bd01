import { useLocale, useT } from '~/components/i18n'
import { usePlainLinks } from '~/components/plain-links'

type Assigned = {
  id: string
  applicant: { nameZh: string; nameEn: string }
  program: { titleZh: string; titleEn: string }
  round: { titleZh: string; titleEn: string } | null
}

/** The applications the office assigned to this reviewer that wait for them: shown above the queue. */
export function AssignedToMe({ assigned }: { assigned: Assigned[] }) {
  const t = useT()
  const en = useLocale() === 'en'
  const list = usePlainLinks<HTMLUListElement>()
  if (!assigned.length) return null
  return (
    <div className="card" data-testid="assigned-to-me">
      <h2 className="h3">{t('queue.assigned.title')}</h2>
      <ul ref={list}>
        {assigned.map((a) => (
          <li key={a.id}>
            <a href={`/review/${a.id}`}>{en ? a.applicant.nameEn : a.applicant.nameZh}</a> · {en ? a.program.titleEn : a.program.titleZh}
            {a.round && ` · ${en ? a.round.titleEn : a.round.titleZh}`}
          </li>
        ))}
      </ul>
    </div>
  )
}
