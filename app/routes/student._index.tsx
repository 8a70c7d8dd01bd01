import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useLocale, useT } from '~/components/i18n'
import { requireUser } from '~/lib/auth.server'
import { formatDateTime } from '~/i18n'
import { listMyApplications } from '~/models/overview.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'student' })
  return { applications: await listMyApplications(user.id) }
}

export default function StudentHome() {
  const t = useT()
  const locale = useLocale()
  const { applications } = useLoaderData<typeof loader>()
  return (
    <section>
      <h1>{t('student.home.title')}</h1>
      {applications.length === 0 ? (
        <p className="card muted">{t('student.home.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th>{t('student.home.program')}</th>
                <th>{t('student.home.kind')}</th>
                <th>{t('student.home.status')}</th>
                <th>{t('student.home.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {applications.map((a) => (
                <tr key={a.id}>
                  <td>{locale === 'en' ? a.program.titleEn : a.program.titleZh}</td>
                  <td>{t(`kind.${a.kind}`)}</td>
                  <td>
                    <span className={`badge badge-${a.status}`}>{t(`status.${a.status}`)}</span>
                  </td>
                  <td>{formatDateTime(locale, a.statusChangedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
