import { beforeEach, expect, it } from 'vitest'
import { academicYearOf } from '~/domain/academic-year'
import { checklist } from '~/domain/documents'
import { addDays, shanghaiDate } from '~/domain/dates'
import { programRequirementsSchema } from '~/domain/eligibility'
import { prisma } from '~/lib/db.server'
import { getProgram, searchPrograms } from '~/models/program.server'
import { action as editProgram } from '~/routes/admin.programs.$programId'
import { createFund, createPartner, createProgram } from '../factories'
import { fieldErrors, postRequest, run, savedId, signIn, type Fields } from '../support/admin'
import { resetDatabase } from '../support/db'

beforeEach(() => resetDatabase())

const year = academicYearOf(new Date())
const today = shanghaiDate(new Date())

const save = (cookie: string, id: string, fields: Fields) =>
  run(editProgram, postRequest(cookie, `/admin/programs/${id}`, fields), { programId: id })

async function validFields(): Promise<Fields> {
  const partner = await createPartner(prisma, { region: 'europe' })
  return {
    kind: 'exchange',
    partnerId: partner.id,
    academicYear: year,
    titleZh: '慕尼黑工业大学交换项目',
    titleEn: 'TU Munich exchange',
    levels: ['undergraduate', 'master'],
    quota: '4',
    opensOn: today,
    closesOn: addDays(today, 21),
  }
}

it('creates a program that opens at the start of its first day and closes at the end of its last, and shows in the catalogue', async () => {
  const { user, cookie } = await signIn()
  const fields = await validFields()
  const id = savedId(await save(cookie, 'new', fields))
  const program = await prisma.program.findUniqueOrThrow({ where: { id } })
  expect(program).toMatchObject({
    kind: 'exchange',
    academicYear: year,
    levels: ['undergraduate', 'master'],
    quota: 4,
    requirements: {},
    requiredDocuments: [],
    stipendRules: {},
  })
  expect(shanghaiDate(program.opensAt)).toBe(today)
  expect(shanghaiDate(new Date(program.opensAt.getTime() - 1))).not.toBe(today)
  expect(shanghaiDate(program.closesAt)).toBe(addDays(today, 21))
  expect(shanghaiDate(new Date(program.closesAt.getTime() + 1))).toBe(addDays(today, 22))
  expect((await searchPrograms({ level: 'undergraduate', openNow: true })).map((p) => p.id)).toEqual([id])
  expect(await prisma.auditEvent.count({ where: { action: 'program.create', entityId: id, actorId: user.id } })).toBe(1)
})

it('stores requirements, a document list and stipend overrides in the shapes the rest of the app reads', async () => {
  const { cookie } = await signIn()
  const fund = await createFund(prisma, { academicYear: year, kinds: ['exchange'], purpose: 'exchange_scholarship' })
  const id = savedId(
    await save(cookie, 'new', {
      ...(await validFields()),
      minGpa: '3.2',
      'language.ielts': '6.5',
      'language.toefl': '90',
      'language.cet6': '',
      requiredDocuments: ['transcript', 'passport'],
      fundId: fund.id,
      'stipend.europe': '8000',
      'stipend.asia': '6500.50',
    }),
  )
  const program = await prisma.program.findUniqueOrThrow({ where: { id } })
  expect(programRequirementsSchema.parse(program.requirements)).toEqual({ minGpa: 3.2, language: { ielts: 6.5, toefl: 90 } })
  expect(program.stipendRules).toEqual({ monthlyFenByRegion: { europe: 800000, asia: 650050 } })
  expect(checklist(program.kind, program.requiredDocuments).map((i) => i.kind)).toEqual(['transcript', 'passport'])
  expect(program.fundId).toBe(fund.id)
})

it('names the field in error: partner for an exchange, closing before opening, scores off the scale, bad year', async () => {
  const { cookie } = await signIn()
  const fields = await validFields()
  for (const [change, field, message] of [
    [{ partnerId: '' }, 'partnerId', 'adminConfig.error.partnerRequired'],
    [{ kind: 'joint_training', partnerId: '' }, 'partnerId', 'adminConfig.error.partnerRequired'],
    [{ closesOn: addDays(today, -1) }, 'closesOn', 'adminConfig.error.closesBeforeOpens'],
    [{ startsOn: '2027-03-01', endsOn: '2027-02-01' }, 'endsOn', 'adminConfig.error.endsBeforeStarts'],
    [{ 'language.ielts': '6.3' }, 'language.ielts', 'adminConfig.error.score|{"min":0,"max":9,"step":0.5}'],
    [{ minGpa: '4.5' }, 'minGpa', 'adminConfig.error.numberMax|{"max":4}'],
    [{ academicYear: '2026-2028' }, 'academicYear', 'adminConfig.error.academicYear'],
    [{ quota: '-3' }, 'quota', 'adminConfig.error.notNegative'],
    [{ 'stipend.europe': '12.345' }, 'stipend.europe', 'adminConfig.error.amount.precision|{"max":1000000}'],
    [{ levels: 'alien' }, 'levels[0]', 'form.invalidChoice'],
    [{ partnerId: 'nosuchpartner01' }, 'partnerId', 'adminConfig.error.partnerUnknown'],
  ] as const) {
    const outcome = await save(cookie, 'new', { ...fields, ...change })
    expect(outcome.status, JSON.stringify(change)).toBe(400)
    expect(fieldErrors(outcome)[field], JSON.stringify(change)).toEqual([message])
  }
  // A conference program needs no partner.
  savedId(await save(cookie, 'new', { ...fields, kind: 'conference', partnerId: '' }))
  expect(await prisma.program.count()).toBe(1)
})

it('accepts only a fund of the same academic year that pays for the kind', async () => {
  const { cookie } = await signIn()
  const fields = await validFields()
  const [y1, y2] = year.split('-').map(Number)
  const lastYear = await createFund(prisma, { academicYear: `${y1 - 1}-${y2 - 1}`, kinds: ['exchange'] })
  const conferenceOnly = await createFund(prisma, { academicYear: year, kinds: ['conference'] })
  const retired = await createFund(prisma, { academicYear: year, kinds: ['exchange'], retiredAt: new Date() })
  expect(fieldErrors(await save(cookie, 'new', { ...fields, fundId: lastYear.id })).fundId).toEqual(['adminConfig.error.fundYear'])
  expect(fieldErrors(await save(cookie, 'new', { ...fields, fundId: conferenceOnly.id })).fundId).toEqual(['adminConfig.error.fundKind'])
  expect(fieldErrors(await save(cookie, 'new', { ...fields, fundId: retired.id })).fundId).toEqual(['adminConfig.error.fundUnknown'])
  expect(await prisma.program.count()).toBe(0)
})

it('retires a program: gone from the catalogue and its page, back when brought back', async () => {
  const { cookie } = await signIn()
  const program = await createProgram(prisma, { partnerId: (await createPartner(prisma)).id })
  expect((await searchPrograms({})).map((p) => p.id)).toEqual([program.id])
  await save(cookie, program.id, { intent: 'retire' })
  expect(await searchPrograms({})).toEqual([])
  expect(await getProgram(program.id)).toBeNull()
  await save(cookie, program.id, { intent: 'unretire' })
  expect((await getProgram(program.id))?.id).toBe(program.id)
  const audits = await prisma.auditEvent.findMany({ where: { entityId: program.id }, orderBy: { id: 'asc' } })
  expect(audits.map((a) => a.action)).toEqual(['program.retire', 'program.unretire'])
})
