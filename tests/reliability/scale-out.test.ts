// Two instances of the portal on one database, S3 and SMTP catcher, both with their outbox
// workers running (two in-process servers: each has its own HTTP server, request handling and
// worker loop; the database is the only thing they share, as on two machines). 200 decisions
// spread over both: every email goes out exactly once, and a session made on one works on the other.
import { afterAll, beforeAll, expect, test, vi } from 'vitest'

vi.hoisted(() => {
  process.env.OUTBOX_POLL_MS = '100'
})

import { prisma } from '~/lib/db.server'
import { createApplication, createCollege, createProgram, createStudent, createUser, DEMO_PASSWORD } from '../factories'
import { sessionCookie, startAppServer, type AppServer } from '../support/app-server'
import { resetDatabase } from '../support/db'
import { listEmails, uniqueEmail } from '../support/mail-catcher'

let instances: AppServer[]
beforeAll(async () => {
  await resetDatabase()
  instances = [await startAppServer({ workers: true }), await startAppServer({ workers: true })]
})
afterAll(async () => {
  await Promise.all(instances?.map((i) => i.close()) ?? [])
  delete process.env.OUTBOX_POLL_MS
})

test('200 decisions spread over two instances: each email delivered exactly once', { timeout: 180_000 }, async () => {
  const college = await createCollege(prisma)
  const program = await createProgram(prisma, { quota: null })
  const students = await Promise.all(
    Array.from({ length: 200 }, (_, i) => createStudent(prisma, { collegeId: college.id, email: uniqueEmail(`scale${i}`) })),
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
  const reviewers = await Promise.all([1, 2].map(() => createUser(prisma, { roles: ['office_reviewer'] })))
  const cookies = await Promise.all(reviewers.map((r) => sessionCookie(r.id)))

  // One decision per request, alternating instances and reviewers, eight at a time.
  for (let i = 0; i < apps.length; i += 8) {
    await Promise.all(
      apps.slice(i, i + 8).map(async (a, j) => {
        const k = (i + j) % 2
        const res = await instances[k].request(`/review/${a.id}`, {
          cookie: cookies[k],
          form: { intent: 'decide', command: 'office_approve', version: String(a.version) },
        })
        await res.arrayBuffer()
        expect(res.status).toBe(200)
      }),
    )
  }
  expect(await prisma.application.count({ where: { programId: program.id, status: 'approved' } })).toBe(200)

  const recipients = new Set(students.map((s) => s.email.toLowerCase()))
  const deadline = Date.now() + 120_000
  let caught: Awaited<ReturnType<typeof listEmails>> = []
  while (Date.now() < deadline) {
    caught = (await listEmails(process.env.MAIL_CATCHER_URL!)).filter((e) => recipients.has(e.to[0]))
    if (caught.length >= 200) break
    await new Promise((r) => setTimeout(r, 250))
  }
  await new Promise((r) => setTimeout(r, 1000)) // a duplicate would arrive now
  caught = (await listEmails(process.env.MAIL_CATCHER_URL!)).filter((e) => recipients.has(e.to[0]))
  expect(caught).toHaveLength(200)
  expect(new Set(caught.map((e) => e.messageId)).size).toBe(200)
  expect(new Set(caught.map((e) => e.to[0]))).toEqual(recipients)
  expect(await prisma.outboxMessage.count({ where: { toAddress: { in: [...recipients] }, status: 'sent' } })).toBe(200)
})

test('a session made on one instance works on the other, and signing out on either ends it', async () => {
  const [a, b] = instances
  const student = await createStudent(prisma)
  const login = await a.request('/login', { form: { email: student.email, password: DEMO_PASSWORD } })
  expect(login.status).toBe(302)
  const cookie = login.headers.get('set-cookie')!.split(';')[0]

  const onB = await b.request('/student', { cookie })
  expect(onB.status).toBe(200)
  expect(await onB.text()).toContain(student.nameZh)

  const logout = await b.request('/logout', { cookie, form: {} })
  expect(logout.status).toBe(302)
  const onA = await a.request('/student', { cookie })
  expect(onA.status).toBe(302)
  expect(onA.headers.get('location')).toMatch(/^\/login/)
})
