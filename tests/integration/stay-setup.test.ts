// The office's set-up of the stay (decision 22, amendment): a kind's checklist and education saved
// from the set-up page's forms reach a student whose stay is already open; the quiz written as text
// is refused naming its line; students and college reviewers may not configure.
import { beforeEach, describe, expect, test } from 'vitest'
import type { Actor } from '~/domain/access'
import { toSessionUser, type SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { parseForm } from '~/lib/form.server'
import { applyCommand } from '~/models/status-change.server'
import { saveChecklist, saveEducation, staySetup } from '~/models/stay-setup.server'
import { stayPageData } from '~/models/stay.server'
import { staySetupActionSchema, type ChecklistInput, type EducationInput } from '~/schemas/stay-setup'
import { createApplication, createCollege, createProgram, createStudent, createUser } from '../factories'
import { resetDatabase } from '../support/db'
import { uniqueEmail } from '../support/mail-catcher'

function read(entries: [string, string][]) {
  const fd = new FormData()
  for (const [k, v] of entries) fd.append(k, v)
  const submission = parseForm(fd, { schema: staySetupActionSchema })
  if (submission.status !== 'success') throw new Error(`form refused: ${JSON.stringify(submission.error)}`)
  return submission.value
}
function form(entries: [string, string][]): ChecklistInput {
  const value = read(entries)
  if (value.intent !== 'checklist') throw new Error('not a checklist')
  return value
}
function educationOf(entries: [string, string][]): EducationInput {
  const value = read(entries)
  if (value.intent !== 'education') throw new Error('not an education')
  return value
}

const quizText = `? 遇紧急情况先联系谁？ | Whom do you call first?
* 驻外使领馆 | The embassy or consulate
- 朋友 | A friend

? 护照应当？ | Your passport should be?
- 交给他人 | Given away
* 妥善保管 | Kept safe`

async function world() {
  const college = await createCollege(prisma)
  const student = toSessionUser(await createStudent(prisma, { collegeId: college.id, email: uniqueEmail('student'), level: 'master' }))
  const office = toSessionUser(await createUser(prisma, { email: uniqueEmail('office'), roles: ['office_reviewer'] }))
  const collegeReviewer = toSessionUser(
    await createUser(prisma, { email: uniqueEmail('college'), roles: ['college_reviewer'], collegeId: college.id }),
  )
  const program = await createProgram(prisma, { kind: 'exchange', levels: ['undergraduate', 'master'] })
  const application = await createApplication(prisma, {
    applicantId: student.id,
    programId: program.id,
    status: 'college_endorsed',
    submittedAt: new Date(),
    details: { startDate: '2027-03-01', endDate: '2027-07-31' },
  })
  const approved = await prisma.$transaction((tx) => applyCommand(tx, { actor: office, application, command: 'office_approve' }))
  expect(approved).toMatchObject({ ok: true, status: 'approved' })
  return { student, office, collegeReviewer, application }
}

const checklistForm = form([
  ['intent', 'checklist'],
  ['kind', 'exchange'],
  ['required', 'itinerary'],
  ['required', 'insurance'],
  ['required', 'guardian_consent'],
  ['days.itinerary', '30'],
  ['days.insurance', '10'],
  ['levels.insurance', 'master'],
  ['levels.guardian_consent', 'undergraduate'],
  ['days.guardian_consent', '5'],
])

const educationForm = (quiz: string) =>
  educationOf([
    ['intent', 'education'],
    ['kind', 'exchange'],
    ['materialZh', '行前须知\r\n第二段'],
    ['materialEn', 'Before you go'],
    ['passPercent', '50'],
    ['quiz', quiz],
  ])

describe('the office sets up the stay', () => {
  beforeEach(resetDatabase)

  test('a saved checklist and quiz reach a student whose stay is already open, with audit rows', async () => {
    const { student, office, application } = await world()
    const before = await stayPageData(student.id, application.id)
    expect(before?.lines.map((l) => l.item)).toContain('pledge')

    expect(await saveChecklist(office, checklistForm)).toEqual({ ok: true })
    expect(await saveEducation(office, educationForm(quizText))).toEqual({ ok: true })

    const after = await stayPageData(student.id, application.id)
    // A master's student: the itinerary 30 days before, the insurance 10 days before; not the guardian's consent.
    expect(after?.lines.map((l) => [l.item, l.dueOn])).toEqual([
      ['itinerary', '2027-01-30'],
      ['insurance', '2027-02-19'],
    ])
    expect(after?.education).toMatchObject({ materialZh: '行前须知\n第二段', passPercent: 50 })
    expect(after?.education?.questions).toEqual([
      expect.objectContaining({ promptEn: 'Whom do you call first?', answer: 0 }),
      expect.objectContaining({ choicesEn: ['Given away', 'Kept safe'], answer: 1 }),
    ])

    // The page shows it back, the quiz in the text it was written in.
    const setup = await staySetup(office, 'exchange')
    expect(setup?.configured).toBe(true)
    expect(setup?.rows.find((r) => r.item === 'insurance')).toEqual({
      item: 'insurance',
      required: true,
      levels: ['master'],
      daysBeforeStart: 10,
    })
    expect(setup?.rows.find((r) => r.item === 'pledge')?.required).toBe(false)
    expect(setup?.education?.quiz).toBe(quizText)

    const audits = await prisma.auditEvent.findMany({ where: { actorId: office.id, entityId: 'exchange' } })
    expect(audits.map((a) => a.action).sort()).toEqual(['stay.checklist.configured', 'stay.education.configured'])
    expect(audits.find((a) => a.action === 'stay.checklist.configured')).toMatchObject({ before: [], after: expect.any(Array) })

    // Saving again replaces the kind's rows (no duplicates), the audit keeping what was.
    expect(
      await saveChecklist(
        office,
        form([
          ['intent', 'checklist'],
          ['kind', 'exchange'],
          ['required', 'pledge'],
        ]),
      ),
    ).toEqual({ ok: true })
    expect((await stayPageData(student.id, application.id))?.lines.map((l) => [l.item, l.dueOn])).toEqual([['pledge', '2027-02-22']])
    const changes = await prisma.auditEvent.findMany({ where: { action: 'stay.checklist.configured' } })
    expect(changes.map((a) => [(a.before as unknown[]).length, (a.after as unknown[]).length]).sort()).toEqual([
      [0, 3],
      [3, 1],
    ])
  })

  test('a malformed quiz is refused naming its line, and nothing is written', async () => {
    const { office } = await world()
    const refused = await saveEducation(office, educationForm(quizText.replace('* 妥善保管 | Kept safe', '- 妥善保管 | Kept safe')))
    expect(refused).toEqual({
      ok: false,
      error: 'form.fixErrors',
      fields: { quiz: { key: 'stay.setup.quiz.correct', params: { line: 5 } } },
    })
    expect(await prisma.departureEducation.count()).toBe(0)
  })

  test('an empty checklist is refused (it would read as the default one)', async () => {
    const { office } = await world()
    expect(
      await saveChecklist(
        office,
        form([
          ['intent', 'checklist'],
          ['kind', 'exchange'],
        ]),
      ),
    ).toMatchObject({
      ok: false,
      error: 'stay.setup.error.noneRequired',
    })
    expect(await prisma.departureRequirement.count()).toBe(0)
  })

  test('out-of-range days and pass marks are refused by the form', () => {
    const fd = new FormData()
    for (const [k, v] of [
      ['intent', 'checklist'],
      ['kind', 'exchange'],
      ['required', 'pledge'],
      ['days.pledge', '366'],
    ])
      fd.append(k!, v!)
    expect(parseForm(fd, { schema: staySetupActionSchema }).status).toBe('error')
    const ed = new FormData()
    for (const [k, v] of [
      ['intent', 'education'],
      ['kind', 'exchange'],
      ['materialZh', 'a'],
      ['materialEn', 'a'],
      ['quiz', quizText],
      ['passPercent', '0'],
    ])
      ed.append(k!, v!)
    expect(parseForm(ed, { schema: staySetupActionSchema }).status).toBe('error')
  })

  test('a student and a college reviewer may not configure', async () => {
    const { student, collegeReviewer } = await world()
    for (const actor of [student, collegeReviewer] as (SessionUser & Actor)[]) {
      expect(await staySetup(actor, 'exchange')).toBeNull()
      expect(await saveChecklist(actor, checklistForm)).toMatchObject({ ok: false, error: 'error.forbidden.body' })
      expect(await saveEducation(actor, educationForm(quizText))).toMatchObject({ ok: false, error: 'error.forbidden.body' })
    }
    expect(await prisma.departureRequirement.count()).toBe(0)
    expect(await prisma.departureEducation.count()).toBe(0)
  })
})
