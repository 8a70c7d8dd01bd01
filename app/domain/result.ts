// One way for a model to refuse: a result union whose refusal says why in the user's words, as a
// message key (with the values it names) the page renders with t(result.error, result.params),
// and, for a form, a message per field to put beside it. Models return it, never throw it; a
// caller that answers differently for some refusals (a 404 for nothing there) compares the key.
import type { MessageKey, Params } from '~/i18n'

/** A message about one field: its key, or its key with the values it names. */
export type FieldMessage = MessageKey | { key: MessageKey; params: Params }

export type Refusal = {
  ok: false
  error: MessageKey
  params?: Params
  /** For a form: a message per field (by the field's name in the form). */
  fields?: Record<string, FieldMessage>
}

/** Done (with what the caller needs to know), or refused. */
export type Result<T extends object = object> = ({ ok: true } & T) | Refusal

export function refuse(error: MessageKey, params?: Params): Refusal {
  return params ? { ok: false, error, params } : { ok: false, error }
}

/** A form refused for its fields: the form's message, and one beside each field. */
export function refuseFields(fields: Record<string, FieldMessage>, error: MessageKey = 'form.fixErrors'): Refusal {
  return { ok: false, error, fields }
}

/** Nothing there the actor may see, the same as for an id that never existed: the caller answers 404. */
export const NOT_FOUND = 'error.notFound.body' satisfies MessageKey
export const notFound = (): Refusal => refuse(NOT_FOUND)

/** The actor's roles may never do this: the caller answers 403. */
export const FORBIDDEN = 'error.forbidden.body' satisfies MessageKey
export const forbidden = (): Refusal => refuse(FORBIDDEN)

/** A field message as the "key|{json params}" text the forms' error lists carry (translateError reads it). */
export const fieldText = (message: FieldMessage): string =>
  typeof message === 'string' ? message : `${message.key}|${JSON.stringify(message.params)}`

/** A refusal as one message of a form ("key|{json params}"), for a refusal no field owns. */
export const refusalText = (refusal: Refusal): string =>
  fieldText(refusal.params ? { key: refusal.error, params: refusal.params } : refusal.error)

/** The fields of a refusal as the form library's field errors: one message each. */
export const fieldErrors = (refusal: Refusal): Record<string, string[]> =>
  Object.fromEntries(Object.entries(refusal.fields ?? {}).map(([field, message]) => [field, [fieldText(message)]]))
