import { redirect } from '@remix-run/node'
import { hasRole, type Role } from '~/domain/roles'
import { defaultLocale, fromDbLocale, type Locale } from '~/i18n'
import { cookieLocale } from './locale.server'
import type { Prisma } from '~/generated/prisma/client'
import { carrySessionRead, findSessionUser, type SessionAccount } from './session.server'

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
  return user && toSessionUser(user)
}

export function toSessionUser(user: SessionAccount): SessionUser {
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

/** The same account in every field the session's read returns (a field added there counts too). */
function sameAccount(a: SessionAccount, b: SessionAccount) {
  const fields = Object.keys(a) as (keyof SessionAccount)[]
  return fields.length === Object.keys(b).length && fields.every((field) => JSON.stringify(a[field]) === JSON.stringify(b[field]))
}

/**
 * requireUser for a page that reads what it shows in one statement, `read(user, session)`, with
 * the session's read (`session`, SQL) in that statement: one round trip instead of two (decision
 * 37). `read` returns what the session's read returned and `page()`, the rest of the page's work.
 * The statement is built for the account this session had when last read in this process; the
 * page is made only if the session's read in the same statement returns that same account.
 * Otherwise (the session ended, the account changed or was deactivated, a role was taken away) the
 * page is read again for the account as it is now, or refused as requireUser refuses. Without a
 * remembered read (the first page after sign-in) it is requireUser, then `read(user, null)`.
 */
export async function requireUserAndRead<T>(
  request: Request,
  options: { role?: Role | Role[] },
  read: (user: SessionUser, session: Prisma.Sql | null) => Promise<{ session: SessionAccount[]; page(): Promise<T> }>,
): Promise<T> {
  const carried = await carrySessionRead(request)
  if (carried) {
    let rows: SessionAccount[] | undefined
    let result: Awaited<ReturnType<typeof read>> | undefined
    try {
      const guess = toSessionUser(carried.guess)
      if (!options.role || hasRole(guess.roles, options.role)) {
        result = await carried.build(() => read(guess, carried.read))
        rows = result.session
      }
    } finally {
      // The root's loader waits for this: the rows read, or nothing (it reads the session itself).
      carried.settle(rows)
    }
    if (result && rows?.length === 1 && sameAccount(rows[0], carried.guess)) return result.page()
  }
  return (await read(await requireUser(request, options), null)).page()
}

const LOCAL = 'http://local'

/** The URL parser's path, query and fragment of `to` on this site, or null when it names another site. */
function localPath(to: string): string | null {
  let url: URL
  try {
    url = new URL(to, LOCAL)
  } catch {
    return null
  }
  return url.origin === LOCAL ? `${url.pathname}${url.search}${url.hash}` : null
}

/**
 * Only same-site paths are followed after sign-in (and after switching language). What is
 * returned is the URL parser's serialisation (a Location header carries only percent-encoded
 * ASCII), and it is that result which is judged, not the raw input: the parser drops tabs and
 * newlines, turns backslashes into slashes and folds `.` and `..` segments, so `/.//evil.example`
 * or `/%2e%2e/\evil.example` come out as `//evil.example`, which a browser reads as another host.
 * The path must start with one slash, not two and not a slash and a backslash, and parse back to
 * itself (nothing left for the browser's own parse to fold).
 */
export function safeRedirect(to: unknown, fallback: string): string {
  if (typeof to !== 'string' || !to.startsWith('/')) return fallback
  const path = localPath(to)
  if (!path || !path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return fallback
  return localPath(path) === path ? path : fallback
}
