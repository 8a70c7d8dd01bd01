import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Fen } from '~/components/finance-figures'
import { FilterSelect } from '~/components/filter-select'
import { useLocale, useT } from '~/components/i18n'
import { hasRole } from '~/domain/roles'
import { idSchema } from '~/domain/policy'
import { awardViews, type AwardView } from '~/domain/award-views'
import { awardsBehind, fundYears, requestedYear, requireFinanceReader } from '~/models/finance-dashboard.server'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['finance-dashboard', 'review'] }

const querySchema = z.object({
  fund: idSchema.optional().catch(undefined),
  college: idSchema.optional().catch(undefined),
  view: z.enum(awardViews).catch('all'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
})

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireFinanceReader(request)
  const year = requestedYear(request)
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  const filter = { academicYear: year, fundId: query.fund || undefined, collegeId: query.college || undefined, view: query.view }
  const [list, years] = await Promise.all([awardsBehind(user, { ...filter, page: query.page }), fundYears()])
  return {
    year,
    years,
    fund: filter.fundId ?? '',
    college: filter.collegeId ?? '',
    view: query.view,
    canAct: hasRole(user.roles, 'finance'),
    ...list,
  }
}

/** The total that equals the figure the drill-down came from. */
const figureOf: Record<AwardView, 'requestedFen' | 'committedFen' | 'paidFen' | 'releasedFen' | null> = {
  all: null,
  proposed: 'requestedFen',
  committed: 'committedFen',
  paid: 'paidFen',
  released: 'releasedFen',
}

export default function AwardsBehindFigure() {
  const t = useT()
  const locale = useLocale()
  const data = useLoaderData<typeof loader>()
  const { year, totals, view } = data
  const name = (n: { nameZh: string; nameEn: string }) => (locale === 'en' ? n.nameEn : n.nameZh)
  const fund = data.funds.find((f) => f.id === data.fund)
  const college = data.colleges.find((c) => c.id === data.college)
  const figure = figureOf[view]
  const pageLink = (page: number) =>
    `?${new URLSearchParams({ year, ...(data.fund && { fund: data.fund }), ...(data.college && { college: data.college }), view, page: String(page) })}`
  return (
    <section>
      <p className="small">
        <Link to={`/finance?year=${year}`}>← {t('finance.home.title')}</Link>
      </p>
      <h1>{t('financeDashboard.awards.title')}</h1>
      <p className="muted">
        {[year, fund && name(fund), college && name(college), t(`financeDashboard.view.${view}`)].filter(Boolean).join(' · ')}
      </p>
      <Form method="get" className="filters" role="search">
        <div className="filter-grid">
          <FilterSelect name="year" label={t('financeDashboard.year')} any={false} options={data.years.map((y) => [y, y])} />
          <FilterSelect name="fund" label={t('financeDashboard.col.fund')} options={data.funds.map((f) => [f.id, name(f)])} />
          <FilterSelect name="college" label={t('financeDashboard.col.college')} options={data.colleges.map((c) => [c.id, name(c)])} />
          <FilterSelect
            name="view"
            label={t('financeDashboard.col.status')}
            any={false}
            options={awardViews.map((v) => [v, t(`financeDashboard.view.${v}`)])}
          />
        </div>
        <div>
          <button type="submit" className="secondary">
            {t('financeDashboard.show')}
          </button>
        </div>
      </Form>

      <dl className="facts card" data-testid="filter-totals">
        <dt>{t('financeDashboard.awards.count')}</dt>
        <dd>{totals.awards}</dd>
        {figure && (
          <>
            <dt>
              <strong>{t(`financeDashboard.figure.${view as Exclude<AwardView, 'all'>}`)}</strong>
            </dt>
            <dd data-testid="figure">
              <strong>
                <Fen fen={totals[figure]} />
              </strong>
            </dd>
          </>
        )}
        <dt>{t('financeDashboard.col.requested')}</dt>
        <dd>
          <Fen fen={totals.requestedFen} />
        </dd>
        <dt>{t('financeDashboard.col.approved')}</dt>
        <dd>
          <Fen fen={totals.approvedFen} />
        </dd>
        <dt>{t('financeDashboard.col.committed')}</dt>
        <dd>
          <Fen fen={totals.committedFen} />
        </dd>
        <dt>{t('financeDashboard.col.paid')}</dt>
        <dd>
          <Fen fen={totals.paidFen} />
        </dd>
        <dt>{t('financeDashboard.col.released')}</dt>
        <dd>
          <Fen fen={totals.releasedFen} />
        </dd>
      </dl>
      {data.withheld > 0 && (
        <p className="muted small" data-testid="awards-withheld">
          {t('financeDashboard.awards.withheld', { count: data.withheld })}
        </p>
      )}

      {data.rows.length === 0 ? (
        <p className="card muted">{t('financeDashboard.awards.empty')}</p>
      ) : (
        <div className="table-wrap" style={{ marginTop: '1rem' }}>
          <table className="data compact" style={{ whiteSpace: 'nowrap' }} data-testid="awards">
            <thead>
              <tr>
                <th>{t('financeDashboard.col.reference')}</th>
                <th>{t('financeDashboard.col.student')}</th>
                <th>{t('financeDashboard.col.college')}</th>
                <th>{t('financeDashboard.col.kind')}</th>
                <th>{t('financeDashboard.col.fund')}</th>
                <th className="num">{t('financeDashboard.col.requested')}</th>
                <th className="num">{t('financeDashboard.col.approved')}</th>
                <th className="num">{t('financeDashboard.col.paid')}</th>
                <th className="num">{t('financeDashboard.col.released')}</th>
                <th>{t('financeDashboard.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((a) => (
                <tr key={a.id}>
                  <td>{data.canAct ? <Link to={`/finance/awards/${a.id}`}>{a.reference}</Link> : a.reference}</td>
                  <td>
                    {name(a.student)}
                    {a.student.studentNumber && <div className="small muted">{a.student.studentNumber}</div>}
                  </td>
                  <td>{name(a.college)}</td>
                  <td>{t(`kind.${a.kind}`)}</td>
                  <td>{name(a.fund)}</td>
                  <td className="num">
                    <Fen fen={a.requestedFen} />
                  </td>
                  <td className="num">
                    <Fen fen={a.approvedFen} />
                  </td>
                  <td className="num">
                    <Fen fen={a.paidFen} />
                  </td>
                  <td className="num">
                    <Fen fen={a.releasedFen} />
                  </td>
                  <td>
                    <span className="badge">{t(`financeDashboard.awardStatus.${a.status}`)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted small">{t('financeDashboard.awards.page', { page: data.page, pages: data.pages })}</p>
      <nav className="pager" aria-label={t('nav.pages')}>
        {data.page > 1 && <Link to={pageLink(data.page - 1)}>← {t('queue.prev')}</Link>}
        {data.page < data.pages && <Link to={pageLink(data.page + 1)}>{t('queue.next')} →</Link>}
      </nav>
    </section>
  )
}
