// The portal as a CAS client (protocol 3.0): the login redirect, ticket validation through
// `p3/serviceValidate` (attributes released with the answer) and the sign-out address. The service
// URL is fixed by configuration, never taken from the request, so a ticket is only ever asked for
// and validated for the portal's own address.
import { parseCasValidation, type AttributeMapping, type CasValidation } from '~/domain/campus-identity'
import { appUrl, env } from './env.server'

const VALIDATE_TIMEOUT_MS = 10_000

export function casEnabled(): boolean {
  return !!env().CAS_BASE_URL
}

const base = () => env().CAS_BASE_URL!.replace(/\/+$/, '')

/** The portal's service URL, as registered with the CAS server. */
function casServiceUrl(): string {
  return env().CAS_SERVICE_URL ?? `${appUrl()}/auth/cas`
}

export function casLoginUrl(): string {
  return `${base()}/login?${new URLSearchParams({ service: casServiceUrl() })}`
}

/** Ends the CAS single sign-on session, then comes back to the portal's sign-in page. */
export function casLogoutUrl(): string {
  return `${base()}/logout?${new URLSearchParams({ service: `${appUrl()}/login` })}`
}

export function casAttributeMapping(): AttributeMapping {
  const e = env()
  return {
    studentNumber: e.CAS_ATTRIBUTE_STUDENT_NUMBER ?? null,
    name: e.CAS_ATTRIBUTE_NAME,
    nameEn: e.CAS_ATTRIBUTE_NAME_EN ?? null,
    email: e.CAS_ATTRIBUTE_EMAIL,
    college: e.CAS_ATTRIBUTE_COLLEGE,
    level: e.CAS_ATTRIBUTE_LEVEL,
  }
}

/** Asks the CAS server about a service ticket; a server that cannot be reached is a failure too. */
export async function validateCasTicket(ticket: string): Promise<CasValidation> {
  const url = `${base()}/p3/serviceValidate?${new URLSearchParams({ service: casServiceUrl(), ticket })}`
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(VALIDATE_TIMEOUT_MS), redirect: 'error' })
    if (!response.ok) return { ok: false, code: `HTTP_${response.status}` }
    return parseCasValidation(await response.text())
  } catch (error) {
    console.error('[cas] ticket validation failed:', error)
    return { ok: false, code: 'UNREACHABLE' }
  }
}
