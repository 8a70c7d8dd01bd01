// What a password guess costs, counted where the guess is checked: every argon2 verification the
// app makes goes through the spy below (the real function, counted).
//
// - The per-account limit (MAX_FAILURES_PER_ACCOUNT) and the per-address limit hold under parallel
//   guesses: the counting, the slow hash and the recording of the failure used to run with nothing
//   between them, and 30 guesses at once got 11 to 22 checked against the limit of 5.
// - Every way a sign-in can fail (unknown email, an imported account that never chose a password,
//   a deactivated or locked account) costs the same one verification, against a hash of the same
//   parameters as a real one: the answer's timing must not tell these accounts apart.
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'

const argon2 = vi.hoisted(() => ({ verified: [] as string[] }))
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const real = await importOriginal<typeof import('@node-rs/argon2')>()
  return {
    ...real,
    verify: (hashed: string | Uint8Array, ...rest: Parameters<typeof real.verify> extends [unknown, ...infer R] ? R : never) => {
      argon2.verified.push(String(hashed))
      return real.verify(hashed, ...rest)
    },
  }
})

import { prisma } from '~/lib/db.server'
import { env } from '~/lib/env.server'
import { hashPassword } from '~/lib/password.server'
import { authenticate, LOGIN_WINDOW_MINUTES, MAX_FAILURES_PER_ACCOUNT } from '~/models/user.server'
import { createUser, DEMO_PASSWORD } from '../factories'
import { startAppServer, type AppServer } from '../support/app-server'
import { resetDatabase } from '../support/db'

let app: AppServer
beforeAll(async () => {
  await resetDatabase()
  app = await startAppServer()
})
afterAll(() => app?.close())
beforeEach(async () => {
  // Each test starts with no failures on record (they all come from this machine's address).
  await prisma.loginAttempt.deleteMany()
  argon2.verified.length = 0
})

/** The cost parameters of an argon2 hash string: `$argon2id$v=19$m=19456,t=2,p=1$…` → `argon2id m=19456,t=2,p=1`. */
const cost = (hashed: string) => {
  const [, variant, , params] = hashed.split('$')
  return `${variant} ${params}`
}

describe('parallel guesses cannot get past the limits', () => {
  test(`30 wrong passwords at once for one account: ${MAX_FAILURES_PER_ACCOUNT} are checked, the rest refused unchecked; then the right one is refused too`, async () => {
    const user = await createUser(prisma)
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => app.request('/login', { form: { email: user.email, password: `Wrong-guess-${i}` } })),
    )
    await Promise.all(responses.map((r) => r.arrayBuffer()))
    const statuses = responses.map((r) => r.status)
    expect(statuses.filter((s) => s === 400)).toHaveLength(MAX_FAILURES_PER_ACCOUNT)
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - MAX_FAILURES_PER_ACCOUNT)
    // Only those five were verified against the account's own hash.
    expect(argon2.verified.filter((h) => h === user.passwordHash)).toHaveLength(MAX_FAILURES_PER_ACCOUNT)
    expect(await prisma.loginAttempt.count({ where: { email: user.email } })).toBe(MAX_FAILURES_PER_ACCOUNT)

    const right = await app.request('/login', { form: { email: user.email, password: DEMO_PASSWORD } })
    await right.arrayBuffer()
    expect(right.status).toBe(429)
    expect(right.headers.get('set-cookie')).toBeNull()
  })

  test('100 guesses at once from 100 addresses: five are checked', async () => {
    const user = await createUser(prisma)
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => authenticate(user.email, `Wrong-guess-${i}`, `10.1.${i >> 8}.${i & 255}`)),
    )
    expect(results.filter((r) => !r.ok && r.error === 'login.invalid')).toHaveLength(MAX_FAILURES_PER_ACCOUNT)
    expect(argon2.verified.filter((h) => h === user.passwordHash)).toHaveLength(MAX_FAILURES_PER_ACCOUNT)
    expect(await authenticate(user.email, DEMO_PASSWORD, '10.2.0.1')).toEqual({
      ok: false,
      error: 'login.locked',
      params: { minutes: LOGIN_WINDOW_MINUTES },
    })
  })

  test('guesses at many accounts at once from one address: no more than the per-address limit are checked', async () => {
    const limit = env().LOGIN_MAX_FAILURES_PER_IP
    // One guess at each account: only the address's limit can stop them.
    const accounts = await Promise.all(Array.from({ length: limit + 30 }, () => createUser(prisma)))
    const results = await Promise.all(accounts.map((a, i) => authenticate(a.email, `Wrong-guess-${i}`, '10.66.0.1')))
    expect(results.filter((r) => !r.ok && r.error === 'login.invalid')).toHaveLength(limit)
    expect(results.filter((r) => !r.ok && r.error === 'login.locked')).toHaveLength(30)
    // The accounts share the factories' hash: exactly `limit` verifications were made against it.
    expect(argon2.verified.filter((h) => h === accounts[0].passwordHash)).toHaveLength(limit)
    expect(await prisma.loginAttempt.count({ where: { ip: '10.66.0.1' } })).toBe(limit)
  })
})

describe('every failed sign-in costs one real verification', () => {
  test('unknown email, never-activated import, deactivated, locked, wrong and right password: one argon2 verification each, all of the same cost', async () => {
    const real = cost(await hashPassword('whatever it is'))
    const active = await createUser(prisma)
    const imported = await createUser(prisma, { passwordHash: '!invited' })
    const deactivated = await createUser(prisma, { deactivatedAt: new Date() })
    const locked = await createUser(prisma)
    await prisma.loginAttempt.createMany({
      data: Array.from({ length: MAX_FAILURES_PER_ACCOUNT }, () => ({ email: locked.email, ip: '10.7.7.7' })),
    })
    const cases: [string, () => ReturnType<typeof authenticate>, string][] = [
      ['unknown email', () => authenticate('nobody.at.all@example.edu.cn', DEMO_PASSWORD, '10.0.0.1'), 'login.invalid'],
      ['never-activated import', () => authenticate(imported.email, DEMO_PASSWORD, '10.0.0.2'), 'login.invalid'],
      ['never-activated import, "!invited" as the password', () => authenticate(imported.email, '!invited', '10.0.0.3'), 'login.invalid'],
      ['deactivated, right password', () => authenticate(deactivated.email, DEMO_PASSWORD, '10.0.0.4'), 'login.deactivated'],
      ['deactivated, wrong password', () => authenticate(deactivated.email, 'Wrong-password-1', '10.0.0.5'), 'login.invalid'],
      ['locked account, right password', () => authenticate(locked.email, DEMO_PASSWORD, '10.0.0.6'), 'login.locked'],
      ['wrong password', () => authenticate(active.email, 'Wrong-password-1', '10.0.0.7'), 'login.invalid'],
      ['right password', () => authenticate(active.email, DEMO_PASSWORD, '10.0.0.8'), 'ok'],
    ]
    for (const [label, run, expected] of cases) {
      argon2.verified.length = 0
      const result = await run()
      expect(result.ok ? 'ok' : result.error, label).toBe(expected)
      expect(argon2.verified, label).toHaveLength(1)
      expect(cost(argon2.verified[0]), label).toBe(real)
    }
  })

  test('an address over its limit costs one verification too', async () => {
    const limit = env().LOGIN_MAX_FAILURES_PER_IP
    await prisma.loginAttempt.createMany({
      data: Array.from({ length: limit }, (_, i) => ({ email: `guess${i}@example.edu.cn`, ip: '10.8.8.8' })),
    })
    const user = await createUser(prisma)
    expect(await authenticate(user.email, DEMO_PASSWORD, '10.8.8.8')).toEqual({
      ok: false,
      error: 'login.locked',
      params: { minutes: LOGIN_WINDOW_MINUTES },
    })
    expect(argon2.verified).toHaveLength(1)
    expect(argon2.verified[0]).not.toBe(user.passwordHash)
  })
})
