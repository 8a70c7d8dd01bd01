import { beforeEach, describe, expect, it } from 'vitest'
import { prisma } from '~/lib/db.server'
import { listColleges } from '~/models/admin/colleges.server'
import { action as editCollege } from '~/routes/admin.colleges.$collegeId'
import { loader as listPage } from '~/routes/admin.colleges._index'
import { parseListQuery } from '~/schemas/admin'
import { createCollege } from '../factories'
import { fieldErrors, getRequest, postRequest, run, savedId, signIn } from '../support/admin'
import { resetDatabase } from '../support/db'

beforeEach(() => resetDatabase())

const save = (cookie: string, id: string, fields: Record<string, string>) =>
  run(editCollege, postRequest(cookie, `/admin/colleges/${id}`, fields), { collegeId: id })

describe('colleges', () => {
  it('creates and edits a college, auditing before and after', async () => {
    const { user, cookie } = await signIn()
    const created = await save(cookie, 'new', { code: 'law', nameZh: '法学院', nameEn: 'Law School' })
    const id = savedId(created)
    expect(await prisma.college.findUniqueOrThrow({ where: { id } })).toMatchObject({ code: 'LAW', nameZh: '法学院', nameEn: 'Law School' })

    savedId(await save(cookie, id, { code: 'LAW', nameZh: '法学院', nameEn: 'School of Law' }))
    expect((await prisma.college.findUniqueOrThrow({ where: { id } })).nameEn).toBe('School of Law')
    const audits = await prisma.auditEvent.findMany({ where: { entityType: 'college', entityId: id }, orderBy: { id: 'asc' } })
    expect(audits.map((a) => a.action)).toEqual(['college.create', 'college.update'])
    expect(audits[1]).toMatchObject({ actorId: user.id, before: { nameEn: 'Law School' }, after: { nameEn: 'School of Law' } })
  })

  it('refuses a duplicate code with a field error, not a server error, and writes nothing', async () => {
    const { cookie } = await signIn()
    await createCollege(prisma, { code: 'CS' })
    const other = await createCollege(prisma, { code: 'MATH' })
    const duplicate = await save(cookie, 'new', { code: 'cs', nameZh: '计算机', nameEn: 'Computing' })
    expect(duplicate.status).toBe(400)
    expect(fieldErrors(duplicate)).toEqual({ code: ['adminConfig.error.codeTaken'] })
    const renamed = await save(cookie, other.id, { code: 'CS', nameZh: '数学', nameEn: 'Maths' })
    expect(fieldErrors(renamed).code).toEqual(['adminConfig.error.codeTaken'])
    expect(await prisma.college.count()).toBe(2)
    expect(await prisma.auditEvent.count()).toBe(0)
  })

  it('names the fields in error', async () => {
    const { cookie } = await signIn()
    const invalid = await save(cookie, 'new', { code: 'a b', nameZh: '', nameEn: 'x'.repeat(201) })
    expect(invalid.status).toBe(400)
    expect(fieldErrors(invalid)).toMatchObject({
      code: ['adminConfig.error.collegeCode'],
      nameZh: ['form.required'],
      nameEn: ['form.tooLong|{"max":200}'],
    })
    expect(await prisma.college.count()).toBe(0)
  })

  it('retires a college (it leaves the sign-up list) and brings it back, keeping its people', async () => {
    const { cookie } = await signIn()
    const college = await createCollege(prisma, { code: 'ART' })
    const retired = await save(cookie, college.id, { intent: 'retire' })
    expect(retired.location).toBe(`/admin/colleges/${college.id}?retired=1`)
    expect((await prisma.college.findUniqueOrThrow({ where: { id: college.id } })).retiredAt).not.toBeNull()
    const { loader: signupLoader } = await import('~/routes/signup')
    const signup = (await run(signupLoader, getRequest(null, '/signup'))).body as { colleges: { value: string }[] }
    expect(signup.colleges.map((c) => c.value)).not.toContain(college.id)

    expect((await listColleges(parseListQuery('http://x/admin/colleges'))).rows).toHaveLength(0)
    expect((await listColleges(parseListQuery('http://x/admin/colleges?show=retired'))).rows.map((c) => c.code)).toEqual(['ART'])

    await save(cookie, college.id, { intent: 'unretire' })
    expect((await prisma.college.findUniqueOrThrow({ where: { id: college.id } })).retiredAt).toBeNull()
    const actions = await prisma.auditEvent.findMany({ where: { entityId: college.id }, orderBy: { id: 'asc' } })
    expect(actions.map((a) => a.action)).toEqual(['college.retire', 'college.unretire'])
  })

  it('lists hundreds of colleges fifty to a page, with search', async () => {
    const { cookie } = await signIn()
    await prisma.college.createMany({
      data: Array.from({ length: 120 }, (_, i) => ({ code: `C${String(i).padStart(3, '0')}`, nameZh: `学院${i}`, nameEn: `College ${i}` })),
    })
    const page3 = (await run(listPage, getRequest(cookie, '/admin/colleges?page=3'))).body as {
      rows: { code: string }[]
      total: number
      pages: number
    }
    expect(page3).toMatchObject({ total: 120, pages: 3 })
    expect(page3.rows.map((r) => r.code)).toEqual(Array.from({ length: 20 }, (_, i) => `C${100 + i}`))
    const found = (await run(listPage, getRequest(cookie, '/admin/colleges?q=college%2011'))).body as { rows: { code: string }[] }
    expect(found.rows.map((r) => r.code)).toEqual(['C011', 'C110', 'C111', 'C112', 'C113', 'C114', 'C115', 'C116', 'C117', 'C118', 'C119'])
  })
})
