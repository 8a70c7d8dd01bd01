import { createCookie } from '@remix-run/node'
import { Prisma, type User } from '~/generated/prisma/client'
import { randomToken, sha256 } from './crypto.server'
import { prisma } from './db.server'
import { env } from './env.server'
import { selectRows } from './sql.server'
import { forgetRequestScope, oncePerRequest } from './request-scope.server'

// Sessions live in the database; the cookie holds a random token whose hash is the row's id,
// so a leaked database does not leak usable sessions and logout really ends the session.
const SESSION_DAYS = 7

let cookie: ReturnType<typeof createCookie> | undefined
function sessionCookie() {
  cookie ??= createCookie('mp_session', {
    httpOnly: true,
    sameSite: 'lax',
    secure: env().NODE_ENV === 'production',
    path: '/',
    secrets: [env().SESSION_SECRET],
    maxAge: SESSION_DAYS * 24 * 3600,
  })
  return cookie
}

async function readSessionToken(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get('Cookie'))
  return typeof value === 'string' ? value : null
}

/**
 * Creates a session for the user and returns the Set-Cookie header value. A session opened by the
 * campus sign-on keeps the identity provider's session index ("cas:<ticket>", "oidc:<sid>"), so
 * the provider's single-logout request can end it.
 */
export async function createSession(userId: string, request: Request, campusSessionIndex?: string): Promise<string> {
  const token = randomToken()
  await prisma.session.create({
    data: {
      id: sha256(token),
      userId,
      expiresAt: new Date(Date.now() + SESSION_DAYS * 24 * 3600 * 1000),
      userAgent: request.headers.get('User-Agent')?.slice(0, 300) ?? null,
      campusSessionIndex: campusSessionIndex ?? null,
    },
  })
  return sessionCookie().serialize(token)
}

/** What a page needs of the signed-in user's account. */
export type SessionAccount = Pick<User, 'id' | 'email' | 'nameZh' | 'nameEn' | 'roles' | 'collegeId' | 'level' | 'locale'>

/**
 * The signed-in user's account, read with the session in one query; null when there is none, it
 * expired or the account is deactivated. Read once per request (the root's loader and the page's
 * both ask), never remembered across requests: a revoked session or a deactivated account is
 * refused on the next request.
 */
export function findSessionUser(request: Request): Promise<SessionAccount | null> {
  const cookieHeader = request.headers.get('Cookie')
  if (!cookieHeader) return Promise.resolve(null)
  return oncePerRequest(`session:${cookieHeader}`, async () => {
    const token = await readSessionToken(request)
    if (!token) return null
    const rows = await selectRows<SessionAccount>(Prisma.sql`
      SELECT u.id, u.email, u."nameZh", u."nameEn", u.roles::text[] AS roles, u."collegeId", u.level::text AS level, u.locale::text AS locale
      FROM "Session" s JOIN "User" u ON u.id = s."userId"
      WHERE s.id = ${sha256(token)} AND s."expiresAt" >= ${new Date()} AND u."deactivatedAt" IS NULL`)
    return rows[0] ?? null
  })
}

/** Ends the session in the database and returns the Set-Cookie header that clears the cookie. */
export async function destroySession(request: Request): Promise<string> {
  const token = await readSessionToken(request)
  if (token) await prisma.session.deleteMany({ where: { id: sha256(token) } })
  forgetRequestScope()
  return sessionCookie().serialize('', { maxAge: 0 })
}

/** The campus session index of the request's session ("cas:…", "oidc:…"), or null. */
export async function campusSessionIndexOf(request: Request): Promise<string | null> {
  const token = await readSessionToken(request)
  if (!token) return null
  const session = await prisma.session.findUnique({ where: { id: sha256(token) }, select: { campusSessionIndex: true } })
  return session?.campusSessionIndex ?? null
}

/** Ends every session opened with this campus session index (a single-logout request); how many. */
export async function endCampusSessions(campusSessionIndex: string): Promise<number> {
  const { count } = await prisma.session.deleteMany({ where: { campusSessionIndex } })
  return count
}
