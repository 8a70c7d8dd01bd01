import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useT } from '~/components/i18n'
import { ActionNotice } from '~/components/rounds/action-notice'
import { OfficePanel } from '~/components/rounds/office-panel'
import { Objections, PublishedList } from '~/components/rounds/published'
import { RoundFacts } from '~/components/rounds/round-facts'
import { RoundPrograms } from '~/components/rounds/round-programs'
import { RoundSchedule } from '~/components/rounds/schedule'
import { StudentPanel } from '~/components/rounds/student-panel'
import { requireUser } from '~/lib/auth.server'
import { parseForm, readForm } from '~/lib/form.server'
import { roundAction } from '~/models/round-actions.server'
import { roundPageData } from '~/models/round-page.server'
import { roundActionSchema } from '~/schemas/rounds'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['application', 'calendar', 'privacy', 'rounds'] }

// One selection round: its programs and rules for everyone; a student's ranked choices; the
// published list (公示) and objections; the office's ranking, allocation and offers.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const page = await roundPageData(user, params.roundId!)
  if (!page) throw new Response('Not found', { status: 404 })
  return page
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const submission = parseForm(await readForm(request), { schema: roundActionSchema })
  if (submission.status !== 'success') {
    const errors = Object.values(submission.error ?? {}).flat()
    return data({ ok: false as const, intent: null, error: errors[0] ?? 'form.invalidChoice' }, { status: 400 })
  }
  const result = await roundAction(user, params.roundId!, submission.value)
  // A new application in the round continues on the application's own page.
  if (result.ok && result.intent === 'choose' && result.applicationId)
    return redirect(`/student/applications/${result.applicationId}?choices=saved`)
  return data(result, { status: result.ok ? 200 : result.error === 'round.error.notFound' ? 404 : 409 })
}

export default function RoundPage() {
  const t = useT()
  const page = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <section className="stack">
      <RoundFacts round={page.round} />
      <ActionNotice result={result} />
      {page.round.announcementEndsOn && (
        <p data-testid="announcement-ends">
          {t('round.announcementEnds', { day: page.round.announcementEndsOn, days: page.round.announcementDays })}
        </p>
      )}
      <RoundPrograms round={page.round} />
      {page.student && <StudentPanel round={page.round} side={page.student} />}
      {page.published && <PublishedList rows={page.published.rows} />}
      {(page.published || page.objections.length > 0) && (
        <Objections objections={page.objections} canObject={page.canObject} answers={page.office !== null} />
      )}
      {page.office && page.round.phase === 'open' && <RoundSchedule round={page.round} version={page.office.version} />}
      {page.office && <OfficePanel round={page.round} office={page.office} />}
    </section>
  )
}
