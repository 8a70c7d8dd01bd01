import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ListFilters, ListHeading, Pager } from '~/components/admin/list-controls'
import { FilterSelect } from '~/components/filter-select'
import { useLocale, useT } from '~/components/i18n'
import { programKinds } from '~/domain/program'
import { formatDate } from '~/i18n'
import { requireUser } from '~/lib/auth.server'
import { listPrograms } from '~/models/admin/programs.server'
import { parseListQuery } from '~/schemas/admin'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: 'admin' })
  return listPrograms(parseListQuery(request.url))
}

export default function AdminPrograms() {
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  const { rows, years, total, page, pages } = useLoaderData<typeof loader>()
  return (
    <section>
      <ListHeading title={t('adminConfig.programs.title')} newLabel={t('adminConfig.programs.new')} />
      <ListFilters>
        <FilterSelect name="kind" label={t('adminConfig.field.kind')} options={programKinds.map((k) => [k, t(`kind.${k}`)])} />
        <FilterSelect name="year" label={t('adminConfig.field.academicYear')} options={years.map((y) => [y, y])} />
      </ListFilters>
      <Pager total={total} page={page} pages={pages} />
      <div className="table-wrap">
        <table className="data" data-testid="admin-list">
          <thead>
            <tr>
              <th>{t('adminConfig.programs.program')}</th>
              <th>{t('adminConfig.field.kind')}</th>
              <th>{t('adminConfig.field.academicYear')}</th>
              <th>{t('adminConfig.field.closesOn')}</th>
              <th>{t('adminConfig.field.quota')}</th>
              <th>{t('adminConfig.colleges.applications')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={p.id}>{en ? p.titleEn : p.titleZh}</Link>
                  {p.partner && <div className="muted small">{en ? p.partner.nameEn : p.partner.nameZh}</div>}
                  {p.retiredAt && <span className="badge">{t('adminConfig.retired')}</span>}
                </td>
                <td>{t(`kind.${p.kind}`)}</td>
                <td>{p.academicYear}</td>
                <td>{formatDate(locale, p.closesAt)}</td>
                <td>{p.quota ?? '—'}</td>
                <td>{p._count.applications}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
