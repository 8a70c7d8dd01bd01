import type { MessagesHandle } from '~/i18n'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useLocale, useT } from '~/components/i18n'
import { academicYearOf } from '~/domain/academic-year'
import { requireUser } from '~/lib/auth.server'
import { approverQueue } from '~/models/learning-agreement.server'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['learning-agreement'] }

// /learning-agreements: the academic approver's list of their college's learning agreements
// (decision 26), those waiting for a decision or a recognition first, and the recognised-courses export.

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'academic_approver' })
  return { rows: await approverQueue(user), year: academicYearOf(new Date()) }
}

export default function LearningAgreementQueue() {
  const t = useT()
  const locale = useLocale()
  const { rows, year } = useLoaderData<typeof loader>()
  const name = (n: { nameZh: string; nameEn: string }) => (locale === 'en' ? n.nameEn : n.nameZh)
  return (
    <section className="stack">
      <h1>{t('la.queue.title')}</h1>
      <p className="muted">{t('la.queue.intro')}</p>
      <Form method="get" action="/learning-agreements/recognised.csv" reloadDocument className="row">
        <label className="field">
          <span>{t('la.exportYear')}</span>
          <input name="year" defaultValue={year} pattern="\d{4}-\d{4}" required />
        </label>
        <div>
          <button type="submit">{t('la.export')}</button>
        </div>
      </Form>
      {rows.length === 0 ? (
        <p className="card muted">{t('la.queue.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('la.queue.student')}</th>
                <th>{t('la.title')}</th>
                <th>{t('la.queue.state')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-application-id={r.id}>
                  <td>
                    <Link to={`/learning-agreements/${r.id}`}>
                      {name(r.applicant)} {r.applicant.studentNumber ?? ''}
                    </Link>
                  </td>
                  <td>
                    {locale === 'en' ? r.program.titleEn : r.program.titleZh} · {r.academicYear}
                  </td>
                  <td>
                    {r.state.state === 'none' ? t('la.state.none') : t(`la.state.${r.state.state}`, r.state)}
                    {r.gradesToConfirm > 0 && <div>{t('la.queue.grades', { count: r.gradesToConfirm })}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
