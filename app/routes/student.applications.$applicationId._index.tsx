import { agreementKinds } from '~/domain/learning-agreement'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { ApplicationAnswers } from '~/components/application/answers'
import { ApplicationForm } from '~/components/application/application-form'
import { Timeline } from '~/components/application/timeline'
import { Deadline } from '~/components/deadline'
import { DocumentUpload } from '~/components/document-upload'
import { useLocale, useT } from '~/components/i18n'
import { RoundLinks } from '~/components/rounds/round-links'
import { countryNames } from '~/domain/countries'
import { tickOff } from '~/domain/documents'
import { programRequirementsSchema, submissionWindowApplies } from '~/domain/eligibility'
import { changeRequestView, readChangeRequest } from '~/domain/requested-changes'
import { NOT_FOUND } from '~/domain/result'
import { acceptsDocument, commandsFor, holder, isEditable } from '~/domain/workflow'
import { formatDate, formatList, isMessageKey, translator, type Locale } from '~/i18n'
import { requestLocale, requireUser } from '~/lib/auth.server'
import { env } from '~/lib/env.server'
import {
  applicationReference,
  checklistFor,
  choicePrograms,
  currentDocumentKinds,
  findOwnApplication,
  saveDraft,
  studentTimeline,
  withdrawApplication,
} from '~/models/application.server'
import { listDocuments } from '~/models/document.server'
import { recordedGpa } from '~/models/student-record.server'
import { applicationDraftSchema, isApplicationField, toFormValues, type ApplicationDraft } from '~/schemas/application'
import { msg, text } from '~/schemas/fields'
import { parseForm, readForm } from '~/lib/form.server'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = {
  messages: ['agreements', 'application', 'campus', 'catalogue', 'documents', 'finance', 'learning-agreement', 'rounds', 'stay', 'student'],
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'student' })
  const application = await findOwnApplication(user.id, params.applicationId ?? '')
  if (!application) throw new Response('Not found', { status: 404 })
  const details = application.details as Record<string, unknown>
  const [documents, uploaded, timeline, recorded, programs] = await Promise.all([
    listDocuments(application.id),
    currentDocumentKinds(application.id),
    studentTimeline(application.id),
    application.kind === 'exchange' ? recordedGpa(user.id) : null,
    choicePrograms(application),
  ])
  const items = checklistFor(application.kind, programs, details)
  const { program } = application
  return {
    application: {
      id: application.id,
      kind: application.kind,
      status: application.status,
      roundId: application.roundId,
      statusChangedAt: application.statusChangedAt,
      reference: applicationReference(application.id, application.academicYear),
      // The GPA of a student with a record is the university's, whatever the draft held.
      details: recorded ? { ...details, ...recorded } : details,
      gpaFromRecords: !!recorded,
      // The names and who asked; the copy kept to compare the resubmission with stays on the server.
      requestedChanges: application.requestedChanges ? changeRequestView(readChangeRequest(application.requestedChanges)) : null,
    },
    program: {
      id: program.id,
      titleZh: program.titleZh,
      titleEn: program.titleEn,
      academicYear: program.academicYear,
      opensAt: program.opensAt,
      closesAt: program.closesAt,
      requirements: programRequirementsSchema.parse(program.requirements),
    },
    // The countdown to closesAt concerns a first submission only: a resubmission is not bound by it.
    submissionWindow: submissionWindowApplies(application.status),
    documents,
    checklist: tickOff(items, uploaded),
    questions: programs.filter((p) => p.questions.length).map(({ requiredDocuments: _, ...p }) => p),
    timeline,
    maxBytes: env().UPLOAD_MAX_BYTES,
    now: new Date(),
    // Named on the server so the suggestions the page hydrates with are the ones it was rendered with.
    countryNames: application.kind === 'conference' ? countryNames(await requestLocale(request, user)) : [],
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'student' })
  const applicationId = params.applicationId ?? ''
  const formData = await readForm(request)
  const intent = formData.get('intent')

  if (intent === 'withdraw') {
    const reason = text(500, 0).safeParse(formData.get('reason') ?? '')
    const result = await withdrawApplication(user, applicationId, reason.success ? reason.data : '')
    if (!result.ok && result.error === NOT_FOUND) throw new Response('Not found', { status: 404 })
    if (!result.ok) return data({ kind: 'withdraw' as const, error: result.error }, { status: 409 })
    return redirect(`/student/applications/${applicationId}?withdrawn=1`)
  }

  const submission = parseForm(formData, { schema: applicationDraftSchema })
  // List buttons (add or remove a course) without JavaScript: just show the changed form.
  if (submission.status === undefined) return { kind: 'form' as const, result: submission.reply(), savedAt: null }
  // A draft saves whatever is valid; the fields in error keep the student's input on screen.
  const draft = submission.status === 'success' ? submission.value : validPart(formData, Object.keys(submission.error ?? {}))
  const saved = draft ? await saveDraft(user, applicationId, draft) : null
  if (saved && !saved.ok && saved.error === NOT_FOUND) throw new Response('Not found', { status: 404 })
  const savedAt = saved?.ok ? new Date().toISOString() : null
  // Answers the request for changes did not name: nothing saved, and the student told which.
  const refusal =
    saved?.ok === false && saved.unrequested
      ? notRequested(saved.unrequested, await requestLocale(request, user))
      : saved?.ok === false && saved.error === 'campus.gpa.changed'
        ? msg(saved.error, saved.params)
        : null
  if (intent === 'autosave') return { kind: 'autosave' as const, savedAt, error: refusal }
  // "Next" saves first; the submit page then lists what is still missing. Answers in error stay here, shown.
  if (intent === 'next' && submission.status === 'success' && saved?.ok) return redirect(`/student/applications/${applicationId}/submit`)
  if (refusal) return data({ kind: 'form' as const, result: submission.reply({ formErrors: [refusal] }), savedAt }, { status: 400 })
  return data({ kind: 'form' as const, result: submission.reply(), savedAt }, { status: submission.status === 'success' ? 200 : 400 })
}

/** The refusal of answers nobody asked to change, naming them in the student's language. */
function notRequested(fields: string[], locale: Locale): string {
  const t = translator(locale)
  const labels = fields.map((f) => {
    const key = `application.field.${f}`
    return isMessageKey(key) ? t(key) : f
  })
  return msg('application.error.notRequested', { fields: formatList(t, labels) })
}

/** The draft without the fields that failed validation (by their top-level name). */
function validPart(formData: FormData, failedPaths: string[]): ApplicationDraft | null {
  const failed = new Set(failedPaths.map((p) => p.split(/[.[]/)[0]))
  const kept = new FormData()
  for (const [name, value] of formData) if (!failed.has(name.split(/[.[]/)[0])) kept.append(name, value)
  const retry = parseForm(kept, { schema: applicationDraftSchema })
  return retry.status === 'success' ? retry.value : null
}

export default function ApplicationPage() {
  const t = useT()
  const locale = useLocale()
  const { application, program, submissionWindow, documents, checklist, questions, timeline, maxBytes, now, countryNames } =
    useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [params] = useSearchParams()
  const editable = isEditable(application.status)
  const who = holder(application.status)
  const days = Math.floor((new Date(now).getTime() - new Date(application.statusChangedAt).getTime()) / 86_400_000)
  const formResult = actionData?.kind === 'form' ? actionData : null
  // While changes are requested, only what the reviewer named is open.
  const changes =
    application.status === 'changes_requested'
      ? (application.requestedChanges ?? { fields: [], documents: [], by: 'college' as const })
      : null
  return (
    <section className="application-page">
      <div className="app-head">
        <div>
          <h1>{locale === 'en' ? program.titleEn : program.titleZh}</h1>
          <p className="muted">
            {t(`kind.${application.kind}`)} · {t('app.reference', { reference: application.reference })}
          </p>
        </div>
        <div>
          <span className={`badge badge-${application.status}`} data-testid="application-status">
            {t(`status.${application.status}`)}
          </span>
          {editable && submissionWindow && (
            <>
              {' '}
              <Deadline opensAt={program.opensAt} closesAt={program.closesAt} serverNow={now} />
            </>
          )}
        </div>
      </div>

      {params.get('submitted') === '1' && (
        <p className="alert alert-ok" role="status">
          {t('submit.done')}
        </p>
      )}
      {params.get('withdrawn') === '1' && (
        <p className="alert alert-ok" role="status">
          {t('app.withdrawn')}
        </p>
      )}
      <RoundLinks applicationId={application.id} roundId={application.roundId} status={application.status} answered={params.get('offer')} />
      {actionData?.kind === 'withdraw' && (
        <p className="alert alert-error" role="alert">
          {t(actionData.error)}
        </p>
      )}

      {(application.status === 'approved' || application.status === 'completed') && (
        <p>
          <Link to={`/student/applications/${application.id}/report`} className="button">
            {t(application.status === 'approved' ? 'report.link' : 'report.title')}
          </Link>{' '}
          {application.status === 'approved' && (
            <Link to={`/student/applications/${application.id}/stay`} className="button">
              {t('stay.link')}
            </Link>
          )}{' '}
          <a href={`/applications/${application.id}/approval.pdf`} className="button" target="_blank" rel="noreferrer">
            {t('stay.approvalPdf')}
          </a>
          {agreementKinds.includes(application.kind) && (
            <>
              {' '}
              <Link to={`/student/applications/${application.id}/learning-agreement`} className="button">
                {t('la.link')}
              </Link>
            </>
          )}
        </p>
      )}
      <div className="card">
        <p>
          {t(`app.nextStep.${application.status}`, { deadline: formatDate(locale, program.closesAt) })}
          {who && who !== 'student' && (
            <span className="muted">
              {' '}
              · {t('app.holder', { holder: t(`workflow.holder.${who}`) })} · {t('app.waiting', { days })}
            </span>
          )}
        </p>
        {changes && (
          <div className="alert alert-warn" data-testid="requested-changes">
            <strong>{t('app.changesRequested')}</strong>
            <ul>
              {changes.fields.length ? (
                <li>
                  {t('app.changesFields', {
                    fields: formatList(
                      t,
                      changes.fields.map((f) => (isApplicationField(f) ? t(`application.field.${f}`) : f)),
                    ),
                  })}
                </li>
              ) : null}
              {changes.documents.length ? (
                <li>
                  {t('app.changesDocuments', {
                    documents: formatList(
                      t,
                      changes.documents.map((d) => t(`documents.kind.${d}`)),
                    ),
                  })}
                </li>
              ) : null}
            </ul>
            <p className="changes-note">
              {t('app.changesOnly')} {t(`app.changesBackTo.${changes.by}`)}
            </p>
          </div>
        )}
      </div>

      <div className="card">
        <h2>{t('app.section.answers')}</h2>
        {editable ? (
          <ApplicationForm
            kind={application.kind}
            programId={program.id}
            defaultValue={toFormValues({ ...application.details, kind: application.kind } as ApplicationDraft)}
            program={program}
            countryNames={countryNames}
            lastResult={formResult?.result}
            savedAt={formResult?.savedAt}
            requested={changes?.fields ?? null}
            gpaFromRecords={application.gpaFromRecords}
            questions={questions}
          />
        ) : (
          <ApplicationAnswers kind={application.kind} details={application.details} questions={questions} />
        )}
      </div>

      <div className="card">
        <h2>{t('app.section.documents')}</h2>
        <ul className="checklist">
          {checklist.map((item) => {
            const asked = changes?.documents.includes(item.kind)
            return (
              <li key={item.kind} data-document-kind={item.kind} className={asked ? 'checklist-flagged' : undefined}>
                <div className="checklist-head">
                  <strong>{t(`documents.kind.${item.kind}`)}</strong>
                  <span className={item.uploaded ? 'tick-ok' : 'tick-missing'}>
                    {item.uploaded ? `✓ ${t('app.uploaded')}` : item.required ? t('app.required') : t('app.optional')}
                  </span>
                  {changes &&
                    (asked ? (
                      <span className="badge badge-flag">{t('app.toChange')}</span>
                    ) : (
                      <span className="muted">{t('app.notRequested')}</span>
                    ))}
                </div>
                <DocumentUpload
                  applicationId={application.id}
                  kind={item.kind}
                  documents={documents}
                  editable={editable && acceptsDocument(application.status, item.kind, changes?.documents)}
                  maxBytes={maxBytes}
                />
              </li>
            )
          })}
        </ul>
      </div>

      {editable && (
        <p>
          {/* Saves the form first (answers typed a moment ago are not lost), then opens the check-and-submit page. */}
          <button type="submit" form="application" name="intent" value="next" className="button">
            {t('app.next')} →
          </button>
        </p>
      )}

      <div className="card">
        <h2>{t('app.section.timeline')}</h2>
        <Timeline items={timeline} />
      </div>

      {commandsFor(application.status, 'student').includes('withdraw') && (
        <details className="card withdraw">
          <summary>{t('app.withdraw')}</summary>
          <Form method="post" className="stack">
            <p>{t('app.withdrawConfirm')}</p>
            <label className="field">
              <span>{t('app.withdrawReason')}</span>
              <textarea name="reason" rows={2} maxLength={500} />
            </label>
            <button type="submit" name="intent" value="withdraw" className="primary danger">
              {t('app.withdraw')}
            </button>
          </Form>
        </details>
      )}
    </section>
  )
}
