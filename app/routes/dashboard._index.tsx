import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useLocale, useT } from '~/components/i18n'
import { academicYearOf } from '~/domain/academic-year'
import { formatFen } from '~/domain/money'
import {
  barWidth,
  conferenceCountryLabel,
  drillDownHref,
  percentOf,
  shareOf,
  trackedTargetKinds,
  yearOverYear,
  type MobilityFilter,
} from '~/domain/policy'
import { isMessageKey } from '~/i18n'
import { dashboardFigures, dashboardScope, dashboardYears } from '~/models/dashboard.server'
import { activeColleges } from '~/models/college.server'
import styles from '~/styles/dashboard.css?url'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope, everyCollege } = await dashboardScope(request)
  const [figures, years, colleges] = await Promise.all([
    dashboardFigures(scope),
    dashboardYears(academicYearOf(new Date())),
    everyCollege ? activeColleges() : Promise.resolve([]),
  ])
  return { figures, years, colleges, everyCollege }
}

function Bar({ percent }: { percent: number | null }) {
  // Decorative: the number and percent it draws are written beside it.
  const width = barWidth(percent)
  return (
    <svg className={`bar${(percent ?? 0) >= 100 ? ' bar-full' : ''}`} viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <rect className="bar-track" width="100" height="6" rx="3" />
      {width > 0 && <rect className="bar-fill" width={width} height="6" rx="3" />}
    </svg>
  )
}

/** A number that opens the applications behind it. */
function Num({ filter, children, testId }: { filter: MobilityFilter; children: ReactNode; testId?: string }) {
  return (
    <Link to={drillDownHref(filter)} className="figure" data-testid={testId}>
      {children}
    </Link>
  )
}

export default function Dashboard() {
  const t = useT()
  const locale = useLocale()
  const { figures: f, years, colleges, everyCollege } = useLoaderData<typeof loader>()
  const name = (x: { nameZh: string; nameEn: string }) => (locale === 'en' ? x.nameEn : x.nameZh)
  const base: MobilityFilter = { year: f.year, college: f.college?.id }
  const before: MobilityFilter = { ...base, year: f.previousYear }
  const pct = (p: number | null) => (p === null ? t('dashboard.notApplicable') : t('dashboard.percent', { percent: p }))
  const signed = (n: number) => (n > 0 ? `+${n}` : String(n))
  const change = (now: number, then: number) => {
    const yoy = yearOverYear(now, then)
    return yoy.percent === null
      ? t('dashboard.change', { delta: signed(yoy.delta) })
      : t('dashboard.changePercent', { delta: signed(yoy.delta), percent: signed(yoy.percent) })
  }
  const label = (key: string) => (isMessageKey(key) ? t(key) : key.split('.').pop()!)
  const exportQuery = new URLSearchParams({ year: f.year, ...(f.college ? { college: f.college.id } : {}) })
  const bri = shareOf(f.beltAndRoad.count, f.beltAndRoad.partnerTotal)
  const briBefore = shareOf(f.beltAndRoad.previous.count, f.beltAndRoad.previous.partnerTotal)

  return (
    <section className="dashboard">
      <h1>{t('dashboard.title')}</h1>
      <p className="muted">{t('dashboard.intro')}</p>
      <Form method="get" className="dashboard-filters">
        <label>
          {t('dashboard.year')}{' '}
          <select name="year" defaultValue={f.year}>
            {years.map((y) => (
              <option key={y}>{y}</option>
            ))}
          </select>
        </label>
        {everyCollege && (
          <label>
            {t('dashboard.college')}{' '}
            <select name="college" defaultValue={f.college?.id ?? ''}>
              <option value="">{t('dashboard.allColleges')}</option>
              {colleges.map((c) => (
                <option key={c.id} value={c.id}>
                  {name(c)}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" className="secondary">
          {t('dashboard.show')}
        </button>
        <a href={`/dashboard/export.xlsx?${exportQuery}`} className="button secondary" download>
          {t('dashboard.export')}
        </a>
      </Form>
      <p data-testid="dashboard-scope">
        <strong>
          {f.college ? t('dashboard.scopeCollege', { college: name(f.college), year: f.year }) : t('dashboard.scopeUniversity', { year: f.year })}
        </strong>
      </p>

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
                {t('dashboard.lastYear', { year: f.previousYear })}:{' '}
                <Num filter={{ ...before, target: h.kind }}>{h.previous}</Num>
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
            {t('dashboard.lastYear', { year: f.previousYear })}: <Num filter={before}>{f.total.previous}</Num> · {change(f.total.count, f.total.previous)}
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
            <Num filter={{ ...base, partner: 'any', beltAndRoad: '1' }}>{f.beltAndRoad.count}</Num> /{' '}
            <Num filter={{ ...base, partner: 'any' }}>{f.beltAndRoad.partnerTotal}</Num>
          </div>
          <div className="small muted">
            {t('dashboard.lastYear', { year: f.previousYear })}: {pct(briBefore)} (
            <Num filter={{ ...before, partner: 'any', beltAndRoad: '1' }}>{f.beltAndRoad.previous.count}</Num> /{' '}
            <Num filter={{ ...before, partner: 'any' }}>{f.beltAndRoad.previous.partnerTotal}</Num>)
          </div>
        </div>
      </div>
      <p className="muted small">{f.facultyTarget === null ? t('dashboard.facultyNoTarget') : t('dashboard.faculty', { target: f.facultyTarget })}</p>

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

      <h2>{t('dashboard.places')}</h2>
      {f.regions.length === 0 && f.withoutPartner.length === 0 ? (
        <p className="card muted">{t('dashboard.noMobilities')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data compact" data-testid="places">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.region')}</th>
                <th scope="col">{t('dashboard.country')}</th>
                <th scope="col" className="num">
                  {t('dashboard.mobilities')}
                </th>
              </tr>
            </thead>
            <tbody>
              {f.regions.map((r) => [
                <tr key={r.region} className="group">
                  <th scope="rowgroup" colSpan={2}>
                    {label(`region.${r.region}`)}
                  </th>
                  <td className="num">
                    <Num filter={{ ...base, partner: 'any', region: r.region }}>{r.count}</Num>
                  </td>
                </tr>,
                ...r.countries.map((c) => (
                  <tr key={`${r.region}-${c.code}`}>
                    <td />
                    <td>{locale === 'en' ? c.en : c.zh}</td>
                    <td className="num">
                      <Num filter={{ ...base, partner: 'any', country: c.code }}>{c.count}</Num>
                    </td>
                  </tr>
                )),
              ])}
              {f.withoutPartner.length > 0 && (
                <tr className="group">
                  <th scope="rowgroup" colSpan={2}>
                    {t('dashboard.withoutPartner')}
                  </th>
                  <td className="num">
                    <Num filter={{ ...base, partner: 'none' }}>{f.withoutPartner.reduce((s, c) => s + c.count, 0)}</Num>
                  </td>
                </tr>
              )}
              {f.withoutPartner.map((c) => (
                <tr key={`conference-${c.country}`}>
                  <td />
                  <td>{conferenceCountryLabel(c.country, locale) ?? t('dashboard.noCountry')}</td>
                  <td className="num">
                    <Num filter={{ ...base, partner: 'none', conferenceCountry: c.country }}>{c.count}</Num>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

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
    </section>
  )
}
