import { redirect } from '@remix-run/node'
import { hasRole, type Role } from '~/domain/roles'
import { defaultLocale, fromDbLocale, type Locale } from '~/i18n'
import type { User } from '~/generated/prisma/client'
import { cookieLocale } from './locale.server'
import { findSessionUser } from './session.server'

export type SessionUser = {
  id: string
  email: string
  nameZh: string
  nameEn: string
  roles: Role[]
  collegeId: string | null
  level: 'undergraduate' | 'master' | 'doctoral' | null
  locale: Locale
}

export async function getOptionalUser(request: Request): Promise<SessionUser | null> {
  const user = await findSessionUser(request)
  if (!user || user.deactivatedAt) return null
  return toSessionUser(user)
}

export function toSessionUser(user: User): SessionUser {
  return {
    id: user.id,
    email: user.email,
    nameZh: user.nameZh,
    nameEn: user.nameEn,
    roles: user.roles,
    collegeId: user.collegeId,
    level: user.level,
    locale: fromDbLocale(user.locale),
  }
}

export async function requestLocale(request: Request, user?: SessionUser | null): Promise<Locale> {
  return user?.locale ?? (await cookieLocale(request)) ?? defaultLocale
}

export function forbidden(): Response {
  return new Response('Forbidden', { status: 403 })
}

/**
 * Every loader and action calls this. Signed out: redirect to the login page (then back here).
 * Signed in without one of the roles: 403, never data.
 */
export async function requireUser(request: Request, options: { role?: Role | Role[] } = {}) {
  const user = await getOptionalUser(request)
  if (!user) {
    const url = new URL(request.url)
    const back = url.pathname + url.search
    throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`)
  }
  if (options.role && !hasRole(user.roles, options.role)) throw forbidden()
  return user
}

/** Only same-site paths are followed after sign-in. */
export function safeRedirect(to: unknown, fallback: string): string {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
  // Re-serialised by the URL parser: a Location header carries only percent-encoded ASCII.
  const url = new URL(to, 'http://local')
  return url.origin === 'http://local' ? `${url.pathname}${url.search}${url.hash}` : fallback
}
