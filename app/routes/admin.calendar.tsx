import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { CorrectionForm, Overrides, PackageDays } from '~/components/admin/calendar'
import { FormErrors } from '~/components/field'
import { useT } from '~/components/i18n'
import { shanghaiDate } from '~/domain/dates'
import { requireUser } from '~/lib/auth.server'
import { withHiddenErrorsOnForm } from '~/lib/form-reply.server'
import { parseForm, readForm } from '~/lib/form.server'
import { calendarYear, clearCalendarOverride, setCalendarOverride } from '~/models/calendar.server'
import { calendarActionSchema } from '~/schemas/calendar'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['calendar'] }

// The working-day calendar (decision 20): the data package's holidays and make-up working days of
// a year, and the administrator's corrections of single days.
const FIRST_YEAR = 2004 // the package's first year
const LAST_YEAR = 2100

function yearParam(url: URL): number {
  const year = Number(url.searchParams.get('year'))
  return Number.isInteger(year) && year >= FIRST_YEAR && year <= LAST_YEAR ? year : Number(shanghaiDate(new Date()).slice(0, 4))
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: 'admin' })
  return calendarYear(yearParam(new URL(request.url)))
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'admin' })
  const formData = await readForm(request)
  const submission = parseForm(formData, { schema: calendarActionSchema })
  if (submission.status !== 'success') {
    // Which form it was, and the day of a removal, are hidden inputs: their errors are the form's.
    const hidden = formData.get('intent') === 'set' ? ['intent'] : ['intent', 'day']
    return data({ result: withHiddenErrorsOnForm(submission.reply(), hidden) }, { status: 400 })
  }
  const { day } = submission.value
  const back = `/admin/calendar?year=${day.slice(0, 4)}`
  if (submission.value.intent === 'set') {
    await setCalendarOverride(user, day, submission.value.working, submission.value.note)
    return redirect(`${back}&saved=${day}`)
  }
  // Already removed (a second click, another tab): say so, and show the year as it is.
  if (!(await clearCalendarOverride(user, day)))
    return data({ result: submission.reply({ formErrors: ['calendar.error.noCorrection'] }) }, { status: 409 })
  return redirect(`${back}&removed=${day}`)
}

export default function AdminCalendar() {
  const t = useT()
  const calendar = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [params] = useSearchParams()
  const saved = params.get('saved')
  const removed = params.get('removed')
  const years = [calendar.year - 1, calendar.year, calendar.year + 1]
  // The correction form shows its own errors; a refused removal has no form of its own.
  const setResult = actionData?.result.initialValue?.intent === 'set' ? actionData.result : undefined
  const clearErrors = actionData && !setResult ? (actionData.result.error?.[''] ?? undefined) : undefined
  return (
    <section>
      <h1>{t('calendar.title')}</h1>
      <p className="muted">{t('calendar.intro')}</p>
      <Form method="get" className="dashboard-filters">
        <label>
          {t('calendar.year')}{' '}
          <select name="year" defaultValue={calendar.year}>
            {years.map((y) => (
              <option key={y}>{y}</option>
            ))}
          </select>
        </label>
        <button type="submit" className="secondary">
          {t('calendar.show')}
        </button>
      </Form>
      {!calendar.covered && (
        <p className="alert alert-warn" data-testid="calendar-not-covered">
          {t('calendar.notCovered', { year: calendar.year })}
        </p>
      )}
      {saved && (
        <p className="alert alert-ok" role="status">
          {t('calendar.saved', { day: saved })}
        </p>
      )}
      {removed && (
        <p className="alert alert-ok" role="status">
          {t('calendar.removed', { day: removed })}
        </p>
      )}
      <FormErrors errors={clearErrors} />
      <CorrectionForm key={saved ?? removed ?? ''} lastResult={setResult} />
      <h2>{t('calendar.overrides.title', { year: calendar.year })}</h2>
      <Overrides overrides={calendar.overrides} />
      <h2>{t('calendar.package.holidays', { year: calendar.year })}</h2>
      <PackageDays days={calendar.holidays} testId="calendar-holidays" />
      <h2>{t('calendar.package.makeUp', { year: calendar.year })}</h2>
      <PackageDays days={calendar.makeUpDays} testId="calendar-make-up" />
    </section>
  )
}
