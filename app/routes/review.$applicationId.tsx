import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { ApplicationAnswers } from '~/components/application/answers'
import { useT } from '~/components/i18n'
import { AuditTrailCard } from '~/components/review/audit-trail'
import { CommentsCard } from '~/components/review/comment-form'
import { DecisionCard, type DecisionReply } from '~/components/review/decision-form'
import { DocumentsCard } from '~/components/review/documents'
import { EligibilityCard } from '~/components/review/eligibility'
import { ReviewsCard } from '~/components/review/rubric-form'
import { ApplicationSummary } from '~/components/review/summary'
import { RevealCard, type RevealReply } from '~/components/privacy/reveal-form'
import { NOT_FOUND } from '~/domain/result'
import type { MessageKey } from '~/i18n'
import { requireUser, type SessionUser } from '~/lib/auth.server'
import { parseForm, readForm } from '~/lib/form.server'
import { revalidateAfterConflict } from '~/lib/revalidate'
import { reviewPageData } from '~/models/review-page.server'
import { addComment } from '~/models/comment.server'
import { decide } from '~/models/review-decisions.server'
import { declareConflict, saveReview } from '~/models/review-scores.server'
import { revealAnswer } from '~/models/sensitive-answers.server'
import { reviewActionSchema, type DecisionForm } from '~/schemas/review'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = {
  messages: [
    'agreements',
    'application',
    'audit',
    'campus',
    'documents',
    'finance',
    'learning-agreement',
    'privacy',
    'review',
    'review-page',
    'stay',
    'student',
  ],
}

const STAFF = ['college_reviewer', 'office_reviewer', 'finance', 'admin'] as const

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: [...STAFF] })
  const page = await reviewPageData(user, params.applicationId ?? '')
  if (!page) throw new Response('Not found', { status: 404 })
  return page
}

/** The refusals answered with their own HTTP status; any other is a 400. */
const STATUS: Partial<Record<MessageKey, number>> = { 'rv.error.stale': 409, 'rv.error.forbidden': 403, 'rv.error.notFound': 404 }

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: [...STAFF] })
  const applicationId = params.applicationId ?? ''
  const submission = parseForm(await readForm(request), { schema: reviewActionSchema })
  // A form the schema refuses (a text over the limit, an unknown command) is refused whole, never cut.
  if (submission.status !== 'success') return refused(submission.payload.intent)
  const input = submission.value
  if (input.intent === 'decide') return decision(user, applicationId, input)
  if (input.intent === 'conflict') {
    const result = await declareConflict(user, applicationId, input.reason)
    return data({ intent: 'conflict' as const, ok: result.ok }, { status: result.ok ? 200 : 400 })
  }
  if (input.intent === 'reveal') {
    const result = await revealAnswer(user, applicationId, input.field, input.reason)
    const reply: RevealReply = result.ok
      ? { intent: 'reveal', ok: true, field: result.field, value: result.value }
      : { intent: 'reveal', ok: false }
    return data(reply, { status: result.ok ? 200 : result.error === NOT_FOUND ? 404 : 400 })
  }
  if (input.intent === 'comment') {
    const result = await addComment(user, { applicationId, visibility: input.visibility, body: input.body })
    return data({ intent: 'comment' as const, ok: result.ok }, { status: result.ok ? 200 : 400 })
  }
  const result = await saveReview(user, {
    applicationId,
    scores: input.score,
    comment: input.comment,
    submit: input.intent === 'submit-review',
  })
  return data({ intent: 'review' as const, ok: result.ok }, { status: result.ok ? 200 : 400 })
}

/** A workflow command: 409 when the page showed an older version (the page then reloads), 403, 404, or 400. */
async function decision(user: SessionUser, applicationId: string, input: DecisionForm) {
  const result = await decide(user, {
    applicationId,
    version: input.version,
    command: input.command,
    reason: input.reason || undefined,
    requestedChanges: { fields: input.fields, documents: input.documents },
    messageToStudent: input.messageToStudent || undefined,
    confirmOverQuota: input.confirmOverQuota,
  })
  if (result.ok) return { intent: 'decide', ok: true, status: result.status, error: null, current: null } satisfies DecisionReply
  const reply = {
    intent: 'decide',
    ok: false,
    error: result.error,
    params: result.params ?? null,
    current: result.current ?? null,
  } satisfies DecisionReply
  return data(reply, { status: STATUS[result.error] ?? 400 })
}

/** The answer to a form the schema refused, in the shape of its form's answers. */
function refused(intent: unknown) {
  if (intent === 'review' || intent === 'submit-review') return data({ intent: 'review' as const, ok: false }, { status: 400 })
  if (intent === 'conflict') return data({ intent: 'conflict' as const, ok: false }, { status: 400 })
  if (intent === 'comment') return data({ intent: 'comment' as const, ok: false }, { status: 400 })
  if (intent === 'reveal') return data({ intent: 'reveal', ok: false } satisfies RevealReply, { status: 400 })
  return data({ intent: 'decide', ok: false, error: 'rv.error.invalid', params: null, current: null } satisfies DecisionReply, {
    status: 400,
  })
}

export const shouldRevalidate = revalidateAfterConflict

export default function ReviewPage() {
  const t = useT()
  const loaded = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useNavigation().state !== 'idle'
  if (loaded.conflict) {
    return (
      <section className="card">
        <h1>{t('rv.conflictTitle')}</h1>
        <p>{t('rv.conflictDeclared')}</p>
        <Link to={loaded.home}>{t('rv.back')}</Link>
      </section>
    )
  }
  return (
    <section className="review-page">
      <p>
        <Link to={loaded.home}>← {t('rv.back')}</Link>
      </p>
      <ApplicationSummary {...loaded} />
      {(loaded.application.status === 'approved' || loaded.application.status === 'completed') && (
        <p>
          <a href={`/applications/${loaded.application.id}/approval.pdf`} className="button" target="_blank" rel="noreferrer">
            {t('stay.approvalPdf')}
          </a>{' '}
          <a href={`/applications/${loaded.application.id}/approval.pdf?lang=en`} target="_blank" rel="noreferrer">
            {t('stay.approvalPdfEn')}
          </a>
        </p>
      )}
      {loaded.agreement && (
        <p className="card" data-testid="agreement-state">
          {loaded.agreement.state === 'none' ? t('la.state.none') : t(`la.state.${loaded.agreement.state}`, loaded.agreement)}
        </p>
      )}
      <DecisionCard {...loaded} reply={result?.intent === 'decide' ? result : null} busy={busy} />
      <EligibilityCard {...loaded} />
      <div className="card">
        <h2>{t('rv.section.answers')}</h2>
        <ApplicationAnswers
          kind={loaded.application.kind}
          details={loaded.application.details}
          sources={loaded.sources.answers}
          questions={loaded.questions}
        />
      </div>
      <RevealCard masked={loaded.masked} reply={result?.intent === 'reveal' ? result : null} />
      <DocumentsCard {...loaded} />
      <ReviewsCard {...loaded} saved={result?.intent === 'review' ? result.ok : null} busy={busy} />
      <CommentsCard {...loaded} busy={busy} />
      <AuditTrailCard {...loaded} />
    </section>
  )
}
