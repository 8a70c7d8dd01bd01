import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import type { z } from 'zod'
import { FormErrors, TextField } from '~/components/field'
import { useErrorText, useLocale, useT } from '~/components/i18n'
import { formatDate, formatDateTime } from '~/i18n'
import type { CalendarYear } from '~/models/calendar.server'
import { calendarSetSchema, MAX_CALENDAR_NOTE } from '~/schemas/calendar'

type Override = CalendarYear['overrides'][number]

/** A day as people read it, with its weekday: "2026年10月10日 星期六" / "Oct 10, 2026 (Saturday)". */
function useDay() {
  const locale = useLocale()
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' })
  return (day: string) => {
    const date = formatDate(locale, `${day}T12:00:00+08:00`)
    const name = weekday.format(new Date(`${day}T00:00:00Z`))
    return locale === 'en' ? `${date} (${name})` : `${date} ${name}`
  }
}

/** The form that corrects one day: working or a day off, with the reason. */
export function CorrectionForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const t = useT()
  const errorText = useErrorText()
  const [form, fields] = useForm<z.input<typeof calendarSetSchema>, z.output<typeof calendarSetSchema>>({
    id: 'calendar-set',
    lastResult,
    // Checked in the browser first (the server checks again): a slip is shown without a round trip.
    onValidate: ({ formData }) => parseWithZod(formData, { schema: calendarSetSchema }),
    shouldValidate: 'onSubmit',
  })
  const working = getInputProps(fields.working, { type: 'radio' })
  const workingErrors = errorText(fields.working.errors)
  return (
    <Form method="post" {...getFormProps(form)} className="card" aria-labelledby="calendar-set-title">
      <h2 id="calendar-set-title">{t('calendar.correct.title')}</h2>
      <p className="muted">{t('calendar.correct.hint')}</p>
      <input type="hidden" name="intent" value="set" />
      <FormErrors errors={form.errors} />
      <TextField type="date" label={t('calendar.day')} field={fields.day} />
      <fieldset aria-describedby={fields.working.errors ? fields.working.errorId : undefined}>
        <legend>{t('calendar.correct.dayIs')}</legend>
        <div className="filter-checks">
          {(['working', 'off'] as const).map((value) => (
            <label key={value}>
              <input
                type="radio"
                name={working.name}
                value={value}
                defaultChecked={fields.working.initialValue === value}
                aria-invalid={working['aria-invalid']}
              />{' '}
              {t(`calendar.${value}`)}
            </label>
          ))}
        </div>
        {workingErrors?.length ? (
          <div id={fields.working.errorId} role="alert">
            <ul className="field-error">
              {workingErrors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </fieldset>
      <TextField label={t('calendar.note')} field={fields.note} hint={t('calendar.correct.noteHint', { max: MAX_CALENDAR_NOTE })} />
      <button type="submit" className="primary">
        {t('calendar.correct.save')}
      </button>
    </Form>
  )
}

/** The corrections of the year, each with what the package says and a button to remove it. */
export function Overrides({ overrides }: { overrides: Override[] }) {
  const t = useT()
  const locale = useLocale()
  const day = useDay()
  if (!overrides.length) return <p className="muted">{t('calendar.overrides.none')}</p>
  return (
    <div className="table-wrap">
      <table className="data compact" data-testid="calendar-overrides">
        <thead>
          <tr>
            <th scope="col">{t('calendar.day')}</th>
            <th scope="col">{t('calendar.overrides.now')}</th>
            <th scope="col">{t('calendar.overrides.package')}</th>
            <th scope="col">{t('calendar.note')}</th>
            <th scope="col">{t('calendar.overrides.setBy')}</th>
            <td />
          </tr>
        </thead>
        <tbody>
          {overrides.map((o) => (
            <tr key={o.day} data-day={o.day}>
              <td>{day(o.day)}</td>
              <td>{t(o.working ? 'calendar.working' : 'calendar.off')}</td>
              <td className="muted">{t(o.packageWorking ? 'calendar.working' : 'calendar.off')}</td>
              <td>{o.note}</td>
              <td>
                {locale === 'en' ? o.setBy.nameEn : o.setBy.nameZh} · {formatDateTime(locale, o.setAt)}
              </td>
              <td>
                <Form method="post">
                  <input type="hidden" name="intent" value="clear" />
                  <input type="hidden" name="day" value={o.day} />
                  <button type="submit" className="secondary" aria-label={t('calendar.overrides.removeDay', { day: day(o.day) })}>
                    {t('calendar.overrides.remove')}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** The package's holidays or make-up working days of the year. */
export function PackageDays({ days, testId }: { days: CalendarYear['holidays']; testId: string }) {
  const t = useT()
  const locale = useLocale()
  const day = useDay()
  if (!days.length) return <p className="muted">{t('calendar.package.none')}</p>
  return (
    <div className="table-wrap">
      <table className="data compact" data-testid={testId}>
        <tbody>
          {days.map((d) => (
            <tr key={d.day}>
              <td>{day(d.day)}</td>
              <td>{locale === 'en' ? d.en : d.zh}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
