import { Form, useSearchParams } from '@remix-run/react'
import { useLocale, useT } from '~/components/i18n'
import type { RoundPhase } from '~/domain/rounds'
import type { ApplicationStatus } from '~/domain/workflow'
import { MAX_REVIEW_TEXT } from '~/domain/text'
import { formatDateTime, formatList, translateError } from '~/i18n'
import { Assignments } from './assignments'
import { CollegeQuotas } from './college-quotas'

type Named = { nameZh: string; nameEn: string }
type Parts = { gpa: number | null; language: number | null; rubric: number | null; interview: number | null }
type Row = {
  id: string
  rank: number
  name: Named
  studentNumber: string | null
  college: Named
  status: ApplicationStatus
  score: number | null
  parts: Parts
  missing: (keyof Parts)[]
  interviewScore: number | null
  choices: string[]
  placed: { programId: string; choice: number } | null
  reserve: number | null
  pinned: { programId: string | null } | null
}
type Office = {
  version: number
  canAllocate: boolean
  offersBlockedBy: string | null
  openObjections: number
  partners: { id: string; nameZh: string; nameEn: string }[]
  proposedAt: string | null
  colleges: Parameters<typeof CollegeQuotas>[0]['colleges']
  quotas: Parameters<typeof CollegeQuotas>[0]['quotas']
  staff: Parameters<typeof Assignments>[0]['staff']
  waiting: Parameters<typeof Assignments>[0]['waiting']
  rows: Row[]
}
type Round = { id: string; phase: RoundPhase; announcementDays: number; programs: { id: string; titleZh: string; titleEn: string }[] }

const fixed = (n: number | null) => (n === null ? '–' : n.toFixed(2))

const SORTS = ['rank', 'gpa', 'language', 'rubric', 'interview', 'name', 'college'] as const
type Sort = (typeof SORTS)[number]

/** Best first for a score (missing last, then by rank); names and colleges alphabetically. */
function sorter(sort: Sort, name: (n: Named) => string) {
  return (a: Row, b: Row) => {
    if (sort === 'rank') return a.rank - b.rank
    if (sort === 'name') return name(a.name).localeCompare(name(b.name)) || a.rank - b.rank
    if (sort === 'college') return name(a.college).localeCompare(name(b.college)) || a.rank - b.rank
    const x = a.parts[sort]
    const y = b.parts[sort]
    return (y ?? -1) - (x ?? -1) || a.rank - b.rank
  }
}

/** The office's side: the ranking with scores, interview scores, the allocation and its controls, offers and lists. */
export function OfficePanel({ round, office }: { round: Round; office: Office }) {
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  const name = (n: Named) => (en ? n.nameEn : n.nameZh)
  const programTitle = new Map(round.programs.map((p) => [p.id, en ? p.titleEn : p.titleZh]))
  const endorsed = office.rows.filter((r) => r.status === 'college_endorsed')
  // The ranking sorts by rank (the default), a part of the score, the name or the college.
  const [params] = useSearchParams()
  const sort = (SORTS as readonly string[]).includes(params.get('sort') ?? '') ? (params.get('sort') as Sort) : 'rank'
  const rows = [...office.rows].sort(sorter(sort, name))
  const placement = (r: Row) => {
    if (r.placed) {
      const program = programTitle.get(r.placed.programId) ?? ''
      return r.placed.choice === 0
        ? t('round.office.placedByHand', { program })
        : t('round.office.placed', { program, choice: r.placed.choice })
    }
    if (r.pinned && r.pinned.programId === null) return t('round.office.heldOut')
    if (r.reserve !== null) return t('round.office.reserve', { rank: r.reserve })
    return r.status === 'college_endorsed' ? '' : t(`status.${r.status}`)
  }
  return (
    <div className="card stack" data-testid="office-panel">
      <h2 className="h3">{t('round.office.title')}</h2>
      {office.openObjections > 0 && (
        <p className="alert alert-warn">{t('round.office.openObjections', { count: office.openObjections })}</p>
      )}
      <Assignments waiting={office.waiting} staff={office.staff} />
      <p>
        <a href={`/rounds/${round.id}/ranking.csv`}>{t('round.office.rankedList')}</a>
      </p>
      <Form method="get" className="inline-form">
        <label>
          {t('round.sort')}{' '}
          <select name="sort" defaultValue={sort}>
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`round.sort.${s}`)}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="submit" className="secondary small">
          {t('round.sort.apply')}
        </button>
      </Form>
      <div className="table-wrap">
        <table className="data compact" data-testid="ranking">
          <thead>
            <tr>
              <th scope="col">{t('round.col.rank')}</th>
              <th scope="col">{t('round.col.student')}</th>
              <th scope="col">{t('round.col.college')}</th>
              <th scope="col">{t('round.col.score')}</th>
              <th scope="col">{t('round.col.interview')}</th>
              <th scope="col">{t('round.col.choices')}</th>
              <th scope="col">{t('round.col.placement')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-application={r.id}>
                <td>{r.rank}</td>
                <td>
                  <a href={`/review/${r.id}`}>{name(r.name)}</a>
                  <div className="muted small">{r.studentNumber}</div>
                </td>
                <td>{name(r.college)}</td>
                <td data-testid="score">
                  <strong>{fixed(r.score)}</strong>
                  <div className="muted small">
                    {t('round.part.gpa')} {fixed(r.parts.gpa)} · {t('round.part.language')} {fixed(r.parts.language)} ·{' '}
                    {t('round.part.rubric')} {fixed(r.parts.rubric)} · {t('round.part.interview')} {fixed(r.parts.interview)}
                  </div>
                  {r.missing.length > 0 && (
                    <div className="small">
                      {t('round.missing', {
                        parts: formatList(
                          t,
                          r.missing.map((p) => t(`round.part.${p}`)),
                        ),
                      })}
                    </div>
                  )}
                </td>
                <td>
                  {office.canAllocate ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="interview" />
                      <input type="hidden" name="applicationId" value={r.id} />
                      <input
                        type="number"
                        name="score"
                        min={0}
                        max={100}
                        step={1}
                        defaultValue={r.interviewScore ?? ''}
                        aria-label={`${t('round.col.interview')}: ${name(r.name)}`}
                        style={{ width: '5em' }}
                      />{' '}
                      <button type="submit" className="secondary small">
                        {t('round.office.interviewSave')}
                      </button>
                    </Form>
                  ) : (
                    (r.interviewScore ?? '–')
                  )}
                </td>
                <td>
                  <ol className="compact-list">
                    {r.choices.map((id) => (
                      <li key={id}>{programTitle.get(id)}</li>
                    ))}
                  </ol>
                </td>
                <td data-testid="placement">{placement(r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CollegeQuotas programs={round.programs} colleges={office.colleges} quotas={office.quotas} editable={office.canAllocate} />
      {round.phase === 'open' && (
        <div className="stack">
          {!office.canAllocate ? (
            <p className="muted">{t('round.office.notYet')}</p>
          ) : (
            <>
              <p className="muted">
                {office.proposedAt
                  ? t('round.office.proposedAt', { time: formatDateTime(locale, office.proposedAt) })
                  : t('round.office.noProposal')}
              </p>
              <Form method="post">
                <input type="hidden" name="intent" value="allocate" />
                <button type="submit" className="secondary">
                  {office.proposedAt ? t('round.office.reallocate') : t('round.office.allocate')}
                </button>
              </Form>
            </>
          )}
          {office.canAllocate && office.proposedAt && (
            <>
              <Form method="post" className="stack-tight card">
                <h3 className="h4">{t('round.office.adjust')}</h3>
                <input type="hidden" name="intent" value="adjust" />
                <label htmlFor="adjust-student">{t('round.col.student')}</label>
                <select id="adjust-student" name="applicationId" required>
                  {endorsed.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.rank}. {name(r.name)}
                    </option>
                  ))}
                </select>
                <label htmlFor="adjust-program">{t('round.office.adjustTo')}</label>
                <select id="adjust-program" name="programId">
                  {round.programs.map((p) => (
                    <option key={p.id} value={p.id}>
                      {programTitle.get(p.id)}
                    </option>
                  ))}
                  <option value="">{t('round.office.adjustOut')}</option>
                </select>
                <label htmlFor="adjust-reason">{t('round.office.adjustReason')}</label>
                <textarea id="adjust-reason" name="reason" rows={2} maxLength={MAX_REVIEW_TEXT} required />
                <button type="submit" className="secondary">
                  {t('round.office.adjustSubmit')}
                </button>
              </Form>
              <Form method="post" className="stack-tight">
                <input type="hidden" name="intent" value="confirm" />
                <input type="hidden" name="version" value={office.version} />
                <p className="muted small">{t('round.office.confirmHint', { days: round.announcementDays })}</p>
                <button type="submit" className="primary">
                  {t('round.office.confirm')}
                </button>
              </Form>
            </>
          )}
        </div>
      )}
      {round.phase === 'announced' && (
        <Form method="post" className="stack-tight">
          <input type="hidden" name="intent" value="offers" />
          <p className="muted small">{office.offersBlockedBy ? translateError(t, office.offersBlockedBy) : t('round.office.offersHint')}</p>
          <button type="submit" className="primary">
            {t('round.office.offers')}
          </button>
        </Form>
      )}
      {office.partners.length > 0 && (
        <div>
          <h3 className="h4">{t('round.office.nominations')}</h3>
          <ul data-testid="nomination-links">
            {office.partners.map((p) => (
              <li key={p.id}>
                {/* A plain GET form: the file downloads; the sensitive columns only when ticked (logged). */}
                <form method="get" action={`/rounds/${round.id}/nominations/${p.id}/csv`} className="inline-form">
                  {en ? p.nameEn : p.nameZh}:{' '}
                  <label>
                    <input type="checkbox" name="sensitive" value="1" /> {t('privacy.export.sensitive')}
                  </label>{' '}
                  <button type="submit" className="link-button">
                    CSV
                  </button>{' '}
                  ·{' '}
                  <button type="submit" className="link-button" formAction={`/rounds/${round.id}/nominations/${p.id}/xlsx`}>
                    Excel
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  )
}
