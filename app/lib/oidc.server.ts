// The portal as an OpenID Connect relying party (openid-client): discovery, the authorization code
// flow with PKCE, `state` and `nonce` kept in a short-lived signed cookie bound to the browser that
// started the sign-in, the ID token checked (signature, issuer, audience, times with the configured
// clock skew, nonce) and the claims completed from the UserInfo endpoint. The redirect URL is fixed
// by configuration. Nothing of the tokens is kept: the session only remembers the provider's `sid`.
import { createCookie } from '@remix-run/node'
import * as client from 'openid-client'
import type { AttributeMapping, CampusAttributes } from '~/domain/campus-identity'
import { appUrl, env } from './env.server'

const FLOW_MINUTES = 10

export function oidcEnabled(): boolean {
  return !!env().OIDC_ISSUER
}

function oidcRedirectUrl(): string {
  return env().OIDC_REDIRECT_URL ?? `${appUrl()}/auth/oidc/callback`
}

export function oidcAttributeMapping(): AttributeMapping {
  const e = env()
  return {
    studentNumber: e.OIDC_CLAIM_STUDENT_NUMBER,
    name: e.OIDC_CLAIM_NAME,
    nameEn: e.OIDC_CLAIM_NAME_EN ?? null,
    email: e.OIDC_CLAIM_EMAIL,
    college: e.OIDC_CLAIM_COLLEGE,
    level: e.OIDC_CLAIM_LEVEL,
  }
}

let configuration: Promise<client.Configuration> | undefined

/** The provider's metadata (discovery), fetched once; a failed discovery is tried again next time. */
function oidcConfiguration(): Promise<client.Configuration> {
  configuration ??= (async () => {
    const e = env()
    const issuer = new URL(e.OIDC_ISSUER!)
    const loopback = issuer.protocol === 'http:'
    const config = await client.discovery(
      issuer,
      e.OIDC_CLIENT_ID!,
      { client_secret: e.OIDC_CLIENT_SECRET },
      client.ClientSecretBasic(e.OIDC_CLIENT_SECRET),
      // http is allowed by the env check for 127.0.0.1 and localhost only (development and tests).
      { execute: loopback ? [client.allowInsecureRequests] : [], timeout: 10 },
    )
    config.timeout = 10
    // Tolerated difference between our clock and the provider's for iat, exp, nbf and auth_time.
    ;(config as unknown as Record<symbol, number>)[client.clockTolerance] = e.CAMPUS_CLOCK_SKEW_SECONDS
    return config
  })().catch((error: unknown) => {
    configuration = undefined
    throw error
  })
  return configuration
}

type Flow = { state: string; nonce: string; verifier: string }

let flowCookie: ReturnType<typeof createCookie> | undefined
function oidcFlowCookie() {
  flowCookie ??= createCookie('mp_oidc', {
    httpOnly: true,
    // Lax: the provider's redirect back is a top-level GET, which carries it.
    sameSite: 'lax',
    secure: env().NODE_ENV === 'production',
    path: '/auth/oidc',
    secrets: [env().SESSION_SECRET],
    maxAge: FLOW_MINUTES * 60,
  })
  return flowCookie
}

/** Where to send the browser to sign in, and the cookie that remembers this sign-in's checks. */
export async function startOidcSignIn(): Promise<{ url: string; cookie: string }> {
  const config = await oidcConfiguration()
  const flow: Flow = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier() }
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: oidcRedirectUrl(),
    scope: env().OIDC_SCOPES,
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: 'S256',
  })
  return { url: url.href, cookie: await oidcFlowCookie().serialize(flow) }
}

/** The cookie header that forgets the sign-in's checks (each is used once). */
export function clearOidcFlow(): Promise<string> {
  return oidcFlowCookie().serialize('', { maxAge: 0 })
}

export type OidcResult =
  { ok: true; subject: string; claims: CampusAttributes; sid: string | null } | { ok: false; reason: 'state' | 'denied' | 'failed' }

const asAttributes = (claims: Record<string, unknown>): CampusAttributes =>
  Object.fromEntries(
    Object.entries(claims).flatMap(([k, v]): [string, string | string[]][] =>
      typeof v === 'string' || typeof v === 'number' ? [[k, String(v)]] : Array.isArray(v) ? [[k, v.map(String)]] : [],
    ),
  )

/**
 * Finishes a sign-in on the redirect back: the `state` must be the one this browser's cookie holds
 * (a forged or replayed callback is refused before the provider is asked), then the code is
 * exchanged with the PKCE verifier and the ID token checked, nonce included.
 */
export async function finishOidcSignIn(request: Request): Promise<OidcResult> {
  const flow = (await oidcFlowCookie().parse(request.headers.get('Cookie'))) as Flow | null
  const url = new URL(request.url)
  const state = url.searchParams.get('state')
  if (!flow || typeof flow.state !== 'string' || !state || state !== flow.state) return { ok: false, reason: 'state' }
  if (url.searchParams.has('error')) return { ok: false, reason: 'denied' }
  try {
    const config = await oidcConfiguration()
    // The callback is judged at the configured redirect URL, whatever host the request came in by.
    const callback = new URL(oidcRedirectUrl())
    callback.search = url.search
    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    })
    const idClaims = tokens.claims()!
    let claims: Record<string, unknown> = { ...idClaims }
    if (config.serverMetadata().userinfo_endpoint) {
      const userInfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub)
      claims = { ...userInfo, ...idClaims }
    }
    return { ok: true, subject: idClaims.sub, claims: asAttributes(claims), sid: typeof idClaims.sid === 'string' ? idClaims.sid : null }
  } catch (error) {
    console.error('[oidc] sign-in failed:', error)
    return { ok: false, reason: 'failed' }
  }
}

/** The provider's sign-out (RP-initiated logout), coming back to the portal's sign-in page. */
export async function oidcLogoutUrl(): Promise<string | null> {
  try {
    const config = await oidcConfiguration()
    if (!config.serverMetadata().end_session_endpoint) return null
    return client.buildEndSessionUrl(config, { client_id: env().OIDC_CLIENT_ID!, post_logout_redirect_uri: `${appUrl()}/login` }).href
  } catch {
    return null
  }
}
