import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useLocale, useT } from '~/components/i18n'
import { holder, isEditable } from '~/domain/workflow'
import { formatDate, formatDateTime } from '~/i18n'
import { requireUser } from '~/lib/auth.server'
import { StudentRecordCard } from '~/components/student-record'
import { listMyApplications } from '~/models/overview.server'
import { studentProfile } from '~/models/student-record.server'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['application', 'campus', 'privacy', 'student'] }

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'student' })
  const [applications, profile] = await Promise.all([listMyApplications(user.id), studentProfile(user.id)])
  return { applications, profile, now: new Date() }
}

export default function StudentHome() {
  const t = useT()
  const locale = useLocale()
  const { applications, profile, now } = useLoaderData<typeof loader>()
  return (
    <section>
      <div className="app-head">
        <h1>{t('student.home.title')}</h1>
        <Link to="/programs" className="button secondary">
          {t('student.home.browse')}
        </Link>
      </div>
      {profile && <StudentRecordCard profile={profile} />}
      {applications.length === 0 ? (
        <p className="card muted">{t('student.home.empty')}</p>
      ) : (
        <ul className="program-list" data-testid="my-applications">
          {applications.map((a) => {
            const who = holder(a.status)
            const days = Math.floor((new Date(now).getTime() - new Date(a.statusChangedAt).getTime()) / 86_400_000)
            return (
              <li key={a.id} className="card program-card">
                <div className="program-card-head">
                  <h2>
                    <Link to={`/student/applications/${a.id}`}>{locale === 'en' ? a.program.titleEn : a.program.titleZh}</Link>
                  </h2>
                  <span className={`badge badge-${a.status}`}>{t(`status.${a.status}`)}</span>
                </div>
                <p className="muted">
                  {t(`kind.${a.kind}`)} · {t('student.home.updated')} {formatDateTime(locale, a.statusChangedAt)}
                  {who &&
                    who !== 'student' &&
                    ` · ${t('app.holder', { holder: t(`workflow.holder.${who}`) })} · ${t('app.waiting', { days })}`}
                </p>
                <p>
                  {t(`app.nextStep.${a.status}`, { deadline: formatDate(locale, a.program.closesAt) })}
                  {isEditable(a.status) && (
                    <>
                      {' '}
                      <Link to={`/student/applications/${a.id}`}>{t('app.open')} →</Link>
                    </>
                  )}
                </p>
              </li>
            )
          })}
        </ul>
      )}
      <p>
        <Link to="/student/privacy">{t('privacy.mine.title')} →</Link>
      </p>
    </section>
  )
}
