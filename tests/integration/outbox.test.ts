import net from 'node:net'
import { beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { listEmails, waitForEmail } from '../support/mail-catcher'

// App modules are imported after SMTP_* is set, and re-imported (vi.resetModules) to point the
// mailer somewhere else: env() and the SMTP transport are built once per module instance.
type Outbox = typeof import('~/lib/outbox.server')
let outbox: Outbox
let prisma: typeof import('~/lib/db.server').prisma
let mailUrl: string
let smtpPort: string

async function loadOutbox(port: string): Promise<Outbox> {
  process.env.SMTP_PORT = port
  vi.resetModules()
  return import('~/lib/outbox.server')
}

beforeAll(async () => {
  mailUrl = process.env.MAIL_CATCHER_URL!
  smtpPort = process.env.SMTP_PORT!
  ;({ prisma } = await import('~/lib/db.server'))
})

beforeEach(async () => {
  const { resetDatabase } = await import('../support/db')
  await resetDatabase()
  outbox = await loadOutbox(smtpPort)
})

// The catcher may be shared with other test files: every test writes to addresses of its own.
let counter = 0
const uniqueAddress = (label: string) => `${label}-${process.pid}-${Date.now()}-${++counter}@example.edu.cn`

const resetPayload = (name: string) => ({
  name,
  resetUrl: 'http://localhost:3000/reset-password?token=t0k3n',
  minutes: 30,
})

async function enqueueReset(to: string, locale: 'zh-CN' | 'en' = 'zh-CN') {
  return prisma.$transaction((tx) => outbox.enqueueEmail(tx, { template: 'password-reset', to, locale, payload: resetPayload('李华') }))
}

const row = (id: string) => prisma.outboxMessage.findUniqueOrThrow({ where: { id } })
const makeDue = (id: string) => prisma.outboxMessage.update({ where: { id }, data: { nextAttemptAt: new Date(Date.now() - 1000) } })
const emailsTo = async (to: string) => (await listEmails(mailUrl)).filter((e) => e.to.includes(to))

async function closedPort(): Promise<string> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return String(port)
}

describe('outbox', () => {
  test('an email enqueued in a transaction is sent in its language with the stable Message-ID', async () => {
    const zh = uniqueAddress('zh')
    const en = uniqueAddress('en')
    const zhRow = await enqueueReset(zh, 'zh-CN')
    const enRow = await enqueueReset(en, 'en')
    expect(zhRow.messageId).toMatch(/^<[0-9a-f-]{36}@[^>]+>$/)

    expect(await outbox.processOutboxBatch({ limit: 10 })).toEqual({ claimed: 2, sent: 2, retrying: 0, failed: 0 })

    const zhMail = await waitForEmail(mailUrl, { to: zh })
    expect(zhMail.subject).toBe('重置您的密码')
    expect(zhMail.text).toContain('李华，您好')
    expect(zhMail.html).toContain('http://localhost:3000/reset-password?token=t0k3n')
    expect(zhMail.messageId).toBe(zhRow.messageId)

    const enMail = await waitForEmail(mailUrl, { to: en, subjectIncludes: 'Reset' })
    expect(enMail.subject).toBe('Reset your password')
    expect(enMail.messageId).toBe(enRow.messageId)

    expect(await row(zhRow.id)).toMatchObject({ status: 'sent', attempts: 1, lastError: null })
    expect((await row(zhRow.id)).sentAt).toBeInstanceOf(Date)
    expect(await outbox.processOutboxBatch()).toMatchObject({ claimed: 0 })
  })

  test('a sent message keeps no single-use link: the token in clear is gone from its row', async () => {
    const to = uniqueAddress('link')
    const queued = await enqueueReset(to, 'zh-CN')
    expect(JSON.stringify((await row(queued.id)).payload)).toContain('t0k3n') // needed until it is sent
    await outbox.processOutboxBatch({ limit: 10 })
    expect((await waitForEmail(mailUrl, { to })).html).toContain('reset-password?token=t0k3n')
    const sent = await row(queued.id)
    expect(sent.status).toBe('sent')
    expect(JSON.stringify(sent.payload)).not.toContain('t0k3n')
    expect(sent.payload).toMatchObject({ name: expect.any(String) }) // the rest is kept for the delivery log
  })

  test('a rolled-back transaction sends nothing', async () => {
    const to = uniqueAddress('rollback')
    await expect(
      prisma.$transaction(async (tx) => {
        await outbox.enqueueEmail(tx, { template: 'password-reset', to, locale: 'en', payload: resetPayload('Li') })
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')

    expect(await prisma.outboxMessage.count()).toBe(0)
    expect(await outbox.processOutboxBatch()).toMatchObject({ claimed: 0 })
    expect(await emailsTo(to)).toEqual([])
  })

  test('while SMTP is down retries are scheduled; once it is back the email goes out exactly once', async () => {
    const to = uniqueAddress('retry')
    const { id, messageId } = await enqueueReset(to)

    outbox = await loadOutbox(await closedPort())
    let before = Date.now()
    expect(await outbox.processOutboxBatch()).toMatchObject({ claimed: 1, retrying: 1 })
    let r = await row(id)
    expect(r).toMatchObject({ status: 'pending', attempts: 1 })
    expect(r.lastError).toMatch(/ECONNREFUSED/)
    expect(r.nextAttemptAt.getTime() - before).toBeGreaterThanOrEqual(5_000)
    expect(r.nextAttemptAt.getTime() - before).toBeLessThan(7_000)
    expect(await outbox.processOutboxBatch()).toMatchObject({ claimed: 0 }) // not due yet

    await makeDue(id)
    before = Date.now()
    expect(await outbox.processOutboxBatch()).toMatchObject({ claimed: 1, retrying: 1 })
    r = await row(id)
    expect(r.attempts).toBe(2)
    expect(r.nextAttemptAt.getTime() - before).toBeGreaterThanOrEqual(10_000) // backoff doubled

    outbox = await loadOutbox(smtpPort)
    await makeDue(id)
    expect(await outbox.processOutboxBatch()).toMatchObject({ claimed: 1, sent: 1 })
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 3, lastError: null })
    expect(await outbox.processOutboxBatch()).toMatchObject({ claimed: 0 })

    await waitForEmail(mailUrl, { to })
    const caught = await emailsTo(to)
    expect(caught.map((e) => e.messageId)).toEqual([messageId])
  })

  test('after the last attempt the message is marked failed', async () => {
    const { id } = await enqueueReset(uniqueAddress('give-up'))
    await prisma.outboxMessage.update({ where: { id }, data: { attempts: 11 } })
    outbox = await loadOutbox(await closedPort())
    expect(await outbox.processOutboxBatch()).toMatchObject({ claimed: 1, failed: 1 })
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 12 })
  })

  test('two workers at once deliver each of 20 messages exactly once', async () => {
    const recipients = Array.from({ length: 20 }, (_, i) => uniqueAddress(`bulk${i}`))
    await prisma.$transaction(async (tx) => {
      for (const to of recipients) {
        await outbox.enqueueEmail(tx, { template: 'password-reset', to, locale: 'en', payload: resetPayload('Li') })
      }
    })

    const drain = async () => {
      let claimed = 0
      for (let n; (n = (await outbox.processOutboxBatch({ limit: 3 })).claimed) > 0;) claimed += n
      return claimed
    }
    const [a, b] = await Promise.all([drain(), drain()])
    expect(a + b).toBe(20)
    expect(a).toBeGreaterThan(0) // both workers took a share
    expect(b).toBeGreaterThan(0)

    const rows = await prisma.outboxMessage.findMany()
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true)
    await waitForEmail(mailUrl, { to: recipients[19] })
    const caught = (await listEmails(mailUrl)).filter((e) => recipients.includes(e.to[0]))
    expect(caught).toHaveLength(20)
    expect(new Set(caught.map((e) => e.messageId))).toEqual(new Set(rows.map((r) => r.messageId)))
  })

  test('a malformed payload fails at once, without retries; resendMessage re-queues it', async () => {
    const to = uniqueAddress('bad')
    const { id } = await prisma.outboxMessage.create({
      data: { template: 'password-reset', toAddress: to, locale: 'en', payload: { name: 'Li' }, messageId: '<bad@test>' },
    })
    expect(await outbox.processOutboxBatch()).toMatchObject({ claimed: 1, failed: 1 })
    const failed = await row(id)
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 })
    expect(failed.lastError).toMatch(/^render: Invalid payload for email template "password-reset"/)
    expect(await outbox.processOutboxBatch()).toMatchObject({ claimed: 0 })

    await prisma.outboxMessage.update({ where: { id }, data: { payload: resetPayload('Li') } })
    expect(await outbox.resendMessage(id)).toBe(true)
    expect(await outbox.resendMessage(id)).toBe(false) // only failed messages
    expect(await outbox.processOutboxBatch()).toMatchObject({ claimed: 1, sent: 1 })
    expect((await waitForEmail(mailUrl, { to })).messageId).toBe('<bad@test>')
  })

  test('the worker polls, sends, and stops cleanly', async () => {
    const to = uniqueAddress('worker')
    const stop = outbox.startOutboxWorker({ pollMs: 50 })
    await enqueueReset(to)
    await waitForEmail(mailUrl, { to })
    await stop()
    expect(await prisma.outboxMessage.findFirst()).toMatchObject({ status: 'sent' })
  })
})
