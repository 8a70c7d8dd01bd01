import type { Submission } from '@conform-to/react'
import { data, redirect } from '@remix-run/node'
import { fieldErrors, NOT_FOUND, refusalText } from '~/domain/result'
import type { SessionUser } from '~/lib/auth.server'
import { setRetired, type RetirableEntity, type SaveResult } from './common.server'

// How every admin edit page's action answers: the same steps for colleges, partners, programs, funds.

/** The id in an edit page's URL; "new" is the create form. */
export const editId = (param: string | undefined) => (param === 'new' ? undefined : param)

export const notFoundResponse = () => new Response('Not found', { status: 404 })

/** Handles the retire / bring-back button of an existing row; null when the form is a save. */
export async function retireIntent(actor: SessionUser, entity: RetirableEntity, id: string | undefined, formData: FormData, path: string) {
  const intent = formData.get('intent')
  if (intent !== 'retire' && intent !== 'unretire') return null
  if (!id) throw notFoundResponse()
  const result = await setRetired(actor, entity, id, intent === 'retire')
  if (result === 'notFound') throw notFoundResponse()
  // Already in that state (a second click, another tab): just show the row as it is.
  return redirect(result === 'ok' ? `${path}/${id}?${intent}d=1` : `${path}/${id}`)
}

/** The form again with its validation errors (an invalid submission). */
export const invalid = (submission: Submission<unknown>) => data(submission.reply(), { status: 400 })

/**
 * After a save: back to the row with a notice, or the form with field errors in both languages (a
 * refusal no field owns, such as an edit over someone else's, as the form's error).
 */
export function saveResponse(submission: Submission<unknown>, result: SaveResult, path: string) {
  if (result.ok) return redirect(`${path}/${result.id}?saved=1`)
  if (result.error === NOT_FOUND) throw notFoundResponse()
  const formErrors = result.fields ? undefined : [refusalText(result)]
  return data(submission.reply({ formErrors, fieldErrors: fieldErrors(result) }), { status: 400 })
}
