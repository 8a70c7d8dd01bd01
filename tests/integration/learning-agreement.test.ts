// Learning agreements (decision 26) against the real database: who may do what (the approver of
// another college, a college reviewer, the student deciding), version guards, the emails, the
// computed total and the dashboard's figures agreeing with it, and the CSV kept safe from formulas.
import { beforeAll, describe, expect, test } from 'vitest'
import { toSessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { creditFigures } from '~/models/credit-figures.server'
import { setExportLayout } from '~/models/export-layout.server'
import { setGradeScale } from '~/models/grade-scales.server'
import {
  addLine,
  approverAgreementPage,
  approverQueue,
  decideLine,
  enterGrades,
  recognisedCredits,
  recogniseLine,
  startVersion,
  studentAgreementPage,
  submitVersion,
} from '~/models/learning-agreement.server'
import { recognisedCoursesCsv } from '~/models/recognised-courses.server'
import { createApplication, createCollege, createPartner, createProgram, createStudent, createUser } from '../factories'
import { uploadPdf } from '../factories/documents'
import { resetDatabase } from '../support/db'
import { uniqueEmail } from '../support/mail-catcher'

const line = (hostCode: string, homeCreditTenths: number, hostTitle = 'Course') => ({
  hostCode,
  hostTitle,
  hostCreditTenths: 50,
  term: 'WS 2026',
  homeCode: 'H1',
  homeTitle: 'Home',
  homeCreditTenths,
})

async function world() {
  const [college, other] = await Promise.all([createCollege(prisma), createCollege(prisma)])
  const student = toSessionUser(
    await createStudent(prisma, { collegeId: college.id, email: uniqueEmail('la-student'), studentNumber: `S${Date.now()}` }),
  )
  const approver = toSessionUser(
    await createUser(prisma, { email: uniqueEmail('la-approver'), roles: ['academic_approver'], collegeId: college.id }),
  )
  const outsider = toSessionUser(
    await createUser(prisma, { email: uniqueEmail('la-outsider'), roles: ['academic_approver'], collegeId: other.id }),
  )
  const reviewer = toSessionUser(await createUser(prisma, { roles: ['college_reviewer'], collegeId: college.id }))
  const admin = toSessionUser(await createUser(prisma, { roles: ['admin'] }))
  const partner = await createPartner(prisma, { countryCode: 'FR' })
  const program = await createProgram(prisma, { kind: 'exchange', partnerId: partner.id })
  const application = await createApplication(prisma, {
    applicantId: student.id,
    programId: program.id,
    status: 'approved',
    submittedAt: new Date(),
  })
  await prisma.stay.create({ data: { applicationId: application.id, startsOn: new Date('2026-09-01'), endsOn: new Date('2027-01-31') } })
  return { college, student, approver, outsider, reviewer, admin, partner, application }
}

const latest = (applicationId: string) =>
  prisma.learningAgreementVersion.findFirstOrThrow({
    where: { applicationId },
    orderBy: { no: 'desc' },
    include: { lines: { orderBy: { position: 'asc' } } },
  })

let w: Awaited<ReturnType<typeof world>>
beforeAll(async () => {
  await resetDatabase()
  w = await world()
})

describe('a learning agreement', () => {
  test('is edited by its student only, decided by its college’s approver only, version-guarded', async () => {
    expect(await addLine(w.student, w.application.id, { version: 0, line: line('A1', 30) })).toEqual({ ok: true })
    let v = await latest(w.application.id)
    // A stale page (the version it was drawn with) is refused, nothing written.
    expect(await addLine(w.student, w.application.id, { version: v.version + 5, line: line('X', 10) })).toMatchObject({
      error: 'la.error.stale',
    })
    expect(await addLine(w.student, w.application.id, { version: v.version, line: line('B2', 25) })).toEqual({ ok: true })
    expect(await addLine(w.student, w.application.id, { version: v.version + 1, line: line('C3', 10) })).toEqual({ ok: true })
    // Nobody else edits it.
    expect(await addLine(w.approver, w.application.id, { version: 0, line: line('Z', 10) })).toMatchObject({ error: 'error.notFound.body' })

    v = await latest(w.application.id)
    expect(await submitVersion(w.student, w.application.id, { version: v.version })).toEqual({ ok: true })
    // The approvers of its college are emailed; the other college's approver is not.
    const mails = await prisma.outboxMessage.findMany({ where: { template: 'learning-agreement-submitted' } })
    expect(mails.map((m) => m.toAddress)).toEqual([w.approver.email])
    // A submitted version is not edited.
    v = await latest(w.application.id)
    expect(await addLine(w.student, w.application.id, { version: v.version, line: line('D4', 10) })).toMatchObject({
      error: 'la.error.notDraft',
    })

    const decide = (actor: typeof w.approver, lineId: string, decision: 'approved' | 'rejected', comment?: string) =>
      latest(w.application.id).then((cur) =>
        decideLine(actor, w.application.id, { versionId: cur.id, version: cur.version, lineId, decision, comment }),
      )
    // The other college's approver, the college reviewer, the student: not found.
    expect(await decide(w.outsider, v.lines[0].id, 'approved')).toMatchObject({ error: 'error.notFound.body' })
    expect(await decide(w.reviewer, v.lines[0].id, 'approved')).toMatchObject({ error: 'error.notFound.body' })
    expect(await decide(w.student, v.lines[0].id, 'approved')).toMatchObject({ error: 'error.notFound.body' })
    expect(await approverAgreementPage(w.outsider, w.application.id)).toBeNull()
    expect(await approverQueue(w.outsider)).toEqual([])
    // A rejection needs a comment.
    expect(await decide(w.approver, v.lines[2].id, 'rejected')).toMatchObject({ error: 'la.error.commentRequired' })
    // Two approvers on one drawn page: the second is refused as stale.
    const drawn = await latest(w.application.id)
    expect(
      await decideLine(w.approver, w.application.id, {
        versionId: drawn.id,
        version: drawn.version,
        lineId: v.lines[0].id,
        decision: 'approved',
      }),
    ).toEqual({ ok: true })
    expect(
      await decideLine(w.approver, w.application.id, {
        versionId: drawn.id,
        version: drawn.version,
        lineId: v.lines[1].id,
        decision: 'approved',
      }),
    ).toMatchObject({
      error: 'la.error.stale',
    })
    expect(await decide(w.approver, v.lines[1].id, 'approved')).toEqual({ ok: true })
    expect(await decide(w.approver, v.lines[2].id, 'rejected', 'Not equivalent')).toEqual({ ok: true })
    expect((await latest(w.application.id)).status).toBe('decided')
    const told = await prisma.outboxMessage.findMany({ where: { template: 'learning-agreement-decided' } })
    expect(told.map((m) => [m.toAddress, (m.payload as { approved: number }).approved])).toEqual([[w.student.email, 2]])
  })

  test('changes in a new version carrying the approved lines; the earlier version stays as it was', async () => {
    const v1 = await latest(w.application.id)
    expect(await startVersion(w.student, w.application.id, { version: v1.version })).toEqual({ ok: true })
    // A second click from the same page: stale.
    expect(await startVersion(w.student, w.application.id, { version: v1.version })).toMatchObject({ error: 'la.error.openVersion' })
    const v2 = await latest(w.application.id)
    expect(v2.no).toBe(2)
    expect(v2.lines.map((l) => [l.hostCode, l.decision])).toEqual([
      ['A1', 'pending'],
      ['B2', 'pending'],
    ])
    const again = await prisma.learningAgreementVersion.findFirstOrThrow({ where: { id: v1.id }, include: { lines: true } })
    expect(again.lines.map((l) => l.decision).sort()).toEqual(['approved', 'approved', 'rejected'])
    expect(await submitVersion(w.student, w.application.id, { version: v2.version })).toEqual({ ok: true })
    for (const l of v2.lines) {
      const cur = await latest(w.application.id)
      expect(
        await decideLine(w.approver, w.application.id, { versionId: cur.id, version: cur.version, lineId: l.id, decision: 'approved' }),
      ).toEqual({ ok: true })
    }
    const page = await studentAgreementPage(w.student, w.application.id)
    expect(page?.versions.map((v) => [v.no, v.status])).toEqual([
      [2, 'decided'],
      [1, 'decided'],
    ])
    expect(page?.plannedTenths).toBe(55)
  })

  test('is recognised after return from the transcript with the country’s scale; the total is computed', async () => {
    const cur = await latest(w.application.id)
    const [a1, b2] = cur.lines
    expect(await enterGrades(w.student, w.application.id, { version: cur.version, grades: { [a1.id]: '15' } })).toMatchObject({
      error: 'la.error.notReturned',
    })
    await prisma.stay.update({ where: { applicationId: w.application.id }, data: { returnedAt: new Date() } })
    expect(await enterGrades(w.student, w.application.id, { version: cur.version, grades: { [a1.id]: '15' } })).toMatchObject({
      error: 'la.error.noTranscript',
    })
    await uploadPdf(w.student, w.application.id, 'host_transcript')
    expect(await enterGrades(w.student, w.application.id, { version: cur.version, grades: { [a1.id]: '15', [b2.id]: '@SUM(1)' } })).toEqual(
      {
        ok: true,
      },
    )

    const recognise = async (lineId: string) => {
      const v = await latest(w.application.id)
      return recogniseLine(w.approver, w.application.id, { versionId: v.id, version: v.version, lineId })
    }
    expect(await recognise(a1.id)).toMatchObject({ error: 'la.error.noScale' })
    expect(await setGradeScale(w.admin, { scope: 'country', countryCode: 'FR', bands: '14-20 = 优秀\n10-13.99 = 及格' })).toEqual({
      ok: true,
    })
    expect(await recognise(b2.id)).toEqual({ ok: false, error: 'la.error.noBand', params: { grade: '@SUM(1)' } })
    expect(await recognise(a1.id)).toEqual({ ok: true })
    // The other college's approver cannot.
    const v = await latest(w.application.id)
    expect(await recogniseLine(w.outsider, w.application.id, { versionId: v.id, version: v.version, lineId: b2.id })).toMatchObject({
      error: 'error.notFound.body',
    })
    expect(await recognisedCredits(w.application.id)).toBe(30)

    // The partner's own scale comes before its country's.
    expect(await setGradeScale(w.admin, { scope: 'partner', partnerId: w.partner.id, bands: '@SUM(1) = 60' })).toEqual({ ok: true })
    expect(await recognise(b2.id)).toEqual({ ok: true })
    expect(await recognisedCredits(w.application.id)).toBe(55)
    const [figures] = await creditFigures({ year: w.application.academicYear, college: w.college.id })
    expect(figures).toMatchObject({ agreements: 1, plannedTenths: 55, recognisedTenths: 55 })
  })

  test('exports the recognised courses in the admin’s order, formulas kept as text, for the approver’s college only', async () => {
    expect(await setExportLayout(w.admin, 'recognised-courses', ['hostCode', 'hostGrade', 'homeCredits', 'homeGrade'])).toEqual({
      ok: true,
    })
    expect(await setExportLayout(w.admin, 'recognised-courses', ['voucher'])).toMatchObject({
      fields: { columns: 'exportLayout.error.unknown' },
    })
    const csv = await recognisedCoursesCsv(w.approver, w.application.academicYear, 'en')
    expect(
      csv
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n'),
    ).toEqual(['Host course code,Host grade,Home credits,Home grade', 'A1,15,3,优秀', "B2,'@SUM(1),2.5,60"])
    const outsiders = await recognisedCoursesCsv(w.outsider, w.application.academicYear, 'en')
    expect(
      outsiders
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n'),
    ).toHaveLength(1)
  })
})
