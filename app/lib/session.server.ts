import { createCookie } from '@remix-run/node'
import type { User } from '~/generated/prisma/client'
import { randomToken, sha256 } from './crypto.server'
import { prisma } from './db.server'
import { env } from './env.server'

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

/** The signed-in user's account, read with the session in one query; null when there is none or it expired. */
export async function findSessionUser(request: Request): Promise<User | null> {
  const token = await readSessionToken(request)
  if (!token) return null
  const session = await prisma.session.findUnique({ where: { id: sha256(token) }, select: { expiresAt: true, user: true } })
  if (!session || session.expiresAt < new Date()) return null
  return session.user
}

/** Ends the session in the database and returns the Set-Cookie header that clears the cookie. */
export async function destroySession(request: Request): Promise<string> {
  const token = await readSessionToken(request)
  if (token) await prisma.session.deleteMany({ where: { id: sha256(token) } })
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
