import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ListFilters, ListHeading, ListTable, Pager } from '~/components/admin/list-controls'
import { FilterSelect } from '~/components/filter-select'
import { useLocale, useT } from '~/components/i18n'
import { programKinds } from '~/domain/program'
import { formatDate } from '~/i18n'
import { requireUser } from '~/lib/auth.server'
import { listPrograms } from '~/models/admin/programs.server'
import { parseListQuery } from '~/schemas/admin'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['admin-config', 'application', 'review'] }

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
      <ListTable
        headings={[
          t('adminConfig.programs.program'),
          t('adminConfig.field.kind'),
          t('adminConfig.field.academicYear'),
          t('adminConfig.field.closesOn'),
          t('adminConfig.field.quota'),
          t('adminConfig.colleges.applications'),
        ]}
      >
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
      </ListTable>
    </section>
  )
}
