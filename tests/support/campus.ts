// Signing in through the integration tests' real CAS server and OpenID provider (started by
// tests/setup/global-setup.ts), the way a browser would: their own login forms, their cookies.
import { inject } from 'vitest'
import type { CampusAccount } from '../../scripts/services/campus'
import type { AppServer } from './app-server'

const { casUrl } = inject('campusSignOn')

/** Cookies of one site, as a browser keeps them (name → value). */
class Jar {
  private cookies = new Map<string, string>()
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const eq = pair.indexOf('=')
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1))
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }
}

const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? ''

/**
 * Signs `account` in at the CAS server for `service` and returns the service ticket it redirects
 * with (ST-…), not yet validated.
 */
export async function casServiceTicket(account: Pick<CampusAccount, 'username' | 'password'>, service: string): Promise<string> {
  const jar = new Jar()
  const loginUrl = `${casUrl}/login?${new URLSearchParams({ service })}`
  const page = await fetch(loginUrl)
  jar.take(page)
  const html = await page.text()
  const answer = await fetch(loginUrl, {
    method: 'POST',
    redirect: 'manual',
    headers: { Cookie: jar.header(), 'Content-Type': 'application/x-www-form-urlencoded', Referer: loginUrl },
    body: new URLSearchParams({
      csrfmiddlewaretoken: hidden(html, 'csrfmiddlewaretoken'),
      lt: hidden(html, 'lt'),
      service,
      username: account.username,
      password: account.password,
    }),
  })
  const location = answer.headers.get('location')
  const ticket = location && new URL(location).searchParams.get('ticket')
  if (!ticket)
    throw new Error(`CAS login of ${account.username} failed: ${answer.status} ${location ?? (await answer.text()).slice(0, 300)}`)
  return ticket
}

/**
 * Starts an OpenID Connect sign-in at the portal and signs `account` in at the provider. Returns
 * the portal's callback path with the provider's answer (code and state) and the cookie the
 * portal set when the sign-in started, without calling the callback.
 */
export async function oidcCallback(app: AppServer, account: Pick<CampusAccount, 'username' | 'password'>) {
  const start = await app.request('/auth/oidc')
  if (start.status !== 302) throw new Error(`/auth/oidc answered ${start.status}`)
  const flowCookie = start.headers.getSetCookie()[0].split(';')[0]
  const provider = new Jar()
  let url = start.headers.get('location')!
  for (let hops = 0; hops < 10; hops++) {
    if (url.includes('/auth/oidc/callback')) {
      const callback = new URL(url)
      return { path: `${callback.pathname}${callback.search}`, flowCookie }
    }
    const response = await fetch(url, { redirect: 'manual', headers: { Cookie: provider.header() } })
    provider.take(response)
    if (response.status === 200 && /\/interaction\//.test(url)) {
      const login = await fetch(`${url}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { Cookie: provider.header(), 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username: account.username, password: account.password }),
      })
      provider.take(login)
      if (login.status !== 303 && login.status !== 302) throw new Error(`provider login of ${account.username}: ${login.status}`)
      url = new URL(login.headers.get('location')!, url).href
      continue
    }
    const next = response.headers.get('location')
    if (!next) throw new Error(`provider answered ${response.status} at ${url}: ${(await response.text()).slice(0, 300)}`)
    url = new URL(next, url).href
  }
  throw new Error('too many redirects at the provider')
}
