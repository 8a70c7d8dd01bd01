import { percentOf, shareOf } from '~/domain/policy'
import type { DashboardFigures } from '~/models/dashboard.server'
import { Bar, Num, scopeFilters, useFigureText } from './figure'

/** Each target's count against it, the total, and the Belt-and-Road share, with last year's. */
export function Headline({ figures: f }: { figures: DashboardFigures }) {
  const { t, pct, change } = useFigureText()
  const { base, before } = scopeFilters(f)
  const bri = shareOf(f.beltAndRoad.count, f.beltAndRoad.total)
  const briBefore = shareOf(f.beltAndRoad.previous.count, f.beltAndRoad.previous.total)
  return (
    <>
      <h2>{t('dashboard.headline')}</h2>
      <div className="grid headline">
        {f.headline.map((h) => {
          const p = percentOf(h.count, h.target)
          return (
            <div className="stat" key={h.kind} data-testid={`headline-${h.kind}`}>
              <div className="label">{t(`dashboard.targetKind.${h.kind}`)}</div>
              <div className="value">
                <Num filter={{ ...base, target: h.kind }} testId={`count-${h.kind}`}>
                  {h.count}
                </Num>
                <span className="of"> / {h.target ?? t('dashboard.noTarget')}</span>
              </div>
              <Bar percent={p} />
              <div className="small" data-testid={`percent-${h.kind}`}>
                {p === null ? t('dashboard.noTarget') : t('dashboard.percentOfTarget', { percent: p })}
              </div>
              <div className="small muted">
                {t('dashboard.lastYear', { year: f.previousYear })}: <Num filter={{ ...before, target: h.kind }}>{h.previous}</Num>
                {h.previousTarget !== null && ` / ${h.previousTarget}`} · {change(h.count, h.previous)}
              </div>
            </div>
          )
        })}
        <div className="stat" data-testid="headline-total">
          <div className="label">{t('dashboard.total')}</div>
          <div className="value">
            <Num filter={base}>{f.total.count}</Num>
          </div>
          <div className="small muted">
            {t('dashboard.lastYear', { year: f.previousYear })}: <Num filter={before}>{f.total.previous}</Num> ·{' '}
            {change(f.total.count, f.total.previous)}
          </div>
          <div className="small muted">
            {t('dashboard.untargeted')}: <Num filter={{ ...base, target: 'none' }}>{f.untargeted.count}</Num>
          </div>
        </div>
        <div className="stat" data-testid="headline-bri">
          <div className="label">{t('dashboard.beltAndRoad')}</div>
          <div className="value">{pct(bri)}</div>
          <Bar percent={bri} />
          <div className="small">
            <Num filter={{ ...base, beltAndRoad: '1' }}>{f.beltAndRoad.count}</Num> / <Num filter={base}>{f.beltAndRoad.total}</Num>
          </div>
          <div className="small muted">
            {t('dashboard.lastYear', { year: f.previousYear })}: {pct(briBefore)} (
            <Num filter={{ ...before, beltAndRoad: '1' }}>{f.beltAndRoad.previous.count}</Num> /{' '}
            <Num filter={before}>{f.beltAndRoad.previous.total}</Num>)
          </div>
        </div>
      </div>
      <p className="muted small">
        {f.facultyTarget === null ? t('dashboard.facultyNoTarget') : t('dashboard.faculty', { target: f.facultyTarget })}
      </p>
    </>
  )
}
