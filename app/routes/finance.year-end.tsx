import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Fen, YearSelector } from '~/components/finance-figures'
import { useLocale, useT } from '~/components/i18n'
import { hasRole } from '~/domain/roles'
import { formatDate } from '~/i18n'
import { requestedYear, yearEnd, requireFinanceReader } from '~/models/finance-dashboard.server'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['finance-dashboard'] }

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireFinanceReader(request)
  const year = requestedYear(request)
  return { year, canAct: hasRole(user.roles, 'finance'), ...(await yearEnd(user, year)) }
}

export default function YearEnd() {
  const t = useT()
  const locale = useLocale()
  const { year, years, summary, commitments, canAct } = useLoaderData<typeof loader>()
  const name = (n: { nameZh: string; nameEn: string }) => (locale === 'en' ? n.nameEn : n.nameZh)
  const fundLink = (fund: string) => `/finance/awards?${new URLSearchParams({ year, fund, view: 'committed' })}`
  return (
    <section>
      <p className="small">
        <Link to={`/finance?year=${year}`}>← {t('finance.home.title')}</Link>
      </p>
      <h1>{t('financeDashboard.yearEnd.title', { year })}</h1>
      <YearSelector year={year} years={years} />

      <h2>{t('financeDashboard.yearEnd.closing')}</h2>
      <div className="table-wrap">
        <table className="data compact" style={{ whiteSpace: 'nowrap' }} data-testid="closing">
          <thead>
            <tr>
              <th>{t('financeDashboard.col.fund')}</th>
              <th className="num">{t('financeDashboard.col.budget')}</th>
              <th className="num">{t('financeDashboard.col.paid')}</th>
              <th className="num">{t('financeDashboard.col.released')}</th>
              <th className="num">{t('financeDashboard.yearEnd.open')}</th>
              <th className="num">{t('financeDashboard.col.remaining')}</th>
            </tr>
          </thead>
          <tbody>
            {summary.funds.map((fund) => (
              <tr key={fund.id}>
                <td>{name(fund)}</td>
                <td className="num">
                  <Fen fen={fund.figures.budgetFen} />
                </td>
                <td className="num">
                  <Fen fen={fund.figures.paidFen} />
                </td>
                <td className="num">
                  <Fen fen={fund.figures.releasedFen} />
                </td>
                <td className="num">
                  <Fen fen={fund.figures.committedFen} to={fundLink(fund.id)} />
                </td>
                <td className="num">
                  <Fen fen={fund.figures.remainingFen} />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th>{t('financeDashboard.total')}</th>
              <th className="num">
                <Fen fen={summary.totals.budgetFen} />
              </th>
              <th className="num">
                <Fen fen={summary.totals.paidFen} />
              </th>
              <th className="num">
                <Fen fen={summary.totals.releasedFen} />
              </th>
              <th className="num">
                <Fen fen={summary.totals.committedFen} />
              </th>
              <th className="num">
                <Fen fen={summary.totals.remainingFen} />
              </th>
            </tr>
          </tfoot>
        </table>
      </div>

      <h2>{t('financeDashboard.yearEnd.commitments', { count: commitments.length })}</h2>
      <p className="muted small">{t('financeDashboard.yearEnd.hint')}</p>
      {commitments.length === 0 ? (
        <p className="card muted">{t('financeDashboard.yearEnd.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data compact" style={{ whiteSpace: 'nowrap' }} data-testid="commitments">
            <thead>
              <tr>
                <th>{t('financeDashboard.col.reference')}</th>
                <th>{t('financeDashboard.col.student')}</th>
                <th>{t('financeDashboard.col.fund')}</th>
                <th>{t('financeDashboard.col.kind')}</th>
                <th>{t('financeDashboard.yearEnd.endDate')}</th>
                <th>{t('financeDashboard.yearEnd.report')}</th>
                <th className="num">{t('financeDashboard.col.committed')}</th>
              </tr>
            </thead>
            <tbody>
              {commitments.map((c) => (
                <tr key={c.id}>
                  <td>{canAct ? <Link to={`/finance/awards/${c.id}`}>{c.reference}</Link> : c.reference}</td>
                  <td>
                    {name(c.student)}
                    <div className="small muted">
                      {c.student.studentNumber} · {name(c.college)}
                    </div>
                  </td>
                  <td>{name(c.fund)}</td>
                  <td>{t(`kind.${c.kind}`)}</td>
                  <td>{c.endDate ?? '—'}</td>
                  <td className={c.reportSubmittedAt ? 'tick-ok' : 'tick-missing'}>
                    {c.reportSubmittedAt
                      ? t('financeDashboard.yearEnd.reportIn', { date: formatDate(locale, c.reportSubmittedAt) })
                      : t('financeDashboard.yearEnd.reportMissing')}
                  </td>
                  <td className="num">
                    <Fen fen={c.approvedFen} />
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
