// Faults: SMTP down during 200 decisions, S3 down mid-upload, PostgreSQL restarted under load.
// The whole file runs on services of its own (tests/reliability/support/private-services.ts): a
// private PostgreSQL that it stops and starts, and proxies in front of the shared SMTP catcher and
// S3 server that it takes down. The app is the real server (tests/support/app-server.ts).
//
// Model-level versions, not repeated here: tests/integration/review.test.ts "SMTP down while
// decisions are made" (50 decisions, the outbox processed by hand), tests/integration/documents.test.ts
// "S3 failing mid-upload" (the model with a failing stream) and "a failing database write
// removes the stored object". This file drives the same faults through HTTP, with the server's
// own outbox worker running.
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'

const services = await vi.hoisted(async () => {
  const { startPrivateServices } = await import('./support/private-services')
  return startPrivateServices()
})

import { translator } from '~/i18n'
import { prisma } from '~/lib/db.server'
import { sweepOrphanObjects } from '~/models/document.server'
import { createApplication, createCollege, createProgram, createStudent, createUser } from '../factories'
import { sessionCookie, startAppServer, type AppServer } from '../support/app-server'
import { listEmails, uniqueEmail } from '../support/mail-catcher'
import { pdf } from '../support/files'

let app: AppServer
beforeAll(async () => {
  app = await startAppServer({ workers: true })
})
afterAll(async () => {
  await app?.close()
  await services.close()
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
async function until<T>(what: string, probe: () => Promise<T>, done: (v: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (done(value)) return value
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms (last: ${JSON.stringify(value).slice(0, 200)})`)
    await sleep(200)
  }
}

test('SMTP down during 200 decisions over HTTP, then back: each email delivered exactly once', { timeout: 240_000 }, async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {}) // one line per failed attempt
  try {
    const college = await createCollege(prisma)
    const program = await createProgram(prisma, { quota: null })
    const students = await Promise.all(
      Array.from({ length: 200 }, (_, i) => createStudent(prisma, { collegeId: college.id, email: uniqueEmail(`smtp-outage${i}`) })),
    )
    const apps = await Promise.all(
      students.map((s) =>
        createApplication(prisma, {
          applicantId: s.id,
          programId: program.id,
          status: 'college_endorsed',
          submittedAt: new Date(),
          details: { kind: 'exchange', programId: program.id },
        }),
      ),
    )
    const office = await sessionCookie((await createUser(prisma, { roles: ['office_reviewer'] })).id)

    services.smtp.down()
    // 200 decisions: 20 bulk posts of 10 from the queue, four at a time.
    const batches = Array.from({ length: 20 }, (_, i) => apps.slice(i * 10, i * 10 + 10))
    for (let i = 0; i < batches.length; i += 4) {
      await Promise.all(
        batches.slice(i, i + 4).map(async (batch) => {
          const form = new URLSearchParams([
            ['command', 'office_approve'],
            ...batch.map((a): [string, string] => ['ids', `${a.id}:${a.version}`]),
          ])
          const res = await app.request('/office', { cookie: office, form })
          expect(res.status).toBe(200)
          await res.arrayBuffer()
        }),
      )
    }
    expect(await prisma.application.count({ where: { programId: program.id, status: 'approved' } })).toBe(200)

    // The worker tries, fails, and keeps every email for later.
    const recipients = new Set(students.map((s) => s.email.toLowerCase()))
    // (attempts counts a claim at once; lastError is written when that attempt has failed)
    await until(
      'every email tried once',
      () => prisma.outboxMessage.count({ where: { lastError: { not: null }, toAddress: { in: [...recipients] } } }),
      (n) => n === 200,
      60_000,
    )
    const waiting = await prisma.outboxMessage.findMany({ where: { toAddress: { in: [...recipients] } } })
    expect(waiting.every((m) => m.status === 'pending' && m.lastError)).toBe(true)

    services.smtp.up()
    // Time passes: the retries fall due.
    await prisma.outboxMessage.updateMany({ where: { status: 'pending' }, data: { nextAttemptAt: new Date(Date.now() - 1000) } })
    await until(
      'all sent',
      () => prisma.outboxMessage.count({ where: { status: 'sent', toAddress: { in: [...recipients] } } }),
      (n) => n === 200,
      120_000,
    )

    const caught = await until(
      'all caught',
      async () => (await listEmails(process.env.MAIL_CATCHER_URL!)).filter((e) => recipients.has(e.to[0])),
      (list) => list.length >= 200,
      60_000,
    )
    await sleep(1000) // a duplicate would arrive now
    const final = (await listEmails(process.env.MAIL_CATCHER_URL!)).filter((e) => recipients.has(e.to[0]))
    expect(final).toHaveLength(200)
    expect(new Set(final.map((e) => e.messageId)).size).toBe(200)
    expect(new Set(caught.map((e) => e.messageId))).toEqual(new Set(waiting.map((m) => m.messageId)))
  } finally {
    services.smtp.up()
    warn.mockRestore()
  }
})

describe('S3 down during an upload', () => {
  const s3 = new S3Client({
    endpoint: process.env.S3_ENDPOINT,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: process.env.S3_ACCESS_KEY_ID!, secretAccessKey: process.env.S3_SECRET_ACCESS_KEY! },
  })
  const objectsOf = async (applicationId: string) =>
    (await s3.send(new ListObjectsV2Command({ Bucket: process.env.S3_BUCKET!, Prefix: `applications/${applicationId}/` }))).Contents ?? []

  /**
   * A student posts a PDF with `padding` bytes while S3 goes away after `cutAfter` bytes of the
   * object; returns the answer and what was logged meanwhile.
   */
  async function uploadWhileS3Fails({ padding, cutAfter }: { padding: number; cutAfter: number }) {
    const student = await createStudent(prisma, { locale: 'en' })
    const program = await createProgram(prisma)
    const { id: applicationId } = await createApplication(prisma, { applicantId: student.id, programId: program.id })
    const cookie = await sessionCookie(student.id)
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const form = new FormData()
      form.append('kind', 'transcript')
      form.append('file', new Blob([new Uint8Array(pdf({ padding }))]), 'transcript.pdf')
      services.s3.downAfter(cutAfter)
      const res = await app.request(`/student/applications/${applicationId}/documents`, {
        method: 'POST',
        cookie,
        headers: { Accept: 'application/json' },
        body: form,
        signal: AbortSignal.timeout(45_000),
      })
      const { errors } = (await res.json()) as { errors: { fileName: string; code: string; message: string }[] }
      return { applicationId, cookie, status: res.status, errors, logged: [...error.mock.calls] }
    } finally {
      services.s3.up()
      error.mockRestore()
    }
  }

  test('the student is told, no row is written, and the sweeper leaves no object', { timeout: 60_000 }, async () => {
    // S3 goes away after the first 64 KB of a file that goes up in one request.
    const { applicationId, cookie, status, errors } = await uploadWhileS3Fails({ padding: 256 * 1024, cutAfter: 64 * 1024 })
    expect(status).toBe(400)
    expect(errors).toEqual([
      { fileName: 'transcript.pdf', code: 'documents.error.storageFailed', message: translator('en')('documents.error.storageFailed') },
    ])
    expect(await prisma.document.count({ where: { applicationId } })).toBe(0)

    // Whatever S3 kept of it (nothing, or a part) is gone after the sweeper's pass.
    await sweepOrphanObjects({ olderThanMs: -60_000, prefix: `applications/${applicationId}/` })
    expect(await objectsOf(applicationId)).toEqual([])

    // And S3 back, the same upload works.
    const form = new FormData()
    form.append('kind', 'transcript')
    form.append('file', new Blob([new Uint8Array(pdf())]), 'transcript.pdf')
    const again = await app.request(`/student/applications/${applicationId}/documents`, {
      method: 'POST',
      cookie,
      headers: { Accept: 'application/json' },
      body: form,
    })
    expect(again.status).toBe(200)
    expect(await prisma.document.count({ where: { applicationId } })).toBe(1)
  })

  test('a file of several parts: S3 cut in the middle, the student is told and nothing is left', { timeout: 60_000 }, async () => {
    // 18 MB goes up in 5 MB parts, each over a connection of its own: S3 goes away 2 MB into
    // the first part, while the next ones are read from the request.
    const { applicationId, status, errors, logged } = await uploadWhileS3Fails({ padding: 18 * 1024 * 1024, cutAfter: 2 * 1024 * 1024 })
    expect(status).toBe(400)
    expect(errors).toMatchObject([{ fileName: 'transcript.pdf', code: 'documents.error.storageFailed' }])
    expect(await prisma.document.count({ where: { applicationId } })).toBe(0)
    // A multipart upload had begun, and its abort was tried (S3 being down, it failed and was logged).
    expect(logged).toContainEqual([
      '[storage] could not abort the multipart upload of',
      expect.stringMatching(`^applications/${applicationId}/`),
      expect.anything(),
    ])
    expect(await objectsOf(applicationId)).toEqual([]) // never completed: not even the sweeper has work
  })
})

test('PostgreSQL restarted under load: requests fail fast with an error page, then succeed again', { timeout: 120_000 }, async () => {
  const student = await createStudent(prisma)
  const cookie = await sessionCookie(student.id)
  const error = vi.spyOn(console, 'error').mockImplementation(() => {})
  const outcomes: { status: number; ms: number; start: number; end: number }[] = []
  let running = true
  const load = async () => {
    while (running) {
      const start = Date.now()
      const res = await app
        .request('/student', { cookie, signal: AbortSignal.timeout(20_000) })
        .catch((e: Error) => ({ status: -1, text: async () => e.message }))
      const body = await res.text()
      outcomes.push({ status: res.status, ms: Date.now() - start, start, end: Date.now() })
      if (res.status >= 500) expect(body).toContain('data-status="500"') // the error page, not a stack trace
      await sleep(20)
    }
  }
  const times = { stopping: 0, stopped: 0, starting: 0 }
  try {
    const loops = Array.from({ length: 4 }, load)
    await sleep(1000)
    times.stopping = Date.now()
    await services.stopDatabase()
    times.stopped = Date.now()
    await sleep(3000)
    const health = await app.request('/healthz')
    expect(health.status).toBe(503)
    expect(((await health.json()) as { database: string }).database).toBe('error')
    times.starting = Date.now()
    await services.startDatabase()
    await until(
      'requests succeed again',
      async () => outcomes.filter((o) => o.start > times.starting && o.status === 200).length,
      (n) => n >= 8,
      30_000,
    )
    running = false
    await Promise.all(loops)
  } finally {
    running = false
    error.mockRestore()
  }

  expect(outcomes.filter((o) => o.end < times.stopping).every((o) => o.status === 200)).toBe(true)
  const down = outcomes.filter((o) => o.start > times.stopped && o.end < times.starting)
  expect(down.length).toBeGreaterThan(4)
  // Every answer while it was down: the 500 page, in bounded time, and never a dropped connection.
  expect(down.filter((o) => o.status !== 500)).toEqual([])
  expect(Math.max(...down.map((o) => o.ms))).toBeLessThan(10_000)
  // Once back, the pool reconnects by itself: the last requests all succeed.
  expect(outcomes.slice(-4).map((o) => o.status)).toEqual([200, 200, 200, 200])
})
