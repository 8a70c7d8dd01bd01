import { beforeEach, expect, it } from 'vitest'
import { prisma } from '~/lib/db.server'
import { createCollege } from '../factories'
import { getRequest, postRequest, run, signIn } from '../support/admin'
import { resetDatabase } from '../support/db'

beforeEach(() => resetDatabase())

// Every admin screen of this area, with the route parameter its edit pages take.
const routes = [
  ['admin._index', '/admin', {}],
  ['admin.colleges._index', '/admin/colleges', {}],
  ['admin.colleges.$collegeId', '/admin/colleges/new', { collegeId: 'new' }],
  ['admin.partners._index', '/admin/partners', {}],
  ['admin.partners.$partnerId', '/admin/partners/new', { partnerId: 'new' }],
  ['admin.agreements._index', '/admin/agreements', {}],
  ['admin.agreements.$agreementId', '/admin/agreements/new', { agreementId: 'new' }],
  ['admin.programs._index', '/admin/programs', {}],
  ['admin.programs.$programId', '/admin/programs/new', { programId: 'new' }],
  ['admin.funds._index', '/admin/funds', {}],
  ['admin.funds.$fundId', '/admin/funds/new', { fundId: 'new' }],
  ['admin.users._index', '/admin/users', {}],
  ['admin.users.$userId', '/admin/users/new', { userId: 'new' }],
  ['admin.calendar', '/admin/calendar', {}],
  ['admin.privacy', '/admin/privacy', {}],
] as const

type RouteModule = { loader: Parameters<typeof run>[0]; action?: Parameters<typeof run>[0] }
const load = (name: string) => import(`../../app/routes/${name}.tsx`) as Promise<RouteModule>

it('answers 403 to students, college reviewers, the office and finance on every admin loader and action, and changes nothing', async () => {
  const college = await createCollege(prisma)
  const people = [
    await signIn(['student'], { collegeId: college.id, level: 'undergraduate' }),
    await signIn(['college_reviewer'], { collegeId: college.id }),
    await signIn(['office_reviewer']),
    await signIn(['finance']),
  ]
  for (const [name, path, params] of routes) {
    const route = await load(name)
    for (const { user, cookie } of people) {
      const label = `${name} as ${user.roles.join()}`
      expect((await run(route.loader, getRequest(cookie, path), params)).status, label).toBe(403)
      if (route.action) {
        const post = postRequest(cookie, path, { code: 'HACK', nameZh: '黑客', nameEn: 'Hack', email: 'x@example.edu.cn', roles: 'admin' })
        expect((await run(route.action, post, params)).status, label).toBe(403)
      }
    }
  }
  expect(await prisma.college.count()).toBe(1)
  expect(await prisma.auditEvent.count()).toBe(0)
})

it('sends the signed-out to the login page, and lets an administrator in', async () => {
  const { cookie } = await signIn(['admin'])
  for (const [name, path, params] of routes) {
    const route = await load(name)
    const anonymous = await run(route.loader, getRequest(null, path), params)
    expect(anonymous.status, name).toBe(302)
    expect(anonymous.location, name).toBe(`/login?redirectTo=${encodeURIComponent(path)}`)
    if (route.action) expect((await run(route.action, postRequest(null, path, {}), params)).status, name).toBe(302)
    expect((await run(route.loader, getRequest(cookie, path), params)).status, name).toBe(200)
  }
})

it('answers 404 for an edit page of a row that does not exist', async () => {
  const { cookie } = await signIn(['admin'])
  const route = await load('admin.colleges.$collegeId')
  expect((await run(route.loader, getRequest(cookie, '/admin/colleges/nosuchcollege1'), { collegeId: 'nosuchcollege1' })).status).toBe(404)
  const retire = postRequest(cookie, '/admin/colleges/nosuchcollege1', { intent: 'retire' })
  expect((await run(route.action!, retire, { collegeId: 'nosuchcollege1' })).status).toBe(404)
  expect(await prisma.auditEvent.count()).toBe(0)
})
