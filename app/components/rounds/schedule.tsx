import { Form } from '@remix-run/react'
import { useT } from '~/components/i18n'
import { shanghaiDate } from '~/domain/dates'
import { MAX_ANNOUNCEMENT_DAYS } from '~/domain/rounds'

type Round = { closesAt: Date | string; offerDeadline: Date | string; announcementDays: number }

/** The office changes an open round's dates: applications close, offers answered by, the announcement's length. */
export function RoundSchedule({ round, version }: { round: Round; version: number }) {
  const t = useT()
  return (
    <details className="card" data-testid="round-schedule">
      <summary>{t('round.schedule.title')}</summary>
      <Form method="post" className="stack" aria-label={t('round.schedule.title')}>
        <input type="hidden" name="intent" value="schedule" />
        <input type="hidden" name="version" value={version} />
        <p className="muted small">{t('round.schedule.hint')}</p>
        <div className="budget-grid">
          <label>
            {t('round.field.closesOn')}
            <input type="date" name="closesOn" required defaultValue={shanghaiDate(new Date(round.closesAt))} />
          </label>
          <label>
            {t('round.field.offerDeadlineOn')}
            <input type="date" name="offerDeadlineOn" required defaultValue={shanghaiDate(new Date(round.offerDeadline))} />
          </label>
          <label>
            {t('round.field.announcementDays')}
            <input
              type="number"
              name="announcementDays"
              required
              min={1}
              max={MAX_ANNOUNCEMENT_DAYS}
              step={1}
              defaultValue={round.announcementDays}
            />
          </label>
        </div>
        <button type="submit">{t('round.schedule.save')}</button>
      </Form>
    </details>
  )
}
