import { Form, Link } from '@remix-run/react'
import { auditActionLabel } from '~/components/audit-labels'
import { useLocale, useT } from '~/components/i18n'
import { isFull, type ApplicationStatus, type Command } from '~/domain/workflow'
import { formatDateTime, type MessageKey, type Params } from '~/i18n'
import type { ReviewPageData } from '~/models/review-page.server'
import type { CurrentState } from '~/models/review-decisions.server'
import { MAX_REVIEW_TEXT } from '~/domain/text'

/** The action's answer to a decision: the status it led to, or why not (and, when stale, what the application is now). */
export type DecisionReply =
  | { intent: 'decide'; ok: true; status: ApplicationStatus; error: null; current: null }
  | { intent: 'decide'; ok: false; error: MessageKey; params: Params | null; current: CurrentState | null }

type Props = Pick<ReviewPageData, 'application' | 'program' | 'placesTaken' | 'commands' | 'fields' | 'checklist' | 'awardId'> & {
  reply: DecisionReply | null
  busy: boolean
}

/** The decision: the outcome of the last one, the way to the award's page for finance, and the commands the reviewer may give. */
export function DecisionCard({ application, program, placesTaken, commands, fields, checklist, awardId, reply, busy }: Props) {
  const t = useT()
  const locale = useLocale()
  return (
    <div className="card" id="decision">
      <h2>{t('rv.section.decision')}</h2>
      {reply?.ok && (
        <p className="alert alert-ok" role="status">
          {t('rv.done', { status: t(`status.${reply.status}`) })}
        </p>
      )}
      {reply && !reply.ok && (
        <p className="alert alert-error" role="alert" data-testid="decision-error">
          {/* Stale and status refusals name what the application is now, in the reader's words. */}
          {reply.error === 'rv.error.stale' && reply.current
            ? t(reply.error, {
                who: reply.current.changedBy ?? t('rv.someone'),
                time: formatDateTime(locale, reply.current.changedAt),
                action: reply.current.action ? auditActionLabel(t, reply.current.action) : '',
                status: t(`status.${reply.current.status}`),
              })
            : reply.error === 'rv.error.status'
              ? t(reply.error, { status: t(`status.${reply.current?.status ?? application.status}`) })
              : t(reply.error, reply.params ?? undefined)}
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
        <DecisionForm
          version={application.version}
          commands={commands}
          fields={fields}
          checklist={checklist}
          overQuota={isFull(program.quota, placesTaken)}
          busy={busy}
        />
      )}
    </div>
  )
}

type FormProps = Pick<ReviewPageData, 'commands' | 'fields' | 'checklist'> & { version: number; overQuota: boolean; busy: boolean }

/** schemas/review.ts decisionSchema, with the version the page shows (a decision on an older one is refused as stale). */
function DecisionForm({ version, commands, fields, checklist, overQuota, busy }: FormProps) {
  const t = useT()
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="intent" value="decide" />
      <input type="hidden" name="version" value={version} />
      <fieldset className="choices">
        <legend>{t('rv.command')}</legend>
        {commands.map((c, i) => (
          <label key={c}>
            <input type="radio" name="command" value={c} defaultChecked={i === 0} required /> {t(`workflow.command.${c}`)}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{t('rv.reason')}</span>
        <textarea name="reason" rows={3} maxLength={MAX_REVIEW_TEXT} />
      </label>
      {commands.some((c) => c.endsWith('request_changes')) && (
        <div className="row-2">
          <fieldset className="choices">
            <legend>{t('rv.requestFields')}</legend>
            {fields.map((f) => (
              <label key={f}>
                <input type="checkbox" name="fields" value={f} /> {t(`application.field.${f}`)}
              </label>
            ))}
          </fieldset>
          <fieldset className="choices">
            <legend>{t('rv.requestDocuments')}</legend>
            {checklist.map((d) => (
              <label key={d}>
                <input type="checkbox" name="documents" value={d} /> {t(`documents.kind.${d}`)}
              </label>
            ))}
          </fieldset>
        </div>
      )}
      <label className="field">
        <span>{t('rv.messageToStudent')}</span>
        <textarea name="messageToStudent" rows={2} maxLength={MAX_REVIEW_TEXT} />
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
  )
}
