import { useT } from './i18n'

const order = [
  'submitted', 'changes_requested', 'college_endorsed', 'funding_check', 'approved',
  'waitlisted', 'rejected', 'withdrawn', 'cancelled', 'completed',
] as const

export function StatusCounts({ counts }: { counts: Partial<Record<(typeof order)[number] | 'draft', number>> }) {
  const t = useT()
  const total = order.reduce((sum, s) => sum + (counts[s] ?? 0), 0)
  return (
    <div className="grid" data-testid="status-counts">
      {order.map((s) => (
        <div className="stat" key={s} data-status={s}>
          <div className="value">{counts[s] ?? 0}</div>
          <div className="label">{t(`status.${s}`)}</div>
        </div>
      ))}
      <div className="stat">
        <div className="value">{total}</div>
        <div className="label">{t('staff.home.total')}</div>
      </div>
    </div>
  )
}
