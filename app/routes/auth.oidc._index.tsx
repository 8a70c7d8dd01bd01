// OpenID Connect: sends the browser to the provider (authorization code with PKCE); the checks
// for the way back (state, nonce, the PKCE verifier) wait in a short-lived signed cookie.
import { redirect } from '@remix-run/node'
import { oidcEnabled, startOidcSignIn } from '~/lib/oidc.server'

export async function loader() {
  if (!oidcEnabled()) throw new Response('Not Found', { status: 404 })
  let start: Awaited<ReturnType<typeof startOidcSignIn>>
  try {
    start = await startOidcSignIn()
  } catch (error) {
    console.error('[oidc] provider unavailable:', error)
    throw redirect('/login?campus=unavailable')
  }
  throw redirect(start.url, { headers: { 'Set-Cookie': start.cookie } })
}
