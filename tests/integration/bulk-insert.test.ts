import { beforeEach, expect, it } from 'vitest'
import { idSchema } from '~/domain/policy'
import { insertRows, isUniqueViolation } from '~/lib/bulk-insert.server'
import { prisma } from '~/lib/db.server'
import { createCollege, createUser } from '../factories'
import { resetDatabase } from '../support/db'

beforeEach(() => resetDatabase())

it('writes rows as Prisma would: enums, arrays, JSON, UTC timestamps, and ids shaped like cuids that sort in creation order', async () => {
  const college = await createCollege(prisma)
  const before = new Date()
  const users = await prisma.$transaction((tx) =>
    insertRows(tx, 'User', [
      {
        email: 'a@example.edu.cn',
        passwordHash: '!invited',
        nameZh: '甲',
        nameEn: 'A',
        roles: ['student', 'office_reviewer'],
        collegeId: college.id,
        studentNumber: 'A0001',
        level: 'master',
        locale: 'en',
      },
      {
        email: 'b@example.edu.cn',
        passwordHash: '!invited',
        nameZh: '乙',
        nameEn: "B O'Neil",
        roles: ['student'],
        collegeId: college.id,
        studentNumber: 'A0002',
        level: 'doctoral',
        locale: 'zh_CN',
      },
    ]),
  )
  const stored = await prisma.user.findMany({ where: { id: { in: users.map((u) => u.id) } }, orderBy: { id: 'asc' } })
  expect(stored.map((u) => [u.id, u.email, u.nameEn, u.roles, u.level, u.locale, u.collegeId])).toEqual([
    [users[0].id, 'a@example.edu.cn', 'A', ['student', 'office_reviewer'], 'master', 'en', college.id],
    [users[1].id, 'b@example.edu.cn', "B O'Neil", ['student'], 'doctoral', 'zh_CN', college.id],
  ])
  for (const u of stored) {
    expect(idSchema.safeParse(u.id).success).toBe(true)
    expect(u.createdAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1) // read back as the same instant: UTC, like Prisma's own writes
    expect(u.createdAt.getTime()).toBeLessThanOrEqual(Date.now())
    expect(u.updatedAt).toEqual(u.createdAt)
  }

  const [event] = await prisma.$transaction((tx) =>
    insertRows(tx, 'AuditEvent', [
      { actorId: users[0].id, action: 'test', entityType: 'user', entityId: users[0].id, after: { nested: { list: [1, '二', null] } } },
    ]),
  )
  expect(await prisma.auditEvent.findFirstOrThrow({ where: { action: 'test' } })).toMatchObject({
    at: event.at,
    after: { nested: { list: [1, '二', null] } },
    before: null,
  })
})

it('fails as a whole on a taken unique value, recognisably', async () => {
  const taken = await createUser(prisma)
  const error = await prisma
    .$transaction((tx) =>
      insertRows(tx, 'User', [
        { email: 'new@example.edu.cn', passwordHash: 'x', nameZh: '新', nameEn: 'New', roles: ['student'] },
        { email: taken.email, passwordHash: 'x', nameZh: '重', nameEn: 'Again', roles: ['student'] },
      ]),
    )
    .catch((e: unknown) => e)
  expect(isUniqueViolation(error)).toBe(true)
  expect(await prisma.user.count()).toBe(1)
  expect(isUniqueViolation(new Error('duplicate key value'))).toBe(false)
})
