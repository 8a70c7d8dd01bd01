// Races over HTTP, through the real server (tests/support/app-server.ts): what double clicks and
// colleagues acting at the same moment do to the routes, the session handling and the commands.
//
// Already covered at the model level, not repeated here:
//   tests/integration/review.test.ts       "decide: optimistic locking" (two reviewers, exactly one
//                                          wins, the other told what changed)
//   tests/integration/application.test.ts "a double submit (two at once) submits once: one audit
//                                          row, one receipt", "two drafts … submitted at once",
//                                          startApplication "… even twice at once"
//   tests/integration/outbox.test.ts       "two workers at once deliver each of 20 messages exactly once"
// The 50 parallel fund confirmations are in the finance tests.
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { User } from '~/generated/prisma/client'
import { prisma } from '~/lib/db.server'
import { createApplication, createCollege, createProgram, createStudent, createUser } from '../factories'
import { sessionCookie, startAppServer, type AppServer } from '../support/app-server'
import { resetDatabase } from '../support/db'

let app: AppServer
beforeAll(async () => {
  await resetDatabase()
  app = await startAppServer()
})
afterAll(() => app?.close())

const staff = (roles: User['roles'], collegeId?: string) => createUser(prisma, { roles, collegeId })

test('eight office reviewers approve or reject the same application at once: exactly one wins, one audit row, one email', async () => {
  const college = await createCollege(prisma)
  const student = await createStudent(prisma, { collegeId: college.id })
  const program = await createProgram(prisma, { quota: null })
  const application = await createApplication(prisma, {
    applicantId: student.id,
    programId: program.id,
    status: 'college_endorsed',
    submittedAt: new Date(),
    details: { kind: 'exchange', programId: program.id },
  })
  const reviewers = await Promise.all(Array.from({ length: 8 }, () => staff(['office_reviewer'])))
  const cookies = await Promise.all(reviewers.map((r) => sessionCookie(r.id)))

  const responses = await Promise.all(
    cookies.map((cookie, i) =>
      app.request(`/review/${application.id}`, {
        cookie,
        form: {
          intent: 'decide',
          command: i % 2 ? 'office_reject' : 'office_approve',
          version: String(application.version),
          reason: 'Decided in a race.',
        },
      }),
    ),
  )
  const statuses = responses.map((r) => r.status).sort()
  await Promise.all(responses.map((r) => r.arrayBuffer()))
  expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409])

  const after = await prisma.application.findUniqueOrThrow({ where: { id: application.id } })
  expect(['approved', 'rejected']).toContain(after.status)
  expect(after.version).toBe(application.version + 1)
  const decisions = await prisma.auditEvent.findMany({ where: { applicationId: application.id, action: { startsWith: 'application.' } } })
  expect(decisions).toHaveLength(1)
  expect(await prisma.outboxMessage.count({ where: { toAddress: student.email } })).toBe(1)
})

test('two college reviewers deciding at once, one from the queue and one from the review page: one wins', async () => {
  const college = await createCollege(prisma)
  const student = await createStudent(prisma, { collegeId: college.id })
  const program = await createProgram(prisma, { quota: null })
  const application = await createApplication(prisma, {
    applicantId: student.id,
    programId: program.id,
    status: 'submitted',
    submittedAt: new Date(),
    details: { kind: 'exchange', programId: program.id },
  })
  const [reviewerA, reviewerB] = await Promise.all([staff(['college_reviewer'], college.id), staff(['college_reviewer'], college.id)])
  const [fromQueue, fromPage] = await Promise.all([
    app.request('/college', {
      cookie: await sessionCookie(reviewerA.id),
      form: new URLSearchParams([
        ['command', 'college_endorse'],
        ['ids', `${application.id}:${application.version}`],
      ]),
    }),
    app.request(`/review/${application.id}`, {
      cookie: await sessionCookie(reviewerB.id),
      form: { intent: 'decide', command: 'college_reject', version: String(application.version), reason: 'Not this year.' },
    }),
  ])
  await Promise.all([fromQueue.arrayBuffer(), fromPage.arrayBuffer()])
  expect(fromQueue.status).toBe(200)
  expect([200, 409]).toContain(fromPage.status)

  const after = await prisma.application.findUniqueOrThrow({ where: { id: application.id } })
  expect(after.version).toBe(application.version + 1)
  expect(after.status).toBe(fromPage.status === 200 ? 'rejected' : 'college_endorsed')
  expect(await prisma.auditEvent.count({ where: { applicationId: application.id, action: { startsWith: 'application.college_' } } })).toBe(
    1,
  )
})

test('Apply clicked five times at once: one draft, and every click lands on it', async () => {
  const student = await createStudent(prisma)
  const program = await createProgram(prisma)
  const cookie = await sessionCookie(student.id)
  const responses = await Promise.all(Array.from({ length: 5 }, () => app.request(`/programs/${program.id}`, { cookie, form: {} })))
  await Promise.all(responses.map((r) => r.arrayBuffer()))
  const drafts = await prisma.application.findMany({ where: { applicantId: student.id } })
  expect(drafts).toHaveLength(1)
  expect(responses.map((r) => r.status)).toEqual([302, 302, 302, 302, 302])
  expect(new Set(responses.map((r) => r.headers.get('location')))).toEqual(new Set([`/student/applications/${drafts[0].id}`]))
})

test('signing in twice at once (a double-clicked button) gives two working sessions, one per response', async () => {
  const student = await createStudent(prisma)
  const responses = await Promise.all(
    [1, 2].map(() => app.request('/login', { form: { email: student.email, password: 'Mobility#2026' } })),
  )
  const cookies = responses.map((r) => r.headers.get('set-cookie')?.split(';')[0])
  expect(responses.map((r) => r.status)).toEqual([302, 302])
  expect(new Set(cookies).size).toBe(2)
  for (const cookie of cookies) {
    const page = await app.request('/student', { cookie })
    expect(page.status).toBe(200)
    await page.arrayBuffer()
  }
})
