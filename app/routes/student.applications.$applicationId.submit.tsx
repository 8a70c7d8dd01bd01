import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { ApplicationAnswers } from '~/components/application/answers'
import { DocumentsToSend } from '~/components/application/documents-to-send'
import { useLocale, useT } from '~/components/i18n'
import type { FindingParams } from '~/domain/eligibility'
import { isBudgetLine } from '~/domain/money'
import { readChangeRequest } from '~/domain/requested-changes'
import { NOT_FOUND } from '~/domain/result'
import { isEditable } from '~/domain/workflow'
import { formatSentences, type Params, translateError } from '~/i18n'
import { requireUser } from '~/lib/auth.server'
import { checkReadiness, findOwnApplication, isReady, submitApplication } from '~/models/application.server'
import { listDocuments } from '~/models/document.server'
import { isApplicationField } from '~/schemas/application'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['agreements', 'application', 'campus', 'catalogue', 'documents', 'rounds', 'student'] }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'student' })
  const application = await findOwnApplication(user.id, params.applicationId ?? '')
  if (!application) throw new Response('Not found', { status: 404 })
  if (!isEditable(application.status)) throw redirect(`/student/applications/${application.id}`)
  const [readiness, documents] = await Promise.all([checkReadiness(application, user), listDocuments(application.id)])
  return {
    // What will be sent: the current version of each document (older ones stay on the application page).
    documents: documents.filter((d) => !d.supersededAt).map(({ id, kind, originalName, size }) => ({ id, kind, originalName, size })),
    application: { id: application.id, kind: application.kind, details: application.details as Record<string, unknown> },
    program: { titleZh: application.program.titleZh, titleEn: application.program.titleEn },
    readiness,
    ready: isReady(readiness),
    // A resubmission goes back to whoever asked for the changes.
    backTo: application.status === 'changes_requested' ? readChangeRequest(application.requestedChanges).by : null,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'student' })
  const result = await submitApplication(user, params.applicationId ?? '')
  if (result.ok) return redirect(`/student/applications/${params.applicationId}?submitted=1`)
  if (result.error === NOT_FOUND) throw new Response('Not found', { status: 404 })
  // Already submitted (a second click, another tab): show where it stands.
  if (!('readiness' in result)) return redirect(`/student/applications/${params.applicationId}`)
  return data({ refused: true }, { status: 400 })
}

export default function SubmitPage() {
  const t = useT()
  const locale = useLocale()
  const { application, program, readiness, ready, backTo, documents } = useLoaderData<typeof loader>()
  const refused = useActionData<typeof action>()
  const navigation = useNavigation()
  const fieldProblems = Object.entries(readiness.fieldErrors)
  const outside = readiness.outsideRequest
  const fieldLabel = (path: string) => {
    const [first, line] = path.split('.')
    if (first === 'budget' && isBudgetLine(line)) return t(`application.field.budget.${line}`)
    return isApplicationField(first) ? t(`application.field.${first}`) : path
  }
  return (
    <section>
      <h1>{t('submit.title')}</h1>
      <p className="muted">{locale === 'en' ? program.titleEn : program.titleZh}</p>
      <p>{t(backTo === 'office' ? 'submit.introOffice' : 'submit.intro')}</p>
      {ready ? (
        <p className="alert alert-ok" data-testid="ready">
          {t('submit.ready')}
        </p>
      ) : (
        <div className="alert alert-error" role="alert" data-testid="problems">
          {fieldProblems.length > 0 && (
            <>
              <strong>{t('submit.fieldErrors')}</strong>
              <ul>
                {fieldProblems.map(([path, messages]) => (
                  <li key={path}>
                    {t('text.labelled', {
                      label: fieldLabel(path),
                      text: formatSentences(
                        t,
                        messages.map((m) => translateError(t, m)),
                      ),
                    })}
                  </li>
                ))}
              </ul>
            </>
          )}
          {readiness.missingDocuments.length > 0 && (
            <>
              <strong>{t('submit.missingDocuments')}</strong>
              <ul>
                {readiness.missingDocuments.map((kind) => (
                  <li key={kind}>{t(`documents.kind.${kind}`)}</li>
                ))}
              </ul>
            </>
          )}
          {outside.fields.length + outside.documents.length > 0 && (
            <>
              <strong>{t('submit.outsideRequest')}</strong>
              <ul data-testid="outside-request">
                {outside.fields.map((f) => (
                  <li key={f}>{fieldLabel(f)}</li>
                ))}
                {outside.documents.map((kind) => (
                  <li key={kind}>{t(`documents.kind.${kind}`)}</li>
                ))}
              </ul>
            </>
          )}
          {readiness.eligibility.failures.length > 0 && (
            <>
              <strong>{t('submit.ineligible')}</strong>
              <ul>
                {readiness.eligibility.failures.map((f) => (
                  <li key={f.code}>{t(f.code, eligibilityParams(t, f.params))}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {readiness.eligibility.warnings.length > 0 && (
        <div className="alert alert-warn">
          <strong>{t('submit.warnings')}</strong>
          <ul>
            {readiness.eligibility.warnings.map((w) => (
              <li key={w.code}>{t(w.code, w.params as Params)}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="card">
        <ApplicationAnswers kind={application.kind} details={application.details} questions={readiness.questions} />
      </div>
      <DocumentsToSend checklist={readiness.checklist} documents={documents} />
      <div className="form-actions" style={{ marginTop: '1rem' }}>
        <Link to={`/student/applications/${application.id}`}>← {t('submit.backToEdit')}</Link>
        {ready && (
          <Form method="post">
            <button type="submit" className="primary" disabled={navigation.state !== 'idle'}>
              {t('submit.button')}
            </button>
          </Form>
        )}
      </div>
      {refused && <p className="alert alert-error">{t('form.fixErrors')}</p>}
    </section>
  )
}

/** Eligibility messages name a level or status by its key: show it in the reader's language. */
function eligibilityParams(t: ReturnType<typeof useT>, params: FindingParams): Params {
  const out: Params = { ...params }
  if (params.level) out.level = t(`level.${params.level}`)
  if (params.status) out.status = t(`status.${params.status}`)
  return out
}
