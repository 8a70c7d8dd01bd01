import { beforeEach, expect, it } from 'vitest'
import { prisma } from '~/lib/db.server'
import { removeExpiredRows } from '~/jobs/expired-rows.server'
import { createUser } from '../factories'
import { resetDatabase } from '../support/db'

beforeEach(() => resetDatabase())

it('removes expired sessions, stale reset tokens, old sign-in failures and unconfirmed sign-ups, and keeps live ones', async () => {
  const user = await createUser(prisma)
  const now = new Date()
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000)
  await prisma.session.createMany({
    data: [
      { id: 'expired', userId: user.id, expiresAt: hoursAgo(1) },
      { id: 'live', userId: user.id, expiresAt: new Date(now.getTime() + 3600_000) },
    ],
  })
  await prisma.passwordResetToken.createMany({
    data: [
      { tokenHash: 'old-expired', userId: user.id, expiresAt: hoursAgo(30) },
      { tokenHash: 'old-used', userId: user.id, expiresAt: new Date(now.getTime() + 3600_000), usedAt: hoursAgo(25) },
      { tokenHash: 'fresh', userId: user.id, expiresAt: new Date(now.getTime() + 3600_000) },
    ],
  })
  await prisma.loginAttempt.createMany({
    data: [
      { email: 'a@b.cn', ip: '10.0.0.1', createdAt: hoursAgo(25) },
      { email: 'a@b.cn', ip: '10.0.0.1', createdAt: hoursAgo(1) },
    ],
  })

  const signup = {
    passwordHash: 'x',
    nameZh: '张三',
    nameEn: 'ZHANG San',
    studentNumber: 'S1',
    collegeId: 'c',
    level: 'master',
    locale: 'zh_CN',
  } as const
  await prisma.pendingSignup.createMany({
    data: [
      { ...signup, tokenHash: 'expired-signup', email: 'a@b.cn', expiresAt: hoursAgo(1) },
      { ...signup, tokenHash: 'live-signup', email: 'a@b.cn', expiresAt: new Date(now.getTime() + 3600_000) },
    ],
  })
  await prisma.jobMark.createMany({
    data: [
      { job: 'review-reminders', key: 'old', at: hoursAgo(91 * 24) },
      { job: 'review-reminders', key: 'recent', at: hoursAgo(89 * 24) },
    ],
  })
  await prisma.campusTicket.createMany({
    data: [
      { ticketHash: 'old-ticket', usedAt: hoursAgo(25) },
      { ticketHash: 'recent-ticket', usedAt: hoursAgo(23) },
    ],
  })
  expect(await removeExpiredRows(now)).toEqual({ sessions: 1, tokens: 2, attempts: 1, signups: 1, jobMarks: 1, campusTickets: 1 })
  expect((await prisma.jobMark.findMany()).map((m) => m.key)).toEqual(['recent'])
  expect((await prisma.campusTicket.findMany()).map((t) => t.ticketHash)).toEqual(['recent-ticket'])
  expect((await prisma.pendingSignup.findMany()).map((p) => p.tokenHash)).toEqual(['live-signup'])
  expect((await prisma.session.findMany()).map((s) => s.id)).toEqual(['live'])
  expect((await prisma.passwordResetToken.findMany()).map((t) => t.tokenHash)).toEqual(['fresh'])
  expect(await prisma.loginAttempt.count()).toBe(1)
})
