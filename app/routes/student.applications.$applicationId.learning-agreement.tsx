import type { MessagesHandle } from '~/i18n'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { DocumentUpload } from '~/components/document-upload'
import { useErrorText, useLocale, useT } from '~/components/i18n'
import { VersionTable } from '~/components/learning-agreement/version-table'
import { editable, formatCredits, mayStartVersion } from '~/domain/learning-agreement'
import { fieldErrors, NOT_FOUND, refusalText } from '~/domain/result'
import { formatDate } from '~/i18n'
import { requireUser } from '~/lib/auth.server'
import { env } from '~/lib/env.server'
import { parseForm, readForm } from '~/lib/form.server'
import { listDocuments } from '~/models/document.server'
import { addLine, enterGrades, removeLine, startVersion, studentAgreementPage, submitVersion } from '~/models/learning-agreement.server'
import { studentAgreementSchema } from '~/schemas/learning-agreement'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['documents', 'learning-agreement'] }

// /student/applications/<id>/learning-agreement (decision 26): the student's host courses and what
// each counts as at home, the state of each line, earlier versions read-only; after return the
// host transcript and the grades. Who may: app/domain/access.ts (editsAgreement, readsAgreement).

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'student' })
  const page = await studentAgreementPage(user, params.applicationId ?? '')
  if (!page) throw new Response('Not found', { status: 404 })
  const documents = (await listDocuments(page.application.id)).filter((d) => d.kind === 'host_transcript' && !d.supersededAt)
  return { ...page, documents, maxBytes: env().UPLOAD_MAX_BYTES }
}

const done = { add: 'added', remove: 'removed', submit: 'submitted', newVersion: 'version', grades: 'grades' } as const

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'student' })
  const applicationId = params.applicationId ?? ''
  // The body's limits first (a small form, read whole); then whose agreement it is.
  const form = await readForm(request)
  if (!(await studentAgreementPage(user, applicationId))) throw new Response('Not found', { status: 404 })
  const submission = parseForm(form, { schema: studentAgreementSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const input = submission.value
  const result =
    input.intent === 'add'
      ? await addLine(user, applicationId, {
          version: input.version,
          line: {
            hostCode: input.hostCode,
            hostTitle: input.hostTitle,
            hostCreditTenths: input.hostCredits,
            term: input.term,
            homeCode: input.homeCode,
            homeTitle: input.homeTitle,
            homeCreditTenths: input.homeCredits,
          },
        })
      : input.intent === 'remove'
        ? await removeLine(user, applicationId, input)
        : input.intent === 'submit'
          ? await submitVersion(user, applicationId, input)
          : input.intent === 'newVersion'
            ? await startVersion(user, applicationId, input)
            : await enterGrades(user, applicationId, input)
  if (result.ok) return redirect(`/student/applications/${applicationId}/learning-agreement?done=${done[input.intent]}`)
  if (result.error === NOT_FOUND) throw new Response('Not found', { status: 404 })
  const reply = result.fields
    ? submission.reply({ fieldErrors: fieldErrors(result) })
    : submission.reply({ formErrors: [refusalText(result)] })
  return data({ result: reply }, { status: result.error === 'la.error.stale' ? 409 : 400 })
}

export default function StudentLearningAgreement() {
  const t = useT()
  const locale = useLocale()
  const errorText = useErrorText()
  const page = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const [params] = useSearchParams()
  const { application, versions } = page
  const [latest, ...earlier] = versions
  const errors = Object.values(failed?.result.error ?? {}).flatMap((e) => errorText(e ?? undefined) ?? [])
  const sent = (name: string) => {
    const value = failed?.result.initialValue?.[name]
    return typeof value === 'string' ? value : undefined
  }
  const draft = latest && editable(latest)
  const current = versions.find((v) => v.no === page.currentNo)
  const openToGrade = current?.lines.filter((l) => l.decision === 'approved' && l.recognition === 'pending') ?? []
  const doneKey = params.get('done')
  return (
    <section className="stack">
      <p>
        <Link to={`/student/applications/${application.id}`}>
          ← {locale === 'en' ? application.program.titleEn : application.program.titleZh}
        </Link>
      </p>
      <h1>{t('la.title')}</h1>
      <p className="muted">{t('la.intro')}</p>
      {doneKey && ['added', 'removed', 'submitted', 'version', 'grades'].includes(doneKey) && (
        <p className="alert alert-ok" role="status">
          {t(`la.done.${doneKey as 'added'}`)}
        </p>
      )}
      {errors.map((e) => (
        <p key={e} role="alert" className="alert alert-error">
          {e}
        </p>
      ))}
      <p data-testid="credit-totals">
        {t('la.planned', { credits: formatCredits(page.plannedTenths) })} ·{' '}
        {t('la.recognisedTotal', { credits: formatCredits(page.recognisedTenths) })}
      </p>

      {!latest ? (
        <p className="card muted">{t('la.none')}</p>
      ) : (
        <div className="card" data-testid="current-version" data-no={latest.no} data-status={latest.status}>
          <h2>
            {t('la.version', { no: latest.no })} · {t(`la.status.${latest.status}`)}
          </h2>
          <VersionTable
            lines={latest.lines}
            showGrades={latest.no === page.currentNo && application.returned}
            extra={
              draft && page.editable
                ? (line) => (
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="version" value={latest.version} />
                      <input type="hidden" name="lineId" value={line.id} />
                      <button type="submit">{t('la.remove')}</button>
                    </Form>
                  )
                : undefined
            }
          />
          {draft && page.editable && latest.lines.length > 0 && (
            <Form method="post">
              <input type="hidden" name="intent" value="submit" />
              <input type="hidden" name="version" value={latest.version} />
              <button type="submit" className="primary">
                {t('la.submit')}
              </button>
            </Form>
          )}
        </div>
      )}

      {page.editable && (!latest || draft) && (
        // Drawn anew for each version of the draft: a course added leaves the fields empty for the next.
        <Form method="post" className="card stack" aria-labelledby="la-add" key={latest?.version ?? 0}>
          <h2 id="la-add">{t('la.add')}</h2>
          <input type="hidden" name="intent" value="add" />
          <input type="hidden" name="version" value={latest?.version ?? 0} />
          {(
            [
              ['hostCode', 40],
              ['hostTitle', 200],
              ['hostCredits', 10],
              ['term', 40],
              ['homeCode', 40],
              ['homeTitle', 200],
              ['homeCredits', 10],
            ] as const
          ).map(([name, max]) => (
            <div className="field" key={name}>
              <label htmlFor={`la-${name}`}>{t(`la.field.${name}`)}</label>
              <input
                id={`la-${name}`}
                name={name}
                maxLength={max}
                defaultValue={sent(name)}
                required={name !== 'homeCode' && name !== 'homeTitle'}
                inputMode={name.endsWith('Credits') ? 'decimal' : undefined}
              />
              {errorText(failed?.result.error?.[name] ?? undefined)?.map((e) => (
                <span key={e} className="error">
                  {e}
                </span>
              ))}
            </div>
          ))}
          <span className="hint">{t('la.field.homeHint')}</span>
          <button type="submit">{t('la.add')}</button>
        </Form>
      )}

      {page.editable && latest && mayStartVersion(latest) && (
        <Form method="post" className="card stack">
          <p className="muted">{t('la.newVersionHint')}</p>
          <input type="hidden" name="intent" value="newVersion" />
          <input type="hidden" name="version" value={latest.version} />
          <button type="submit">{t('la.newVersion')}</button>
        </Form>
      )}

      {current && (
        <div className="card stack" data-testid="transcript">
          <h2>{t('la.transcript')}</h2>
          {!application.returned ? (
            <p className="muted">{t('la.afterReturn')}</p>
          ) : (
            <>
              <p className="muted">{t('la.transcriptHint')}</p>
              <DocumentUpload
                applicationId={application.id}
                kind="host_transcript"
                documents={page.documents}
                editable={page.editable}
                maxBytes={page.maxBytes}
              />
              {page.editable && openToGrade.length > 0 && (
                <Form method="post" className="stack">
                  <h3>{t('la.grades')}</h3>
                  <input type="hidden" name="intent" value="grades" />
                  <input type="hidden" name="version" value={current.version} />
                  {openToGrade.map((l) => (
                    <div className="field" key={l.id}>
                      <label htmlFor={`grade-${l.id}`}>
                        {l.hostCode} {l.hostTitle}
                      </label>
                      <input id={`grade-${l.id}`} name={`grades.${l.id}`} maxLength={20} defaultValue={l.hostGrade ?? ''} />
                    </div>
                  ))}
                  <button type="submit">{t('la.gradesSave')}</button>
                </Form>
              )}
            </>
          )}
        </div>
      )}

      {earlier.length > 0 && (
        <details className="card" data-testid="earlier-versions">
          <summary>{t('la.earlier')}</summary>
          {earlier.map((v) => (
            <div key={v.id} data-no={v.no}>
              <h3>
                {t('la.version', { no: v.no })} · {t(`la.status.${v.status}`)}
                {v.decidedAt && ` · ${formatDate(locale, v.decidedAt)}`}
              </h3>
              <VersionTable lines={v.lines} showGrades={false} />
            </div>
          ))}
        </details>
      )}
    </section>
  )
}
