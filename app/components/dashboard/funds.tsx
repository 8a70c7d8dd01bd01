import { formatFen } from '~/domain/money'
import { percentOf } from '~/domain/policy'
import type { DashboardFigures } from '~/models/dashboard.server'
import { Bar, Num, scopeFilters, useFigureText } from './figure'

/** The year's funds: money used against the budget (or a college's allocation). */
export function Funds({ figures: f }: { figures: DashboardFigures }) {
  const { t, locale, name, pct } = useFigureText()
  const { base } = scopeFilters(f)
  return (
    <>
      <h2>{t('dashboard.funds')}</h2>
      {f.funds.length === 0 ? (
        <p className="card muted">{t('dashboard.fundsNone')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data compact" data-testid="funds">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.fund')}</th>
                <th scope="col" className="num">
                  {t('dashboard.fundUsed')}
                </th>
                <th scope="col" className="num">
                  {f.college ? t('dashboard.fundAllocation') : t('dashboard.fundBudget')}
                </th>
              </tr>
            </thead>
            <tbody>
              {f.funds.map((fund) => {
                const p = percentOf(fund.usedFen, fund.budgetFen)
                return (
                  <tr key={fund.id}>
                    <th scope="row">{name(fund)}</th>
                    <td className="num cell-progress">
                      <Num filter={{ ...base, fund: fund.id }}>{formatFen(fund.usedFen, locale)}</Num>
                      {p !== null && <span className="muted"> · {pct(p)}</span>}
                      {p !== null && <Bar percent={p} />}
                    </td>
                    <td className="num">{fund.budgetFen === null ? t('dashboard.fundNoAllocation') : formatFen(fund.budgetFen, locale)}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
