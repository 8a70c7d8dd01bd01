import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useLocale, useT } from '~/components/i18n'
import { StatusCounts } from '~/components/status-counts'
import { requireUser } from '~/lib/auth.server'
import { countByCollege, countByStatus } from '~/models/overview.server'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: 'office_reviewer' })
  const [counts, colleges] = await Promise.all([countByStatus(), countByCollege()])
  return { counts, colleges }
}

export default function OfficeHome() {
  const t = useT()
  const locale = useLocale()
  const { counts, colleges } = useLoaderData<typeof loader>()
  return (
    <section>
      <h1>{t('office.home.title')}</h1>
      <h2>{t('staff.home.byStatus')}</h2>
      <StatusCounts counts={counts} />
      <h2>{t('office.home.byCollege')}</h2>
      <div className="table-wrap">
        <table className="data">
          <tbody>
            {colleges.map((c) => (
              <tr key={c.id}>
                <td>{locale === 'en' ? c.nameEn : c.nameZh}</td>
                <td>{c.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
