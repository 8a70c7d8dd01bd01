// OpenID Connect: the provider's redirect back. Refused unless its state is the one this browser
// started with; the code is exchanged once and the ID token checked (models/campus-identity.server.ts).
import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { homePath } from '~/domain/roles'
import { clearOidcFlow, oidcEnabled } from '~/lib/oidc.server'
import { createSession } from '~/lib/session.server'
import { signInWithOidcCallback } from '~/models/campus-identity.server'

export async function loader({ request }: LoaderFunctionArgs) {
  if (!oidcEnabled()) throw new Response('Not Found', { status: 404 })
  const result = await signInWithOidcCallback(request)
  const headers = new Headers({ 'Set-Cookie': await clearOidcFlow() })
  if (!result.ok) throw redirect(`/login?campus=${result.error}`, { headers })
  headers.append('Set-Cookie', await createSession(result.userId, request, result.campusSessionIndex))
  throw redirect(homePath(result.roles), { headers })
}
