import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useLocale, useT } from '~/components/i18n'
import { requireUser } from '~/lib/auth.server'
import { adminCounts, listStaff } from '~/models/overview.server'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: 'admin' })
  const [counts, staff] = await Promise.all([adminCounts(), listStaff()])
  return { counts, staff }
}

export default function AdminHome() {
  const t = useT()
  const locale = useLocale()
  const { counts, staff } = useLoaderData<typeof loader>()
  const stats = [
    ['admin.home.colleges', counts.colleges],
    ['admin.home.partners', counts.partners],
    ['admin.home.programs', counts.programs],
    ['admin.home.funds', counts.funds],
    ['admin.home.users', counts.users],
  ] as const
  return (
    <section>
      <h1>{t('admin.home.title')}</h1>
      <div className="grid">
        {stats.map(([label, value]) => (
          <div className="stat" key={label}>
            <div className="value">{value}</div>
            <div className="label">{t(label)}</div>
          </div>
        ))}
      </div>
      <p>
        <Link to="/admin/emails">{t('deliveries.link')} →</Link>
      </p>
      <p>
        <Link to="/admin/email-previews">{t('emailPreviews.link')} →</Link>
      </p>
      <p>
        <Link to="/admin/import">{t('imports.link')} →</Link>
      </p>
      <h2>{t('admin.home.staff')}</h2>
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th>{t('admin.home.name')}</th>
              <th>{t('admin.home.email')}</th>
              <th>{t('admin.home.roles')}</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((u) => (
              <tr key={u.id}>
                <td>{locale === 'en' ? u.nameEn : u.nameZh}</td>
                <td>{u.email}</td>
                <td>
                  {u.roles.map((r) => t(`role.${r}`)).join(locale === 'en' ? ', ' : '、')}
                  {u.college && ` · ${locale === 'en' ? u.college.nameEn : u.college.nameZh}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
