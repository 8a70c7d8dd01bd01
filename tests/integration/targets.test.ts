import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { beforeEach, describe, expect, it } from 'vitest'
import { academicYearOf } from '~/domain/academic-year'
import { previousAcademicYear } from '~/domain/policy'
import type { Role } from '~/generated/prisma/client'
import { translateError, translator } from '~/i18n'
import { prisma } from '~/lib/db.server'
import { createSession } from '~/lib/session.server'
import { action, loader } from '~/routes/admin.targets'
import { createCollege, createUser } from '../factories'
import { resetDatabase } from '../support/db'

beforeEach(() => resetDatabase())

const YEAR = academicYearOf(new Date())
const LAST = previousAcademicYear(YEAR)
const context = { cspNonce: '', clientIp: '127.0.0.1' }

async function cookieFor(roles: Role[]) {
  const user = await createUser(prisma, { roles })
  return { user, cookie: (await createSession(user.id, new Request('http://localhost/login'))).split(';')[0] }
}

async function settle(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    return await fn()
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

const open = (cookie: string, query = '') =>
  settle(() =>
    loader({
      request: new Request(`http://localhost/admin/targets${query}`, { headers: { Cookie: cookie } }),
      params: {},
      context,
    } as LoaderFunctionArgs),
  ) as Promise<Awaited<ReturnType<typeof loader>>>

type Answer = { result: { status?: string; error?: Record<string, string[] | null> }; changed: number | null }

/** Posts the form; returns the action's data (a `data()` answer is unwrapped) and its status. */
async function save(cookie: string, fields: Record<string, string>) {
  const request = new Request('http://localhost/admin/targets', {
    method: 'POST',
    headers: { Cookie: cookie },
    body: new URLSearchParams(fields),
  })
  const answer = (await settle(() => action({ request, params: {}, context } as ActionFunctionArgs))) as
    | { type: 'DataWithResponseInit'; data: Awaited<ReturnType<typeof action>>; init: { status?: number } | null }
    | Awaited<ReturnType<typeof action>>
    | Response
  if (answer instanceof Response) return { status: answer.status, data: null }
  if ('type' in answer && answer.type === 'DataWithResponseInit') return { status: answer.init?.status ?? 200, data: answer.data as Answer }
  return { status: 200, data: answer as Answer }
}

const rows = () => prisma.target.findMany({ where: { academicYear: YEAR }, orderBy: [{ scopeKey: 'asc' }, { kind: 'asc' }] })

describe('yearly targets', () => {
  it('opens a year without targets on the policy defaults, unsaved', async () => {
    const { cookie } = await cookieFor(['admin'])
    const page = await open(cookie, `?year=${YEAR}`)
    expect(page.source).toBe('policy')
    expect(page.grid).toEqual({
      university: { undergraduate_abroad: 800, graduate_joint_training: 150, graduate_conference: 300, faculty_abroad: 800 },
    })
    expect(await prisma.target.count()).toBe(0)
  })

  it('saves the university number and the college split, audited with before and after; a blank cell removes a target', async () => {
    const cs = await createCollege(prisma, { code: 'CS' })
    const phys = await createCollege(prisma, { code: 'PHYS' })
    const { cookie, user } = await cookieFor(['admin'])
    const first = await save(cookie, {
      year: YEAR,
      'targets.university.graduate_conference': '300',
      'targets.university.undergraduate_abroad': '800',
      [`targets.${cs.id}.graduate_conference`]: '120',
      [`targets.${phys.id}.graduate_conference`]: '100',
      // A blank cell, as the browser sends it: no target.
      [`targets.${phys.id}.undergraduate_abroad`]: ' ',
    })
    expect(first).toMatchObject({ status: 200, data: { changed: 4 } })
    const byScopeAndKind = (a: unknown[], b: unknown[]) =>
      String(a[0]).localeCompare(String(b[0])) || String(a[1]).localeCompare(String(b[1]))
    expect((await rows()).map((r) => [r.scopeKey, r.kind, r.count, r.collegeId]).sort(byScopeAndKind)).toEqual(
      [
        [cs.id, 'graduate_conference', 120, cs.id],
        [phys.id, 'graduate_conference', 100, phys.id],
        ['university', 'graduate_conference', 300, null],
        ['university', 'undergraduate_abroad', 800, null],
      ].sort(byScopeAndKind),
    )

    // The page now shows the saved numbers and that the colleges add up to 220, not 300.
    const page = await open(cookie, `?year=${YEAR}`)
    expect(page.source).toBe('saved')
    expect(page.grid[cs.id]).toEqual({ graduate_conference: 120 })

    const second = await save(cookie, {
      year: YEAR,
      'targets.university.graduate_conference': '350',
      'targets.university.undergraduate_abroad': '800',
      [`targets.${cs.id}.graduate_conference`]: '120',
    })
    expect(second.data).toMatchObject({ changed: 2 })
    const audits = await prisma.auditEvent.findMany({ where: { action: 'targets.update', entityId: YEAR }, orderBy: { id: 'asc' } })
    expect(audits).toHaveLength(2)
    expect(audits[1]).toMatchObject({
      actorId: user.id,
      entityType: 'TargetYear',
      before: {
        university: { graduate_conference: 300, undergraduate_abroad: 800 },
        [cs.id]: { graduate_conference: 120 },
        [phys.id]: { graduate_conference: 100 },
      },
      after: { university: { graduate_conference: 350, undergraduate_abroad: 800 }, [cs.id]: { graduate_conference: 120 } },
    })
    expect(await prisma.target.count({ where: { scopeKey: phys.id } })).toBe(0)

    // Saving the same numbers again changes nothing and writes no audit row.
    const same = await save(cookie, {
      year: YEAR,
      'targets.university.graduate_conference': '350',
      'targets.university.undergraduate_abroad': '800',
      [`targets.${cs.id}.graduate_conference`]: '120',
    })
    expect(same.data).toMatchObject({ changed: 0 })
    expect(await prisma.auditEvent.count({ where: { action: 'targets.update' } })).toBe(2)
  })

  it('refuses negative, fractional and non-numeric counts with field errors in both languages, writing nothing', async () => {
    const cs = await createCollege(prisma)
    const { cookie } = await cookieFor(['admin'])
    const result = await save(cookie, {
      year: YEAR,
      'targets.university.graduate_conference': '-5',
      'targets.university.undergraduate_abroad': '800',
      [`targets.${cs.id}.graduate_joint_training`]: '1.5',
      [`targets.${cs.id}.undergraduate_abroad`]: 'many',
      [`targets.${cs.id}.faculty_abroad`]: '2000000',
    })
    expect(result.status).toBe(400)
    const errors = result.data!.result.error!
    expect(Object.keys(errors).sort()).toEqual(
      [
        `targets.${cs.id}.faculty_abroad`,
        `targets.${cs.id}.graduate_joint_training`,
        `targets.${cs.id}.undergraduate_abroad`,
        'targets.university.graduate_conference',
      ].sort(),
    )
    const message = errors['targets.university.graduate_conference']![0]
    expect(translateError(translator('zh-CN'), message)).toBe('请输入 0 到 1000000 之间的整数')
    expect(translateError(translator('en'), message)).toBe('Enter a whole number from 0 to 1000000')
    expect(await prisma.target.count()).toBe(0)
    expect(await prisma.auditEvent.count()).toBe(0)
  })

  it('refuses a tampered year (a hidden input) with a message on the form, where the page shows it', async () => {
    const { cookie } = await cookieFor(['admin'])
    const result = await save(cookie, { year: '2026', 'targets.university.graduate_conference': '300' })
    expect(result.status).toBe(400)
    const errors = result.data!.result.error!
    expect(errors.year).toBeUndefined()
    expect(errors[''] && translateError(translator('en'), errors[''][0])).toBe('An academic year looks like “2026-2027”')
    expect(await prisma.target.count()).toBe(0)
  })

  it('refuses a cell for a college that does not exist (or is retired)', async () => {
    const retired = await createCollege(prisma, { retiredAt: new Date() })
    const { cookie } = await cookieFor(['admin'])
    const result = await save(cookie, { year: YEAR, [`targets.${retired.id}.graduate_conference`]: '5' })
    expect(result.status).toBe(400)
    expect(await prisma.target.count()).toBe(0)
  })

  it('copies last year’s targets into the form, to be saved', async () => {
    const cs = await createCollege(prisma)
    await prisma.target.createMany({
      data: [
        { academicYear: LAST, kind: 'graduate_conference', scopeKey: 'university', count: 280 },
        { academicYear: LAST, kind: 'graduate_conference', scopeKey: cs.id, collegeId: cs.id, count: 40 },
      ],
    })
    const { cookie } = await cookieFor(['admin'])
    const page = await open(cookie, `?year=${YEAR}&from=last`)
    expect(page.source).toBe('last')
    expect(page.grid).toEqual({ university: { graduate_conference: 280 }, [cs.id]: { graduate_conference: 40 } })
    expect(await prisma.target.count({ where: { academicYear: YEAR } })).toBe(0)
  })

  it('answers 403 to everyone but an administrator', async () => {
    for (const roles of [['student'], ['finance'], ['office_reviewer'], ['college_reviewer']] as Role[][]) {
      const { cookie } = await cookieFor(roles)
      expect(((await open(cookie)) as unknown as Response).status, roles.join()).toBe(403)
      expect((await save(cookie, { year: YEAR, 'targets.university.graduate_conference': '1' })).status, roles.join()).toBe(403)
    }
    expect(await prisma.target.count()).toBe(0)
  })
})
