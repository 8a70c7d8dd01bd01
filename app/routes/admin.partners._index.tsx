import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ListFilters, ListHeading, ListTable, Pager } from '~/components/admin/list-controls'
import { useLocale, useT } from '~/components/i18n'
import { formatDate } from '~/i18n'
import { requireUser } from '~/lib/auth.server'
import { listPartners } from '~/models/admin/partners.server'
import { parseListQuery } from '~/schemas/admin'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['admin-config', 'application', 'catalogue', 'review'] }

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: 'admin' })
  return listPartners(parseListQuery(request.url))
}

export default function AdminPartners() {
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  const { rows, total, page, pages } = useLoaderData<typeof loader>()
  return (
    <section>
      <ListHeading title={t('adminConfig.partners.title')} newLabel={t('adminConfig.partners.new')} />
      <ListFilters />
      <Pager total={total} page={page} pages={pages} />
      <ListTable
        headings={[
          t('adminConfig.partners.name'),
          t('adminConfig.field.country'),
          t('catalogue.tier'),
          t('adminConfig.field.agreementEnd'),
          t('adminConfig.partners.programs'),
        ]}
      >
        {rows.map((p) => (
          <tr key={p.id}>
            <td>
              <Link to={p.id}>{en ? p.nameEn : p.nameZh}</Link>
              {p.beltAndRoad && <span className="badge badge-bri"> {t('adminConfig.field.beltAndRoadShort')}</span>}{' '}
              {p.retiredAt && <span className="badge">{t('adminConfig.retired')}</span>}
            </td>
            <td>
              {en ? p.countryEn : p.countryZh} ({p.countryCode})
            </td>
            <td>{t(`tier.${p.tier}`)}</td>
            <td>{p.agreements[0] ? formatDate(locale, p.agreements[0].endsOn) : '—'}</td>
            <td>{p._count.programs}</td>
          </tr>
        ))}
      </ListTable>
    </section>
  )
}
