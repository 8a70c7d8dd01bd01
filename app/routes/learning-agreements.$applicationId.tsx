import type { MessagesHandle } from '~/i18n'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useErrorText, useLocale, useT } from '~/components/i18n'
import { VersionTable } from '~/components/learning-agreement/version-table'
import { formatCredits } from '~/domain/learning-agreement'
import { NOT_FOUND, refusalText } from '~/domain/result'
import { formatDate } from '~/i18n'
import { requireUser } from '~/lib/auth.server'
import { parseForm, readForm } from '~/lib/form.server'
import { approverAgreementPage, decideLine, recogniseLine } from '~/models/learning-agreement.server'
import { approverAgreementSchema } from '~/schemas/learning-agreement'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['learning-agreement'] }

// /learning-agreements/<applicationId>: the academic approver decides each line of a submitted
// version with a comment, reads earlier versions, and after return confirms each course's
// recognition with the grade converted by the partner's (else its country's) scale (decision 26).

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'academic_approver' })
  const page = await approverAgreementPage(user, params.applicationId ?? '')
  if (!page) throw new Response('Not found', { status: 404 })
  return page
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'academic_approver' })
  const applicationId = params.applicationId ?? ''
  const submission = parseForm(await readForm(request), { schema: approverAgreementSchema })
  if (submission.status !== 'success') return data({ lineId: null, result: submission.reply() }, { status: 400 })
  const input = submission.value
  const result = input.intent === 'decide' ? await decideLine(user, applicationId, input) : await recogniseLine(user, applicationId, input)
  if (result.ok) return redirect(`/learning-agreements/${applicationId}?done=${input.intent === 'decide' ? 'decided' : 'recognised'}`)
  if (result.error === NOT_FOUND) throw new Response('Not found', { status: 404 })
  return data(
    { lineId: input.lineId, result: submission.reply({ formErrors: [refusalText(result)] }) },
    { status: result.error === 'la.error.stale' ? 409 : 400 },
  )
}

export default function ApproveLearningAgreement() {
  const t = useT()
  const locale = useLocale()
  const errorText = useErrorText()
  const page = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const [params] = useSearchParams()
  const { application, versions, student } = page
  const [latest, ...earlier] = versions
  const errors = Object.values(failed?.result.error ?? {}).flatMap((e) => errorText(e ?? undefined) ?? [])
  const doneKey = params.get('done')
  const current = versions.find((v) => v.no === page.currentNo)
  return (
    <section className="stack">
      <p>
        <Link to="/learning-agreements">← {t('la.queue.title')}</Link>
      </p>
      <h1>
        {t('la.title')} · {locale === 'en' ? student.nameEn : student.nameZh} {student.studentNumber ?? ''}
      </h1>
      <p>
        {locale === 'en' ? application.program.titleEn : application.program.titleZh} · {application.academicYear}
      </p>
      {(doneKey === 'decided' || doneKey === 'recognised') && (
        <p className="alert alert-ok" role="status">
          {t(`la.done.${doneKey}`)}
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
              latest.status === 'submitted'
                ? (line) => (
                    <Form method="post" className="stack" aria-label={line.hostCode}>
                      <input type="hidden" name="intent" value="decide" />
                      <input type="hidden" name="versionId" value={latest.id} />
                      <input type="hidden" name="version" value={latest.version} />
                      <input type="hidden" name="lineId" value={line.id} />
                      <label className="field">
                        <span>{t('la.comment')}</span>
                        <input name="comment" maxLength={500} defaultValue={line.comment ?? ''} />
                      </label>
                      <div className="row">
                        <button type="submit" name="decision" value="approved">
                          {t('la.approve')}
                        </button>
                        <button type="submit" name="decision" value="rejected">
                          {t('la.reject')}
                        </button>
                      </div>
                    </Form>
                  )
                : undefined
            }
          />
        </div>
      )}

      {current && application.returned && (
        <div className="card stack" data-testid="recognition">
          <h2>{t('la.transcript')}</h2>
          <ul>
            {page.transcripts.map((d) => (
              <li key={d.id}>
                <a href={`/documents/${d.id}`} target="_blank" rel="noreferrer">
                  {d.originalName}
                </a>{' '}
                · {formatDate(locale, d.createdAt)}
              </li>
            ))}
          </ul>
          {!page.hasScale && <p className="muted">{t('la.noScale')}</p>}
          {current.lines
            .filter((l) => l.decision === 'approved' && l.hostGrade && l.recognition === 'pending')
            .map((l) => (
              <Form method="post" key={l.id} className="row" aria-label={`${l.hostCode} ${l.hostTitle}`}>
                <input type="hidden" name="intent" value="recognise" />
                <input type="hidden" name="versionId" value={current.id} />
                <input type="hidden" name="version" value={current.version} />
                <input type="hidden" name="lineId" value={l.id} />
                <span>
                  {l.hostCode} {l.hostTitle}: {l.hostGrade}
                  {page.conversions[l.id] ? ` → ${t('la.convertsTo', { grade: page.conversions[l.id]! })}` : ''}
                </span>
                <button type="submit">{t('la.recognise')}</button>
              </Form>
            ))}
        </div>
      )}

      {earlier.length > 0 && (
        <details className="card" data-testid="earlier-versions">
          <summary>{t('la.earlier')}</summary>
          {earlier.map((v) => (
            <div key={v.id} data-no={v.no}>
              <h3>
                {t('la.version', { no: v.no })} · {t(`la.status.${v.status}`)}
              </h3>
              <VersionTable lines={v.lines} showGrades={false} />
            </div>
          ))}
        </details>
      )}
    </section>
  )
}
