import { percentOf } from '~/domain/policy'
import type { DashboardFigures } from '~/models/dashboard.server'
import { Bar, Num, scopeFilters, useFigureText } from './figure'

/** Each partner tier: how many of its partners had someone go, against the plan. */
export function Tiers({ figures: f }: { figures: DashboardFigures }) {
  const { t, pct } = useFigureText()
  const { base } = scopeFilters(f)
  return (
    <>
      <h2>{t('dashboard.tiers')}</h2>
      <div className="table-wrap">
        <table className="data compact" data-testid="tiers">
          <thead>
            <tr>
              <th scope="col">{t('dashboard.tier')}</th>
              <th scope="col">{t('dashboard.tierCovered')}</th>
              <th scope="col" className="num">
                {t('dashboard.tierPlan')}
              </th>
              <th scope="col" className="num">
                {t('dashboard.mobilities')}
              </th>
            </tr>
          </thead>
          <tbody>
            {f.tiers.map((tier) => {
              const p = percentOf(tier.covered, tier.partners)
              return (
                <tr key={tier.tier} data-tier={tier.tier}>
                  <th scope="row">{t(`tier.${tier.tier}`)}</th>
                  <td className="cell-progress">
                    {t('dashboard.tierCoverageText', { covered: tier.covered, partners: tier.partners })} · {pct(p)}
                    <Bar percent={p} />
                  </td>
                  <td className="num">{tier.plan}</td>
                  <td className="num">
                    <Num filter={{ ...base, partner: 'any', tier: tier.tier }}>{tier.mobilities}</Num>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </>
  )
}
