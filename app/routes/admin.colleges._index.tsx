import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ListFilters, ListHeading, ListTable, Pager } from '~/components/admin/list-controls'
import { useT } from '~/components/i18n'
import { requireUser } from '~/lib/auth.server'
import { listColleges } from '~/models/admin/colleges.server'
import { parseListQuery } from '~/schemas/admin'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['admin-config', 'application', 'review'] }

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: 'admin' })
  return listColleges(parseListQuery(request.url))
}

export default function AdminColleges() {
  const t = useT()
  const { rows, total, page, pages } = useLoaderData<typeof loader>()
  return (
    <section>
      <ListHeading title={t('adminConfig.colleges.title')} newLabel={t('adminConfig.colleges.new')} />
      <ListFilters />
      <Pager total={total} page={page} pages={pages} />
      <ListTable
        headings={[
          t('adminConfig.field.code'),
          t('adminConfig.field.nameZh'),
          t('adminConfig.field.nameEn'),
          t('adminConfig.colleges.people'),
          t('adminConfig.colleges.applications'),
        ]}
      >
        {rows.map((c) => (
          <tr key={c.id}>
            <td>
              <Link to={c.id}>{c.code}</Link> {c.retiredAt && <span className="badge">{t('adminConfig.retired')}</span>}
            </td>
            <td>{c.nameZh}</td>
            <td>{c.nameEn}</td>
            <td>{c._count.users}</td>
            <td>{c._count.applications}</td>
          </tr>
        ))}
      </ListTable>
    </section>
  )
}
