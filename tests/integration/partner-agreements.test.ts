// Partner agreements (decision 23): places per year across a partner's programs, enforced by the
// one door; the renewal list and its reminder; programs closed when every agreement has ended;
// the agreement's edit page.
import { beforeEach, describe, expect, test } from 'vitest'
import { academicYearOf } from '~/domain/academic-year'
import { addDays, shanghaiDate, shanghaiNoon } from '~/domain/dates'
import { sendAgreementRenewalReminders } from '~/jobs/agreement-renewal-reminders.server'
import { toSessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { partnerAgreements, renewalList } from '~/models/admin/agreements.server'
import { startApplication } from '~/models/application.server'
import { getProgram } from '~/models/program.server'
import { applyCommand } from '~/models/status-change.server'
import { action as editAgreement } from '~/routes/admin.agreements.$agreementId'
import { action as signedAction, loader as signedLoader } from '~/routes/admin.agreements.$agreementId.signed'
import { headObject, listObjects } from '~/lib/storage.server'
import { pdf, png1x1, sha256 } from '../support/files'
import { createAgreement, createCollege, createPartner, createProgram, createStudent, createUser } from '../factories'
import { applicationIn, reviewWorld } from '../factories/review-world'
import { fieldErrors, getRequest, postRequest, run, savedId, signIn } from '../support/admin'
import { resetDatabase } from '../support/db'
import { uniqueEmail } from '../support/mail-catcher'

beforeEach(() => resetDatabase())

const today = () => shanghaiDate(new Date())
const day = (offset: number) => shanghaiNoon(addDays(today(), offset))

const approve = (
  office: { id: string; roles: readonly string[] },
  application: { id: string; status: 'college_endorsed'; version: number },
) =>
  prisma.$transaction((tx) =>
    applyCommand(tx, { actor: { id: office.id, roles: ['office_reviewer'] }, application, command: 'office_approve' }),
  )

describe('places per year', () => {
  test("approving past the partner's places out, across its programs, is refused with the places and the year", async () => {
    const w = await reviewWorld()
    const partner = await createPartner(prisma, { placesOut: 2 })
    const [spring, summer] = await Promise.all([
      createProgram(prisma, { partnerId: partner.id, quota: 5 }),
      createProgram(prisma, { partnerId: partner.id, quota: 5 }),
    ])
    await applicationIn(w, 'approved', { programId: spring.id })
    const second = await applicationIn(w, 'college_endorsed', { programId: summer.id, student: w.studentY })
    expect(await approve(w.office, { id: second.id, status: 'college_endorsed', version: second.version })).toMatchObject({
      ok: true,
      status: 'approved',
    })

    const third = await applicationIn(w, 'college_endorsed', { programId: spring.id, student: w.studentY })
    const refused = await approve(w.office, { id: third.id, status: 'college_endorsed', version: third.version })
    expect(refused).toEqual({ ok: false, error: 'rv.error.partnerPlaces', params: { places: 2, year: spring.academicYear } })
    expect((await prisma.application.findUniqueOrThrow({ where: { id: third.id } })).status).toBe('college_endorsed')

    // The office's "over quota" confirmation is about the program's quota, not the agreement's places.
    const overQuota = await prisma.$transaction((tx) =>
      applyCommand(tx, {
        actor: { id: w.office.id, roles: ['office_reviewer'] },
        application: { id: third.id, status: 'college_endorsed', version: third.version },
        command: 'office_approve',
        overQuota: true,
      }),
    )
    expect(overQuota).toMatchObject({ ok: false, error: 'rv.error.partnerPlaces' })

    // A renewal adds no places to the year: the latest exchange agreement counts, not both.
    await createAgreement(prisma, { partnerId: partner.id, startsOn: day(-10), endsOn: day(1000), placesOut: 3 })
    expect(await approve(w.office, { id: third.id, status: 'college_endorsed', version: third.version })).toMatchObject({ ok: true })
    expect(await partnerAgreements(partner.id)).toMatchObject({
      balance: { year: academicYearOf(new Date()), sent: 3, placesOut: 3, left: 0 },
    })
  })

  test('a partner whose agreements name no places, and a program without a partner, have no limit', async () => {
    const w = await reviewWorld()
    const partner = await createPartner(prisma)
    await createAgreement(prisma, { partnerId: partner.id, placesOut: null })
    const program = await createProgram(prisma, { partnerId: partner.id, quota: 5 })
    for (const student of [w.studentX, w.studentY]) {
      const a = await applicationIn(w, 'college_endorsed', { programId: program.id, student })
      expect(await approve(w.office, { id: a.id, status: 'college_endorsed', version: a.version })).toMatchObject({ ok: true })
    }
  })
})

describe('renewal', () => {
  test('agreements ending within 90 days are listed, soonest first; the office hears once about each', async () => {
    const partner = await createPartner(prisma, { nameEn: 'Warsaw' })
    const soon = await createAgreement(prisma, { partnerId: partner.id, endsOn: day(30), placesOut: 4 })
    const later = await createAgreement(prisma, { partnerId: partner.id, type: 'dual_degree', endsOn: day(89) })
    await createAgreement(prisma, { partnerId: partner.id, endsOn: day(120) })
    await createAgreement(prisma, { partnerId: partner.id, endsOn: day(-1) })
    await createAgreement(prisma, { partnerId: partner.id, endsOn: day(10), retiredAt: new Date() })
    expect((await renewalList()).map((a) => a.id)).toEqual([soon.id, later.id])

    const office = await createUser(prisma, { roles: ['office_reviewer'], email: uniqueEmail('office'), locale: 'en' })
    await createUser(prisma, { roles: ['office_reviewer'], email: uniqueEmail('gone'), deactivatedAt: new Date() })
    await createUser(prisma, { roles: ['college_reviewer'], email: uniqueEmail('college') })
    expect(await sendAgreementRenewalReminders()).toBe(2)
    expect(await sendAgreementRenewalReminders()).toBe(0)
    const mails = await prisma.outboxMessage.findMany({ where: { template: 'agreement-renewal' }, orderBy: { createdAt: 'asc' } })
    expect(mails.map((m) => m.toAddress)).toEqual([office.email, office.email])
    expect(mails[0].payload).toMatchObject({ partner: 'Warsaw', type: 'exchange', endsOn: addDays(today(), 30) })
  })
})

describe('an ended agreement', () => {
  test("closes the partner's programs to new applications, until a new agreement is recorded", async () => {
    const college = await createCollege(prisma)
    const student = toSessionUser(await createStudent(prisma, { collegeId: college.id }))
    const partner = await createPartner(prisma)
    await createAgreement(prisma, { partnerId: partner.id, startsOn: day(-800), endsOn: day(-1) })
    const program = await createProgram(prisma, { partnerId: partner.id })
    expect(await getProgram(program.id)).toMatchObject({ agreementEnded: true })
    expect(await startApplication(student, program.id)).toEqual({ ok: false, error: 'apply.agreementEnded' })

    await createAgreement(prisma, { partnerId: partner.id, startsOn: day(0), endsOn: day(365) })
    expect(await getProgram(program.id)).toMatchObject({ agreementEnded: false })
    expect(await startApplication(student, program.id)).toMatchObject({ ok: true })
  })
})

test('an agreement naming colleges lets only their students apply', async () => {
  const [cs, ee] = [await createCollege(prisma), await createCollege(prisma)]
  const partner = await createPartner(prisma)
  await createAgreement(prisma, { partnerId: partner.id, colleges: { connect: [{ id: cs.id }] } })
  const program = await createProgram(prisma, { partnerId: partner.id })
  const student = async (collegeId: string) => toSessionUser(await createStudent(prisma, { collegeId }))
  expect(await startApplication(await student(ee.id), program.id)).toEqual({ ok: false, error: 'apply.agreementCollege' })
  expect(await startApplication(await student(cs.id), program.id)).toMatchObject({ ok: true })
})

describe('the agreement page', () => {
  const save = (cookie: string, id: string, fields: Record<string, string | string[]>) =>
    run(editAgreement, postRequest(cookie, `/admin/agreements/${id}`, fields), { agreementId: id })

  test('records an agreement with its colleges, audited; refuses an end before the start and a stale edit', async () => {
    const { user, cookie } = await signIn()
    const partner = await createPartner(prisma)
    const college = await createCollege(prisma)
    const valid = {
      partnerId: partner.id,
      type: 'joint_training',
      startsOn: '2026-09-01',
      endsOn: '2031-08-31',
      placesOut: '5',
      colleges: college.id,
    }
    const id = savedId(await save(cookie, 'new', valid))
    const saved = await prisma.partnerAgreement.findUniqueOrThrow({ where: { id }, include: { colleges: true } })
    expect(saved).toMatchObject({ type: 'joint_training', placesOut: 5, placesIn: null, version: 1 })
    expect(saved.colleges.map((c) => c.id)).toEqual([college.id])
    expect(shanghaiDate(saved.endsOn)).toBe('2031-08-31')
    expect(await prisma.auditEvent.count({ where: { action: 'agreement.create', entityId: id, actorId: user.id } })).toBe(1)

    const bad = await save(cookie, 'new', { ...valid, endsOn: '2026-08-01' })
    expect(bad.status).toBe(400)
    expect(fieldErrors(bad).endsOn).toEqual(['adminConfig.error.agreementEnd'])

    savedId(await save(cookie, id, { ...valid, placesOut: '6', version: '1' }))
    const stale = await save(cookie, id, { ...valid, placesOut: '7', version: '1' })
    expect(stale.status).toBe(400)
    expect(fieldErrors(stale)['']).toEqual(['agreements.error.stale'])
    const unknown = await save(cookie, 'new', { ...valid, colleges: 'nosuchcollege00000001' })
    expect(fieldErrors(unknown).colleges).toEqual(['agreements.error.college'])
    expect((await prisma.partnerAgreement.findUniqueOrThrow({ where: { id } })).placesOut).toBe(6)
  })
})

describe('the signed copy', () => {
  const upload = (cookie: string, id: string, file: Buffer, name: string) => {
    const body = new FormData()
    body.append('file', new Blob([new Uint8Array(file)]), name)
    return run(
      signedAction,
      new Request(`http://localhost/admin/agreements/${id}/signed`, { method: 'POST', headers: { Cookie: cookie }, body }),
      {
        agreementId: id,
      },
    )
  }

  test('is stored on S3 as a PDF, replaces the earlier copy, and downloads for the administrator; other files are refused', async () => {
    const { cookie } = await signIn()
    const partner = await createPartner(prisma)
    const agreement = await createAgreement(prisma, { partnerId: partner.id })
    expect(await upload(cookie, agreement.id, pdf({ text: 'first' }), '协议.pdf')).toMatchObject({
      status: 302,
      location: `/admin/agreements/${agreement.id}?signed=uploaded`,
    })
    const first = await prisma.partnerAgreement.findUniqueOrThrow({ where: { id: agreement.id } })
    expect(first).toMatchObject({ signedName: '协议.pdf', version: 2 })
    expect(await headObject(first.signedKey!)).not.toBeNull()

    expect((await upload(cookie, agreement.id, png1x1, 'scan.png')).location).toBe(`/admin/agreements/${agreement.id}?signed=refused`)
    expect((await prisma.partnerAgreement.findUniqueOrThrow({ where: { id: agreement.id } })).signedKey).toBe(first.signedKey)

    const second = pdf({ text: 'second' })
    await upload(cookie, agreement.id, second, 'signed.pdf')
    const now = await prisma.partnerAgreement.findUniqueOrThrow({ where: { id: agreement.id } })
    expect(now).toMatchObject({ signedName: 'signed.pdf', signedSha256: sha256(second) })
    expect(await headObject(first.signedKey!)).toBeNull() // the replaced copy is gone
    const stored = []
    for await (const page of listObjects(`agreements/${agreement.id}/`)) stored.push(...page)
    expect(stored).toHaveLength(1)

    const response = await signedLoader({
      request: getRequest(cookie, `/admin/agreements/${agreement.id}/signed`),
      params: { agreementId: agreement.id },
      context: {} as never,
    })
    expect(response.headers.get('Content-Type')).toBe('application/pdf')
    expect(Buffer.from(await response.arrayBuffer()).equals(second)).toBe(true)
    expect(await prisma.auditEvent.count({ where: { action: 'agreement.signed', entityId: agreement.id } })).toBe(2)
  })
})
