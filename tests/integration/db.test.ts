import { beforeEach, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { resetDatabase } from '../support/db.ts'

beforeEach(resetDatabase)

test("the app's Prisma client writes to and reads from this worker's database", async () => {
  expect(new URL(process.env.DATABASE_URL!).pathname).toMatch(/^\/mp_test_\d+$/)

  const created = await prisma.college.create({
    data: { code: 'CS', nameZh: '计算机学院', nameEn: 'School of Computer Science' },
  })
  const found = await prisma.college.findUniqueOrThrow({ where: { code: 'CS' } })

  expect(found).toEqual(created)
  expect(found.retiredAt).toBeNull()
})

test('resetDatabase empties the tables', async () => {
  await prisma.college.create({ data: { code: 'EE', nameZh: '电子学院', nameEn: 'Electronics' } })
  await resetDatabase()
  expect(await prisma.college.count()).toBe(0)
})
