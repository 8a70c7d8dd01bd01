import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useLocale, useT } from '~/components/i18n'
import { RENEWAL_WINDOW_DAYS } from '~/domain/agreements'
import { formatDate } from '~/i18n'
import { requireUser } from '~/lib/auth.server'
import { renewalList } from '~/models/admin/agreements.server'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['agreements'] }

// The renewal list: agreements ending within the renewal window, soonest first.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: 'admin' })
  return { agreements: await renewalList() }
}

export default function RenewalList() {
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  const { agreements } = useLoaderData<typeof loader>()
  return (
    <section>
      <h1>{t('agreements.renewal.title')}</h1>
      <p className="muted">{t('agreements.renewal.intro', { days: RENEWAL_WINDOW_DAYS })}</p>
      <p>
        <Link to="new">{t('agreements.new')}</Link>
      </p>
      {agreements.length === 0 ? (
        <p>{t('agreements.renewal.none', { days: RENEWAL_WINDOW_DAYS })}</p>
      ) : (
        <table data-testid="renewal-list">
          <thead>
            <tr>
              <th>{t('agreements.partner')}</th>
              <th>{t('agreements.type')}</th>
              <th>{t('agreements.endsOn')}</th>
              <th>{t('agreements.placesOut')}</th>
            </tr>
          </thead>
          <tbody>
            {agreements.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link to={`/admin/partners/${a.partner.id}`}>{en ? a.partner.nameEn : a.partner.nameZh}</Link> ·{' '}
                  {en ? a.partner.countryEn : a.partner.countryZh}
                </td>
                <td>
                  <Link to={a.id}>{t(`agreements.type.${a.type}`)}</Link>
                </td>
                <td>{formatDate(locale, a.endsOn)}</td>
                <td>{a.placesOut ?? t('agreements.balance.unlimited')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
