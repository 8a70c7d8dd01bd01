// Pieces shared by the finance dashboard and the year-end view: the year selector, amounts and
// shares as text, and the stacked bar of a fund's budget.
import { Form, Link } from '@remix-run/react'
import type { FundFigures } from '~/domain/funding'
import { formatFen } from '~/domain/money'
import { useLocale, useT } from './i18n'

export function YearSelector({ year, years }: { year: string; years: string[] }) {
  const t = useT()
  return (
    <Form method="get" className="form-actions">
      <label className="field">
        <span>{t('financeDashboard.year')}</span>
        <select name="year" defaultValue={year}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="secondary">
        {t('financeDashboard.show')}
      </button>
    </Form>
  )
}

export function Fen({ fen, to }: { fen: number; to?: string }) {
  const locale = useLocale()
  const text = formatFen(fen, locale)
  return to ? <Link to={to}>{text}</Link> : <>{text}</>
}

export const percent = (share: number) => `${(share * 100).toFixed(1)}%`

const colours = { paid: '#1f7a3d', committed: '#d08c00', remaining: '#d6dde5' }

/** Paid | committed | remaining as shares of the budget; the figures themselves are printed beside it. */
export function BudgetBar({ figures }: { figures: FundFigures }) {
  const t = useT()
  const { budgetFen, paidFen, committedFen } = figures
  const share = (fen: number) => (budgetFen > 0 ? Math.min(100, Math.max(0, (fen / budgetFen) * 100)) : 0)
  const paid = share(paidFen)
  const committed = Math.min(share(committedFen), 100 - paid)
  const remaining = 100 - paid - committed
  const label = t('financeDashboard.bar', {
    paid: percent(paid / 100),
    committed: percent(committed / 100),
    remaining: percent(remaining / 100),
  })
  return (
    <div>
      <svg viewBox="0 0 100 6" preserveAspectRatio="none" width="100%" height="18" role="img" aria-label={label}>
        <rect x="0" y="0" width={paid} height="6" fill={colours.paid} />
        <rect x={paid} y="0" width={committed} height="6" fill={colours.committed} />
        <rect x={paid + committed} y="0" width={remaining} height="6" fill={colours.remaining} />
      </svg>
      <p className="small muted" style={{ margin: '0.25rem 0 0', display: 'flex', flexWrap: 'wrap', gap: '0.25rem 1rem' }}>
        {(['paid', 'committed', 'remaining'] as const).map((part) => (
          <span key={part}>
            <svg width="10" height="10" aria-hidden="true">
              <rect width="10" height="10" fill={colours[part]} />
            </svg>{' '}
            {t(`financeDashboard.col.${part}`)} {percent({ paid, committed, remaining }[part] / 100)}
          </span>
        ))}
      </p>
    </div>
  )
}
