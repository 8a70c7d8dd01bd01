import { Form } from '@remix-run/react'
import { useLocale, useT } from '~/components/i18n'
import { MAX_REVIEW_TEXT } from '~/domain/text'
import { formatList } from '~/i18n'

type Named = { id: string; nameZh: string; nameEn: string }
type Reviewers = { assigned: (Named & { override: boolean })[]; keptOff: Named[] }
type Waiting = { id: string; name: { nameZh: string; nameEn: string }; reviewers: Reviewers }

/** Who reviews the round's waiting applications: automatic balanced assignment, and by hand. */
export function Assignments({ waiting, staff }: { waiting: Waiting[]; staff: Named[] }) {
  const t = useT()
  const en = useLocale() === 'en'
  const name = (n: { nameZh: string; nameEn: string }) => (en ? n.nameEn : n.nameZh)
  if (waiting.length === 0) return null
  return (
    <div className="stack" data-testid="assignments">
      <h3 className="h4">{t('round.col.reviewers')}</h3>
      <p className="muted small">{t('round.office.assignHint')}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="assign" />
        <button type="submit" className="secondary">
          {t('round.office.assign')}
        </button>
      </Form>
      <ul className="plain">
        {waiting.map((w) => (
          <li key={w.id} data-application={w.id}>
            <strong>{name(w.name)}</strong>:{' '}
            {formatList(t, [
              ...w.reviewers.assigned.map((r) => (r.override ? t('round.office.overridden', { name: name(r) }) : name(r))),
              ...w.reviewers.keptOff.map((r) => t('round.office.keptOff', { name: name(r) })),
            ]) || '–'}
          </li>
        ))}
      </ul>
      <Form method="post" className="stack-tight card">
        <h4 className="h4">{t('round.office.assignOne')}</h4>
        <input type="hidden" name="intent" value="assignOne" />
        <label htmlFor="assign-application">{t('round.col.student')}</label>
        <select id="assign-application" name="applicationId" required>
          {waiting.map((w) => (
            <option key={w.id} value={w.id}>
              {name(w.name)}
            </option>
          ))}
        </select>
        <label htmlFor="assign-reviewer">{t('round.office.assignReviewer')}</label>
        <select id="assign-reviewer" name="reviewerId" required>
          {staff.map((s) => (
            <option key={s.id} value={s.id}>
              {name(s)}
            </option>
          ))}
        </select>
        <label htmlFor="assign-reason">{t('round.office.overrideReason')}</label>
        <textarea id="assign-reason" name="overrideReason" rows={2} maxLength={MAX_REVIEW_TEXT} />
        <button type="submit" className="secondary">
          {t('round.office.assignOneSubmit')}
        </button>
      </Form>
    </div>
  )
}
