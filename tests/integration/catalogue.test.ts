import { beforeEach, describe, expect, it } from 'vitest'
import { prisma } from '~/lib/db.server'
import { getProgram, searchPrograms } from '~/models/program.server'
import { createApplication, createPartner, createProgram, createStudent } from '../factories'
import { resetDatabase } from '../support/db'

const DAY = 24 * 3600 * 1000
const now = new Date()
const at = (days: number) => new Date(now.getTime() + days * DAY)

beforeEach(() => resetDatabase())

describe('searchPrograms', () => {
  async function catalogue() {
    const munich = await createPartner(prisma, { nameZh: '慕尼黑工业大学', nameEn: 'TU Munich', countryCode: 'DE', tier: 'comprehensive' })
    const opole = await createPartner(prisma, {
      nameZh: '奥波莱大学',
      nameEn: 'University of Opole',
      countryCode: 'PL',
      countryZh: '波兰',
      countryEn: 'Poland',
      tier: 'close',
      beltAndRoad: true,
    })
    const kazan = await createPartner(prisma, {
      nameEn: 'Kazan Federal University',
      countryCode: 'RU',
      tier: 'general',
      beltAndRoad: true,
      region: 'europe',
    })
    return {
      munich: await createProgram(prisma, {
        titleEn: 'Munich spring',
        partnerId: munich.id,
        levels: ['undergraduate', 'master'],
        closesAt: at(20),
      }),
      opole: await createProgram(prisma, { titleEn: 'Opole summer school', partnerId: opole.id, closesAt: at(5) }),
      kazan: await createProgram(prisma, {
        titleEn: 'Kazan joint training',
        kind: 'joint_training',
        partnerId: kazan.id,
        levels: ['doctoral'],
        closesAt: at(-2),
      }),
      conference: await createProgram(prisma, {
        titleEn: 'Conference funding',
        kind: 'conference',
        levels: ['master', 'doctoral'],
        quota: null,
        closesAt: at(200),
      }),
      future: await createProgram(prisma, { titleEn: 'Not yet open', partnerId: munich.id, opensAt: at(3), closesAt: at(40) }),
      retired: await createProgram(prisma, { titleEn: 'Retired', retiredAt: new Date(), closesAt: at(10) }),
    }
  }
  const titles = async (filters: Parameters<typeof searchPrograms>[0]) => (await searchPrograms(filters, now)).map((p) => p.titleEn)

  it('lists open programs by closing date, then the closed ones, never retired ones', async () => {
    await catalogue()
    expect(await titles({})).toEqual(['Opole summer school', 'Munich spring', 'Not yet open', 'Conference funding', 'Kazan joint training'])
  })

  it('filters by kind, level, country, tier, Belt and Road and open now', async () => {
    await catalogue()
    expect(await titles({ kind: 'joint_training' })).toEqual(['Kazan joint training'])
    expect(await titles({ level: 'master' })).toEqual(['Munich spring', 'Conference funding'])
    expect(await titles({ country: 'PL' })).toEqual(['Opole summer school'])
    expect(await titles({ tier: 'comprehensive' })).toEqual(['Munich spring', 'Not yet open'])
    expect(await titles({ beltAndRoad: true })).toEqual(['Opole summer school', 'Kazan joint training'])
    expect(await titles({ openNow: true })).toEqual(['Opole summer school', 'Munich spring', 'Conference funding'])
    expect(await titles({ beltAndRoad: true, openNow: true })).toEqual(['Opole summer school'])
  })

  it('searches titles, partner names and countries in both languages, case-insensitively', async () => {
    await catalogue()
    expect(await titles({ q: 'munich' })).toEqual(['Munich spring', 'Not yet open'])
    expect(await titles({ q: '奥波莱' })).toEqual(['Opole summer school'])
    expect(await titles({ q: '波兰' })).toEqual(['Opole summer school'])
    expect(await titles({ q: "'; drop table" })).toEqual([])
  })

  it('counts places left as the quota does: funding check, approved and completed applications hold one', async () => {
    const { munich } = await catalogue()
    for (const status of [
      'funding_check',
      'approved',
      'completed',
      'submitted',
      'college_endorsed',
      'waitlisted',
      'rejected',
      'withdrawn',
    ] as const) {
      const student = await createStudent(prisma)
      await createApplication(prisma, { applicantId: student.id, programId: munich.id, status })
    }
    const program = await getProgram(munich.id)
    expect(program?.quota).toBe(5)
    expect(program?.placesTaken).toBe(3)
    expect(program?.placesLeft).toBe(2)
    // The list says the same as the program's page; a program without a quota has no places left to count down.
    const listed = await searchPrograms({}, now)
    expect(listed.find((p) => p.id === munich.id)).toMatchObject({ placesTaken: 3, placesLeft: 2 })
    expect(listed.find((p) => p.titleEn === 'Conference funding')).toMatchObject({ placesLeft: null })
  })
})
