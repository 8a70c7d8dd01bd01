import { Fen } from '~/components/finance-figures'
import { useT } from '~/components/i18n'
import type { MonthLine } from '~/models/fiscal-year.server'

/** Payments and releases per month, with their total: the same rows in the fiscal and the academic view. */
export function MonthsTable({ months }: { months: MonthLine[] }) {
  const t = useT()
  if (!months.length) return <p className="muted">{t('fiscal.noMovements')}</p>
  return (
    <table className="data compact" data-testid="months">
      <thead>
        <tr>
          <th>{t('fiscal.month')}</th>
          <th className="num">{t('financeDashboard.col.paid')}</th>
          <th className="num">{t('financeDashboard.col.released')}</th>
        </tr>
      </thead>
      <tbody>
        {months.map((m) => (
          <tr key={m.month} data-testid={`month-${m.month}`}>
            <td>{m.month}</td>
            <td className="num">
              <Fen fen={m.paidFen} />
            </td>
            <td className="num">
              <Fen fen={m.releasedFen} />
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th>{t('financeDashboard.total')}</th>
          <th className="num">
            <Fen fen={months.reduce((s, m) => s + m.paidFen, 0)} />
          </th>
          <th className="num">
            <Fen fen={months.reduce((s, m) => s + m.releasedFen, 0)} />
          </th>
        </tr>
      </tfoot>
    </table>
  )
}
