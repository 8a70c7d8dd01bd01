// The working-day calendar on the real database: the package's holidays and make-up working days,
// corrected by an administrator, decide when a period of working days ends (a public announcement
// published on 30 September 2026 for 5 working days).
import { beforeEach, describe, expect, it } from 'vitest'
import { toSessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { calendarYear, clearCalendarOverride, setCalendarOverride, workingDayCalendar, workingDaysEnd } from '~/models/calendar.server'
import { getRequest, postRequest, run, signIn } from '../support/admin'
import { resetDatabase } from '../support/db'

beforeEach(() => resetDatabase())

const audits = () => prisma.auditEvent.findMany({ where: { entityType: 'calendarDay' }, orderBy: { at: 'asc' } })

describe('workingDaysEnd and workingDayCalendar', () => {
  it('ends a 5-working-day period from 2026-09-30 after National Day, and moves with the corrections', async () => {
    const { user } = await signIn(['admin'])
    const admin = toSessionUser(user)
    expect(await workingDaysEnd('2026-09-30', 5)).toBe('2026-10-13')

    // Monday 12 October made a day off: the period runs a day longer.
    await setCalendarOverride(admin, '2026-10-12', false, '临时放假')
    expect(await workingDaysEnd('2026-09-30', 5)).toBe('2026-10-14')
    // Sunday 11 October made a working day: it counts.
    await setCalendarOverride(admin, '2026-10-11', true, '补班')
    expect(await workingDaysEnd('2026-09-30', 5)).toBe('2026-10-13')
    // The package's holiday made a working day (a correction in the other direction).
    await setCalendarOverride(admin, '2026-10-07', true, 'test')
    expect(await workingDaysEnd('2026-09-30', 5)).toBe('2026-10-11')

    expect(await clearCalendarOverride(admin, '2026-10-07')).toBe(true)
    expect(await clearCalendarOverride(admin, '2026-10-12')).toBe(true)
    expect(await workingDaysEnd('2026-09-30', 5)).toBe('2026-10-12')
    expect(await clearCalendarOverride(admin, '2026-10-11')).toBe(true)
    expect(await workingDaysEnd('2026-09-30', 5)).toBe('2026-10-13')
  })

  it("gives the same answers whatever the server's time zone", async () => {
    const zone = process.env.TZ
    try {
      for (const tz of ['America/New_York', 'Pacific/Auckland', 'UTC']) {
        process.env.TZ = tz
        expect(await workingDaysEnd('2026-09-30', 5), tz).toBe('2026-10-13')
        const days = (await calendarYear(2026)).holidays.filter((h) => h.day.startsWith('2026-10')).map((h) => h.day)
        expect(days, tz).toEqual(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'])
      }
    } finally {
      if (zone === undefined) delete process.env.TZ
      else process.env.TZ = zone
    }
  })

  it('answers only for the days it loaded', async () => {
    const isWorkingDay = await workingDayCalendar('2026-10-01', '2026-10-31')
    expect(isWorkingDay('2026-10-10')).toBe(true)
    expect(isWorkingDay('2026-10-01')).toBe(false)
    expect(() => isWorkingDay('2026-11-02')).toThrow(/loaded for 2026-10-01 to 2026-10-31/)
  })
})

describe('setCalendarOverride and clearCalendarOverride', () => {
  it('keeps one correction per day, and audits each change with what it replaced', async () => {
    const { user } = await signIn(['admin'])
    const admin = toSessionUser(user)
    await setCalendarOverride(admin, '2027-02-06', true, '春节调休')
    await setCalendarOverride(admin, '2027-02-06', false, '改回休息')
    const rows = await prisma.calendarOverride.findMany()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ working: false, note: '改回休息', setById: admin.id })

    expect(await clearCalendarOverride(admin, '2027-02-06')).toBe(true)
    expect(await clearCalendarOverride(admin, '2027-02-06')).toBe(false)
    expect(await prisma.calendarOverride.count()).toBe(0)
    expect((await audits()).map((a) => [a.action, a.entityId, a.actorId, a.before, a.after])).toEqual([
      ['calendar.set', '2027-02-06', admin.id, null, { day: '2027-02-06', working: true, note: '春节调休', setById: admin.id }],
      [
        'calendar.set',
        '2027-02-06',
        admin.id,
        { day: '2027-02-06', working: true, note: '春节调休', setById: admin.id },
        { day: '2027-02-06', working: false, note: '改回休息', setById: admin.id },
      ],
      ['calendar.clear', '2027-02-06', admin.id, { day: '2027-02-06', working: false, note: '改回休息', setById: admin.id }, null],
    ])
  })

  it('takes concurrent corrections of one day in turn: one row, and each audit row replaces the one before', async () => {
    const { user } = await signIn(['admin'])
    const admin = toSessionUser(user)
    await Promise.all(Array.from({ length: 6 }, (_, i) => setCalendarOverride(admin, '2026-12-31', i % 2 === 0, `note ${i}`)))
    expect(await prisma.calendarOverride.count()).toBe(1)
    const trail = await audits()
    expect(trail).toHaveLength(6)
    // The changes form one chain: each replaced exactly the one before it (none replaced the same
    // row twice, none saw a row that was not there), and the last is the row that stayed.
    const key = (v: unknown) => JSON.stringify(v)
    const befores = trail.map((a) => key(a.before))
    expect(befores.filter((b) => b === 'null')).toHaveLength(1)
    expect(new Set(befores).size).toBe(6)
    const afters = new Set(trail.map((a) => key(a.after)))
    for (const b of befores) if (b !== 'null') expect(afters.has(b)).toBe(true)
    const last = trail.filter((a) => !befores.includes(key(a.after)))
    expect(last).toHaveLength(1)
    const row = await prisma.calendarOverride.findFirstOrThrow()
    expect((last[0].after as { note: string }).note).toBe(row.note)
  })
})

describe('calendarYear', () => {
  it("lists the package's holidays and make-up working days of a covered year, and the year's corrections", async () => {
    const { user } = await signIn(['admin'])
    await setCalendarOverride(toSessionUser(user), '2026-10-12', false, '临时放假')
    const year = await calendarYear(2026)
    expect(year.covered).toBe(true)
    expect(year.holidays).toContainEqual({ day: '2026-10-01', en: 'National Day', zh: '国庆节' })
    expect(year.holidays.map((h) => h.day)).not.toContain('2026-10-10')
    expect(year.makeUpDays.map((d) => d.day)).toEqual(expect.arrayContaining(['2026-02-14', '2026-09-20', '2026-10-10']))
    expect(year.makeUpDays.every((d) => [0, 6].includes(new Date(`${d.day}T00:00:00Z`).getUTCDay()))).toBe(true)
    expect(year.overrides).toEqual([
      expect.objectContaining({
        day: '2026-10-12',
        working: false,
        note: '临时放假',
        packageWorking: true,
        setBy: { nameZh: user.nameZh, nameEn: user.nameEn },
      }),
    ])
    expect((await calendarYear(2025)).overrides).toEqual([])
  })

  it('says when the package has no arrangement for a year', async () => {
    expect((await calendarYear(2099)).covered).toBe(false)
  })
})

describe('admin.calendar', () => {
  const load = () => import('../../app/routes/admin.calendar')

  it('corrects and uncorrects a day for an administrator, and refuses bad input in the form without writing', async () => {
    const route = await load()
    const { cookie } = await signIn(['admin'])
    const set = await run(
      route.action,
      postRequest(cookie, '/admin/calendar', { intent: 'set', day: '2026-10-12', working: 'off', note: '临时放假' }),
    )
    expect(set).toMatchObject({ status: 302, location: '/admin/calendar?year=2026&saved=2026-10-12' })
    const page = await run(route.loader, getRequest(cookie, '/admin/calendar?year=2026'))
    expect((page.body as Awaited<ReturnType<typeof calendarYear>>).overrides.map((o) => o.day)).toEqual(['2026-10-12'])

    for (const [fields, field, message] of [
      [{ intent: 'set', day: '2026-02-30', working: 'off', note: 'x' }, 'day', 'application.error.date'],
      [{ intent: 'set', day: '2026-10-13', working: 'maybe', note: 'x' }, 'working', 'form.invalidChoice'],
      [{ intent: 'set', day: '2026-10-13', working: 'off', note: ' ' }, 'note', 'form.required'],
      [{ intent: 'set', day: '2026-10-13', working: 'off', note: 'x'.repeat(201) }, 'note', 'form.tooLong|{"max":200}'],
    ] as const) {
      const refused = await run(route.action, postRequest(cookie, '/admin/calendar', fields))
      expect(refused.status, JSON.stringify(fields)).toBe(400)
      expect((refused.body as { result: { error: Record<string, string[]> } }).result.error[field]).toEqual([message])
    }
    expect(await prisma.calendarOverride.count()).toBe(1)

    const cleared = await run(route.action, postRequest(cookie, '/admin/calendar', { intent: 'clear', day: '2026-10-12' }))
    expect(cleared).toMatchObject({ status: 302, location: '/admin/calendar?year=2026&removed=2026-10-12' })
    const again = await run(route.action, postRequest(cookie, '/admin/calendar', { intent: 'clear', day: '2026-10-12' }))
    expect(again.status).toBe(409)
    expect((again.body as { result: { error: Record<string, string[]> } }).result.error['']).toEqual(['calendar.error.noCorrection'])
    expect(await prisma.calendarOverride.count()).toBe(0)
  })

  it('refuses everyone but administrators', async () => {
    const route = await load()
    for (const roles of [['student'], ['college_reviewer'], ['office_reviewer'], ['finance']] as const) {
      const { cookie } = await signIn([...roles])
      expect((await run(route.loader, getRequest(cookie, '/admin/calendar'))).status).toBe(403)
      const post = postRequest(cookie, '/admin/calendar', { intent: 'set', day: '2026-10-12', working: 'off', note: 'x' })
      expect((await run(route.action, post)).status).toBe(403)
    }
    expect(await prisma.calendarOverride.count()).toBe(0)
    expect(await prisma.auditEvent.count()).toBe(0)
  })
})
