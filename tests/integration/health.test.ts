import net from 'node:net'
import { expect, test, vi } from 'vitest'

test('GET /healthz answers 200 when database, storage and mail all answer', async () => {
  const { loader } = await import('~/routes/healthz')
  const res = await loader()
  expect(res.status).toBe(200)
  expect(res.headers.get('cache-control')).toBe('no-store')
  expect(await res.json()).toEqual({ database: 'ok', storage: 'ok', mail: 'ok' })
})

test('a service that is down is named, with a code and no details', async () => {
  const smtpPort = process.env.SMTP_PORT
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  process.env.SMTP_PORT = String((server.address() as net.AddressInfo).port)
  await new Promise((resolve) => server.close(resolve))
  vi.resetModules() // env() and the SMTP transport are built once per module instance
  vi.spyOn(console, 'error').mockImplementation(() => {})
  try {
    const { loader } = await import('~/routes/healthz')
    const res = await loader()
    expect(res.status).toBe(503)
    expect(await res.json()).toEqual({
      database: 'ok',
      storage: 'ok',
      mail: 'error',
      errors: { mail: 'ESOCKET' }, // nodemailer's code for a refused connection
    })
  } finally {
    process.env.SMTP_PORT = smtpPort
    vi.restoreAllMocks()
  }
})

test('each check has its own time limit', async () => {
  const { checkHealth } = await import('~/lib/health.server')
  vi.spyOn(console, 'error').mockImplementation(() => {})
  const started = Date.now()
  const { ok, report } = await checkHealth({
    timeoutMs: 100,
    checks: {
      database: () => new Promise(() => {}),
      storage: async () => {},
      mail: () => Promise.reject(Object.assign(new Error('535 bad password for smtp-user'), { code: 'EAUTH' })),
    },
  })
  vi.restoreAllMocks()
  expect(Date.now() - started).toBeLessThan(1000)
  expect(ok).toBe(false)
  expect(report).toEqual({
    database: 'error',
    storage: 'ok',
    mail: 'error',
    errors: { database: 'timeout', mail: 'EAUTH' },
  })
})
