import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { ApplicationAnswers } from '~/components/application/answers'
import { auditActionLabel, statusChangeLabel } from '~/components/audit-labels'
import { useLocale, useT } from '~/components/i18n'
import { checklist } from '~/domain/documents'
import { rubrics } from '~/domain/rubric'
import { homePath } from '~/domain/roles'
import { holder, isCommand, isFull, type Command } from '~/domain/workflow'
import { formatDateTime, formatList, type MessageKey, type Params } from '~/i18n'
import { revalidateAfterConflict } from '~/lib/revalidate'
import { requireUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { checkReadiness } from '~/models/application.server'
import { listDocuments } from '~/models/document.server'
import { placesTakenBy } from '~/models/program.server'
import {
  addComment,
  auditTrail,
  decide,
  declareConflict,
  findForReviewer,
  listComments,
  reviewPageCommands,
  reviewerRoles,
  reviewPanel,
  saveReview,
} from '~/models/review.server'
import { steppedAsideFrom } from '~/models/access.server'
import { applicationFields } from '~/schemas/application'
import { readForm } from '~/lib/form.server'

const STAFF = ['college_reviewer', 'office_reviewer', 'finance', 'admin'] as const

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: [...STAFF] })
  const id = params.applicationId ?? ''
  const application = await findForReviewer(user, id)
  if (!application) {
    if (await steppedAsideFrom(user, id)) return { conflict: true as const, home: homePath(user.roles) }
    throw new Response('Not found', { status: 404 })
  }
  const [documents, readiness, panel, comments, audit, placesTaken] = await Promise.all([
    listDocuments(application.id),
    checkReadiness(application, application.applicant),
    reviewPanel(user, application.id),
    listComments(user, application.id),
    auditTrail(user, application.id),
    placesTakenBy(prisma, application.programId),
  ])
  // The access policy's commands (a college reviewer's on their own college only); finance's are on the award's page.
  const commands = reviewPageCommands(user, application)
  const openAward = reviewerRoles(user, application).includes('finance')
    ? await prisma.award.findFirst({ where: { applicationId: application.id }, orderBy: { createdAt: 'desc' }, select: { id: true } })
    : null
  return {
    conflict: false as const,
    home: homePath(user.roles),
    application: {
      id: application.id,
      kind: application.kind,
      status: application.status,
      version: application.version,
      statusChangedAt: application.statusChangedAt,
      submittedAt: application.submittedAt,
      details: application.details as Record<string, unknown>,
    },
    applicant: application.applicant,
    program: { titleZh: application.program.titleZh, titleEn: application.program.titleEn, quota: application.program.quota },
    placesTaken,
    documents: documents.filter((d) => !d.supersededAt),
    eligibility: readiness.eligibility,
    missingDocuments: readiness.missingDocuments,
    checklist: checklist(application.kind, application.program.requiredDocuments).map((i) => i.kind),
    fields: applicationFields[application.kind].filter((f) => f !== 'programId'),
    criteria: rubrics[application.kind],
    panel,
    comments,
    audit,
    commands,
    awardId: openAward?.id ?? null,
    now: new Date(),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: [...STAFF] })
  const applicationId = params.applicationId ?? ''
  const form = await readForm(request)
  const intent = form.get('intent')
  // Whole: the model refuses what is too long (counting characters) rather than cutting it unseen.
  const text = (name: string) => String(form.get(name) ?? '')

  if (intent === 'review' || intent === 'submit-review') {
    const scores = Object.fromEntries(
      [...form.entries()].filter(([k, v]) => k.startsWith('score.') && v !== '').map(([k, v]) => [k.slice(6), Number(v)]),
    )
    const result = await saveReview(user, { applicationId, scores, comment: text('comment'), submit: intent === 'submit-review' })
    return data({ intent: 'review' as const, ok: result.ok, error: result.ok ? null : result.error }, { status: result.ok ? 200 : 400 })
  }
  if (intent === 'conflict') {
    const result = await declareConflict(user, applicationId, text('reason'))
    return data({ intent: 'conflict' as const, ok: result.ok }, { status: result.ok ? 200 : 400 })
  }
  if (intent === 'comment') {
    const visibility = form.get('visibility') === 'student' ? 'student' : 'internal'
    const result = await addComment(user, { applicationId, visibility, body: text('body') })
    return data({ intent: 'comment' as const, ok: result.ok }, { status: result.ok ? 200 : 400 })
  }
  const command = form.get('command')
  if (intent !== 'decide' || !isCommand(command)) return data({ intent: 'decide' as const, ok: false as const, error: 'invalid' as const, current: null }, { status: 400 })
  const result = await decide(user, {
    applicationId,
    version: Number(form.get('version')),
    command,
    reason: text('reason') || undefined,
    requestedChanges: { fields: form.getAll('fields').map(String), documents: form.getAll('documents').map(String) as never[] },
    messageToStudent: text('messageToStudent') || undefined,
    confirmOverQuota: form.get('confirmOverQuota') === 'on',
  })
  if (result.ok) return { intent: 'decide' as const, ok: true as const, status: result.status, error: null, current: null }
  return data(
    { intent: 'decide' as const, ok: false as const, error: result.error, current: result.current ?? null },
    { status: result.error === 'stale' ? 409 : result.error === 'forbidden' ? 403 : result.error === 'notFound' ? 404 : 400 },
  )
}

export const shouldRevalidate = revalidateAfterConflict

export default function ReviewPage() {
  const t = useT()
  const locale = useLocale()
  const loaded = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const navigation = useNavigation()
  if (loaded.conflict) {
    return (
      <section className="card">
        <p>{t('rv.conflictDeclared')}</p>
        <Link to={loaded.home}>{t('rv.back')}</Link>
      </section>
    )
  }
  const { application, applicant, program, placesTaken, documents, eligibility, missingDocuments, panel, comments, audit, commands, awardId, now } = loaded
  const en = locale === 'en'
  const name = (p: { nameZh: string; nameEn: string } | null) => (p ? (en ? p.nameEn : p.nameZh) : t('rv.someone'))
  const who = holder(application.status)
  const days = Math.floor((new Date(now).getTime() - new Date(application.statusChangedAt).getTime()) / 86_400_000)
  const overQuota = isFull(program.quota, placesTaken)
  const busy = navigation.state !== 'idle'
  const decision = result?.intent === 'decide' ? result : null
  return (
    <section className="review-page">
      <p>
        <Link to={loaded.home}>← {t('rv.back')}</Link>
      </p>
      <div className="card">
        <div className="app-head">
          <h1>{name(applicant)}</h1>
          <span className={`badge badge-${application.status}`} data-testid="application-status">
            {t(`status.${application.status}`)}
          </span>
        </div>
        <dl className="facts">
          <dt>{t('rv.studentNumber')}</dt>
          <dd>{applicant.studentNumber}</dd>
          <dt>{t('rv.college')}</dt>
          <dd>{name(applicant.college)}</dd>
          <dt>{t('rv.level')}</dt>
          <dd>{applicant.level && t(`level.${applicant.level}`)}</dd>
          <dt>{t('rv.program')}</dt>
          <dd>
            {en ? program.titleEn : program.titleZh} · {t(`kind.${application.kind}`)}
          </dd>
          <dt>{t('rv.submittedAt')}</dt>
          <dd>{application.submittedAt && formatDateTime(locale, application.submittedAt)}</dd>
        </dl>
        <p className="muted">
          {who && t('rv.holder', { holder: t(`workflow.holder.${who}` as MessageKey), days })} ·{' '}
          <span data-testid="quota">{program.quota === null ? t('rv.noQuota', { taken: placesTaken }) : t('rv.quota', { taken: placesTaken, quota: program.quota })}</span>
        </p>
      </div>

      <div className="card" id="decision">
        <h2>{t('rv.section.decision')}</h2>
        {decision?.ok && (
          <p className="alert alert-ok" role="status">
            {t('rv.done', { status: t(`status.${decision.status}` as MessageKey) })}
          </p>
        )}
        {decision && !decision.ok && (
          <p className="alert alert-error" role="alert" data-testid="decision-error">
            {decision.error === 'stale' && decision.current
              ? t('rv.error.stale', {
                  who: decision.current.changedBy ?? t('rv.someone'),
                  time: formatDateTime(locale, decision.current.changedAt),
                  action: decision.current.action ? auditActionLabel(t, decision.current.action) : '',
                  status: t(`status.${decision.current.status}` as MessageKey),
                })
              : decision.error === 'status'
                ? t('rv.error.status', { status: t(`status.${decision.current?.status ?? application.status}` as MessageKey) })
                : t(`rv.error.${decision.error ?? 'invalid'}` as MessageKey)}
          </p>
        )}
        {awardId && (
          <p>
            <Link to={`/finance/awards/${awardId}`} className="button">
              {t('finance.award.title')} →
            </Link>
          </p>
        )}
        {commands.length === 0 ? (
          <p className="muted">{t('rv.noCommands')}</p>
        ) : (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="decide" />
            <input type="hidden" name="version" value={application.version} />
            <fieldset className="choices">
              <legend>{t('rv.command')}</legend>
              {commands.map((c, i) => (
                <label key={c}>
                  <input type="radio" name="command" value={c} defaultChecked={i === 0} required /> {t(`workflow.command.${c}` as MessageKey)}
                </label>
              ))}
            </fieldset>
            <label className="field">
              <span>{t('rv.reason')}</span>
              <textarea name="reason" rows={3} maxLength={2000} />
            </label>
            {commands.some((c) => c.endsWith('request_changes')) && (
              <div className="row-2">
                <fieldset className="choices">
                  <legend>{t('rv.requestFields')}</legend>
                  {loaded.fields.map((f) => (
                    <label key={f}>
                      <input type="checkbox" name="fields" value={f} /> {t(`application.field.${f}` as MessageKey)}
                    </label>
                  ))}
                </fieldset>
                <fieldset className="choices">
                  <legend>{t('rv.requestDocuments')}</legend>
                  {loaded.checklist.map((d) => (
                    <label key={d}>
                      <input type="checkbox" name="documents" value={d} /> {t(`documents.kind.${d}`)}
                    </label>
                  ))}
                </fieldset>
              </div>
            )}
            <label className="field">
              <span>{t('rv.messageToStudent')}</span>
              <textarea name="messageToStudent" rows={2} maxLength={2000} />
            </label>
            {overQuota && commands.some((c: Command) => c === 'office_approve' || c === 'promote_from_waitlist') && (
              <label>
                <input type="checkbox" name="confirmOverQuota" /> {t('rv.confirmOverQuota')}
              </label>
            )}
            <div>
              <button type="submit" className="primary" disabled={busy}>
                {t('rv.decide')}
              </button>
            </div>
          </Form>
        )}
      </div>

      <div className="card">
        <h2>{t('rv.section.eligibility')}</h2>
        {eligibility.failures.length === 0 && missingDocuments.length === 0 ? (
          <p className="tick-ok">✓ {t('rv.eligible')}</p>
        ) : (
          <ul className="alert alert-warn">
            {eligibility.failures.map((f) => (
              <li key={f.code}>{t(f.code as MessageKey, f.params as Params)}</li>
            ))}
            {missingDocuments.length > 0 && (
              <li>{t('rv.missingDocuments', { documents: formatList(t, missingDocuments.map((d) => t(`documents.kind.${d}`))) })}</li>
            )}
          </ul>
        )}
        {eligibility.warnings.map((w) => (
          <p key={w.code} className="muted">
            {t(w.code as MessageKey, w.params as Params)}
          </p>
        ))}
      </div>

      <div className="card">
        <h2>{t('rv.section.answers')}</h2>
        <ApplicationAnswers kind={application.kind} details={application.details} />
      </div>

      <div className="card">
        <h2>{t('rv.section.documents')}</h2>
        {documents.length === 0 ? (
          <p className="muted">{t('rv.noDocuments')}</p>
        ) : (
          <ul className="documents">
            {documents.map((d) => (
              <li key={d.id}>
                <div className="checklist-head">
                  <span>
                    <strong>{t(`documents.kind.${d.kind}`)}</strong> · {d.originalName}
                  </span>
                  <a href={`/documents/${d.id}`}>{t('rv.download')}</a>
                </div>
                <details>
                  <summary>{t('rv.preview')}</summary>
                  {d.contentType === 'application/pdf' ? (
                    <iframe title={d.originalName} src={`/documents/${d.id}?inline=1`} className="preview" />
                  ) : (
                    <img alt={d.originalName} src={`/documents/${d.id}?inline=1`} className="preview" loading="lazy" />
                  )}
                </details>
              </li>
            ))}
          </ul>
        )}
      </div>

      <div className="card">
        <h2>{t('rv.section.reviews')}</h2>
        {result?.intent === 'review' && (
          <p className={`alert ${result.ok ? 'alert-ok' : 'alert-error'}`} role="status">
            {result.ok ? t('rv.reviewSaved') : t('rv.reviewInvalid')}
          </p>
        )}
        <Form method="post" className="stack rubric">
          <strong>{t('rv.myReview')}</strong>
          {panel.mine?.submittedAt && <span className="muted">{t('rv.reviewSubmitted', { time: formatDateTime(locale, panel.mine.submittedAt) })}</span>}
          <div className="budget-grid">
            {loaded.criteria.map((c) => (
              <label className="field" key={c}>
                <span>{t('rv.score', { criterion: t(`review.criterion.${c}` as MessageKey) })}</span>
                <select name={`score.${c}`} defaultValue={String((panel.mine?.scores as Record<string, number> | undefined)?.[c] ?? '')}>
                  <option value="" />
                  {[1, 2, 3, 4, 5].map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          <label className="field">
            <span>{t('rv.reviewComment')}</span>
            <textarea name="comment" rows={3} defaultValue={panel.mine?.comment ?? ''} maxLength={5000} />
          </label>
          <div className="form-actions">
            {!panel.mine?.submittedAt && (
              <button type="submit" name="intent" value="review" className="secondary" disabled={busy}>
                {t('rv.saveReview')}
              </button>
            )}
            <button type="submit" name="intent" value="submit-review" className="primary" disabled={busy}>
              {t('rv.submitReview')}
            </button>
          </div>
        </Form>
        <div data-testid="other-reviews">
          {panel.others === null ? (
            <p className="muted">{t('rv.othersHidden')}</p>
          ) : panel.others.length === 0 ? (
            <p className="muted">{t('rv.noOthers')}</p>
          ) : (
            <ul>
              {panel.others.map((r) => (
                <li key={r.id}>
                  <strong>{name(r.reviewer)}</strong> ({t(`workflow.holder.${r.stage === 'college' ? 'college' : 'office'}` as MessageKey)}):{' '}
                  {Object.entries(r.scores as Record<string, number>)
                    .map(([c, v]) => `${t(`review.criterion.${c}` as MessageKey)} ${v}`)
                    .join(' · ')}
                  {r.comment && <p className="pre-wrap">{r.comment}</p>}
                </li>
              ))}
            </ul>
          )}
        </div>
        <details className="conflict">
          <summary>{t('rv.conflict')}</summary>
          <Form method="post" className="stack">
            <p className="muted">{t('rv.conflictHelp')}</p>
            <label className="field">
              <span>{t('rv.conflictReason')}</span>
              <textarea name="reason" rows={2} required maxLength={1000} />
            </label>
            <div>
              <button type="submit" name="intent" value="conflict" className="secondary">
                {t('rv.conflict')}
              </button>
            </div>
          </Form>
        </details>
      </div>

      <div className="card">
        <h2>{t('rv.section.comments')}</h2>
        {comments.length === 0 ? (
          <p className="muted">{t('rv.noComments')}</p>
        ) : (
          <ul className="comments">
            {comments.map((c) => (
              <li key={c.id}>
                <span className="muted">
                  {formatDateTime(locale, c.createdAt)} · {name(c.author)} · {t(`rv.visibility.${c.visibility}`)}
                </span>
                <p className="pre-wrap">{c.body}</p>
              </li>
            ))}
          </ul>
        )}
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="comment" />
          <label className="field">
            <span>{t('rv.commentBody')}</span>
            <textarea name="body" rows={2} required maxLength={5000} />
          </label>
          <div className="form-actions">
            <select name="visibility" aria-label={t('rv.visibility')}>
              <option value="internal">{t('rv.visibility.internal')}</option>
              <option value="student">{t('rv.visibility.student')}</option>
            </select>
            <button type="submit" className="secondary" disabled={busy}>
              {t('rv.addComment')}
            </button>
          </div>
        </Form>
      </div>

      <div className="card">
        <h2>{t('rv.section.audit')}</h2>
        <div className="table-wrap">
          <table className="data compact" data-testid="audit-trail">
            <thead>
              <tr>
                <th>{t('rv.audit.when')}</th>
                <th>{t('rv.audit.who')}</th>
                <th>{t('rv.audit.what')}</th>
                <th>{t('rv.audit.change')}</th>
              </tr>
            </thead>
            <tbody>
              {audit.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(locale, e.at)}</td>
                  <td>{name(e.actor)}</td>
                  <td>{auditActionLabel(t, e.action)}</td>
                  <td className="pre-wrap">
                    {statusChangeLabel(t, e.change)}
                    {e.text && ` · ${e.text}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  )
}
