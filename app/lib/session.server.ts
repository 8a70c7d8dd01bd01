import { AsyncLocalStorage } from 'node:async_hooks'
import { createCookie } from '@remix-run/node'
import { Prisma, type User } from '~/generated/prisma/client'
import { randomToken, sha256 } from './crypto.server'
import { prisma } from './db.server'
import { env } from './env.server'
import { setRecent } from './recent'
import { selectRows } from './sql.server'
import { forgetRequestScope, heldInRequest, holdInRequest, inAnyRequestScope, oncePerRequest } from './request-scope.server'

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

/** The read of session `sessionId`'s account (the cookie token's hash): one row, or none when it expired or the account is deactivated. */
function sessionRead(sessionId: string): Prisma.Sql {
  return Prisma.sql`
      SELECT u.id, u.email, u."nameZh", u."nameEn", u.roles::text[] AS roles, u."collegeId", u.level::text AS level, u.locale::text AS locale
      FROM "Session" s JOIN "User" u ON u.id = s."userId"
      WHERE s.id = ${sessionId} AND s."expiresAt" >= ${new Date()} AND u."deactivatedAt" IS NULL`
}

/** The request's session id (its cookie token's hash), the cookie read once per request. */
function requestSessionId(request: Request): Promise<string | null> {
  return oncePerRequest(`session-id:${request.headers.get('Cookie')}`, async () => {
    const token = await readSessionToken(request)
    return token && sha256(token)
  })
}

// The account each session's last read returned (the latest LAST_READS sessions), in this process:
// what a page may build its one statement on when that statement also reads the session
// (carrySessionRead). A guess, never an answer: the read in the same statement decides.
const lastReads = new Map<string, SessionAccount>()
const LAST_READS = 2_000

function remember(sessionId: string, account: SessionAccount | null): SessionAccount | null {
  if (account) setRecent(lastReads, sessionId, account, LAST_READS)
  else lastReads.delete(sessionId)
  return account
}

/** What the page's statement read of the session, or undefined when it did not read it. */
type Carried = Promise<SessionAccount[] | undefined>
const carriedKey = (sessionId: string) => `session-carried:${sessionId}`
// Set while a page builds the statement that carries the read: a session read asked for meanwhile
// is its own (the request's waits for that statement, and would wait for itself).
const building = new AsyncLocalStorage<true>()

/**
 * The signed-in user's account, read with the session in one query; null when there is none, it
 * expired or the account is deactivated. Read once per request (the root's loader and the page's
 * both ask), never trusted across requests: a revoked session or a deactivated account is refused
 * on the next request. A page whose statement reads the session itself (carrySessionRead) answers
 * for the whole request: one round trip instead of two.
 */
export function findSessionUser(request: Request): Promise<SessionAccount | null> {
  const cookieHeader = request.headers.get('Cookie')
  if (!cookieHeader) return Promise.resolve(null)
  const read = async () => {
    const sessionId = await requestSessionId(request)
    if (!sessionId) return null
    if (lastReads.has(sessionId) && inAnyRequestScope() && !building.getStore()) {
      // The page's loader runs beside this one (the root's) and may carry the read: its turn first.
      await new Promise((resolve) => setImmediate(resolve))
      const carried = await heldInRequest<Carried>(carriedKey(sessionId))
      if (carried) return remember(sessionId, carried[0] ?? null)
    }
    return remember(sessionId, (await selectRows<SessionAccount>(sessionRead(sessionId)))[0] ?? null)
  }
  return building.getStore() ? read() : oncePerRequest(`session:${cookieHeader}`, read)
}

/** A page's statement that carries the session's read (carrySessionRead). */
export type CarriedRead = {
  /** The account the session had when last read in this process: what to build the statement on. */
  guess: SessionAccount
  /** The session's read, to put in the statement. */
  read: Prisma.Sql
  /** Runs `build`, the statement's building and running (a session read asked for meanwhile is its own). */
  build<T>(build: () => Promise<T>): Promise<T>
  /** What `read` returned, or nothing when the statement did not run: the request's other loaders take it as their answer. Once. */
  settle(rows?: SessionAccount[]): void
}

/**
 * For a page that reads what it shows in one statement: the account the request's session had when
 * last read here, and the session's read to put in that statement. Null when no read of this
 * session is remembered, or outside a request scope.
 */
export async function carrySessionRead(request: Request): Promise<CarriedRead | null> {
  if (!request.headers.get('Cookie')) return null
  const sessionId = await requestSessionId(request)
  const guess = sessionId ? lastReads.get(sessionId) : undefined
  if (!sessionId || !guess) return null
  let answer!: (rows?: SessionAccount[]) => void
  const carried: Carried = new Promise((resolve) => (answer = resolve))
  if (!holdInRequest(carriedKey(sessionId), carried)) return null
  return {
    guess,
    read: sessionRead(sessionId),
    build: (build) => building.run(true, build),
    settle(rows) {
      if (rows) remember(sessionId, rows[0] ?? null)
      answer(rows)
    },
  }
}

/** Ends the session in the database and returns the Set-Cookie header that clears the cookie. */
export async function destroySession(request: Request): Promise<string> {
  const token = await readSessionToken(request)
  if (token) {
    await prisma.session.deleteMany({ where: { id: sha256(token) } })
    remember(sha256(token), null)
  }
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
