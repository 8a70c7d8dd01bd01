import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { readForm } from '~/lib/form.server'
import { campusSessionIndexOf, destroySession } from '~/lib/session.server'
import { campusSignOutUrl } from '~/models/campus-identity.server'

export async function action({ request }: ActionFunctionArgs) {
  await readForm(request) // the sign-out form has no fields; a body that is no form is refused
  // A session of the campus sign-on also ends the university's single sign-on session.
  const campusSession = await campusSessionIndexOf(request)
  const cookie = await destroySession(request)
  return redirect((await campusSignOutUrl(campusSession)) ?? '/login', { headers: { 'Set-Cookie': cookie } })
}

export const loader = () => redirect('/')
