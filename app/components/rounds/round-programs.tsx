import { useLocale, useT } from '~/components/i18n'
import type { ScoreFormula } from '~/domain/selection-score'

type Program = {
  id: string
  titleZh: string
  titleEn: string
  quota: number | null
  partner: { nameZh: string; nameEn: string; countryZh: string; countryEn: string } | null
}

/** The round's programs with their places, and how the composite score is made. */
export function RoundPrograms({ round }: { round: { programs: Program[]; formula: unknown } }) {
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  const { weights } = round.formula as ScoreFormula
  return (
    <div className="card">
      <h2 className="h3">{t('round.programs')}</h2>
      <ul data-testid="round-program-list">
        {round.programs.map((p) => (
          <li key={p.id}>
            {en ? p.titleEn : p.titleZh}
            {p.partner && ` · ${en ? p.partner.nameEn : p.partner.nameZh}, ${en ? p.partner.countryEn : p.partner.countryZh}`} ·{' '}
            {p.quota === null ? t('round.noQuota') : t('round.places', { count: p.quota })}
          </li>
        ))}
      </ul>
      <p className="muted small">{t('round.formula', weights)}</p>
    </div>
  )
}
