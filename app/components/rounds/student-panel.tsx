import { Form, Link } from '@remix-run/react'
import { useLocale, useT } from '~/components/i18n'
import type { RoundStage } from '~/domain/rounds'
import type { Finding } from '~/domain/eligibility'
import { translateError } from '~/i18n'

type Side = {
  application: { id: string; status: string } | null
  choices: { rank: number; programId: string; titleZh: string; titleEn: string; failures: Finding[]; warnings: Finding[] }[]
  inTheWay: { id: string; program: { titleZh: string; titleEn: string } } | null
}
type Round = { stage: RoundStage; maxChoices: number; programs: { id: string; titleZh: string; titleEn: string }[] }

/** A student's side of the round: their ranked choices (with eligibility), or the form to make them. */
export function StudentPanel({ round, side }: { round: Round; side: Side }) {
  const t = useT()
  const locale = useLocale()
  const title = (p: { titleZh: string; titleEn: string }) => (locale === 'en' ? p.titleEn : p.titleZh)
  const editable = round.stage === 'open' && (!side.application || side.application.status === 'draft')
  if (side.inTheWay)
    return (
      <p className="alert alert-warn">
        {t('round.inTheWay', { program: title(side.inTheWay.program) })}{' '}
        <Link to={`/student/applications/${side.inTheWay.id}`}>{t('round.inTheWayLink')}</Link>
      </p>
    )
  return (
    <div className="card stack" data-testid="my-choices">
      <h2 className="h3">{side.application ? t('round.mine.title') : t('round.choose.title')}</h2>
      {side.choices.length > 0 && (
        <ol>
          {side.choices.map((c) => (
            <li key={c.programId} data-program={c.programId}>
              {title(c)} ·{' '}
              {c.failures.length ? (
                <span className="badge badge-warn">
                  {t('round.mine.ineligible')}:{' '}
                  {c.failures.map((f) => translateError(t, `${f.code}|${JSON.stringify(f.params)}`)).join(' ')}
                </span>
              ) : (
                <span className="badge badge-ok">{t('round.mine.eligible')}</span>
              )}
            </li>
          ))}
        </ol>
      )}
      {side.application && (
        <p>
          <Link to={`/student/applications/${side.application.id}`}>
            {side.application.status === 'draft' ? t('round.mine.continue') : t('round.mine.view')}
          </Link>
        </p>
      )}
      {editable ? (
        <Form method="post" className="stack">
          <p className="muted small">{t('round.choose.intro')}</p>
          <input type="hidden" name="intent" value="choose" />
          {Array.from({ length: round.maxChoices }, (_, i) => (
            <div className="field" key={i}>
              <label htmlFor={`choice-${i}`}>{t('round.choose.rank', { rank: i + 1 })}</label>
              <select id={`choice-${i}`} name={`choice[${i}]`} defaultValue={side.choices[i]?.programId ?? ''} required={i === 0}>
                <option value="">{t('round.choose.none')}</option>
                {round.programs.map((p) => (
                  <option key={p.id} value={p.id}>
                    {title(p)}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <button type="submit" className="primary">
            {side.application ? t('round.choose.save') : t('round.choose.start')}
          </button>
        </Form>
      ) : (
        !side.application && <p className="muted">{t('round.notOpenForYou')}</p>
      )}
    </div>
  )
}
