import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ListFilters, ListHeading, ListTable, Pager } from '~/components/admin/list-controls'
import { FilterSelect } from '~/components/filter-select'
import { useLocale, useT } from '~/components/i18n'
import { roles } from '~/domain/roles'
import { formatList } from '~/i18n'
import { requireUser } from '~/lib/auth.server'
import { collegeOptions } from '~/models/admin/colleges.server'
import { listUsers } from '~/models/admin/users.server'
import { parseListQuery } from '~/schemas/admin'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['admin-config', 'application', 'review'] }

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: 'admin' })
  const [list, colleges] = await Promise.all([listUsers(parseListQuery(request.url)), collegeOptions()])
  return { ...list, colleges }
}

export default function AdminUsers() {
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  const { rows, colleges, total, page, pages } = useLoaderData<typeof loader>()
  return (
    <section>
      <ListHeading title={t('adminConfig.users.title')} newLabel={t('adminConfig.users.new')} />
      <ListFilters showLabels={{ current: t('adminConfig.users.active'), retired: t('adminConfig.users.deactivated') }}>
        <FilterSelect name="role" label={t('admin.home.roles')} options={roles.map((r) => [r, t(`role.${r}`)])} />
        <FilterSelect
          name="collegeId"
          label={t('adminConfig.field.college')}
          options={colleges.map((c) => [c.id, `${c.code} ${en ? c.nameEn : c.nameZh}`])}
        />
      </ListFilters>
      <Pager total={total} page={page} pages={pages} />
      <ListTable headings={[t('admin.home.name'), t('admin.home.email'), t('admin.home.roles'), t('adminConfig.field.college')]}>
        {rows.map((u) => (
          <tr key={u.id}>
            <td>
              <Link to={u.id}>{en ? u.nameEn : u.nameZh}</Link>{' '}
              {u.deactivatedAt && <span className="badge">{t('adminConfig.users.deactivatedBadge')}</span>}
            </td>
            <td>{u.email}</td>
            <td>
              {formatList(
                t,
                u.roles.map((r) => t(`role.${r}`)),
              )}
            </td>
            <td>{u.college ? (en ? u.college.nameEn : u.college.nameZh) : '—'}</td>
          </tr>
        ))}
      </ListTable>
    </section>
  )
}
