import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { BudgetBar, Fen, percent, YearSelector } from '~/components/finance-figures'
import { useLocale, useT } from '~/components/i18n'
import { hasRole } from '~/domain/roles'
import type { AwardView } from '~/domain/award-views'
import { financeDashboard, requestedYear, requireFinanceReader } from '~/models/finance-dashboard.server'
import type { CollegeLine } from '~/models/finance-summary.server'
import { academicMonths } from '~/models/fiscal-year.server'
import { MonthsTable } from '~/components/finance/months-table'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['export-layout', 'finance-dashboard', 'fx'] }

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireFinanceReader(request)
  const year = requestedYear(request)
  const [dashboard, months] = await Promise.all([financeDashboard(year), academicMonths(year)])
  return { year, canAct: hasRole(user.roles, 'finance'), months, ...dashboard }
}

/** The drill-down behind a figure. */
function drillDown(year: string, view: AwardView, scope: { fund?: string; college?: string } = {}) {
  return `/finance/awards?${new URLSearchParams({ year, ...scope, view })}`
}

export default function FinanceDashboard() {
  const t = useT()
  const locale = useLocale()
  const { year, years, summary, proposalCount, canAct, months } = useLoaderData<typeof loader>()
  const name = (n: { nameZh: string; nameEn: string }) => (locale === 'en' ? n.nameEn : n.nameZh)
  const totals = summary.totals
  const waiting = Object.values(proposalCount).reduce((sum, n) => sum + n, 0)
  return (
    <section>
      <div className="app-head">
        <h1>{t('finance.home.title')}</h1>
        <nav className="form-actions small">
          <Link to={`/finance/year-end?year=${year}`}>{t('financeDashboard.yearEnd.link')}</Link>
          <Link to="/finance/fiscal">{t('fiscal.link')}</Link>
          <a href={`/finance/movements.csv?year=${year}`} download>
            {t('exportLayout.link')}
          </a>
          {canAct && <Link to="/finance/rates">{t('fx.rates.link')}</Link>}
          <a href={`/finance/export.xlsx?year=${year}`} download>
            {t('financeDashboard.export.xlsx')}
          </a>
          <a href={`/finance/export.csv?year=${year}`} download>
            {t('financeDashboard.export.csv')}
          </a>
        </nav>
      </div>
      <YearSelector year={year} years={years} />

      {summary.funds.length === 0 ? (
        <p className="card muted">{t('financeDashboard.noFunds', { year })}</p>
      ) : (
        <>
          <h2>{t('financeDashboard.allFunds')}</h2>
          <dl className="facts card" data-testid="totals">
            <Fact label={t('financeDashboard.col.budget')} fen={totals.budgetFen} to={drillDown(year, 'all')} />
            <Fact label={t('financeDashboard.col.committed')} fen={totals.committedFen} to={drillDown(year, 'committed')} />
            <Fact label={t('financeDashboard.col.paid')} fen={totals.paidFen} to={drillDown(year, 'paid')} />
            <Fact label={t('financeDashboard.col.released')} fen={totals.releasedFen} to={drillDown(year, 'released')} />
            <Fact label={t('financeDashboard.col.remaining')} fen={totals.remainingFen} to={drillDown(year, 'all')} />
            <dt>{t('financeDashboard.col.utilisation')}</dt>
            <dd>
              <Link to={drillDown(year, 'all')}>{percent(totals.utilisation)}</Link>
            </dd>
          </dl>
          <div style={{ marginTop: '0.75rem' }}>
            <BudgetBar figures={totals} />
          </div>
          {waiting > 0 && (
            <p className="alert alert-warn">
              {t('financeDashboard.waiting', { count: waiting })} <Fen fen={totals.proposedFen} to={drillDown(year, 'proposed')} />
              {canAct && (
                <>
                  {' · '}
                  <Link to="/finance/queue">{t('financeDashboard.toQueue')}</Link>
                </>
              )}
            </p>
          )}

          {summary.funds.map((fund) => {
            const f = fund.figures
            const link = (view: AwardView) => drillDown(year, view, { fund: fund.id })
            return (
              <article key={fund.id} className="card fund-card" data-testid="fund" style={{ marginTop: '1rem' }}>
                <h2 style={{ marginTop: 0 }}>{name(fund)}</h2>
                <dl className="facts">
                  <Fact label={t('financeDashboard.col.budget')} fen={f.budgetFen} to={link('all')} />
                  <Fact label={t('financeDashboard.col.committed')} fen={f.committedFen} to={link('committed')} />
                  <Fact label={t('financeDashboard.col.paid')} fen={f.paidFen} to={link('paid')} />
                  <Fact label={t('financeDashboard.col.released')} fen={f.releasedFen} to={link('released')} />
                  <Fact label={t('financeDashboard.col.remaining')} fen={f.remainingFen} to={link('all')} />
                  <dt>{t('financeDashboard.col.utilisation')}</dt>
                  <dd>
                    <Link to={link('all')}>{percent(f.utilisation)}</Link>
                  </dd>
                  <dt>{t('financeDashboard.col.proposed')}</dt>
                  <dd>
                    <Fen fen={fund.proposedFen} to={link('proposed')} /> (
                    {t('financeDashboard.proposals', { count: proposalCount[fund.id] ?? 0 })})
                    {canAct && (proposalCount[fund.id] ?? 0) > 0 && (
                      <>
                        {' · '}
                        <Link to="/finance/queue">{t('financeDashboard.toQueue')}</Link>
                      </>
                    )}
                  </dd>
                </dl>
                <div style={{ marginTop: '0.75rem' }}>
                  <BudgetBar figures={f} />
                </div>
                {fund.colleges.length > 0 && (
                  <CollegeTable lines={fund.colleges} link={(college, view) => drillDown(year, view, { fund: fund.id, college })} />
                )}
              </article>
            )
          })}

          <h2>{t('financeDashboard.byCollege')}</h2>
          <CollegeTable
            lines={summary.colleges}
            link={(college, view) => drillDown(year, view, { college })}
            totals={{ ...totals, link: (view) => drillDown(year, view) }}
          />
        </>
      )}
      <h2>{t('fiscal.academicMonths')}</h2>
      <MonthsTable months={months} />
    </section>
  )
}

function Fact({ label, fen, to }: { label: string; fen: number; to: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>
        <Fen fen={fen} to={to} />
      </dd>
    </>
  )
}

/** College lines of one fund (allocation) or across funds (sum of allocations), optionally with a totals row. */
function CollegeTable({
  lines,
  link,
  totals,
}: {
  lines: CollegeLine[]
  link: (collegeId: string, view: AwardView) => string
  totals?: {
    budgetFen: number
    committedFen: number
    paidFen: number
    releasedFen: number
    remainingFen: number
    utilisation: number
    link: (view: AwardView) => string
  }
}) {
  const t = useT()
  const locale = useLocale()
  return (
    <div className="table-wrap" style={{ marginTop: '0.75rem' }}>
      <table className="data compact" style={{ whiteSpace: 'nowrap' }}>
        <thead>
          <tr>
            <th>{t('financeDashboard.col.college')}</th>
            <th className="num">{t('financeDashboard.col.allocation')}</th>
            <th className="num">{t('financeDashboard.col.committed')}</th>
            <th className="num">{t('financeDashboard.col.paid')}</th>
            <th className="num">{t('financeDashboard.col.released')}</th>
            <th className="num">{t('financeDashboard.col.remaining')}</th>
            <th className="num">{t('financeDashboard.col.utilisation')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => {
            const f = line.figures
            const own = line.allocationFen !== null
            return (
              <tr key={line.id}>
                <td>{locale === 'en' ? line.nameEn : line.nameZh}</td>
                {own ? (
                  <td className="num">
                    <Fen fen={line.allocationFen!} to={link(line.id, 'all')} />
                  </td>
                ) : (
                  <td className="small muted" style={{ whiteSpace: 'normal', minWidth: '9rem' }}>
                    {t('financeDashboard.noAllocation')}
                  </td>
                )}
                <td className="num">
                  <Fen fen={f.committedFen} to={link(line.id, 'committed')} />
                </td>
                <td className="num">
                  <Fen fen={f.paidFen} to={link(line.id, 'paid')} />
                </td>
                <td className="num">
                  <Fen fen={f.releasedFen} to={link(line.id, 'released')} />
                </td>
                <td className="num">{own ? <Fen fen={f.remainingFen} to={link(line.id, 'all')} /> : '—'}</td>
                <td className="num">{own ? <Link to={link(line.id, 'all')}>{percent(f.utilisation)}</Link> : '—'}</td>
              </tr>
            )
          })}
        </tbody>
        {totals && (
          <tfoot>
            <tr>
              <th>{t('financeDashboard.totalBudget')}</th>
              <th className="num">
                <Fen fen={totals.budgetFen} to={totals.link('all')} />
              </th>
              <th className="num">
                <Fen fen={totals.committedFen} to={totals.link('committed')} />
              </th>
              <th className="num">
                <Fen fen={totals.paidFen} to={totals.link('paid')} />
              </th>
              <th className="num">
                <Fen fen={totals.releasedFen} to={totals.link('released')} />
              </th>
              <th className="num">
                <Fen fen={totals.remainingFen} to={totals.link('all')} />
              </th>
              <th className="num">
                <Link to={totals.link('all')}>{percent(totals.utilisation)}</Link>
              </th>
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  )
}
