import net from 'node:net'
import { afterAll, beforeAll, expect, test, vi } from 'vitest'

// The mailer keeps a few SMTP connections open and reuses them. Two ways such a pool can hold
// the outbox's batch (which waits for all its sends): a server that stops answering mid-message,
// and a server that cuts every connection. Both must end each send quickly, and the pool must
// deliver again afterwards. Against a tiny SMTP server of this file's own, to stall and cut it.

type Mode = 'answer' | 'cut'
let mode: Mode = 'answer'
let connections = 0
const delivered: string[] = []
const sockets = new Set<net.Socket>()

const server = net.createServer((socket) => {
  connections++
  if (mode === 'cut') return void socket.destroy()
  sockets.add(socket)
  socket.on('close', () => sockets.delete(socket))
  socket.on('error', () => {})
  let buffer = ''
  let message: string | undefined // set while DATA is being received
  socket.write('220 test ESMTP\r\n')
  socket.on('data', (chunk) => {
    buffer += chunk.toString('latin1')
    for (;;) {
      if (message !== undefined) {
        const end = buffer.indexOf('\r\n.\r\n')
        if (end === -1) return
        message += buffer.slice(0, end)
        buffer = buffer.slice(end + 5)
        const subject = /^Subject: (.*)$/m.exec(message)?.[1] ?? ''
        message = undefined
        // "stall": the message is read and never answered, as by a server that hangs.
        if (subject.includes('stall')) continue
        delivered.push(subject)
        socket.write('250 OK\r\n')
        continue
      }
      const eol = buffer.indexOf('\r\n')
      if (eol === -1) return
      const verb = buffer.slice(0, 4).toUpperCase()
      buffer = buffer.slice(eol + 2)
      if (verb === 'EHLO') socket.write('250-test\r\n250 8BITMIME\r\n')
      else if (verb === 'DATA') {
        message = ''
        socket.write('354 go ahead\r\n')
      } else if (verb === 'QUIT') socket.end('221 bye\r\n')
      else socket.write('250 OK\r\n')
    }
  })
})

let mailer: typeof import('~/lib/mailer.server')
let originalPort: string | undefined
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  originalPort = process.env.SMTP_PORT
  process.env.SMTP_PORT = String((server.address() as net.AddressInfo).port)
  vi.resetModules() // env() and the transport are built once per module instance
  mailer = await import('~/lib/mailer.server')
})
afterAll(async () => {
  process.env.SMTP_PORT = originalPort
  for (const s of sockets) s.destroy()
  await new Promise((resolve) => server.close(resolve))
})

const mail = (subject: string, signal?: AbortSignal) =>
  mailer.sendMail({
    to: 'student@example.edu.cn',
    subject,
    html: `<p>${subject}</p>`,
    text: subject,
    messageId: `<${subject}@test>`,
    signal,
  })

test('a message the server never answers is given up when its signal fires, and the others go out', async () => {
  const started = Date.now()
  const outcomes = await Promise.allSettled([
    mail('stall', AbortSignal.timeout(300)),
    ...['one', 'two', 'three', 'four', 'five', 'six'].map((s) => mail(s)),
  ])
  expect(outcomes[0]).toMatchObject({ status: 'rejected', reason: { name: 'AbortError' } })
  expect(outcomes.slice(1).every((o) => o.status === 'fulfilled')).toBe(true)
  expect(Date.now() - started).toBeLessThan(10_000) // not the 30 s socket timeout
  await mail('after')
  expect(delivered.sort()).toEqual(['after', 'five', 'four', 'one', 'six', 'three', 'two'])
})

test('while the server cuts every connection each send fails after one try, and once it is back the same mailer delivers', async () => {
  mode = 'cut'
  for (const s of sockets) s.destroy() // the pool's open connections too
  connections = 0
  const outcomes = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => mail(`cut ${i}`)))
  expect(outcomes.every((o) => o.status === 'rejected')).toBe(true)
  // At most one connection attempt per message (some fail on a pooled connection just cut):
  // retrying is the outbox's job, with its back-off and lease.
  expect(connections).toBeLessThanOrEqual(10)

  mode = 'answer'
  await mail('back')
  expect(delivered).toContain('back')
})
