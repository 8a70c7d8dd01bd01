import { beforeEach, expect, it } from 'vitest'
import { toSessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { createSession } from '~/lib/session.server'
import { deliveryLog, resendFailed } from '~/models/delivery-log.server'
import { createUser } from '../factories'
import { resetDatabase } from '../support/db'

beforeEach(() => resetDatabase())

const message = (status: 'pending' | 'sent' | 'failed', n: number) => ({
  template: 'password-reset',
  toAddress: `user${n}@example.edu.cn`,
  locale: 'zh_CN' as const,
  payload: {},
  status,
  attempts: status === 'failed' ? 12 : 1,
  lastError: status === 'failed' ? 'ESOCKET' : null,
  messageId: `<m${n}@test>`,
})

it('lists the outbox by status with counts, and an admin re-queues a failed email with an audit row', async () => {
  await prisma.outboxMessage.createMany({ data: [message('sent', 1), message('failed', 2), message('failed', 3), message('pending', 4)] })
  const log = await deliveryLog({ page: 1 })
  expect(log.total).toBe(4)
  expect(log.counts).toEqual({ sent: 1, failed: 2, pending: 1 })
  const failed = await deliveryLog({ status: 'failed', page: 1 })
  expect(failed.rows.map((r) => r.toAddress).sort()).toEqual(['user2@example.edu.cn', 'user3@example.edu.cn'])

  const admin = toSessionUser(await createUser(prisma, { roles: ['admin'] }))
  const target = failed.rows[0]
  expect(await resendFailed(admin, target.id)).toBe(true)
  const row = await prisma.outboxMessage.findUniqueOrThrow({ where: { id: target.id } })
  expect(row).toMatchObject({ status: 'pending', attempts: 0 })
  expect(await prisma.auditEvent.count({ where: { action: 'email.resend', entityId: target.id, actorId: admin.id } })).toBe(1)

  const sent = (await deliveryLog({ status: 'sent', page: 1 })).rows[0]
  expect(await resendFailed(admin, sent.id)).toBe(false)
  expect(await prisma.auditEvent.count({ where: { action: 'email.resend' } })).toBe(1)
})

it('answers 403 to anyone but an administrator', async () => {
  const { loader, action } = await import('~/routes/admin.emails')
  for (const roles of [['student'], ['office_reviewer'], ['finance'], ['college_reviewer']] as const) {
    const user = await createUser(prisma, { roles: [...roles] })
    const cookie = (await createSession(user.id, new Request('http://localhost/login'))).split(';')[0]
    const get = new Request('http://localhost/admin/emails', { headers: { Cookie: cookie } })
    const post = new Request('http://localhost/admin/emails', {
      method: 'POST',
      headers: { Cookie: cookie },
      body: new URLSearchParams({ messageId: 'x' }),
    })
    for (const call of [
      () => loader({ request: get, params: {}, context: {} as never }),
      () => action({ request: post, params: {}, context: {} as never }),
    ]) {
      const thrown = await call().then(
        () => null,
        (e: unknown) => e,
      )
      expect(thrown, roles.join()).toBeInstanceOf(Response)
      expect((thrown as Response).status).toBe(403)
    }
  }
})
