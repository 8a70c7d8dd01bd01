import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { readForm } from '~/lib/form.server'
import { destroySession } from '~/lib/session.server'

export async function action({ request }: ActionFunctionArgs) {
  await readForm(request) // the sign-out form has no fields; a body that is no form is refused
  return redirect('/login', { headers: { 'Set-Cookie': await destroySession(request) } })
}

export const loader = () => redirect('/')
