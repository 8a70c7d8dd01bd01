import type { SubmissionResult } from '@conform-to/react'

/**
 * A refused form's reply with the errors of its hidden inputs (which form it is, the version the
 * page showed) moved to the form's own errors: beside a hidden input nobody would see them, and a
 * tampered or stale form would be refused without a word. The schema gives those inputs messages
 * that make sense for the whole form.
 */
export function withHiddenErrorsOnForm<T extends SubmissionResult<string[]>>(reply: T, hidden: readonly string[]): T {
  const lifted = hidden.flatMap((name) => reply.error?.[name] ?? [])
  if (!lifted.length) return reply
  const error = Object.fromEntries(Object.entries(reply.error!).filter(([name]) => !hidden.includes(name)))
  return { ...reply, error: { ...error, '': [...new Set([...(reply.error![''] ?? []), ...lifted])] } }
}
