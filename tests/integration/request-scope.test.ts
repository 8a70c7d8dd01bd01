// The session and its account are read once per read-only request (decision 29) and never
// remembered across requests: a deactivated account or an ended session is refused by the next
// request, and a request without a scope (an action) reads afresh every time.
import { beforeEach, expect, test } from 'vitest'
import { getOptionalUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { inRequestScope } from '~/lib/request-scope.server'
import { createSession, destroySession } from '~/lib/session.server'
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
