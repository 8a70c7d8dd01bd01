// The campus sign-on's stand-ins for `npm run dev` and the end-to-end tests: the OpenID provider
// always (npm, in this process), the CAS server when Debian's package is there (or when asked
// for: then it must be). Returns the portal's environment for them (CAS_*, OIDC_*).
import path from 'node:path'
import { CAS_ATTRIBUTES, casServerAvailable, startCasServer, type CasAccount } from './cas'
import { OIDC_CLAIMS, OIDC_CLIENT, startOidcProvider, type OidcAccount } from './oidc'

export type CampusAccount = CasAccount & OidcAccount

/** The portal's environment for the stand-ins: the mapping names the attributes and claims they release. */
function campusEnv(cas: { url: string } | null, oidc: { issuer: string }): Record<string, string> {
  return {
    ...(cas && {
      CAS_BASE_URL: cas.url,
      CAS_ATTRIBUTE_NAME: CAS_ATTRIBUTES.name,
      CAS_ATTRIBUTE_NAME_EN: CAS_ATTRIBUTES.nameEn,
      CAS_ATTRIBUTE_EMAIL: CAS_ATTRIBUTES.email,
      CAS_ATTRIBUTE_COLLEGE: CAS_ATTRIBUTES.college,
      CAS_ATTRIBUTE_LEVEL: CAS_ATTRIBUTES.level,
    }),
    OIDC_ISSUER: oidc.issuer,
    OIDC_CLIENT_ID: OIDC_CLIENT.id,
    OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
    OIDC_SCOPES: 'openid profile email campus',
    OIDC_CLAIM_STUDENT_NUMBER: OIDC_CLAIMS.studentNumber,
    OIDC_CLAIM_NAME: OIDC_CLAIMS.name,
    OIDC_CLAIM_NAME_EN: OIDC_CLAIMS.nameEn,
    OIDC_CLAIM_EMAIL: OIDC_CLAIMS.email,
    OIDC_CLAIM_COLLEGE: OIDC_CLAIMS.college,
    OIDC_CLAIM_LEVEL: OIDC_CLAIMS.level,
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Starts the providers for a portal at `appUrl`. `cas`: 'required' fails without Debian's
 * package, 'if-installed' leaves CAS off then (development needs nothing installed by hand).
 */
export async function startCampusSignOn({
  appUrl,
  ports,
  dataDir,
  accounts,
  cas,
}: {
  appUrl: string
  ports: { cas: number; oidc: number }
  dataDir: string
  accounts: CampusAccount[]
  cas: 'required' | 'if-installed'
}): Promise<{ env: Record<string, string>; casUrl: string | null; oidcIssuer: string; stop(): Promise<void> }> {
  const oidc = await startOidcProvider({
    port: ports.oidc,
    accounts,
    redirectUris: [`${appUrl}/auth/oidc/callback`],
    postLogoutRedirectUris: [`${appUrl}/login`],
  })
  let casServer: Awaited<ReturnType<typeof startCasServer>> | null = null
  try {
    if (cas === 'required' || casServerAvailable()) {
      casServer = await startCasServer({
        directory: path.join(dataDir, 'cas'),
        port: ports.cas,
        servicePattern: `^${escapeRegExp(appUrl)}/auth/cas$`,
        accounts,
      })
    }
  } catch (error) {
    await oidc.stop()
    throw error
  }
  return {
    env: campusEnv(casServer, oidc),
    casUrl: casServer?.url ?? null,
    oidcIssuer: oidc.issuer,
    stop: async () => {
      await casServer?.stop()
      await oidc.stop()
    },
  }
}
