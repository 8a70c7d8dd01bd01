// The session and its account are read once per read-only request (decision 29) and never
// trusted across requests: a deactivated account or an ended session is refused by the next
// request, and a request without a scope (an action) reads afresh every time.
import type pg from 'pg'
import { beforeEach, describe, expect, test, vi } from 'vitest'
import type { Prisma } from '~/generated/prisma/client'
import { getOptionalUser, requireUserAndRead } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { inRequestScope } from '~/lib/request-scope.server'
import { createSession, destroySession, type SessionAccount } from '~/lib/session.server'
import { selectBatch } from '~/lib/sql.server'
import { loader as officeLoader } from '~/routes/office._index'
import { createUser } from '../factories'
import { resetDatabase } from '../support/db'

beforeEach(resetDatabase)

async function signedIn() {
  const user = await createUser(prisma, { email: 'scope@example.edu.cn', roles: ['office_reviewer'] })
  const cookie = (await createSession(user.id, new Request('http://localhost/'))).split(';')[0]
  return { user, request: () => new Request('http://localhost/office', { headers: { Cookie: cookie } }) }
}

test('a deactivated account is refused by the next request, and at once without a scope', async () => {
  const { user, request } = await signedIn()
  await inRequestScope(async () => {
    expect((await getOptionalUser(request()))?.id).toBe(user.id)
    await prisma.user.update({ where: { id: user.id }, data: { deactivatedAt: new Date() } })
    // The same request's other loader sees what the request read first.
    expect((await getOptionalUser(request()))?.id).toBe(user.id)
  })
  expect(await inRequestScope(() => getOptionalUser(request()))).toBeNull()
  await prisma.user.update({ where: { id: user.id }, data: { deactivatedAt: null } })
  expect((await getOptionalUser(request()))?.id).toBe(user.id)
  await prisma.user.update({ where: { id: user.id }, data: { deactivatedAt: new Date() } })
  expect(await getOptionalUser(request())).toBeNull()
})

test('an ended session is refused by the next request; signing out forgets it in the same one', async () => {
  const { user, request } = await signedIn()
  await inRequestScope(async () => {
    expect((await getOptionalUser(request()))?.id).toBe(user.id)
    await destroySession(request())
    expect(await getOptionalUser(request())).toBeNull()
  })
  expect(await inRequestScope(() => getOptionalUser(request()))).toBeNull()
})

test('a role change shows on the next request', async () => {
  const { user, request } = await signedIn()
  expect((await inRequestScope(() => getOptionalUser(request())))?.roles).toEqual(['office_reviewer'])
  await prisma.user.update({ where: { id: user.id }, data: { roles: ['admin'] } })
  expect((await inRequestScope(() => getOptionalUser(request())))?.roles).toEqual(['admin'])
})

// The office queue reads the session in its own statement once this process has read that session
// (requireUserAndRead, decision 37); the root's loader, which Remix runs beside it, takes its answer.
describe("a queue page's statement reads the session", () => {
  const context = { cspNonce: '', clientIp: '127.0.0.1' }
  // Each statement takes one of the pool's connections (sql.server.ts, execute): a connection taken is a statement sent.
  const pool = () => (globalThis as typeof globalThis & { __sqlPool: pg.Pool }).__sqlPool
  /** One GET as Remix serves it: the root's loader and the page's side by side in one scope, and the statements they sent. */
  async function officePage(request: Request) {
    const sent = vi.spyOn(pool(), 'connect')
    try {
      const [root, page] = await inRequestScope(() =>
        Promise.allSettled([getOptionalUser(request), officeLoader({ request, params: {}, context })]),
      )
      return { root, page, statements: sent.mock.calls.length }
    } finally {
      sent.mockRestore()
    }
  }
  const refused = (settled: PromiseSettledResult<unknown>) =>
    settled.status === 'rejected' && settled.reason instanceof Response ? settled.reason : null

  test('in one statement once the session was read, with the same page and the same user for the root', async () => {
    const { user, request } = await signedIn()
    const first = await officePage(request())
    expect(first).toMatchObject({ root: { status: 'fulfilled', value: { id: user.id } }, page: { status: 'fulfilled' }, statements: 2 })
    const second = await officePage(request())
    expect(second).toMatchObject({ root: { status: 'fulfilled', value: { id: user.id } }, page: { status: 'fulfilled' }, statements: 1 })
    const shown = ({ page }: typeof first) => (page.status === 'fulfilled' ? { ...page.value, now: null } : page)
    expect(shown(second)).toEqual(shown(first))
    // Outside a request scope nothing is carried: the session is read on its own.
    const sent = vi.spyOn(pool(), 'connect')
    await officeLoader({ request: request(), params: {}, context })
    expect(sent.mock.calls.length).toBe(2)
    sent.mockRestore()
  })

  test('what the statement reads decides: an ended session, a deactivated account or a lost role is refused at once', async () => {
    const { user, request } = await signedIn()
    await officePage(request())
    await prisma.session.deleteMany({ where: { userId: user.id } })
    const ended = await officePage(request())
    expect(ended.root).toEqual({ status: 'fulfilled', value: null })
    expect(refused(ended.page)?.headers.get('Location')).toBe(`/login?redirectTo=${encodeURIComponent('/office')}`)

    const again = (await createSession(user.id, new Request('http://localhost/'))).split(';')[0]
    const next = () => new Request('http://localhost/office', { headers: { Cookie: again } })
    await officePage(next())
    await prisma.user.update({ where: { id: user.id }, data: { roles: ['admin'] } })
    const lost = await officePage(next())
    expect(lost.root).toMatchObject({ status: 'fulfilled', value: { roles: ['admin'] } })
    expect(refused(lost.page)?.status).toBe(403)

    await prisma.user.update({ where: { id: user.id }, data: { roles: ['office_reviewer'] } })
    await officePage(next())
    await prisma.user.update({ where: { id: user.id }, data: { deactivatedAt: new Date() } })
    const deactivated = await officePage(next())
    expect(deactivated.root).toEqual({ status: 'fulfilled', value: null })
    expect(refused(deactivated.page)?.status).toBe(302)
  })

  test('a user without the role is refused every time, the guess never serving them', async () => {
    const admin = await createUser(prisma, { email: 'admin@example.edu.cn', roles: ['admin'] })
    const cookie = (await createSession(admin.id, new Request('http://localhost/'))).split(';')[0]
    for (let visit = 0; visit < 3; visit++) {
      const seen = await officePage(new Request('http://localhost/office', { headers: { Cookie: cookie } }))
      expect(seen.root).toMatchObject({ status: 'fulfilled', value: { id: admin.id } })
      expect(refused(seen.page)?.status).toBe(403)
    }
  })

  test('a page without the root beside it (a client-side navigation) reads in one statement too', async () => {
    const { request } = await signedIn()
    await officePage(request())
    const sent = vi.spyOn(pool(), 'connect')
    try {
      const page = await inRequestScope(() => officeLoader({ request: request(), params: {}, context }))
      expect(page.queue.rows).toEqual([])
      expect(sent.mock.calls.length).toBe(1)
    } finally {
      sent.mockRestore()
    }
  })

  test('a session read asked for while the statement is built is its own, not a wait for itself', async () => {
    const { user, request } = await signedIn()
    await officePage(request())
    const read = async (_: unknown, session: Prisma.Sql | null) => {
      const asked = await getOptionalUser(request())
      const rows = session ? (await selectBatch<{ session: SessionAccount[] }>({ session })).session : []
      return { session: rows, page: async () => asked?.id }
    }
    const [root, page] = await inRequestScope(() =>
      Promise.all([getOptionalUser(request()), requireUserAndRead(request(), { role: 'office_reviewer' }, read)]),
    )
    expect([root?.id, page]).toEqual([user.id, user.id])
  })

  test('a changed account gets the page read again for it', async () => {
    const { user, request } = await signedIn()
    await prisma.college.create({ data: { code: 'CS', nameZh: '计算机学院', nameEn: 'Computer Science' } })
    expect(await officePage(request())).toMatchObject({ page: { value: { facets: { colleges: [[expect.any(String), '计算机学院']] } } } })
    await prisma.user.update({ where: { id: user.id }, data: { locale: 'en' } })
    const changed = await officePage(request())
    expect(changed).toMatchObject({
      root: { value: { locale: 'en' } },
      page: { value: { facets: { colleges: [[expect.any(String), 'Computer Science']] } } },
      statements: 2,
    })
    // Any field of the account: a college given to the reviewer.
    const college = await prisma.college.findFirstOrThrow()
    await prisma.user.update({ where: { id: user.id }, data: { collegeId: college.id } })
    expect(await officePage(request())).toMatchObject({ root: { value: { collegeId: college.id } }, statements: 2 })
    expect(await officePage(request())).toMatchObject({ statements: 1 })
  })

  test("a failed statement leaves the root's loader to read the session itself", async () => {
    const { user, request } = await signedIn()
    await officePage(request())
    const sent = vi.spyOn(pool(), 'connect').mockImplementationOnce(() => Promise.reject(new Error('connection lost')))
    try {
      const [root, page] = await inRequestScope(() =>
        Promise.allSettled([getOptionalUser(request()), officeLoader({ request: request(), params: {}, context })]),
      )
      expect(root).toMatchObject({ status: 'fulfilled', value: { id: user.id } })
      expect(page).toMatchObject({ status: 'rejected', reason: { message: 'connection lost' } })
    } finally {
      sent.mockRestore()
    }
  })
})
