// A selection round on the real database: ranked choices, the ranking by the round's formula, the
// allocation (proposed, adjusted by hand, confirmed), the announcement counted in Chinese working
// days, objections that hold offers back, offers and the reserve list by rank, and the lists.
import { beforeEach, describe, expect, test } from 'vitest'
import { DEFAULT_SCORE_FORMULA } from '~/domain/selection-score'
import { toSessionUser, type SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { checkReadiness, findOwnApplication, saveDraft, withdrawApplication } from '~/models/application.server'
import { accessFor } from '~/models/access.server'
import { answerObjection, lodgeObjection, publishedAllocation } from '~/models/round-announcement.server'
import { assignReviewer, assignRoundReviewers } from '~/models/round-assignments.server'
import { reviewQueue } from '~/models/queue.server'
import { chooseInRound } from '~/models/round-application.server'
import { nominationCsv, rankedListCsv } from '~/models/round-nominations.server'
import { answerOffer, closeFinishedRounds, lapseOffers, sendOffers } from '~/models/round-offers.server'
import { roundPageData } from '~/models/round-page.server'
import {
  adjustAllocation,
  confirmAllocation,
  proposeAllocation,
  roundRanking,
  roundStandings,
  setCollegeQuota,
} from '~/models/round-selection.server'
import { openRound, rescheduleRound } from '~/models/rounds.server'
import { applyCommand } from '~/models/status-change.server'
import { createCollege, createPartner, createProgram, createStudent, createUser } from '../factories'
import { uploadPdf } from '../factories/documents'
import { resetDatabase } from '../support/db'
import { parseQueueFilters } from '~/schemas/queue'
import { uniqueEmail } from '../support/mail-catcher'

// The round takes applications in September 2026; it is announced on 30 September, so its five
// working days skip the National Day holiday (1 to 8 October 2026) and count Saturday 10 October,
// a make-up working day.
const inWindow = new Date('2026-09-10T10:00:00+08:00')
const afterClose = new Date('2026-09-29T10:00:00+08:00')
const announcedOn = new Date('2026-09-30T10:00:00+08:00')
const lastAnnouncementDay = new Date('2026-10-13T16:00:00+08:00')
const afterAnnouncement = new Date('2026-10-14T09:00:00+08:00')
const beforeDeadline = new Date('2026-10-20T09:00:00+08:00')
const afterDeadline = new Date('2028-01-02T09:00:00+08:00')

let office: SessionUser

async function world() {
  const college = await createCollege(prisma)
  office = toSessionUser(await createUser(prisma, { email: uniqueEmail('office'), roles: ['office_reviewer'] }))
  const partner = await createPartner(prisma, { nameEn: 'TU Munich', placesOut: 10 })
  const munich = await createProgram(prisma, { academicYear: '2026-2027', quota: 1, partnerId: partner.id, titleEn: 'Munich' })
  const lyon = await createProgram(prisma, { academicYear: '2026-2027', quota: 1, titleEn: 'Lyon' })
  const oslo = await createProgram(prisma, { academicYear: '2026-2027', quota: 1, titleEn: 'Oslo' })
  const opened = await openRound(office, {
    titleZh: '2027 春季交换',
    titleEn: '2027 spring exchange',
    kind: 'exchange',
    academicYear: '2026-2027',
    opensOn: '2026-09-01',
    closesOn: '2026-09-25',
    offerDeadlineOn: '2027-12-31',
    maxChoices: 3,
    announcementDays: 5,
    formula: { ...DEFAULT_SCORE_FORMULA, weights: { gpa: 100, language: 0, rubric: 0, interview: 0 } },
    programIds: [munich.id, lyon.id, oslo.id],
  })
  if (!opened.ok) throw new Error(opened.error)
  const student = async (name: string) =>
    toSessionUser(await createStudent(prisma, { collegeId: college.id, email: uniqueEmail(name), nameEn: name, level: 'undergraduate' }))
  return { college, partner, munich, lyon, oslo, roundId: opened.roundId, student }
}
type World = Awaited<ReturnType<typeof world>>

/** A student applies with choices and the college endorses them with a GPA (the whole score here). */
async function endorsedApplicant(w: World, name: string, gpa: number, choices: string[]) {
  const user = await w.student(name)
  const chosen = await chooseInRound(user, w.roundId, choices, inWindow)
  if (!chosen.ok) throw new Error(chosen.error)
  await prisma.application.update({
    where: { id: chosen.applicationId },
    data: { status: 'college_endorsed', submittedAt: inWindow, details: { kind: 'exchange', gpa, gpaScale: '4.0' } },
  })
  return { user, applicationId: chosen.applicationId }
}

const statusOf = async (id: string) => (await prisma.application.findUniqueOrThrow({ where: { id } })).status
const programOf = async (id: string) => (await prisma.application.findUniqueOrThrow({ where: { id } })).programId

beforeEach(resetDatabase)

describe('ranked choices', () => {
  test('a student applies once in a round with up to its number of choices, each once, each of the round', async () => {
    const w = await world()
    const user = await w.student('A')
    const outside = await createProgram(prisma, { academicYear: '2026-2027' })
    expect(await chooseInRound(user, w.roundId, [], inWindow)).toEqual({ ok: false, error: 'round.error.noChoice' })
    expect(await chooseInRound(user, w.roundId, [w.munich.id, w.munich.id], inWindow)).toEqual({
      ok: false,
      error: 'round.error.repeatedChoice',
    })
    expect(await chooseInRound(user, w.roundId, [w.munich.id, outside.id], inWindow)).toEqual({
      ok: false,
      error: 'round.error.notInRound',
    })
    expect(await chooseInRound(user, w.roundId, [w.munich.id], afterClose)).toEqual({ ok: false, error: 'round.error.notOpen' })
    const first = await chooseInRound(user, w.roundId, [w.lyon.id, w.munich.id], inWindow)
    const again = await chooseInRound(user, w.roundId, [w.oslo.id, w.lyon.id], inWindow)
    expect(first.ok && again.ok && first.applicationId === again.applicationId).toBe(true)
    const application = await prisma.application.findFirstOrThrow({
      where: { applicantId: user.id },
      include: { choices: { orderBy: { rank: 'asc' } } },
    })
    expect(application.choices.map((c) => c.programId)).toEqual([w.oslo.id, w.lyon.id])
    expect(application.programId).toBe(w.oslo.id)
    // One application of a kind a year: another exchange elsewhere keeps the student out of the round.
    const other = await w.student('B')
    await prisma.application.create({
      data: { kind: 'exchange', programId: outside.id, applicantId: other.id, collegeId: w.college.id, academicYear: '2026-2027' },
    })
    expect(await chooseInRound(other, w.roundId, [w.munich.id], inWindow)).toEqual({ ok: false, error: 'round.error.inTheWay' })
  })

  test("the checklist asks for every choice's documents, whichever the allocation picks", async () => {
    const w = await world()
    await prisma.program.update({ where: { id: w.lyon.id }, data: { requiredDocuments: ['passport', 'recommendation'] } })
    const user = await w.student('A')
    const chosen = await chooseInRound(user, w.roundId, [w.munich.id, w.lyon.id], inWindow)
    if (!chosen.ok) throw new Error(chosen.error)
    const readiness = async () => {
      const application = await findOwnApplication(user.id, chosen.applicationId)
      return checkReadiness(application!, user, inWindow)
    }
    // Munich (first choice) keeps the default list; Lyon adds a recommendation, required.
    expect((await readiness()).checklist).toContainEqual({ kind: 'recommendation', required: true })
    expect((await readiness()).missingDocuments).toContain('recommendation')
    await uploadPdf(user, chosen.applicationId, 'recommendation')
    expect((await readiness()).missingDocuments).not.toContain('recommendation')
    // Lyon dropped from the choices: its document is no longer asked for.
    await chooseInRound(user, w.roundId, [w.munich.id, w.oslo.id], inWindow)
    expect((await readiness()).checklist.map((i) => i.kind)).not.toContain('recommendation')
  })

  test('the student answers the questions of every program they rank; a required one holds the submission', async () => {
    const w = await world()
    const why = { id: 'q1', zh: '为什么选里昂？', en: 'Why Lyon?', required: true }
    await prisma.program.update({ where: { id: w.lyon.id }, data: { questions: [why] } })
    await prisma.program.update({
      where: { id: w.munich.id },
      data: { questions: [{ ...why, id: 'q2', en: 'Why Munich?', required: false }] },
    })
    const user = await w.student('A')
    const chosen = await chooseInRound(user, w.roundId, [w.munich.id, w.lyon.id], inWindow)
    if (!chosen.ok) throw new Error(chosen.error)
    const readiness = async () => checkReadiness((await findOwnApplication(user.id, chosen.applicationId))!, user, inWindow)
    const before = await readiness()
    expect(before.questions.map((p) => [p.id, p.questions.map((q) => q.id)])).toEqual([
      [w.munich.id, ['q2']],
      [w.lyon.id, ['q1']],
    ])
    expect(before.fieldErrors.programAnswers).toEqual(['application.error.questionsUnanswered|{"count":1}'])
    // Answers to a program not chosen, or to a question not asked, are not kept.
    const saved = await saveDraft(user, chosen.applicationId, {
      kind: 'exchange',
      programAnswers: { [w.lyon.id]: { q1: '美食与实验室。', q3: 'not asked' }, [w.oslo.id]: { q1: 'not chosen' } },
    })
    expect(saved.ok).toBe(true)
    const stored = await prisma.application.findUniqueOrThrow({ where: { id: chosen.applicationId } })
    expect((stored.details as { programAnswers: unknown }).programAnswers).toEqual({ [w.lyon.id]: { q1: '美食与实验室。' } })
    expect((await readiness()).fieldErrors.programAnswers).toBeUndefined()
  })

  test("a college reviewer sees a round application's score and rank only once their own review is in; the office ranks by them", async () => {
    const w = await world()
    const a = await endorsedApplicant(w, 'A', 3.9, [w.munich.id])
    const reviewer = async (name: string) =>
      toSessionUser(await createUser(prisma, { email: uniqueEmail(name), roles: ['college_reviewer'], collegeId: w.college.id }))
    const [first, second] = [await reviewer('first'), await reviewer('second')]
    const scores = { academicRecord: 5, language: 4, studyPlan: 5, partnerFit: 4 }
    await prisma.review.create({
      data: { applicationId: a.applicationId, reviewerId: first.id, stage: 'college', scores, submittedAt: inWindow },
    })
    expect(await roundStandings(second, [a.applicationId])).toEqual({})
    // A review begun but not submitted does not count as one's own.
    await prisma.review.create({ data: { applicationId: a.applicationId, reviewerId: second.id, stage: 'college', scores } })
    expect(await roundStandings(second, [a.applicationId])).toEqual({})
    await prisma.review.updateMany({ where: { reviewerId: second.id }, data: { submittedAt: inWindow } })
    expect(await roundStandings(second, [a.applicationId])).toEqual({ [a.applicationId]: { rank: 1, score: expect.any(Number) } })
    expect(await roundStandings(first, [a.applicationId])).toEqual({ [a.applicationId]: { rank: 1, score: expect.any(Number) } })
    expect(await roundStandings(office, [a.applicationId])).toEqual({ [a.applicationId]: { rank: 1, score: expect.any(Number) } })
  })

  test('a student sees their own choices on the round page, never the ranking nor anyone else', async () => {
    const w = await world()
    const a = await endorsedApplicant(w, 'A', 3.9, [w.munich.id])
    await endorsedApplicant(w, 'B', 3.5, [w.munich.id])
    const page = await roundPageData(a.user, w.roundId, afterClose)
    expect(page!.office).toBeNull()
    expect(page!.student!.choices.map((c) => c.programId)).toEqual([w.munich.id])
    expect(JSON.stringify(page)).not.toContain('"B"')
  })
})

describe("the round's dates", () => {
  test('the office moves the close of applications (its programs follow) and the deadline until the allocation is confirmed', async () => {
    const w = await world()
    const version = async () => (await prisma.selectionRound.findUniqueOrThrow({ where: { id: w.roundId } })).version
    const schedule = { closesOn: '2026-10-09', offerDeadlineOn: '2027-01-15', announcementDays: 7 }
    const student = await w.student('S')
    expect(await rescheduleRound(student, w.roundId, { ...schedule, version: await version() })).toEqual({
      ok: false,
      error: 'round.error.notFound',
    })
    expect(await rescheduleRound(office, w.roundId, { ...schedule, version: (await version()) + 1 })).toEqual({
      ok: false,
      error: 'round.error.staleSchedule',
    })
    expect(await rescheduleRound(office, w.roundId, { ...schedule, closesOn: '2026-08-31', version: await version() })).toEqual({
      ok: false,
      error: 'round.error.closesBeforeOpens',
    })
    expect(await rescheduleRound(office, w.roundId, { ...schedule, version: await version() })).toEqual({ ok: true })
    const round = await prisma.selectionRound.findUniqueOrThrow({ where: { id: w.roundId }, include: { programs: true } })
    expect(round.closesAt).toEqual(new Date('2026-10-09T23:59:59.999+08:00'))
    expect(round.offerDeadline).toEqual(new Date('2027-01-15T23:59:59.999+08:00'))
    expect(round.announcementDays).toBe(7)
    expect(round.programs.map((p) => p.closesAt)).toEqual(round.programs.map(() => round.closesAt))
    // Applications are taken until the new close: the old one has passed.
    expect((await chooseInRound(student, w.roundId, [w.munich.id], afterClose)).ok).toBe(true)
    expect(await prisma.auditEvent.count({ where: { action: 'round.schedule', entityId: w.roundId } })).toBe(1)

    // Once the allocation is confirmed and announced, the dates are fixed.
    await prisma.application.updateMany({ where: { roundId: w.roundId }, data: { status: 'college_endorsed', submittedAt: inWindow } })
    const afterNewClose = new Date('2026-10-10T10:00:00+08:00')
    expect(await proposeAllocation(office, w.roundId, afterNewClose)).toEqual({ ok: true })
    expect(await confirmAllocation(office, w.roundId, await version(), afterNewClose)).toEqual({ ok: true })
    expect(await rescheduleRound(office, w.roundId, { ...schedule, version: await version() })).toEqual({
      ok: false,
      error: 'round.error.scheduleFixed',
    })
  })
})

describe('ranking and allocation', () => {
  test('ranks by the formula, places best first in the highest choice with room, and keeps the rest in rank order in reserve', async () => {
    const w = await world()
    const low = await endorsedApplicant(w, 'Low', 3.0, [w.munich.id, w.lyon.id])
    const top = await endorsedApplicant(w, 'Top', 3.9, [w.munich.id, w.lyon.id])
    const mid = await endorsedApplicant(w, 'Mid', 3.5, [w.munich.id, w.lyon.id])
    expect(await roundStandings(office, [low.applicationId, top.applicationId])).toEqual({
      [top.applicationId]: { rank: 1, score: 97.5 },
      [low.applicationId]: { rank: 3, score: 75 },
    })
    expect((await roundRanking(w.roundId)).map((r) => [r.applicant.nameEn, r.rank])).toEqual([
      ['Top', 1],
      ['Mid', 2],
      ['Low', 3],
    ])
    expect(await proposeAllocation(office, w.roundId, inWindow)).toEqual({ ok: false, error: 'round.error.notAllocating' })
    expect(await proposeAllocation(office, w.roundId, afterClose)).toEqual({ ok: true })
    const page = await roundPageData(office, w.roundId, afterClose)
    const rows = new Map(page!.office!.rows.map((r) => [r.id, r]))
    expect(rows.get(top.applicationId)!.placed).toMatchObject({ programId: w.munich.id, choice: 1 })
    expect(rows.get(mid.applicationId)!.placed).toMatchObject({ programId: w.lyon.id, choice: 2 })
    expect(rows.get(low.applicationId)!.placed).toBeNull()
    expect(rows.get(low.applicationId)!.reserve).toBe(1)

    // The office places Low in Oslo by hand, with a reason in the audit; the rerun keeps it.
    const adjusted = await adjustAllocation(
      office,
      w.roundId,
      { applicantId: low.applicationId, programId: w.oslo.id, reason: 'Interview' },
      afterClose,
    )
    expect(adjusted).toEqual({ ok: true })
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'round.adjust' } })
    expect(audit.reason).toBe('Interview')
    await proposeAllocation(office, w.roundId, afterClose)
    const again = await roundPageData(office, w.roundId, afterClose)
    expect(again!.office!.rows.find((r) => r.id === low.applicationId)!.placed).toMatchObject({ programId: w.oslo.id, choice: 0 })
  })

  test('a student is never placed in a choice they are not eligible for: it is passed over', async () => {
    const w = await world()
    await prisma.program.update({ where: { id: w.munich.id }, data: { requirements: { minGpa: 3.5 } } })
    const low = await endorsedApplicant(w, 'Low', 3.0, [w.munich.id, w.lyon.id])
    await proposeAllocation(office, w.roundId, afterClose)
    const page = await roundPageData(office, w.roundId, afterClose)
    expect(page!.office!.rows.find((r) => r.id === low.applicationId)!.placed).toEqual({
      applicantId: low.applicationId,
      programId: w.lyon.id,
      choice: 2,
    })
  })

  test("a college's quota in a program keeps its students out once reached; the quota is the office's to set", async () => {
    const w = await world()
    const top = await endorsedApplicant(w, 'Top', 3.9, [w.lyon.id, w.oslo.id])
    expect(await setCollegeQuota(top.user, w.roundId, { programId: w.lyon.id, collegeId: w.college.id, places: 0 }, afterClose)).toEqual({
      ok: false,
      error: 'round.error.notFound',
    })
    expect(await setCollegeQuota(office, w.roundId, { programId: w.lyon.id, collegeId: w.college.id, places: 0 }, afterClose)).toEqual({
      ok: true,
    })
    await proposeAllocation(office, w.roundId, afterClose)
    const page = await roundPageData(office, w.roundId, afterClose)
    expect(page!.office!.rows.find((r) => r.id === top.applicationId)!.placed).toMatchObject({ programId: w.oslo.id, choice: 2 })
    expect(page!.office!.quotas).toEqual([{ programId: w.lyon.id, collegeId: w.college.id, places: 0 }])
  })

  test("confirming announces the list for five working days after National Day; a stale page's confirmation is refused", async () => {
    const w = await world()
    const top = await endorsedApplicant(w, 'Top', 3.9, [w.lyon.id])
    await proposeAllocation(office, w.roundId, afterClose)
    const { version } = await prisma.selectionRound.findUniqueOrThrow({ where: { id: w.roundId } })
    expect(await confirmAllocation(office, w.roundId, version - 1, announcedOn)).toEqual({ ok: false, error: 'round.error.stale' })
    // A student endorsed after the proposal changes the allocation: the office looks at the new one first.
    const late = await endorsedApplicant(w, 'Late', 4.0, [w.lyon.id])
    expect(await confirmAllocation(office, w.roundId, version, announcedOn)).toEqual({ ok: false, error: 'round.error.changed' })
    await prisma.application.update({ where: { id: late.applicationId }, data: { status: 'rejected' } })
    await proposeAllocation(office, w.roundId, afterClose)
    const again = await prisma.selectionRound.findUniqueOrThrow({ where: { id: w.roundId } })
    expect(await confirmAllocation(office, w.roundId, again.version, announcedOn)).toEqual({ ok: true })
    const round = await prisma.selectionRound.findUniqueOrThrow({ where: { id: w.roundId } })
    expect(round.phase).toBe('announced')
    expect(round.announcementEndsOn).toBe('2026-10-13')
    expect(await programOf(top.applicationId)).toBe(w.lyon.id)
    // Published to everyone signed in: name, college and program only.
    const published = await publishedAllocation(w.roundId)
    expect(published!.rows).toEqual([
      {
        name: expect.objectContaining({ nameEn: 'Top' }),
        college: expect.any(Object),
        program: expect.objectContaining({ titleEn: 'Lyon' }),
      },
    ])
    expect(Object.keys(published!.rows[0].name).sort()).toEqual(['nameEn', 'nameZh'])
    // Allocation is over once announced.
    expect(await proposeAllocation(office, w.roundId, afterAnnouncement)).toEqual({ ok: false, error: 'round.error.notAllocating' })
  })
})

describe('objections and offers', () => {
  async function announced(w: World) {
    const top = await endorsedApplicant(w, 'Top', 3.9, [w.munich.id, w.lyon.id])
    const mid = await endorsedApplicant(w, 'Mid', 3.5, [w.munich.id])
    const low = await endorsedApplicant(w, 'Low', 3.0, [w.munich.id, w.lyon.id])
    const lower = await endorsedApplicant(w, 'Lower', 2.8, [w.lyon.id])
    await proposeAllocation(office, w.roundId, afterClose)
    const { version } = await prisma.selectionRound.findUniqueOrThrow({ where: { id: w.roundId } })
    await confirmAllocation(office, w.roundId, version, announcedOn)
    return { top, mid, low, lower }
  }

  test('offers wait for the end of the announcement and for every objection to be answered', async () => {
    const w = await world()
    const { low } = await announced(w)
    expect(await sendOffers(office, w.roundId, lastAnnouncementDay)).toEqual({ ok: false, error: 'round.error.announcementRunning' })
    expect(await lodgeObjection(low.user, w.roundId, 'My GPA was read wrong', lastAnnouncementDay)).toEqual({ ok: true })
    expect(await lodgeObjection(low.user, w.roundId, 'Too late', afterAnnouncement)).toEqual({
      ok: false,
      error: 'round.error.announcementOver',
    })
    expect(await sendOffers(office, w.roundId, afterAnnouncement)).toEqual({ ok: false, error: 'round.error.objectionOpen' })
    const objection = await prisma.objection.findFirstOrThrow()
    expect(await answerObjection(low.user, w.roundId, objection.id, 'I answer myself')).toEqual({
      ok: false,
      error: 'round.error.notFound',
    })
    expect(await answerObjection(office, w.roundId, objection.id, 'Checked: the GPA is right')).toEqual({ ok: true })
    expect(await answerObjection(office, w.roundId, objection.id, 'Twice')).toEqual({ ok: false, error: 'round.error.answered' })
    expect(await sendOffers(office, w.roundId, afterAnnouncement)).toEqual({ ok: true, offered: 2, reserve: 2 })
    const emails = await prisma.outboxMessage.findMany({ where: { template: 'round-offer' } })
    expect(emails).toHaveLength(2)
    // The two on the reserve list are told their rank on it, and until when places go down it.
    const reserve = await prisma.outboxMessage.findMany({ where: { template: 'decision-waitlisted' } })
    expect(reserve.map((m) => (m.payload as { reserve?: { rank: number } }).reserve?.rank).sort()).toEqual([1, 2])
  })

  test('a declined place goes to the best-ranked on the reserve list who chose it, not the longest waiting; acceptance is an approval', async () => {
    const w = await world()
    const { top, mid, low, lower } = await announced(w)
    // Lower went on the reserve list before Low would (by time); Low ranks higher.
    await sendOffers(office, w.roundId, afterAnnouncement)
    expect(await statusOf(top.applicationId)).toBe('offered')
    expect(await statusOf(mid.applicationId)).toBe('waitlisted')
    await prisma.application.update({ where: { id: lower.applicationId }, data: { statusChangedAt: new Date('2026-01-01') } })
    const lyonHolder = (await prisma.application.findMany({ where: { roundId: w.roundId, status: 'offered', programId: w.lyon.id } }))[0]
    expect(lyonHolder.id).toBe(low.applicationId)
    const seen = await prisma.application.findUniqueOrThrow({ where: { id: top.applicationId } })
    expect(await answerOffer(top.user, top.applicationId, seen, false, beforeDeadline)).toEqual({ ok: true, status: 'withdrawn' })
    // Munich's place: Mid (rank 2) chose Munich; Lower did not. Mid is offered Munich.
    expect(await statusOf(mid.applicationId)).toBe('offered')
    expect(await programOf(mid.applicationId)).toBe(w.munich.id)
    expect(await statusOf(lower.applicationId)).toBe('waitlisted')
    const midSeen = await prisma.application.findUniqueOrThrow({ where: { id: mid.applicationId } })
    expect(await answerOffer(mid.user, mid.applicationId, midSeen, true, beforeDeadline)).toEqual({ ok: true, status: 'approved' })
    // Someone else cannot answer it.
    const lowSeen = await prisma.application.findUniqueOrThrow({ where: { id: low.applicationId } })
    expect(await answerOffer(mid.user, low.applicationId, lowSeen, true, beforeDeadline)).toEqual({
      ok: false,
      error: 'round.error.notFound',
    })
    // The office's one-by-one approval is not the round's way.
    const csv = await nominationCsv(office, w.roundId, w.partner.id, false)
    expect(csv).toContain('Mid')
    expect(csv).not.toContain('Top')
    expect(await rankedListCsv(office, w.roundId, 'en')).toMatch(/Rank,Student/)
  })

  test("an offer not answered by the round's deadline lapses; after it nothing is answered or offered", async () => {
    const w = await world()
    const { low, lower } = await announced(w)
    await sendOffers(office, w.roundId, afterAnnouncement)
    expect(await statusOf(low.applicationId)).toBe('offered')
    const seen = await prisma.application.findUniqueOrThrow({ where: { id: low.applicationId } })
    expect(await answerOffer(low.user, low.applicationId, seen, true, afterDeadline)).toEqual({
      ok: false,
      error: 'round.error.offerClosed',
    })
    expect(await lapseOffers(afterDeadline)).toBeGreaterThanOrEqual(1)
    expect(await statusOf(low.applicationId)).toBe('withdrawn')
    // Nobody could answer an offer made now: Lower, next on the reserve list for Lyon, is not offered it.
    expect(await statusOf(lower.applicationId)).toBe('waitlisted')
    // The round closes: the reserve list hears it got no place.
    expect(await closeFinishedRounds(afterDeadline)).toBe(1)
    expect(await statusOf(lower.applicationId)).toBe('rejected')
    expect((await prisma.selectionRound.findUniqueOrThrow({ where: { id: w.roundId } })).phase).toBe('closed')
    expect(await prisma.outboxMessage.count({ where: { template: 'decision-rejected' } })).toBeGreaterThan(0)
  })

  test('offers are not made after the deadline; a place whose student left before the offers goes down the reserve list', async () => {
    const w = await world()
    const { top, mid } = await announced(w)
    expect(await sendOffers(office, w.roundId, afterDeadline)).toEqual({ ok: false, error: 'round.error.offerClosed' })
    // Top (placed in Munich) withdraws during the announcement: Munich is offered to Mid, who chose it.
    await withdrawApplication(top.user, top.applicationId, 'Changed my mind')
    expect(await sendOffers(office, w.roundId, afterAnnouncement)).toMatchObject({ ok: true })
    expect(await statusOf(mid.applicationId)).toBe('offered')
    expect(await programOf(mid.applicationId)).toBe(w.munich.id)
  })

  test('one person keeps at most three objections waiting', async () => {
    const w = await world()
    const { low } = await announced(w)
    for (let i = 0; i < 3; i++)
      expect(await lodgeObjection(low.user, w.roundId, `Objection ${i}`, lastAnnouncementDay)).toEqual({ ok: true })
    expect(await lodgeObjection(low.user, w.roundId, 'A fourth', lastAnnouncementDay)).toEqual({
      ok: false,
      error: 'round.error.tooManyObjections',
    })
  })

  test('a withdrawal of an accepted place also passes it down the reserve list', async () => {
    const w = await world()
    const { top, mid } = await announced(w)
    await sendOffers(office, w.roundId, afterAnnouncement)
    const seen = await prisma.application.findUniqueOrThrow({ where: { id: top.applicationId } })
    await answerOffer(top.user, top.applicationId, seen, true, beforeDeadline)
    expect(await statusOf(top.applicationId)).toBe('approved')
    const withdrawn = await withdrawApplication(top.user, top.applicationId, 'Visa refused')
    expect(withdrawn.ok).toBe(true)
    expect(await statusOf(mid.applicationId)).toBe('offered')
  })
})

describe('reviewers', () => {
  test('balanced assignment keeps a reviewer the application names off, whom the office may assign only with a reason', async () => {
    const college = await createCollege(prisma)
    const office = toSessionUser(await createUser(prisma, { email: uniqueEmail('office'), roles: ['office_reviewer'] }))
    const reviewer = (nameZh: string, nameEn: string) =>
      createUser(prisma, { email: uniqueEmail('reviewer'), roles: ['college_reviewer'], collegeId: college.id, nameZh, nameEn }).then(
        toSessionUser,
      )
    const supervisor = await reviewer('张三', 'ZHANG San')
    const other = await reviewer('李四', 'LI Si')
    const third = await reviewer('王五', 'WANG Wu')
    const program = await createProgram(prisma, { kind: 'joint_training', academicYear: '2026-2027', levels: ['doctoral'] })
    const opened = await openRound(office, {
      titleZh: '联合培养',
      titleEn: 'Joint training',
      kind: 'joint_training',
      academicYear: '2026-2027',
      opensOn: '2026-09-01',
      closesOn: '2026-09-25',
      offerDeadlineOn: '2027-12-31',
      maxChoices: 1,
      announcementDays: 5,
      formula: DEFAULT_SCORE_FORMULA,
      programIds: [program.id],
    })
    if (!opened.ok) throw new Error(opened.error)
    const student = toSessionUser(await createStudent(prisma, { collegeId: college.id, email: uniqueEmail('phd'), level: 'doctoral' }))
    const chosen = await chooseInRound(student, opened.roundId, [program.id], inWindow)
    if (!chosen.ok) throw new Error(chosen.error)
    // The student names their home supervisor in pinyin; the reviewer's name is in characters.
    await prisma.application.update({
      where: { id: chosen.applicationId },
      data: { status: 'submitted', submittedAt: inWindow, details: { kind: 'joint_training', homeSupervisor: 'Zhang San' } },
    })

    expect(await assignRoundReviewers(office, opened.roundId)).toEqual({ ok: true, assigned: 1, keptOff: 1 })
    const assigned = await prisma.reviewAssignment.findMany({ where: { applicationId: chosen.applicationId } })
    expect(assigned.map((a) => a.reviewerId)).not.toContain(supervisor.id)
    // Kept off: the access policy hides the application from them; the others see it assigned first.
    const hidden = await prisma.application.findMany({
      where: { AND: [{ id: chosen.applicationId }, (await accessFor(supervisor)).where('staff')] },
    })
    expect(hidden).toEqual([])
    const assignee = [other, third].find((r) => r.id === assigned[0].reviewerId)!
    // Listed with the student's, the program's and the round's names in both languages.
    expect((await reviewQueue(assignee, parseQueueFilters(new URLSearchParams(), 'submitted'))).assigned).toEqual([
      {
        id: chosen.applicationId,
        applicant: { nameZh: student.nameZh, nameEn: student.nameEn },
        program: { titleZh: program.titleZh, titleEn: program.titleEn },
        round: { titleZh: '联合培养', titleEn: 'Joint training' },
      },
    ])
    // Running it again assigns nobody twice.
    expect(await assignRoundReviewers(office, opened.roundId)).toMatchObject({ ok: true, assigned: 0 })

    const byHand = { applicationId: chosen.applicationId, reviewerId: supervisor.id }
    expect(await assignReviewer(office, opened.roundId, { ...byHand, overrideReason: null })).toEqual({
      ok: false,
      error: 'round.error.conflict',
    })
    expect(await assignReviewer(office, opened.roundId, { ...byHand, overrideReason: 'Only specialist in the field' })).toEqual({
      ok: true,
    })
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'review.assign', reason: { not: null } } })
    expect(audit.reason).toBe('Only specialist in the field')
    const visible = await prisma.application.findMany({
      where: { AND: [{ id: chosen.applicationId }, (await accessFor(supervisor)).where('staff')] },
    })
    expect(visible).toHaveLength(1)
  })
})

describe('conflicts detected on submission', () => {
  test('a college reviewer a conference application names as co-author cannot open it once it is submitted', async () => {
    const college = await createCollege(prisma)
    const coAuthor = toSessionUser(
      await createUser(prisma, {
        email: uniqueEmail('coauthor'),
        roles: ['college_reviewer'],
        collegeId: college.id,
        nameZh: '李四',
        nameEn: 'LI Si',
      }),
    )
    const other = toSessionUser(
      await createUser(prisma, {
        email: uniqueEmail('other'),
        roles: ['college_reviewer'],
        collegeId: college.id,
        nameZh: '王五',
        nameEn: 'WANG Wu',
      }),
    )
    const program = await createProgram(prisma, { kind: 'conference' })
    const student = await createStudent(prisma, { collegeId: college.id, email: uniqueEmail('author') })
    const application = await prisma.application.create({
      data: {
        kind: 'conference',
        programId: program.id,
        applicantId: student.id,
        collegeId: college.id,
        academicYear: program.academicYear,
        details: { kind: 'conference', authors: 'ZHANG San, Li Si' },
      },
    })
    const submitted = await prisma.$transaction((tx) =>
      applyCommand(tx, { actor: { id: student.id, roles: ['student'] }, application, command: 'submit' }),
    )
    expect(submitted.ok).toBe(true)
    const reachable = async (reviewer: SessionUser) =>
      prisma.application.count({ where: { AND: [{ id: application.id }, (await accessFor(reviewer)).where('staff')] } })
    expect(await reachable(coAuthor)).toBe(0)
    expect(await reachable(other)).toBe(1)
    const review = await prisma.review.findFirstOrThrow({ where: { applicationId: application.id, reviewerId: coAuthor.id } })
    expect(review).toMatchObject({ conflict: true, detectedConflict: [{ role: 'coAuthor', name: 'Li Si' }] })
  })
})
