import { useLocale, useT } from '~/components/i18n'
import { mobilityCost } from '~/domain/funding'
import { formatFen } from '~/domain/money'
import type { CostLine } from '~/models/co-funding.server'

const share = (n: number) => `${(n * 100).toFixed(1)}%`

/** Cost per mobility and the university's share, by kind and college, with the total (ADR 0024). */
export function CostPerMobility({ lines }: { lines: CostLine[] }) {
  const t = useT()
  const locale = useLocale()
  const name = (l: CostLine) => (locale === 'en' ? l.nameEn : l.nameZh)
  const total = lines.reduce(
    (s, l) => ({
      mobilities: s.mobilities + l.mobilities,
      universityFen: s.universityFen + l.universityFen,
      otherFen: s.otherFen + l.otherFen,
    }),
    { mobilities: 0, universityFen: 0, otherFen: 0 },
  )
  const row = (l: typeof total) => {
    const c = mobilityCost(l)
    return (
      <>
        <td className="num">{l.mobilities}</td>
        <td className="num">{formatFen(l.universityFen, locale)}</td>
        <td className="num">{formatFen(l.otherFen, locale)}</td>
        <td className="num">{formatFen(c.perMobilityFen, locale)}</td>
        <td className="num">{share(c.universityShare)}</td>
      </>
    )
  }
  return (
    <>
      <h2>{t('cost.title')}</h2>
      {lines.length === 0 ? (
        <p className="card muted">{t('cost.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data compact" data-testid="cost-per-mobility">
            <thead>
              <tr>
                <th scope="col">{t('cost.kind')}</th>
                <th scope="col">{t('cost.college')}</th>
                <th scope="col" className="num">
                  {t('cost.mobilities')}
                </th>
                <th scope="col" className="num">
                  {t('cost.university')}
                </th>
                <th scope="col" className="num">
                  {t('cost.other')}
                </th>
                <th scope="col" className="num">
                  {t('cost.perMobility')}
                </th>
                <th scope="col" className="num">
                  {t('cost.share')}
                </th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={`${l.kind}-${l.collegeId}`}>
                  <td>{t(`kind.${l.kind as 'exchange' | 'joint_training' | 'conference'}`)}</td>
                  <td>{name(l)}</td>
                  {row(l)}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th colSpan={2}>{t('cost.total')}</th>
                {row(total)}
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </>
  )
}
