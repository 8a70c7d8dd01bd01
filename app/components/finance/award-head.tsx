import { Link } from '@remix-run/react'
import { useLocale, useT } from '~/components/i18n'
import { formatFen } from '~/domain/money'
import type { AwardPageData } from '~/models/award-page.server'

type Named = { nameZh: string; nameEn: string }
type Titled = { titleZh: string; titleEn: string }

function useNames() {
  const locale = useLocale()
  return {
    name: (x: Named) => (locale === 'en' ? x.nameEn : x.nameZh),
    title: (x: Titled) => (locale === 'en' ? x.titleEn : x.titleZh),
    money: (fen: number) => formatFen(fen, locale),
  }
}

/** Whose award it is, for what, the way to the application, and the award's status. */
export function AwardHead({ award, application }: Pick<AwardPageData, 'award' | 'application'>) {
  const t = useT()
  const { name, title } = useNames()
  return (
    <div className="app-head">
      <div>
        <h1>
          {t('finance.award.title')} · {name(application.applicant)}
        </h1>
        <p className="muted">
          {application.applicant.studentNumber} · {name(application.applicant.college!)} · {t(`kind.${application.kind}`)} ·{' '}
          {title(application.program)} · {application.reference}
        </p>
        <p>
          <Link to={`/review/${application.id}`}>{t('finance.award.openApplication')} →</Link>
        </p>
      </div>
      <span
        className={`badge badge-${award.status === 'paid' ? 'approved' : award.status === 'released' ? 'withdrawn' : 'waitlisted'}`}
        data-testid="award-status"
      >
        {t(`finance.award.status.${award.status}`)}
      </span>
    </div>
  )
}

type FiguresProps = Pick<AwardPageData, 'award' | 'fundRemainingFen' | 'allocation' | 'allocationRemainingFen' | 'flags' | 'others'>

/** The fund, what is left of it and of the college's allocation (or the pool), the award's flags, and the student's other awards. */
export function AwardFigures({ award, fundRemainingFen, allocation, allocationRemainingFen, flags, others }: FiguresProps) {
  const t = useT()
  const { name, title, money } = useNames()
  return (
    <>
      <div className="grid">
        <div className="stat">
          <div className="value">{name(award.fund)}</div>
          <div className="label">{t('finance.award.fund')}</div>
        </div>
        <div className="stat">
          <div className="value" data-testid="fund-remaining">
            {money(fundRemainingFen)}
          </div>
          <div className="label">{t('finance.queue.fundRemaining')}</div>
        </div>
        <div className="stat">
          <div className="value">{money(allocationRemainingFen)}</div>
          <div className="label">{t(allocation === 'college' ? 'finance.queue.allocationRemaining' : 'finance.queue.poolRemaining')}</div>
        </div>
      </div>

      {flags.length > 0 && (
        <p className="badges" data-testid="award-flags">
          {flags.map((flag) => (
            <span key={flag} className="badge badge-changes_requested">
              {t(`finance.flag.${flag}`)}
            </span>
          ))}
        </p>
      )}

      {others.length > 0 && (
        <div className="card">
          <h2>{t('finance.queue.others')}</h2>
          <ul className="plain">
            {others.map((o) => (
              <li key={o.id}>
                {title(o.program)} · {name(o.fund)} · {money(o.approvedFen)} · {t(`finance.award.status.${o.status}`)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  )
}
