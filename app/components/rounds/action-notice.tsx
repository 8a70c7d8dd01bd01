import { useT } from '~/components/i18n'
import { translateError } from '~/i18n'

type Result =
  | { ok: true; intent: string; offers?: { offered: number; reserve: number }; assigned?: { assigned: number; keptOff: number } }
  | { ok: false; intent: string | null; error: string }
  | undefined

const DONE = {
  allocate: 'round.done.allocate',
  adjust: 'round.done.adjust',
  confirm: 'round.done.confirm',
  interview: 'round.done.interview',
  answer: 'round.done.answer',
  object: 'round.objections.sent',
  choose: 'round.choose.saved',
  assignOne: 'round.done.assignOne',
  quota: 'round.done.quota',
  schedule: 'round.done.schedule',
} as const

/** What the last action on the round page did, or why it was refused. */
export function ActionNotice({ result }: { result: Result }) {
  const t = useT()
  if (!result) return null
  if (!result.ok)
    return (
      <p className="alert alert-error" role="alert">
        {translateError(t, result.error)}
      </p>
    )
  const done = Object.hasOwn(DONE, result.intent) ? DONE[result.intent as keyof typeof DONE] : null
  if (result.offers)
    return (
      <p className="alert alert-ok" role="status">
        {t('round.office.offersSent', result.offers)}
      </p>
    )
  if (result.assigned)
    return (
      <p className="alert alert-ok" role="status">
        {t('round.office.assigned', result.assigned)}
      </p>
    )
  return done ? (
    <p className="alert alert-ok" role="status">
      {t(done)}
    </p>
  ) : null
}
