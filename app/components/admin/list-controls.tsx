import { Form, Link, useSearchParams } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useT } from '~/components/i18n'

/**
 * The search box and filters of an admin list (a GET form, so results are linkable and work
 * without JavaScript). `showLabels` names the current / retired / all choice of this list.
 */
export function ListFilters({ children, showLabels }: { children?: ReactNode; showLabels?: { current: string; retired: string } }) {
  const t = useT()
  const [params] = useSearchParams()
  return (
    <Form method="get" className="filters" role="search">
      <div className="search-row">
        <input
          type="search"
          name="q"
          defaultValue={params.get('q') ?? ''}
          aria-label={t('adminConfig.search')}
          placeholder={t('adminConfig.search')}
          maxLength={100}
        />
        <button type="submit" className="secondary">
          {t('adminConfig.searchButton')}
        </button>
      </div>
      <div className="filter-grid">
        {children}
        <label className="field">
          <span>{t('adminConfig.show')}</span>
          <select name="show" defaultValue={params.get('show') ?? 'current'}>
            <option value="current">{showLabels?.current ?? t('adminConfig.show.current')}</option>
            <option value="retired">{showLabels?.retired ?? t('adminConfig.show.retired')}</option>
            <option value="all">{t('adminConfig.show.all')}</option>
          </select>
        </label>
      </div>
    </Form>
  )
}

/** "n results, page p of q" and previous / next links that keep the filters. */
export function Pager({ total, page, pages }: { total: number; page: number; pages: number }) {
  const t = useT()
  const [params] = useSearchParams()
  const to = (p: number) => {
    const next = new URLSearchParams(params)
    next.set('page', String(p))
    return `?${next}`
  }
  return (
    <>
      <p className="muted" data-testid="list-total">
        {t('adminConfig.total', { total, page, pages })}
      </p>
      {pages > 1 && (
        <nav className="pager" aria-label={t('nav.pages')}>
          {page > 1 && <Link to={to(page - 1)}>← {t('queue.prev')}</Link>}
          {page < pages && <Link to={to(page + 1)}>{t('queue.next')} →</Link>}
        </nav>
      )}
    </>
  )
}

/** The list page's heading with its "new …" button. */
export function ListHeading({ title, newLabel }: { title: string; newLabel: string }) {
  const t = useT()
  return (
    <>
      <p>
        <Link to="/admin">← {t('adminConfig.backToAdmin')}</Link>
      </p>
      <div className="app-head">
        <h1>{title}</h1>
        <Link className="button" to="new">
          {newLabel}
        </Link>
      </div>
    </>
  )
}

/** The list's table: a row of headings, then the page's rows (`<tr>` elements). */
export function ListTable({ headings, children }: { headings: string[]; children: ReactNode }) {
  return (
    <div className="table-wrap">
      <table className="data" data-testid="admin-list">
        <thead>
          <tr>
            {headings.map((heading) => (
              <th key={heading}>{heading}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  )
}
