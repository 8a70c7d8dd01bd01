import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useLocale, useT } from '~/components/i18n'
import { formatFen } from '~/domain/money'
import { conferenceCountryKey, conferenceCountryLabel, drillDownHref, mobilityFilterSchema } from '~/domain/policy'
import { formatDate, isMessageKey } from '~/i18n'
import { requireUser } from '~/lib/auth.server'
import { countScope } from '~/models/access.server'
import { DASHBOARD_ROLES, drillDown, drillDownFundUsed, filterLabels } from '~/models/dashboard.server'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['agreements', 'catalogue', 'dashboard', 'review'] }

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: [...DASHBOARD_ROLES] })
  const params = new URL(request.url).searchParams
  const parsed = mobilityFilterSchema.safeParse(Object.fromEntries([...params.entries()].filter(([k, v]) => k !== 'page' && v !== '')))
  if (!parsed.success) throw new Response('Bad request', { status: 400 })
  const filter = countScope(user, parsed.data)
  const page = Math.min(100_000, Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1))
  const [list, labels, used] = await Promise.all([
    drillDown(filter, page, user),
    filterLabels(filter),
    filter.fund ? drillDownFundUsed(filter.fund, filter.college) : Promise.resolve(null),
  ])
  return { filter, list, labels, used }
}

export default function DrillDown() {
  const t = useT()
  const locale = useLocale()
  const { filter, list, labels, used } = useLoaderData<typeof loader>()
  const name = (x: { nameZh: string; nameEn: string }) => (locale === 'en' ? x.nameEn : x.nameZh)
  const label = (key: string, fallback: string) => (isMessageKey(key) ? t(key) : fallback)
  const chips = [
    !filter.fund && t('dashboard.drill.filter.year', { year: filter.year }),
    labels.college && name(labels.college),
    filter.target && t(`dashboard.targetKind.${filter.target}`),
    filter.partner === 'any' &&
      !filter.region &&
      !filter.country &&
      !filter.tier &&
      !filter.beltAndRoad &&
      t('dashboard.drill.filter.partnerAny'),
    filter.partner === 'none' && t('dashboard.drill.filter.partnerNone'),
    filter.region && label(`region.${filter.region}`, filter.region),
    filter.country,
    filter.conferenceCountry &&
      t('dashboard.drill.filter.conferenceCountry', {
        country: conferenceCountryLabel(conferenceCountryKey(filter.conferenceCountry), locale) ?? t('dashboard.noCountry'),
      }),
    filter.tier && t(`tier.${filter.tier}`),
    filter.beltAndRoad && t('dashboard.drill.filter.beltAndRoad'),
    filter.membership && t(`agreements.membership.${filter.membership}`),
    labels.fund && t('dashboard.drill.filter.fund', { fund: name(labels.fund) }),
  ].filter((c): c is string => !!c)
  const back = new URLSearchParams({
    year: filter.year,
    ...(filter.college ? { college: filter.college } : {}),
    ...(filter.membership ? { membership: filter.membership } : {}),
  })

  return (
    <section>
      <p>
        <Link to={`/dashboard?${back}`}>← {t('dashboard.drill.back')}</Link>
      </p>
      <h1>{t('dashboard.drill.title')}</h1>
      <p className="badges" data-testid="drill-filter">
        {chips.map((c) => (
          <span className="badge" key={c}>
            {c}
          </span>
        ))}
      </p>
      <p className="muted" data-testid="drill-total">
        {t('dashboard.drill.total', { total: list.total, page: list.page, pages: list.pages })}
      </p>
      {list.withheld > 0 && (
        <p className="muted small" data-testid="drill-withheld">
          {t('dashboard.drill.withheld', { count: list.withheld })}
        </p>
      )}
      {used !== null && <p>{t('dashboard.drill.fundUsed', { amount: formatFen(used, locale) })}</p>}
      {list.rows.length === 0 ? (
        <p className="card muted">{t('dashboard.drill.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data compact" data-testid="drill-down">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.drill.student')}</th>
                <th scope="col">{t('dashboard.college')}</th>
                <th scope="col">{t('dashboard.drill.program')}</th>
                <th scope="col">{t('dashboard.drill.partner')}</th>
                <th scope="col">{t('dashboard.drill.status')}</th>
                <td />
              </tr>
            </thead>
            <tbody>
              {list.rows.map((a) => (
                <tr key={a.id} data-application-id={a.id}>
                  <td>
                    {name(a.applicant)}
                    <div className="small muted">
                      {a.applicant.studentNumber}
                      {a.applicant.level && ` · ${t(`level.${a.applicant.level}`)}`}
                    </div>
                  </td>
                  <td>{name(a.college)}</td>
                  <td>
                    {locale === 'en' ? a.program.titleEn : a.program.titleZh}
                    <div className="small muted">
                      {t(`kind.${a.kind}`)} · {a.academicYear}
                    </div>
                  </td>
                  <td>{a.program.partner ? name(a.program.partner) : t('dashboard.notApplicable')}</td>
                  <td>
                    <span className={`badge badge-${a.status}`}>{t(`status.${a.status}`)}</span>
                    <div className="small muted">{formatDate(locale, a.statusChangedAt)}</div>
                  </td>
                  <td>
                    <Link to={`/review/${a.id}`} aria-label={`${t('dashboard.drill.open')} · ${name(a.applicant)}`}>
                      {t('dashboard.drill.open')}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label={t('nav.pages')}>
        {list.page > 1 && <Link to={drillDownHref(filter, list.page - 1)}>← {t('queue.prev')}</Link>}
        {list.page < list.pages && <Link to={drillDownHref(filter, list.page + 1)}>{t('queue.next')} →</Link>}
      </nav>
    </section>
  )
}
