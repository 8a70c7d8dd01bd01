import { Form, Link, useNavigation, useSearchParams } from '@remix-run/react'
import { FilterSelect } from '~/components/filter-select'
import { useLocale, useT } from '~/components/i18n'
import { usePlainLinks } from '~/components/plain-links'
import { levels, type StudentLevel } from '~/domain/roles'
import { MAX_REVIEW_TEXT } from '~/domain/text'
import { holder, statuses, type Command } from '~/domain/workflow'
import { formatDate } from '~/i18n'
import { markup } from '~/lib/markup'
import { QUEUE_COUNT_CAP, queueSorts } from '~/domain/queue'

type Row = {
  id: string
  kind: 'exchange' | 'joint_training' | 'conference'
  status: (typeof statuses)[number]
  version: number
  statusChangedAt: Date | string
  submittedAt: Date | string | null
  /** Names and titles in the reader's language. */
  applicant: string
  studentNumber: string | null
  level: StudentLevel | null
  college: string
  program: string
}

/** [id, name] of each choice of a filter menu, in the reader's language. */
type Options = [string, string][]

type Props = {
  title: string
  queue: {
    rows: Row[]
    /** Counts above QUEUE_COUNT_CAP mean "more than QUEUE_COUNT_CAP"; `pages` is then unknown (null). */
    total: number
    page: number
    pages: number | null
    hasNext: boolean
    counts: Partial<Record<string, number>>
  }
  /** The status shown ('all' for every status). */
  status?: string
  facets: { colleges: Options }
  bulkCommands: Command[]
  stuckDays: number
  now: Date | string
  bulkResult?: { ok: number; failed: number } | null
  /** Rank and composite score of the rows made in a selection round. */
  standings?: Record<string, { rank: number; score: number | null }>
}

/** The reviewer's list: status tabs with counts, filters, search, sort, pages, bulk decisions. */
export function ReviewQueue({ title, queue, status, facets, bulkCommands, stuckDays, now, bulkResult, standings = {} }: Props) {
  const t = useT()
  const locale = useLocale()
  const [params] = useSearchParams()
  const navigation = useNavigation()
  const rowLinks = usePlainLinks<HTMLTableSectionElement>()
  const link = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(changes)) v === null ? next.delete(k) : next.set(k, v)
    if (!('page' in changes)) next.delete('page')
    return `?${next.toString()}`
  }
  const current = status ?? 'all'
  const count = (n: number) => (n > QUEUE_COUNT_CAP ? t('queue.countMore', { count: QUEUE_COUNT_CAP }) : String(n))
  const waitingDays = (row: Row) => Math.floor((new Date(now).getTime() - new Date(row.statusChangedAt).getTime()) / 86_400_000)
  // Said once, not on each of the 50 rows.
  const selectLabel = t('queue.select')
  const stuckTitle = t('queue.stuck', { days: stuckDays })
  const rows = queue.rows.map((row) => {
    const waiting = waitingDays(row)
    const days = t('queue.days', { days: waiting })
    const stuck = holder(row.status) !== null && waiting > stuckDays
    const standing = standings[row.id]
    const about = `${row.studentNumber ?? ''} · ${row.level ? t(`level.${row.level}`) : ''} · ${row.college}`
    const cells = [
      bulkCommands.length > 0 &&
        markup`<td><input type="checkbox" name="ids" value="${row.id}:${row.version}" form="bulk" aria-label="${selectLabel}"/></td>`,
      markup`<td><a href="/review/${row.id}">${row.applicant}</a><div class="muted small">${about}</div></td>`,
      markup`<td>${row.program}<div class="muted small">${t(`kind.${row.kind}`)}</div>${
        standing &&
        markup`<div class="small" data-testid="round-standing">${t('round.queueStanding', {
          rank: standing.rank,
          score: standing.score === null ? '–' : standing.score.toFixed(2),
        })}</div>`
      }</td>`,
      markup`<td><span class="badge badge-${row.status}">${t(`status.${row.status}`)}</span></td>`,
      stuck ? markup`<td class="stuck" title="${stuckTitle}">${days}</td>` : markup`<td>${days}</td>`,
      markup`<td>${row.submittedAt ? formatDate(locale, row.submittedAt) : ''}</td>`,
    ]
    return markup`<tr data-application-id="${row.id}">${cells}</tr>`
  })
  return (
    <section>
      <h1>{title}</h1>
      <nav className="tabs" aria-label={t('queue.status')}>
        <Link to={link({ status: 'all' })} className={current === 'all' ? 'active' : ''}>
          {t('queue.allStatuses')}
        </Link>
        {statuses
          .filter((s) => s !== 'draft')
          .map((s) => (
            <Link key={s} to={link({ status: s })} className={current === s ? 'active' : ''} data-status={s}>
              {t(`status.${s}`)} <span className="count">{count(queue.counts[s] ?? 0)}</span>
            </Link>
          ))}
      </nav>

      <Form method="get" className="card filters" role="search">
        <input type="hidden" name="status" value={current} />
        <div className="search-row">
          <input
            type="search"
            name="q"
            defaultValue={params.get('q') ?? ''}
            placeholder={t('queue.search')}
            aria-label={t('queue.search')}
          />
          <button type="submit" className="primary">
            {t('queue.filter')}
          </button>
        </div>
        <div className="filter-grid">
          <label className="field">
            <span>{t('queue.program')}</span>
            <input
              type="search"
              name="program"
              defaultValue={params.get('program') ?? ''}
              placeholder={t('queue.programHint')}
              maxLength={100}
            />
          </label>
          <FilterSelect
            name="kind"
            label={t('catalogue.kind')}
            options={(['exchange', 'joint_training', 'conference'] as const).map((k) => [k, t(`kind.${k}`)])}
          />
          <FilterSelect name="level" label={t('catalogue.level')} options={levels.map((l) => [l, t(`level.${l}`)])} />
          {facets.colleges.length > 0 && <FilterSelect name="collegeId" label={t('queue.college')} options={facets.colleges} />}
          <FilterSelect
            name="closesWithinDays"
            label={t('queue.closesWithin')}
            options={['7', '14', '30'].map((d) => [d, t('queue.closesWithinDays', { days: d })])}
          />
          <FilterSelect name="sort" label={t('queue.sort')} options={queueSorts.map((s) => [s, t(`queue.sort.${s}`)])} any={false} />
        </div>
      </Form>

      {bulkResult && (
        <p className={`alert ${bulkResult.failed ? 'alert-warn' : 'alert-ok'}`} role="status">
          {t('queue.bulkDone', bulkResult)}
        </p>
      )}
      <p className="muted" data-testid="queue-total">
        {queue.pages === null
          ? t('queue.totalMore', { count: QUEUE_COUNT_CAP, page: queue.page })
          : t('queue.total', { total: queue.total, page: queue.page, pages: queue.pages })}
      </p>

      {queue.rows.length === 0 ? (
        <p className="card muted">{t('queue.empty')}</p>
      ) : (
        <>
          <div className="table-wrap">
            <table className="data queue">
              <thead>
                <tr>
                  {bulkCommands.length > 0 && (
                    <th>
                      <span className="visually-hidden">{t('queue.select')}</span>
                    </th>
                  )}
                  <th>{t('queue.applicant')}</th>
                  <th>{t('queue.program')}</th>
                  <th>{t('queue.status')}</th>
                  <th>{t('queue.waiting')}</th>
                  <th>{t('queue.submitted')}</th>
                </tr>
              </thead>
              {/* One string for the 50 rows, not 700 elements (decision 38); their links and boxes are plain. */}
              <tbody ref={rowLinks} dangerouslySetInnerHTML={{ __html: markup`${rows}`.html }} />
            </table>
          </div>
          <nav className="pager" aria-label={t('nav.pages')}>
            {queue.page > 1 && <Link to={link({ page: String(queue.page - 1) })}>← {t('queue.prev')}</Link>}
            {queue.hasNext && <Link to={link({ page: String(queue.page + 1) })}>{t('queue.next')} →</Link>}
          </nav>
          {bulkCommands.length > 0 && (
            <Form method="post" id="bulk" className="card stack bulk">
              <strong>{t('queue.bulk')}</strong>
              <div className="row-2">
                <label className="field">
                  <span>{t('queue.bulkCommand')}</span>
                  <select name="command" required>
                    {bulkCommands.map((c) => (
                      <option key={c} value={c}>
                        {t(`workflow.command.${c}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="field">
                  <span>{t('queue.bulkReason')}</span>
                  <input name="reason" maxLength={MAX_REVIEW_TEXT} />
                </label>
              </div>
              <div>
                <button type="submit" name="intent" value="bulk" className="primary" disabled={navigation.state !== 'idle'}>
                  {t('queue.bulkApply')}
                </button>
              </div>
            </Form>
          )}
        </>
      )}
    </section>
  )
}
