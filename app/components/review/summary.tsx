import { useLocale, useT } from '~/components/i18n'
import { holder } from '~/domain/workflow'
import { formatDateTime } from '~/i18n'
import type { ReviewPageData } from '~/models/review-page.server'
import { SourceMark } from '~/components/application/answers'
import { usePersonName } from './person'

type Props = Pick<ReviewPageData, 'application' | 'applicant' | 'program' | 'placesTaken' | 'now' | 'sources'>

/** Who applied for what, where the application is, whose turn it is and for how long, and the program's places. */
export function ApplicationSummary({ application, applicant, program, placesTaken, now, sources }: Props) {
  const t = useT()
  const locale = useLocale()
  const name = usePersonName()
  const who = holder(application.status)
  const days = Math.floor((new Date(now).getTime() - new Date(application.statusChangedAt).getTime()) / 86_400_000)
  return (
    <div className="card">
      <div className="app-head">
        <h1>{name(applicant)}</h1>
        <span className={`badge badge-${application.status}`} data-testid="application-status">
          {t(`status.${application.status}`)}
        </span>
      </div>
      <dl className="facts">
        <dt>{t('rv.studentNumber')}</dt>
        <dd data-testid="applicant-student-number">
          {applicant.studentNumber} <SourceMark source={sources.applicant} />
        </dd>
        <dt>{t('rv.college')}</dt>
        <dd>
          {name(applicant.college)} <SourceMark source={sources.applicant} />
        </dd>
        <dt>{t('rv.level')}</dt>
        <dd>
          {applicant.level && t(`level.${applicant.level}`)} <SourceMark source={sources.applicant} />
        </dd>
        {sources.record && (
          <>
            <dt>{t('campus.record.programme')}</dt>
            <dd>
              {sources.record.programme} · {t('campus.record.enrolmentYear')} {sources.record.enrolmentYear} <SourceMark source="records" />
            </dd>
          </>
        )}
        <dt>{t('rv.program')}</dt>
        <dd>
          {locale === 'en' ? program.titleEn : program.titleZh} · {t(`kind.${application.kind}`)}
        </dd>
        <dt>{t('rv.submittedAt')}</dt>
        <dd>{application.submittedAt && formatDateTime(locale, application.submittedAt)}</dd>
      </dl>
      <p className="muted">
        {who && t('rv.holder', { holder: t(`workflow.holder.${who}`), days })} ·{' '}
        <span data-testid="quota">
          {program.quota === null ? t('rv.noQuota', { taken: placesTaken }) : t('rv.quota', { taken: placesTaken, quota: program.quota })}
        </span>
      </p>
    </div>
  )
}
