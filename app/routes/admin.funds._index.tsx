import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ListFilters, ListHeading, ListTable, Pager } from '~/components/admin/list-controls'
import { FilterSelect } from '~/components/filter-select'
import { useLocale, useT } from '~/components/i18n'
import { formatFen } from '~/domain/money'
import { requireUser } from '~/lib/auth.server'
import { listFunds } from '~/models/admin/funds.server'
import { parseListQuery } from '~/schemas/admin'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['admin-config', 'application', 'review'] }

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
      <ListTable
        headings={[
          t('adminConfig.funds.fund'),
          t('adminConfig.field.academicYear'),
          t('adminConfig.field.purpose'),
          t('adminConfig.field.budget'),
          t('adminConfig.funds.used'),
        ]}
      >
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
      </ListTable>
    </section>
  )
}
