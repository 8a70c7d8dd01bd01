import { getFormProps, useForm } from '@conform-to/react'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { OpenRoundFields } from '~/components/rounds/open-round'
import { FormErrors } from '~/components/field'
import { useT } from '~/components/i18n'
import { academicYearOf } from '~/domain/academic-year'
import { programKinds, type ProgramKind } from '~/domain/program'
import { DEFAULT_SCORE_FORMULA } from '~/domain/selection-score'
import { requireUser } from '~/lib/auth.server'
import { parseForm, readForm } from '~/lib/form.server'
import { openRound, programsFreeForRound } from '~/models/rounds.server'
import { openRoundSchema } from '~/schemas/rounds'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['application', 'calendar', 'rounds'] }

// The office opens a selection round over programs of one kind and academic year (chosen first,
// by GET, so the form lists the programs free to take).
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: 'office_reviewer' })
  const url = new URL(request.url)
  const current = academicYearOf(new Date())
  const next = `${Number(current.slice(0, 4)) + 1}-${Number(current.slice(0, 4)) + 2}`
  const years = [current, next]
  const kindParam = url.searchParams.get('kind')
  const kind: ProgramKind = (programKinds as readonly string[]).includes(kindParam ?? '') ? (kindParam as ProgramKind) : 'exchange'
  const year = years.includes(url.searchParams.get('year') ?? '') ? url.searchParams.get('year')! : current
  return { kind, year, years, programs: await programsFreeForRound(kind, year), formula: DEFAULT_SCORE_FORMULA }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'office_reviewer' })
  const submission = parseForm(await readForm(request), { schema: openRoundSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const opened = await openRound(user, submission.value)
  if (!opened.ok) return data({ result: submission.reply({ fieldErrors: { programIds: [opened.error] } }) }, { status: 409 })
  return redirect(`/rounds/${opened.roundId}`)
}

export default function NewRound() {
  const t = useT()
  const loaderData = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm({ id: 'open-round', lastResult: actionData?.result, shouldValidate: 'onSubmit' })
  return (
    <section>
      <h1>{t('round.new.title')}</h1>
      <Form method="get" className="dashboard-filters">
        <label>
          {t('round.field.kind')}{' '}
          <select name="kind" defaultValue={loaderData.kind}>
            {programKinds.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('round.field.academicYear')}{' '}
          <select name="year" defaultValue={loaderData.year}>
            {loaderData.years.map((y) => (
              <option key={y}>{y}</option>
            ))}
          </select>
        </label>
        <button type="submit" className="secondary">
          {t('round.field.pick')}
        </button>
      </Form>
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <OpenRoundFields fields={fields} {...loaderData} />
        <button type="submit" className="primary">
          {t('round.open')}
        </button>
      </Form>
    </section>
  )
}
