import { beforeEach, expect, it } from 'vitest'
import { prisma } from '~/lib/db.server'
import { catalogueFacets } from '~/models/program.server'
import { action as editPartner } from '~/routes/admin.partners.$partnerId'
import { createPartner } from '../factories'
import { fieldErrors, postRequest, run, savedId, signIn } from '../support/admin'
import { resetDatabase } from '../support/db'

beforeEach(() => resetDatabase())

const valid = {
  nameZh: '东京大学',
  nameEn: 'The University of Tokyo',
  countryCode: 'jp',
  countryZh: '日本',
  countryEn: 'Japan',
  region: 'asia',
  tier: 'comprehensive',
  beltAndRoad: 'on',
  memberships: 'china_poland_alliance',
}

const save = (cookie: string, id: string, fields: Record<string, string>) =>
  run(editPartner, postRequest(cookie, `/admin/partners/${id}`, fields), { partnerId: id })

it('creates a partner with its tier, Belt and Road flag and memberships, audited', async () => {
  const { user, cookie } = await signIn()
  const id = savedId(await save(cookie, 'new', valid))
  const partner = await prisma.partnerInstitution.findUniqueOrThrow({ where: { id } })
  expect(partner).toMatchObject({
    countryCode: 'JP',
    tier: 'comprehensive',
    beltAndRoad: true,
    memberships: ['china_poland_alliance'],
    region: 'asia',
  })
  expect(await prisma.auditEvent.count({ where: { action: 'partner.create', entityId: id, actorId: user.id } })).toBe(1)

  const { beltAndRoad: _, memberships: __, ...rest } = valid
  savedId(await save(cookie, id, { ...rest, tier: 'close' }))
  expect(await prisma.partnerInstitution.findUniqueOrThrow({ where: { id } })).toMatchObject({
    tier: 'close',
    beltAndRoad: false,
    memberships: [],
  })
  const update = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'partner.update', entityId: id } })
  expect(update.before).toMatchObject({ tier: 'comprehensive', beltAndRoad: true })
  expect(update.after).toMatchObject({ tier: 'close', beltAndRoad: false })
})

it('refuses an unknown country code, tier or membership, naming each field', async () => {
  const { cookie } = await signIn()
  for (const [fields, field, message] of [
    [{ countryCode: 'XX' }, 'countryCode', 'adminConfig.error.countryCode'],
    [{ countryCode: 'JPN' }, 'countryCode', 'adminConfig.error.countryCode'],
    [{ tier: 'platinum' }, 'tier', 'form.invalidChoice'],
    [{ memberships: 'g7' }, 'memberships[0]', 'form.invalidChoice'],
  ] as const) {
    const outcome = await save(cookie, 'new', { ...valid, ...fields })
    expect(outcome.status, JSON.stringify(fields)).toBe(400)
    expect(fieldErrors(outcome)[field], JSON.stringify(fields)).toEqual([message])
  }
  expect(await prisma.partnerInstitution.count()).toBe(0)
})

it('retires a partner: its country leaves the catalogue filters until it is brought back', async () => {
  const { cookie } = await signIn()
  const partner = await createPartner(prisma, { countryCode: 'FI', countryEn: 'Finland', countryZh: '芬兰' })
  expect((await catalogueFacets()).countries.map((c) => c.code)).toEqual(['FI'])
  await save(cookie, partner.id, { intent: 'retire' })
  expect((await catalogueFacets()).countries).toEqual([])
  await save(cookie, partner.id, { intent: 'unretire' })
  expect((await catalogueFacets()).countries.map((c) => c.code)).toEqual(['FI'])
  expect(await prisma.auditEvent.count({ where: { entityType: 'partner', entityId: partner.id } })).toBe(2)
})
