import { conferenceCountryLabel } from '~/domain/policy'
import { isMessageKey } from '~/i18n'
import type { DashboardFigures } from '~/models/dashboard.server'
import { Num, scopeFilters, useFigureText } from './figure'

/** Where people went: regions and their countries, then trips without a partner by country. */
export function Places({ figures: f }: { figures: DashboardFigures }) {
  const { t, locale } = useFigureText()
  const { base } = scopeFilters(f)
  const label = (key: string) => (isMessageKey(key) ? t(key) : key.split('.').pop()!)
  return (
    <>
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
    </>
  )
}
