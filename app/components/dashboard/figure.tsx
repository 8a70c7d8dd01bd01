import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useLocale, useT } from '~/components/i18n'
import { barWidth, drillDownHref, yearOverYear, type MobilityFilter } from '~/domain/policy'
import type { DashboardFigures } from '~/models/dashboard.server'

// The pieces every section of the dashboard draws with: a bar, a number opening its drill-down,
// and the wording of names, percents and changes.

export function Bar({ percent }: { percent: number | null }) {
  // Decorative: the number and percent it draws are written beside it.
  const width = barWidth(percent)
  return (
    <svg
      className={`bar${(percent ?? 0) >= 100 ? ' bar-full' : ''}`}
      viewBox="0 0 100 6"
      preserveAspectRatio="none"
      aria-hidden="true"
      focusable="false"
    >
      <rect className="bar-track" width="100" height="6" rx="3" />
      {width > 0 && <rect className="bar-fill" width={width} height="6" rx="3" />}
    </svg>
  )
}

/** A number that opens the applications behind it. */
export function Num({ filter, children, testId }: { filter: MobilityFilter; children: ReactNode; testId?: string }) {
  return (
    <Link to={drillDownHref(filter)} className="figure" data-testid={testId}>
      {children}
    </Link>
  )
}

/** The drill-down filters of the figures shown (`base`) and of the year before (`before`). */
export function scopeFilters(f: Pick<DashboardFigures, 'year' | 'previousYear' | 'college' | 'membership'>) {
  const base: MobilityFilter = { year: f.year, college: f.college?.id, membership: f.membership ?? undefined }
  const before: MobilityFilter = { ...base, year: f.previousYear }
  return { base, before }
}

/** A name in the reader's language, a percent (or "n/a"), a change from last year. */
export function useFigureText() {
  const t = useT()
  const locale = useLocale()
  const name = (x: { nameZh: string; nameEn: string }) => (locale === 'en' ? x.nameEn : x.nameZh)
  const pct = (p: number | null) => (p === null ? t('dashboard.notApplicable') : t('dashboard.percent', { percent: p }))
  const signed = (n: number) => (n > 0 ? `+${n}` : String(n))
  const change = (now: number, then: number) => {
    const yoy = yearOverYear(now, then)
    return yoy.percent === null
      ? t('dashboard.change', { delta: signed(yoy.delta) })
      : t('dashboard.changePercent', { delta: signed(yoy.delta), percent: signed(yoy.percent) })
  }
  return { t, locale, name, pct, change }
}
