// A real OpenID provider for `npm run dev` and the tests: npm `oidc-provider` (a certified
// OpenID Connect implementation) in this process, with one client (the portal: authorization code
// with PKCE, a client secret), campus accounts checked by password on a small sign-in page of its
// own, and the claims a university's provider would release: student number, name, email, college
// code and level. Its keys and sessions live in memory: every start is a new provider.
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Account } from 'oidc-provider'

export type OidcAccount = {
  username: string
  password: string
  name: string
  nameEn: string
  email: string
  college: string
  level: string
}

/** The claims the provider releases, by name: what the portal's OIDC_CLAIM_* variables name. */
export const OIDC_CLAIMS = {
  studentNumber: 'student_number',
  name: 'name',
  nameEn: 'name_en',
  email: 'email',
  college: 'college_code',
  level: 'student_level',
} as const

/** The portal as the provider's client; the secret is for this stand-in only. */
export const OIDC_CLIENT = { id: 'mobility-portal', secret: 'development-only-oidc-client-secret' } as const

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function page(title: string, body: string) {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${title}</title>
<style>body{font-family:sans-serif;max-width:22rem;margin:4rem auto}label{display:block;margin:.75rem 0}input{display:block;width:100%;padding:.4rem}button{margin-top:1rem;padding:.5rem 1rem}.error{color:#b00020}</style>
</head><body><h1>${title}</h1>${body}</body></html>`
}

function loginForm(uid: string, error?: string) {
  return page(
    '统一身份认证 Campus sign-in',
    `${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<label>学号/工号 Campus ID<input name="username" autocomplete="username" required autofocus></label>
<label>密码 Password<input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">登录 Sign in</button></form>`,
  )
}

async function readBody(req: http.IncomingMessage): Promise<URLSearchParams> {
  let body = ''
  for await (const chunk of req) {
    body += String(chunk)
    if (body.length > 10_000) break
  }
  return new URLSearchParams(body)
}

/**
 * Starts the provider on 127.0.0.1:`port` (0 picks a free one). `redirectUris` are the portal's
 * callback URLs, `postLogoutRedirectUris` where the provider may send the browser after signing out.
 */
export async function startOidcProvider({
  port,
  accounts,
  redirectUris,
  postLogoutRedirectUris,
}: {
  port: number
  accounts: OidcAccount[]
  redirectUris: string[]
  postLogoutRedirectUris: string[]
}): Promise<{ issuer: string; stop(): Promise<void> }> {
  const byName = new Map(accounts.map((a) => [a.username, a]))
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' })

  // Its warnings are about production use (Node 22, an in-memory store): this is a stand-in for
  // development and tests, so they are left out of the console; anything else still shows.
  const warn = console.warn
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).startsWith('oidc-provider WARNING')) warn(...args)
  }
  const { default: Provider } = await import('oidc-provider').finally(() => (console.warn = warn))
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).startsWith('oidc-provider WARNING')) warn(...args)
  }
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_CLIENT.id,
        client_secret: OIDC_CLIENT.secret,
        redirect_uris: redirectUris,
        post_logout_redirect_uris: postLogoutRedirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...key, use: 'sig', alg: 'RS256', kid: 'campus' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'email', 'campus'],
    claims: {
      openid: ['sub'],
      profile: [OIDC_CLAIMS.name, OIDC_CLAIMS.nameEn],
      email: [OIDC_CLAIMS.email],
      campus: [OIDC_CLAIMS.studentNumber, OIDC_CLAIMS.college, OIDC_CLAIMS.level],
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: { body: string }, form: string) => {
          ctx.body = page(
            '统一身份认证 Campus sign-in',
            `${form}<p>退出统一身份认证？ Sign out of your campus account?</p>
<button form="op.logoutForm" name="logout" value="yes" type="submit">退出 Sign out</button>`,
          )
        },
      },
    },
    // The portal is the university's own client: its grant is given without a consent screen.
    loadExistingGrant: async (ctx: {
      oidc: { client: { clientId: string }; session: { accountId: string }; requestParamScopes: Set<string> }
    }) => {
      const grant = new provider.Grant({ accountId: ctx.oidc.session.accountId, clientId: ctx.oidc.client.clientId })
      grant.addOIDCScope([...ctx.oidc.requestParamScopes].join(' '))
      await grant.save()
      return grant
    },
    findAccount: (_ctx: unknown, id: string): Account | undefined => {
      const account = byName.get(id)
      if (!account) return undefined
      return {
        accountId: id,
        claims: () => ({
          sub: id,
          [OIDC_CLAIMS.studentNumber]: account.username,
          [OIDC_CLAIMS.name]: account.name,
          [OIDC_CLAIMS.nameEn]: account.nameEn,
          [OIDC_CLAIMS.email]: account.email,
          [OIDC_CLAIMS.college]: account.college,
          [OIDC_CLAIMS.level]: account.level,
        }),
      }
    },
    renderError: (ctx: { type: string; body: string }, out: Record<string, string>) => {
      ctx.type = 'html'
      ctx.body = page('统一身份认证 Campus sign-in', `<p class="error">${escape(out.error_description ?? out.error ?? 'error')}</p>`)
    },
  })
  console.warn = warn
  const callback = provider.callback()

  server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', issuer)
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(url.pathname)
    if (!match) return callback(req, res)
    void (async () => {
      try {
        const details = await provider.interactionDetails(req, res)
        if (req.method === 'POST' && match[2]) {
          const form = await readBody(req)
          const account = byName.get(form.get('username') ?? '')
          if (!account || account.password !== form.get('password')) {
            res.writeHead(400, { 'Content-Type': 'text/html; charset=utf-8' })
            return res.end(loginForm(details.uid, '学号或密码不正确。 Wrong campus ID or password.'))
          }
          return provider.interactionFinished(req, res, { login: { accountId: account.username } }, { mergeWithLastSubmission: false })
        }
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
        res.end(loginForm(details.uid))
      } catch {
        res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' })
        res.end('This sign-in has expired: start again from the portal.')
      }
    })()
  })

  return {
    issuer,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
