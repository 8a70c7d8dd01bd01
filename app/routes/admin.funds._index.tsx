import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ListFilters, ListHeading, Pager } from '~/components/admin/list-controls'
import { FilterSelect } from '~/components/filter-select'
import { useLocale, useT } from '~/components/i18n'
import { formatFen } from '~/domain/money'
import { requireUser } from '~/lib/auth.server'
import { listFunds } from '~/models/admin/funds.server'
import { parseListQuery } from '~/schemas/admin'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: 'admin' })
  return listFunds(parseListQuery(request.url))
}

export default function AdminFunds() {
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  const { rows, years, total, page, pages } = useLoaderData<typeof loader>()
  return (
    <section>
      <ListHeading title={t('adminConfig.funds.title')} newLabel={t('adminConfig.funds.new')} />
      <ListFilters>
        <FilterSelect name="year" label={t('adminConfig.field.academicYear')} options={years.map((y) => [y, y])} />
      </ListFilters>
      <Pager total={total} page={page} pages={pages} />
      <div className="table-wrap">
        <table className="data" data-testid="admin-list">
          <thead>
            <tr>
              <th>{t('adminConfig.funds.fund')}</th>
              <th>{t('adminConfig.field.academicYear')}</th>
              <th>{t('adminConfig.field.purpose')}</th>
              <th>{t('adminConfig.field.budget')}</th>
              <th>{t('adminConfig.funds.used')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((f) => (
              <tr key={f.id}>
                <td>
                  <Link to={f.id}>{en ? f.nameEn : f.nameZh}</Link> {f.retiredAt && <span className="badge">{t('adminConfig.retired')}</span>}
                </td>
                <td>{f.academicYear}</td>
                <td>{t(`adminConfig.purpose.${f.purpose}`)}</td>
                <td>{formatFen(BigInt(f.budgetFen), locale)}</td>
                <td>{formatFen(BigInt(f.usedFen), locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
