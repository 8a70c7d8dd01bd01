import { beforeEach, describe, expect, it } from 'vitest'
import { getOptionalUser, requireUser } from '~/lib/auth.server'
import { sha256 } from '~/lib/crypto.server'
import { prisma } from '~/lib/db.server'
import { createSession, destroySession } from '~/lib/session.server'
import {
  authenticate,
  isResetTokenUsable,
  MAX_FAILURES_PER_ACCOUNT,
  requestPasswordReset,
  resetPassword,
  signUpStudent,
} from '~/models/user.server'
import { createCollege, createStudent, createUser, DEMO_PASSWORD } from '../factories'
import { resetDatabase } from '../support/db'

const cookieOf = (setCookie: string) => setCookie.split(';')[0]
const requestWith = (cookie: string, path = '/student') =>
  new Request(`http://localhost${path}`, { headers: { Cookie: cookie } })

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

describe('signUpStudent', () => {
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

  it('creates a student with an argon2 hash, never the password', async () => {
    const result = await signUpStudent(await input(), 'en')
    expect(result.ok).toBe(true)
    const user = await prisma.user.findUniqueOrThrow({ where: { email: 'zhang@example.edu.cn' } })
    expect(user.roles).toEqual(['student'])
    expect(user.locale).toBe('en')
    expect(user.passwordHash).toMatch(/^\$argon2id\$/)
    expect(user.passwordHash).not.toContain('correct horse')
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: user.id } })
    expect(audit.action).toBe('user.signup')
  })

  it('refuses a taken email and a taken student number with the field named', async () => {
    const first = await input()
    await signUpStudent(first, 'zh-CN')
    expect(await signUpStudent({ ...first, studentNumber: '2023999999' }, 'zh-CN')).toEqual({
      ok: false,
      errors: { email: ['signup.emailTaken'] },
    })
    expect(await signUpStudent({ ...first, email: 'other@example.edu.cn' }, 'zh-CN')).toEqual({
      ok: false,
      errors: { studentNumber: ['signup.studentNumberTaken'] },
    })
    expect(await prisma.user.count()).toBe(1)
  })

  it('refuses an unknown or retired college', async () => {
    const data = await input()
    await prisma.college.update({ where: { id: data.collegeId }, data: { retiredAt: new Date() } })
    expect(await signUpStudent(data, 'zh-CN')).toEqual({ ok: false, errors: { collegeId: ['signup.unknownCollege'] } })
  })
})

describe('authenticate', () => {
  it('accepts the right password and refuses a wrong one', async () => {
    const user = await createUser(prisma, { email: 'a@example.edu.cn' })
    expect(await authenticate('a@example.edu.cn', DEMO_PASSWORD, '10.0.0.1')).toEqual({ ok: true, userId: user.id, roles: ['student'] })
    expect(await authenticate('a@example.edu.cn', 'wrong-password', '10.0.0.1')).toEqual({ ok: false, reason: 'invalid' })
    expect(await authenticate('nobody@example.edu.cn', DEMO_PASSWORD, '10.0.0.1')).toEqual({ ok: false, reason: 'invalid' })
  })

  it('locks an account after repeated failures, even for the right password', async () => {
    await createUser(prisma, { email: 'b@example.edu.cn' })
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      await authenticate('b@example.edu.cn', 'wrong-password', `10.0.1.${i}`)
    }
    expect(await authenticate('b@example.edu.cn', DEMO_PASSWORD, '10.0.2.1')).toEqual({ ok: false, reason: 'locked' })
  })

  it('locks an address that tries many accounts', async () => {
    await createUser(prisma, { email: 'c@example.edu.cn' })
    const limit = Number(process.env.LOGIN_MAX_FAILURES_PER_IP ?? 50)
    await prisma.loginAttempt.createMany({
      data: Array.from({ length: limit }, (_, i) => ({ email: `guess${i}@example.edu.cn`, ip: '10.9.9.9' })),
    })
    expect(await authenticate('c@example.edu.cn', DEMO_PASSWORD, '10.9.9.9')).toEqual({ ok: false, reason: 'locked' })
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
    expect(await authenticate('e@example.edu.cn', DEMO_PASSWORD, '10.0.0.1')).toEqual({ ok: false, reason: 'deactivated' })
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
