import { Link } from '@remix-run/react'
import { useLocale, useT } from '~/components/i18n'
import { dueForRenewal, inForce, type AgreementType, type ExchangeBalance } from '~/domain/agreements'
import { formatDate, formatList } from '~/i18n'

type AgreementRow = {
  id: string
  type: AgreementType
  startsOn: string
  endsOn: string
  placesOut: number | null
  placesIn: number | null
  signedName: string | null
  retiredAt: string | Date | null
  colleges: { id: string; nameZh: string; nameEn: string }[]
}

/** The state an agreement is in today, as a badge. */
export function AgreementState({
  agreement,
  today,
}: {
  agreement: Pick<AgreementRow, 'startsOn' | 'endsOn' | 'retiredAt'>
  today: string
}) {
  const t = useT()
  const period = { ...agreement, retired: agreement.retiredAt !== null }
  if (period.retired) return <span className="badge">{t('adminConfig.retired')}</span>
  if (agreement.endsOn < today) return <span className="badge">{t('agreements.state.ended')}</span>
  if (!inForce(period, today)) return <span className="badge">{t('agreements.state.notYet')}</span>
  if (dueForRenewal(period, today)) return <span className="badge badge-changes">{t('agreements.state.renewal')}</span>
  return <span className="badge badge-approved">{t('agreements.state.inForce')}</span>
}

/** The partner page's agreements and this year's exchange balance (students sent vs places). */
export function PartnerAgreements({
  partnerId,
  today,
  agreements,
  balance,
}: {
  partnerId: string
  today: string
  agreements: AgreementRow[]
  balance: ExchangeBalance & { year: string }
}) {
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  const places = (n: number | null) => (n === null ? t('agreements.balance.unlimited') : String(n))
  return (
    <>
      <section className="card" data-testid="partner-agreements">
        <h2>{t('agreements.title')}</h2>
        <p>
          <Link to={`/admin/agreements/new?partner=${partnerId}`}>{t('agreements.new')}</Link>
        </p>
        {agreements.length === 0 ? (
          <p className="muted">{t('agreements.list.none')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t('agreements.type')}</th>
                <th>{t('agreements.startsOn')}</th>
                <th>{t('agreements.endsOn')}</th>
                <th>{t('agreements.placesOut')}</th>
                <th>{t('agreements.placesIn')}</th>
                <th>{t('agreements.colleges')}</th>
                <th>{t('agreements.signed')}</th>
              </tr>
            </thead>
            <tbody>
              {agreements.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/admin/agreements/${a.id}`}>{t(`agreements.type.${a.type}`)}</Link>{' '}
                    <AgreementState agreement={a} today={today} />
                  </td>
                  <td>{formatDate(locale, a.startsOn)}</td>
                  <td>{formatDate(locale, a.endsOn)}</td>
                  <td>{places(a.placesOut)}</td>
                  <td>{places(a.placesIn)}</td>
                  <td>
                    {a.colleges.length
                      ? formatList(
                          t,
                          a.colleges.map((c) => (en ? c.nameEn : c.nameZh)),
                        )
                      : t('agreements.allColleges')}
                  </td>
                  <td>{a.signedName ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card" data-testid="exchange-balance">
        <h2>{t('agreements.balance.title', { year: balance.year })}</h2>
        <dl className="facts">
          <dt>{t('agreements.balance.sent')}</dt>
          <dd>{balance.sent}</dd>
          <dt>{t('agreements.balance.placesOut')}</dt>
          <dd>{places(balance.placesOut)}</dd>
          <dt>{t('agreements.balance.left')}</dt>
          <dd>{places(balance.left)}</dd>
          <dt>{t('agreements.balance.placesIn')}</dt>
          <dd>{places(balance.placesIn)}</dd>
        </dl>
      </section>
    </>
  )
}
