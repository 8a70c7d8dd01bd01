import { Form } from '@remix-run/react'
import { useT } from '~/components/i18n'
import type { SensitiveField } from '~/domain/personal-data'

export type RevealReply = { intent: 'reveal'; ok: boolean; field?: SensitiveField; value?: string }

/** The masked sensitive answers, each with a form to reveal it with a reason (logged); a revealed one is shown. */
export function RevealCard({ masked, reply }: { masked: readonly SensitiveField[]; reply: RevealReply | null }) {
  const t = useT()
  if (!masked.length) return null
  return (
    <div className="card" data-testid="reveal">
      <h2>{t('privacy.reveal.title')}</h2>
      <p className="muted">{t('privacy.reveal.help')}</p>
      {reply?.ok && reply.field && (
        <p role="status" className="alert alert-info" data-testid="revealed">
          {t(`privacy.field.${reply.field}`)}: <strong>{reply.value}</strong>
        </p>
      )}
      {reply && !reply.ok && (
        <p role="alert" className="alert alert-error">
          {t('privacy.reveal.failed')}
        </p>
      )}
      {masked.map((field) => (
        <Form method="post" className="stack" key={field}>
          <input type="hidden" name="field" value={field} />
          <label className="field">
            <span>{t('privacy.reveal.reason', { field: t(`privacy.field.${field}`) })}</span>
            <input name="reason" required maxLength={200} />
          </label>
          <div>
            <button type="submit" name="intent" value="reveal" className="secondary">
              {t('privacy.reveal.button', { field: t(`privacy.field.${field}`) })}
            </button>
          </div>
        </Form>
      ))}
    </div>
  )
}
