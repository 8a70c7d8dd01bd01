// The review page's action as Remix calls it: text over the limit is refused whole, never cut.
import type { ActionFunctionArgs } from '@remix-run/node'
import { beforeEach, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { createSession } from '~/lib/session.server'
import { action } from '~/routes/review.$applicationId'
import { createApplication, createProgram, createStudent, createUser } from '../factories'
import { resetDatabase } from '../support/db'

const context = { cspNonce: '', clientIp: '127.0.0.1' }

beforeEach(() => resetDatabase())

test('a comment one character over the limit is refused and nothing is saved; at the limit it is kept whole', async () => {
  const office = await createUser(prisma, { roles: ['office_reviewer'] })
  const student = await createStudent(prisma)
  const { id: applicationId } = await createApplication(prisma, {
    applicantId: student.id,
    programId: (await createProgram(prisma)).id,
    status: 'college_endorsed',
  })
  const cookie = (await createSession(office.id, new Request('http://localhost/login'))).split(';')[0]
  const comment = async (body: string) => {
    const request = new Request(`http://localhost/review/${applicationId}`, {
      method: 'POST',
      headers: { Cookie: cookie },
      body: new URLSearchParams({ intent: 'comment', visibility: 'internal', body }),
    })
    const answer = (await action({ request, params: { applicationId }, context } as ActionFunctionArgs)) as unknown as {
      init?: { status?: number } | null
    }
    return answer.init?.status ?? 200
  }
  // 5,001 emoji: 10,002 UTF-16 units, which a cut at 5,000 units would have split in half and saved.
  expect(await comment('😀'.repeat(5001))).toBe(400)
  expect(await prisma.comment.count({ where: { applicationId } })).toBe(0)
  expect(await comment('😀'.repeat(5000))).toBe(200)
  const [saved] = await prisma.comment.findMany({ where: { applicationId } })
  expect(saved.body).toBe('😀'.repeat(5000))
})
