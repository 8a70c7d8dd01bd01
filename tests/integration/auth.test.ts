import { beforeEach, describe, expect, it } from 'vitest'
import { getOptionalUser, requireUser, toSessionUser } from '~/lib/auth.server'
import { sha256 } from '~/lib/crypto.server'
import { prisma } from '~/lib/db.server'
import { createSession, destroySession } from '~/lib/session.server'
import { createStaff, setUserActive } from '~/models/admin/users.server'
import {
  authenticate,
  confirmSignup,
  createResetToken,
  isFirstPassword,
  isResetTokenUsable,
  isSignupTokenUsable,
  LOGIN_WINDOW_MINUTES,
  MAX_FAILURES_PER_ACCOUNT,
  requestPasswordReset,
  resetPassword,
  SIGNUP_CONFIRM_HOURS,
  signUpStudent,
} from '~/models/user.server'
import { createCollege, createStudent, createUser, DEMO_PASSWORD } from '../factories'
import { resetDatabase } from '../support/db'

const cookieOf = (setCookie: string) => setCookie.split(';')[0]
const requestWith = (cookie: string, path = '/student') => new Request(`http://localhost${path}`, { headers: { Cookie: cookie } })

async function thrown(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise
  } catch (e) {
    if (e instanceof Response) return e
    throw e
  }
  throw new Error('expected a thrown Response')
}

beforeEach(() => resetDatabase())

describe('signUpStudent and confirmSignup', () => {
  const input = async () => ({
    nameZh: '张三',
    nameEn: 'ZHANG San',
    studentNumber: '2023010101',
    collegeId: (await createCollege(prisma)).id,
    level: 'undergraduate' as const,
    email: 'zhang@example.edu.cn',
    password: 'correct horse battery',
    confirmPassword: 'correct horse battery',
  })
  const outbox = (template: string) => prisma.outboxMessage.findMany({ where: { template } })
  const confirmToken = async (email: string) => {
    const message = await prisma.outboxMessage.findFirstOrThrow({
      where: { template: 'signup-confirmation', toAddress: email },
      orderBy: { createdAt: 'desc' },
    })
    return new URL((message.payload as { confirmUrl: string }).confirmUrl).searchParams.get('token')!
  }

  it('creates nothing until the emailed link is followed; then a student with an argon2 hash, never the password', async () => {
    expect(await signUpStudent(await input(), 'en')).toEqual({ ok: true })
    expect(await prisma.user.count()).toBe(0)
    const [message] = await outbox('signup-confirmation')
    expect(message.toAddress).toBe('zhang@example.edu.cn')
    expect(message.locale).toBe('en')
    expect(message.payload).toMatchObject({ name: 'ZHANG San', hours: SIGNUP_CONFIRM_HOURS })
    const token = await confirmToken('zhang@example.edu.cn')
    const pending = await prisma.pendingSignup.findFirstOrThrow()
    expect(pending.tokenHash).toBe(sha256(token))
    expect(pending.passwordHash).toMatch(/^\$argon2id\$/)
    expect(await isSignupTokenUsable(token)).toBe(true)

    const confirmed = await confirmSignup(token)
    const user = await prisma.user.findUniqueOrThrow({ where: { email: 'zhang@example.edu.cn' } })
    expect(confirmed).toEqual({ ok: true, userId: user.id })
    expect(user.roles).toEqual(['student'])
    expect(user.locale).toBe('en')
    expect(user.studentNumber).toBe('2023010101')
    expect(user.passwordHash).toMatch(/^\$argon2id\$/)
    expect(user.passwordHash).not.toContain('correct horse')
    expect((await authenticate('zhang@example.edu.cn', 'correct horse battery', '10.0.0.1')).ok).toBe(true)
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: user.id } })
    expect(audit.action).toBe('user.signup')

    // The link works once.
    expect(await isSignupTokenUsable(token)).toBe(false)
    expect(await confirmSignup(token)).toEqual({ ok: false, error: 'signupConfirm.invalidToken' })
    expect(await prisma.pendingSignup.count()).toBe(0)
  })

  it('answers a taken email exactly as a new one, creates nothing and tells the owner instead', async () => {
    const first = await input()
    const owner = await createStudent(prisma, { email: first.email, nameZh: '原主', locale: 'zh_CN' })
    expect(await signUpStudent({ ...first, studentNumber: '2023999999' }, 'en')).toEqual({ ok: true })
    expect(await prisma.user.count()).toBe(1)
    expect(await prisma.pendingSignup.count()).toBe(0)
    expect(await outbox('signup-confirmation')).toEqual([])
    const [notice] = await outbox('signup-existing-account')
    expect(notice.toAddress).toBe(owner.email)
    expect(notice.locale).toBe('zh_CN') // the owner's language, not the visitor's
    expect(notice.payload).toMatchObject({ name: '原主' })
    expect((await prisma.user.findUniqueOrThrow({ where: { id: owner.id } })).passwordHash).toBe(owner.passwordHash)
  })

  it('a deactivated owner gets no email, and the answer is the same', async () => {
    const first = await input()
    await createStudent(prisma, { email: first.email, deactivatedAt: new Date() })
    expect(await signUpStudent({ ...first, studentNumber: '2023999999' }, 'zh-CN')).toEqual({ ok: true })
    expect(await prisma.outboxMessage.count()).toBe(0)
  })

  it('refuses a taken student number on its field, whether the email is new or taken: it tells nothing about the email', async () => {
    const first = await input()
    await createStudent(prisma, { email: 'owner@example.edu.cn', studentNumber: first.studentNumber })
    const refused = { ok: false, error: 'form.fixErrors', fields: { studentNumber: 'signup.studentNumberTaken' } }
    expect(await signUpStudent({ ...first, email: 'new@example.edu.cn' }, 'zh-CN')).toEqual(refused)
    expect(await signUpStudent({ ...first, email: 'owner@example.edu.cn' }, 'zh-CN')).toEqual(refused)
    expect(await prisma.outboxMessage.count()).toBe(0)
    expect(await prisma.pendingSignup.count()).toBe(0)
  })

  it('refuses an unknown or retired college', async () => {
    const data = await input()
    await prisma.college.update({ where: { id: data.collegeId }, data: { retiredAt: new Date() } })
    expect(await signUpStudent(data, 'zh-CN')).toEqual({
      ok: false,
      error: 'form.fixErrors',
      fields: { collegeId: 'signup.unknownCollege' },
    })
  })

  it('a link followed after the email or the student number was taken meanwhile says which, and is spent', async () => {
    const data = await input()
    await signUpStudent(data, 'zh-CN')
    await signUpStudent({ ...data, studentNumber: '2023020202' }, 'zh-CN') // the same student again
    const [older, newer] = (await outbox('signup-confirmation')).map((m) =>
      new URL((m.payload as { confirmUrl: string }).confirmUrl).searchParams.get('token')!,
    )
    expect((await confirmSignup(newer)).ok).toBe(true)
    // Once the account exists, the address's other sign-ups are gone.
    expect(await confirmSignup(older)).toEqual({ ok: false, error: 'signupConfirm.invalidToken' })

    await signUpStudent({ ...data, email: 'li@example.edu.cn', studentNumber: '2023030303' }, 'zh-CN')
    const token = await confirmToken('li@example.edu.cn')
    await createStudent(prisma, { studentNumber: '2023030303' })
    expect(await confirmSignup(token)).toEqual({ ok: false, error: 'signupConfirm.studentNumberTaken' })
    expect(await isSignupTokenUsable(token)).toBe(false)

    await signUpStudent({ ...data, email: 'wang@example.edu.cn', studentNumber: '2023040404' }, 'zh-CN')
    const token2 = await confirmToken('wang@example.edu.cn')
    await createStudent(prisma, { email: 'wang@example.edu.cn' })
    expect(await confirmSignup(token2)).toEqual({ ok: false, error: 'signupConfirm.emailTaken' })
  })

  it('a student who signed up twice confirms both links at once: one account, the other told the email is taken, nothing fails', async () => {
    const data = await input()
    await signUpStudent(data, 'zh-CN')
    await signUpStudent(data, 'zh-CN')
    const tokens = (await outbox('signup-confirmation')).map((m) =>
      new URL((m.payload as { confirmUrl: string }).confirmUrl).searchParams.get('token')!,
    )
    const results = await Promise.all([...tokens, tokens[0]].map((t) => confirmSignup(t)))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    // The same link twice: the second finds it spent; the other link: its address is taken now.
    for (const r of results) if (!r.ok) expect(['signupConfirm.emailTaken', 'signupConfirm.invalidToken']).toContain(r.error)
    expect(await prisma.user.count({ where: { email: data.email } })).toBe(1)
    expect(await prisma.pendingSignup.count()).toBe(0)
  })

  it('an expired link is refused', async () => {
    await signUpStudent(await input(), 'zh-CN')
    const token = await confirmToken('zhang@example.edu.cn')
    await prisma.pendingSignup.updateMany({ data: { expiresAt: new Date(Date.now() - 1) } })
    expect(await isSignupTokenUsable(token)).toBe(false)
    expect(await confirmSignup(token)).toEqual({ ok: false, error: 'signupConfirm.invalidToken' })
    expect(await prisma.user.count()).toBe(0)
  })
})

describe('authenticate', () => {
  it('accepts the right password and refuses a wrong one', async () => {
    const user = await createUser(prisma, { email: 'a@example.edu.cn' })
    expect(await authenticate('a@example.edu.cn', DEMO_PASSWORD, '10.0.0.1')).toEqual({ ok: true, userId: user.id, roles: ['student'] })
    expect(await authenticate('a@example.edu.cn', 'wrong-password', '10.0.0.1')).toEqual({ ok: false, error: 'login.invalid' })
    expect(await authenticate('nobody@example.edu.cn', DEMO_PASSWORD, '10.0.0.1')).toEqual({ ok: false, error: 'login.invalid' })
  })

  it('locks an account after repeated failures, even for the right password', async () => {
    await createUser(prisma, { email: 'b@example.edu.cn' })
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      await authenticate('b@example.edu.cn', 'wrong-password', `10.0.1.${i}`)
    }
    expect(await authenticate('b@example.edu.cn', DEMO_PASSWORD, '10.0.2.1')).toEqual({
      ok: false,
      error: 'login.locked',
      params: { minutes: LOGIN_WINDOW_MINUTES },
    })
  })

  it('locks an address that tries many accounts', async () => {
    await createUser(prisma, { email: 'c@example.edu.cn' })
    const limit = Number(process.env.LOGIN_MAX_FAILURES_PER_IP ?? 50)
    await prisma.loginAttempt.createMany({
      data: Array.from({ length: limit }, (_, i) => ({ email: `guess${i}@example.edu.cn`, ip: '10.9.9.9' })),
    })
    expect(await authenticate('c@example.edu.cn', DEMO_PASSWORD, '10.9.9.9')).toEqual({
      ok: false,
      error: 'login.locked',
      params: { minutes: LOGIN_WINDOW_MINUTES },
    })
    expect((await authenticate('c@example.edu.cn', DEMO_PASSWORD, '10.9.9.10')).ok).toBe(true)
  })

  it('forgets old failures once the window has passed', async () => {
    await createUser(prisma, { email: 'd@example.edu.cn' })
    const old = new Date(Date.now() - 16 * 60_000)
    await prisma.loginAttempt.createMany({
      data: Array.from({ length: MAX_FAILURES_PER_ACCOUNT }, () => ({ email: 'd@example.edu.cn', ip: '10.0.0.1', createdAt: old })),
    })
    expect((await authenticate('d@example.edu.cn', DEMO_PASSWORD, '10.0.0.1')).ok).toBe(true)
  })

  it('refuses a deactivated account', async () => {
    await createUser(prisma, { email: 'e@example.edu.cn', deactivatedAt: new Date() })
    expect(await authenticate('e@example.edu.cn', DEMO_PASSWORD, '10.0.0.1')).toEqual({ ok: false, error: 'login.deactivated' })
  })
})

describe('sessions and requireUser', () => {
  it('stores only a hash of the cookie token and ends the session on logout', async () => {
    const user = await createStudent(prisma)
    const setCookie = await createSession(user.id, new Request('http://localhost/login'))
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Lax/i)
    const cookie = cookieOf(setCookie)
    expect((await getOptionalUser(requestWith(cookie)))?.id).toBe(user.id)
    const [session] = await prisma.session.findMany({ where: { userId: user.id } })
    expect(cookie).not.toContain(session.id)

    await destroySession(requestWith(cookie))
    expect(await getOptionalUser(requestWith(cookie))).toBeNull()
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0)
  })

  it('ignores a tampered or expired cookie', async () => {
    const user = await createStudent(prisma)
    const cookie = cookieOf(await createSession(user.id, new Request('http://localhost/login')))
    expect(await getOptionalUser(requestWith(cookie.slice(0, -3) + 'abc'))).toBeNull()
    await prisma.session.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } })
    expect(await getOptionalUser(requestWith(cookie))).toBeNull()
  })

  it('redirects the signed-out to login and back, and refuses other roles with 403', async () => {
    const signedOut = await thrown(requireUser(new Request('http://localhost/admin?tab=users'), { role: 'admin' }))
    expect(signedOut.status).toBe(302)
    expect(signedOut.headers.get('Location')).toBe('/login?redirectTo=%2Fadmin%3Ftab%3Dusers')

    const student = await createStudent(prisma)
    const cookie = cookieOf(await createSession(student.id, new Request('http://localhost/login')))
    for (const role of ['admin', 'office_reviewer', 'finance', 'college_reviewer'] as const) {
      expect((await thrown(requireUser(requestWith(cookie), { role }))).status).toBe(403)
    }
    expect((await requireUser(requestWith(cookie), { role: 'student' })).id).toBe(student.id)
  })
})

describe('password reset', () => {
  it('emails a single-use link through the outbox and ends existing sessions', async () => {
    const user = await createUser(prisma, { email: 'f@example.edu.cn', nameZh: '李四' })
    await createSession(user.id, new Request('http://localhost/login'))
    await requestPasswordReset('f@example.edu.cn')

    const message = await prisma.outboxMessage.findFirstOrThrow({ where: { toAddress: 'f@example.edu.cn' } })
    expect(message.template).toBe('password-reset')
    expect(message.locale).toBe('zh_CN')
    const url = new URL((message.payload as { resetUrl: string }).resetUrl)
    const token = url.searchParams.get('token')!
    const stored = await prisma.passwordResetToken.findFirstOrThrow({ where: { userId: user.id } })
    expect(stored.tokenHash).toBe(sha256(token))

    expect(await isResetTokenUsable(token)).toBe(true)
    expect(await resetPassword(token, 'a brand new password')).toBe(true)
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0)
    expect((await authenticate('f@example.edu.cn', 'a brand new password', '10.0.0.1')).ok).toBe(true)
    expect((await authenticate('f@example.edu.cn', DEMO_PASSWORD, '10.0.0.2')).ok).toBe(false)

    expect(await isResetTokenUsable(token)).toBe(false)
    expect(await resetPassword(token, 'another new password')).toBe(false)
  })

  it('refuses an expired token and says nothing for unknown emails', async () => {
    const user = await createUser(prisma, { email: 'g@example.edu.cn' })
    await requestPasswordReset('g@example.edu.cn')
    const message = await prisma.outboxMessage.findFirstOrThrow({ where: { toAddress: 'g@example.edu.cn' } })
    const token = new URL((message.payload as { resetUrl: string }).resetUrl).searchParams.get('token')!
    await prisma.passwordResetToken.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1) } })
    expect(await resetPassword(token, 'a brand new password')).toBe(false)

    await requestPasswordReset('nobody@example.edu.cn')
    expect(await prisma.outboxMessage.count()).toBe(1)
  })

  it('lets only one of two simultaneous uses of a token win', async () => {
    await createUser(prisma, { email: 'h@example.edu.cn' })
    await requestPasswordReset('h@example.edu.cn')
    const message = await prisma.outboxMessage.findFirstOrThrow({ where: { toAddress: 'h@example.edu.cn' } })
    const token = new URL((message.payload as { resetUrl: string }).resetUrl).searchParams.get('token')!
    const results = await Promise.all([resetPassword(token, 'first new password'), resetPassword(token, 'second new password')])
    expect(results.filter(Boolean)).toHaveLength(1)
  })
})

describe('password links are revoked together', () => {
  /** A reset link for the account, as requestPasswordReset would email it. */
  const issue = (userId: string) => prisma.$transaction((tx) => createResetToken(tx, userId, 30))

  it('using one link revokes every other outstanding link of the account, older or newer', async () => {
    const user = await createUser(prisma)
    const [older, newer] = [await issue(user.id), await issue(user.id)]
    expect(await resetPassword(newer, 'the newest password')).toBe(true)
    expect(await isResetTokenUsable(older)).toBe(false)
    expect(await resetPassword(older, 'an attacker password')).toBe(false)
    expect((await authenticate(user.email, 'the newest password', '10.0.0.1')).ok).toBe(true)

    const [first, second] = [await issue(user.id), await issue(user.id)]
    expect(await resetPassword(first, 'the first password')).toBe(true)
    expect(await resetPassword(second, 'the second password')).toBe(false)
    expect((await authenticate(user.email, 'the first password', '10.0.0.1')).ok).toBe(true)
  })

  it('only the account whose link was used loses its links', async () => {
    const [a, b] = [await createUser(prisma), await createUser(prisma)]
    const [tokenA1, tokenA2, tokenB] = [await issue(a.id), await issue(a.id), await issue(b.id)]
    expect(await resetPassword(tokenA1, 'a new password for a')).toBe(true)
    expect(await isResetTokenUsable(tokenA2)).toBe(false)
    expect(await isResetTokenUsable(tokenB)).toBe(true)
  })

  it('two different links of one account used at once: one wins, the other is refused, nothing fails', async () => {
    const user = await createUser(prisma)
    const tokens = await Promise.all(Array.from({ length: 4 }, () => issue(user.id)))
    const results = await Promise.all(tokens.map((t, i) => resetPassword(t, `concurrent password ${i}`)))
    expect(results.filter(Boolean)).toHaveLength(1)
    const winner = results.indexOf(true)
    expect((await authenticate(user.email, `concurrent password ${winner}`, '10.0.0.1')).ok).toBe(true)
    expect(await prisma.passwordResetToken.count({ where: { userId: user.id, usedAt: null } })).toBe(0)
  })

  it('deactivating an account revokes its links, and they stay dead after reactivation', async () => {
    const admin = toSessionUser(await createUser(prisma, { roles: ['admin'] }))
    const user = await createUser(prisma)
    const token = await issue(user.id)
    expect(await setUserActive(admin, user.id, false)).toBe('ok')
    expect(await isResetTokenUsable(token)).toBe(false)
    expect(await resetPassword(token, 'a password for a dead account')).toBe(false)
    expect(await setUserActive(admin, user.id, true)).toBe('ok')
    expect(await resetPassword(token, 'a password for a dead account')).toBe(false)
    expect((await authenticate(user.email, DEMO_PASSWORD, '10.0.0.1')).ok).toBe(true)
  })

  it("a deactivated account's link is refused, however it came to exist", async () => {
    const user = await createUser(prisma, { deactivatedAt: new Date() })
    const token = await issue(user.id)
    expect(await isResetTokenUsable(token)).toBe(false)
    expect(await resetPassword(token, 'a password for a dead account')).toBe(false)
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(user.passwordHash)
    expect(await prisma.passwordResetToken.count({ where: { userId: user.id, usedAt: { not: null } } })).toBe(0)
  })

  it('an invitation link is revoked like a reset link: by a reset, and by deactivation', async () => {
    const admin = toSessionUser(await createUser(prisma, { roles: ['admin'] }))
    const created = await createStaff(
      admin,
      { email: 'new.staff@example.edu.cn', nameZh: '新同事', nameEn: 'New Staff', roles: ['finance'] },
      'zh-CN',
    )
    expect(created.ok).toBe(true)
    const invitation = await prisma.outboxMessage.findFirstOrThrow({ where: { template: 'staff-invitation' } })
    const invitationToken = new URL((invitation.payload as { setPasswordUrl: string }).setPasswordUrl).searchParams.get('token')!
    expect(await isResetTokenUsable(invitationToken)).toBe(true)

    await requestPasswordReset('new.staff@example.edu.cn')
    const reset = await prisma.outboxMessage.findFirstOrThrow({ where: { template: 'password-reset' } })
    const resetToken = new URL((reset.payload as { resetUrl: string }).resetUrl).searchParams.get('token')!
    expect(await resetPassword(resetToken, 'chosen by the new staff')).toBe(true)
    expect(await resetPassword(invitationToken, 'chosen by whoever kept the invitation')).toBe(false)

    const staffId = created.ok ? created.id : ''
    const again = await issue(staffId)
    expect(await setUserActive(admin, staffId, false)).toBe('ok')
    expect(await resetPassword(again, 'chosen after leaving')).toBe(false)
  })

  it('an invitation sets a first password; a link after that resets it', async () => {
    const admin = toSessionUser(await createUser(prisma, { roles: ['admin'] }))
    const created = await createStaff(admin, { email: 'first@example.edu.cn', nameZh: '首次', nameEn: 'First', roles: ['finance'] }, 'en')
    const invitation = await prisma.outboxMessage.findFirstOrThrow({ where: { template: 'staff-invitation' } })
    const invitationToken = new URL((invitation.payload as { setPasswordUrl: string }).setPasswordUrl).searchParams.get('token')!
    expect(await isFirstPassword(invitationToken)).toBe(true)
    expect(await resetPassword(invitationToken, 'my very first password')).toBe(true)

    const later = await issue(created.ok ? created.id : '')
    expect(await isFirstPassword(later)).toBe(false)
    expect(await isFirstPassword('no-such-token')).toBe(false)
  })
})
