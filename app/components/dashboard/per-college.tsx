import { percentOf, trackedTargetKinds } from '~/domain/policy'
import type { DashboardFigures } from '~/models/dashboard.server'
import { Bar, Num, scopeFilters, useFigureText } from './figure'

/** Each college's counts against its targets. */
export function PerCollege({ figures: f }: { figures: DashboardFigures }) {
  const { t, name, pct } = useFigureText()
  const { base } = scopeFilters(f)
  return (
    <>
      <h2>{t('dashboard.perCollege')}</h2>
      <div className="table-wrap">
        <table className="data compact" data-testid="per-college">
          <thead>
            <tr>
              <th scope="col">{t('dashboard.college')}</th>
              {trackedTargetKinds.map((k) => (
                <th key={k} scope="col">
                  {t(`dashboard.targetKind.${k}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {f.colleges.map((c) => (
              <tr key={c.id} data-college={c.code}>
                <th scope="row">{name(c)}</th>
                {trackedTargetKinds.map((k) => {
                  const target = c.targets[k]
                  const p = percentOf(c.counts[k], target)
                  return (
                    <td key={k} className="cell-progress">
                      <Num filter={{ ...base, college: c.id, target: k }}>{c.counts[k]}</Num> / {target ?? t('dashboard.notApplicable')}
                      {p !== null && <span className="muted"> · {pct(p)}</span>}
                      {target !== undefined && <Bar percent={p} />}
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}
