import { formatCredits } from '~/domain/learning-agreement'
import type { CollegeCredits } from '~/models/credit-figures.server'
import { useLocale, useT } from '../i18n'

/** Per college: credits planned in learning agreements against those recognised (decision 26). */
export function CreditRecognition({ colleges }: { colleges: CollegeCredits[] }) {
  const t = useT()
  const locale = useLocale()
  return (
    <>
      <h2>{t('la.dashboard.title')}</h2>
      <p className="muted">{t('la.dashboard.intro')}</p>
      <div className="table-wrap">
        <table className="data compact" data-testid="credit-recognition">
          <thead>
            <tr>
              <th scope="col">{t('dashboard.college')}</th>
              <th scope="col">{t('la.dashboard.agreements')}</th>
              <th scope="col">{t('la.dashboard.planned')}</th>
              <th scope="col">{t('la.dashboard.recognised')}</th>
            </tr>
          </thead>
          <tbody>
            {colleges.map((c) => (
              <tr key={c.id} data-college={c.code}>
                <th scope="row">{locale === 'en' ? c.nameEn : c.nameZh}</th>
                <td>{c.agreements}</td>
                <td data-testid="planned">{formatCredits(c.plannedTenths)}</td>
                <td data-testid="recognised">{formatCredits(c.recognisedTenths)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}
