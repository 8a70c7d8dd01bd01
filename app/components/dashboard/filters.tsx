import { Form } from '@remix-run/react'
import { partnerMemberships } from '~/domain/agreements'
import type { DashboardPageData } from '~/models/dashboard.server'
import { useFigureText } from './figure'

/** The year and college choice, the export link, and the scope the figures are for. */
export function DashboardFilters({ figures: f, years, colleges, everyCollege }: DashboardPageData) {
  const { t, name } = useFigureText()
  const exportQuery = new URLSearchParams({
    year: f.year,
    ...(f.college ? { college: f.college.id } : {}),
    ...(f.membership ? { membership: f.membership } : {}),
  })
  return (
    <>
      <Form method="get" className="dashboard-filters">
        <label>
          {t('dashboard.year')}{' '}
          <select name="year" defaultValue={f.year}>
            {years.map((y) => (
              <option key={y}>{y}</option>
            ))}
          </select>
        </label>
        {everyCollege && (
          <label>
            {t('dashboard.college')}{' '}
            <select name="college" defaultValue={f.college?.id ?? ''}>
              <option value="">{t('dashboard.allColleges')}</option>
              {colleges.map((c) => (
                <option key={c.id} value={c.id}>
                  {name(c)}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('dashboard.membership')}{' '}
          <select name="membership" defaultValue={f.membership ?? ''}>
            <option value="">{t('dashboard.anyMembership')}</option>
            {partnerMemberships.map((m) => (
              <option key={m} value={m}>
                {t(`agreements.membership.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="secondary">
          {t('dashboard.show')}
        </button>
        <a href={`/dashboard/export.xlsx?${exportQuery}`} className="button secondary" download>
          {t('dashboard.export')}
        </a>
      </Form>
      <p data-testid="dashboard-scope">
        <strong>
          {f.college
            ? t('dashboard.scopeCollege', { college: name(f.college), year: f.year })
            : t('dashboard.scopeUniversity', { year: f.year })}
          {f.membership && ` · ${t('dashboard.scopeMembership', { membership: t(`agreements.membership.${f.membership}`) })}`}
        </strong>
      </p>
    </>
  )
}
