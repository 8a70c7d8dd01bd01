// CAS: GET without a ticket sends the browser to the CAS server's login; GET with `ticket` (the
// CAS server's redirect back to the configured service URL) signs in; POST is the CAS server's
// single-logout request (`logoutRequest=<samlp:LogoutRequest…>`), which ends the portal session
// opened with the ticket it names.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { casLogoutSessionIndex } from '~/domain/campus-identity'
import { homePath } from '~/domain/roles'
import { casEnabled, casLoginUrl } from '~/lib/cas.server'
import { readForm } from '~/lib/form.server'
import { createSession, endCampusSessions } from '~/lib/session.server'
import { signInWithCasTicket } from '~/models/campus-identity.server'

/** A CAS ticket is at most 256 characters (protocol 3.0, section 3.7). */
const MAX_TICKET = 256
/** A logout request is a few hundred bytes of XML. */
const MAX_LOGOUT_REQUEST = 8192

const notFound = () => new Response('Not Found', { status: 404 })

export async function loader({ request }: LoaderFunctionArgs) {
  if (!casEnabled()) throw notFound()
  const ticket = new URL(request.url).searchParams.get('ticket')
  if (ticket === null) throw redirect(casLoginUrl())
  if (!ticket || ticket.length > MAX_TICKET) throw redirect('/login?campus=invalidTicket')
  const result = await signInWithCasTicket(ticket)
  if (!result.ok) throw redirect(`/login?campus=${result.error}`)
  const cookie = await createSession(result.userId, request, result.campusSessionIndex)
  throw redirect(homePath(result.roles), { headers: { 'Set-Cookie': cookie } })
}

export async function action({ request }: ActionFunctionArgs) {
  if (!casEnabled()) throw notFound()
  const form = await readForm(request)
  const logoutRequest = form.get('logoutRequest')
  if (typeof logoutRequest !== 'string' || logoutRequest.length > MAX_LOGOUT_REQUEST) return new Response('Bad Request', { status: 400 })
  const index = casLogoutSessionIndex(logoutRequest)
  if (!index) return new Response('Bad Request', { status: 400 })
  await endCampusSessions(`cas:${index}`)
  return new Response('OK', { status: 200, headers: { 'Content-Type': 'text/plain' } })
}
