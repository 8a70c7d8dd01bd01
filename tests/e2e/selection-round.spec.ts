import type { Page } from '@playwright/test'
import { academicYearOf } from '../../app/domain/academic-year'
import { addDays, shanghaiDate } from '../../app/domain/dates'
import { createPartner, createStudent, createUser } from '../factories'
import { waitForEmail } from '../support/mail-catcher'
import { expect, login, MAIL_CATCHER_URL, test, zh } from './fixtures'
import { collegeId, db, makeProgram, statusOf, uniqueTag } from './review-helpers'

// A whole selection round, as the office, three students and two college reviewers live it: the
// office opens the round; the students rank their choices; reviewers are assigned, one kept off
// because the student names him as supervisor; the scores rank the students; the allocation places
// two and keeps one in reserve; the list is announced for five working days; an objection holds
// the offers back until answered; the first student declines and the reserve student is offered
// the place; the emails arrive; and the partner's nomination list downloads.
// The steps that take weeks (applications closing, the announcement ending) are moved in the
// database. The announcement skips a week of holiday the administrator enters in the calendar; the
// real National Day of 2026 is counted in tests/integration/selection-round.test.ts.

const year = academicYearOf(new Date())
const today = shanghaiDate(new Date())

async function doctoralStudent(tag: string, name: string) {
  return createStudent(db(), {
    email: `round.${name.toLowerCase()}.${tag.toLowerCase()}@example.edu.cn`,
    studentNumber: `RD${name}${tag}`.slice(0, 20),
    collegeId: await collegeId('CS'),
    nameZh: `${name}同学${tag}`,
    nameEn: `${name.toUpperCase()} ${tag}`,
    level: 'doctoral',
  })
}

async function choose(page: Page, roundId: string, titles: readonly string[]) {
  await page.goto(`/rounds/${roundId}`)
  for (const [i, title] of titles.entries()) await page.getByLabel(zh('round.choose.rank', { rank: i + 1 })).selectOption({ label: title })
  await page.getByRole('button', { name: zh('round.choose.start') }).click()
  await expect(page).toHaveURL(/\/student\/applications\/\w+/)
}

test('a selection round: choices, assignment with a detected conflict, ranking, allocation, announcement, objection, offers and the reserve list', async ({
  page,
  newContext,
  allowConsoleErrors,
}) => {
  test.slow()
  // The office's refused offers answer 409, as they should.
  allowConsoleErrors(/status of 409 \(Conflict\).*\/rounds\//)
  const tag = uniqueTag()
  const partner = await createPartner(db(), { nameZh: `伙伴大学${tag}`, nameEn: `Partner University ${tag}`, placesOut: 10 })
  const program = (name: string, partnerId: string | null) =>
    makeProgram({
      kind: 'joint_training',
      academicYear: year,
      levels: ['doctoral'],
      quota: 1,
      partnerId,
      titleZh: `${name}${tag}`,
      titleEn: `${name} ${tag}`,
    })
  const [alpha, beta, gamma] = [await program('阿尔法', partner.id), await program('贝塔', partner.id), await program('伽马', null)]
  const top = await doctoralStudent(tag, 'Top')
  const mid = await doctoralStudent(tag, 'Mid')
  const low = await doctoralStudent(tag, 'Low')
  const reviewer = (nameZh: string, nameEn: string) =>
    createUser(db(), {
      email: `round.reviewer.${nameEn.split(' ')[0].toLowerCase()}.${tag.toLowerCase()}@example.edu.cn`,
      roles: ['college_reviewer'],
      collegeId: top.collegeId,
      nameZh,
      nameEn,
    })
  const supervisor = await reviewer(`张导${tag}`, `ZHANG Dao${tag}`)
  await reviewer(`李审${tag}`, `LI Shen${tag}`)

  // The office opens the round over its three programs.
  const office = await (await newContext()).newPage()
  await login(office, 'office@demo.edu.cn')
  await office.goto(`/rounds/new?kind=joint_training&year=${year}`)
  await office.getByLabel(zh('round.field.titleZh')).fill(`联合培养选拔${tag}`)
  await office.getByLabel(zh('round.field.titleEn')).fill(`Joint training selection ${tag}`)
  await office.getByLabel(zh('round.field.opensOn')).fill(today)
  await office.getByLabel(zh('round.field.closesOn')).fill(addDays(today, 14))
  await office.getByLabel(zh('round.field.offerDeadlineOn')).fill(addDays(today, 60))
  // The score is the GPA alone in this round.
  await office.getByRole('spinbutton', { name: zh('round.part.gpa') }).fill('100')
  await office.getByRole('spinbutton', { name: zh('round.part.language') }).fill('0')
  await office.getByRole('spinbutton', { name: zh('round.part.rubric') }).fill('0')
  await office.getByRole('spinbutton', { name: zh('round.part.interview') }).fill('0')
  for (const p of [alpha, beta, gamma]) await office.getByTestId('round-programs').getByLabel(p.titleZh, { exact: false }).check()
  await office.getByRole('button', { name: zh('round.open') }).click()
  await expect(office).toHaveURL(/\/rounds\/\w+$/)
  const roundId = new URL(office.url()).pathname.split('/').pop()!
  // The office gives the students a week more to answer their offers.
  const schedule = office.getByRole('form', { name: zh('round.schedule.title') })
  await office.getByTestId('round-schedule').locator('summary').click()
  await schedule.getByLabel(zh('round.field.offerDeadlineOn')).fill(addDays(today, 67))
  await schedule.getByRole('button', { name: zh('round.schedule.save') }).click()
  await expect(office.getByRole('status')).toHaveText(zh('round.done.schedule'))
  expect(shanghaiDate((await db().selectionRound.findUniqueOrThrow({ where: { id: roundId } })).offerDeadline)).toBe(addDays(today, 67))

  // The students rank their choices; Low wants only Alpha.
  for (const [student, titles] of [
    [top, [alpha.titleZh, beta.titleZh]],
    [mid, [alpha.titleZh, beta.titleZh]],
    [low, [alpha.titleZh]],
  ] as const) {
    const context = await newContext()
    const p = await context.newPage()
    await login(p, student.email)
    await choose(p, roundId, titles)
    await context.close()
  }
  // They fill in and submit their applications (the forms are tested elsewhere); Top names Zhang as home supervisor.
  const applications = await db().application.findMany({ where: { roundId }, include: { applicant: true } })
  const appOf = (studentId: string) => applications.find((a) => a.applicantId === studentId)!
  for (const [student, gpa] of [
    [top, 3.9],
    [mid, 3.5],
    [low, 3.0],
  ] as const) {
    await db().application.update({
      where: { id: appOf(student.id).id },
      data: {
        status: 'submitted',
        submittedAt: new Date(),
        details: { kind: 'joint_training', gpa, gpaScale: '4.0', homeSupervisor: student.id === top.id ? `Zhang Dao${tag}` : '欧阳修' },
      },
    })
  }

  // Reviewers are assigned in balance; Zhang, whom Top names, is kept off Top's application.
  await office.reload()
  await office.getByRole('button', { name: zh('round.office.assign') }).click()
  await expect(office.getByRole('status')).toContainText(zh('round.office.assigned', { assigned: 3, keptOff: 1 }))
  await expect(office.getByTestId('assignments').locator(`[data-application="${appOf(top.id).id}"]`)).toContainText(
    zh('round.office.keptOff', { name: supervisor.nameZh }),
  )
  const zhang = await (await newContext()).newPage()
  await login(zhang, supervisor.email)
  await zhang.goto(`/review/${appOf(top.id).id}`)
  await expect(zhang.locator('body')).not.toContainText(top.nameZh)

  // The colleges endorse; applications close. The ranking shows the scores and ranks.
  await db().application.updateMany({ where: { roundId }, data: { status: 'college_endorsed' } })
  await db().selectionRound.update({ where: { id: roundId }, data: { closesAt: new Date(Date.now() - 60_000) } })
  await office.reload()
  const row = (studentId: string) => office.getByTestId('ranking').locator(`tr[data-application="${appOf(studentId).id}"]`)
  await expect(row(top.id).locator('td').first()).toHaveText('1')
  await expect(row(mid.id).locator('td').first()).toHaveText('2')
  await expect(row(low.id).locator('td').first()).toHaveText('3')
  await expect(row(top.id).getByTestId('score')).toContainText('97.50') // GPA 3.9 of 4
  // Sorted by name instead of rank, and the rank and score in the office's queue too.
  await office.getByLabel(zh('round.sort')).selectOption({ label: zh('round.sort.name') })
  await office.getByRole('button', { name: zh('round.sort.apply') }).click()
  await expect(office).toHaveURL(/sort=name/)
  await expect(office.getByTestId('ranking').locator('tbody tr').first()).toContainText(
    low.nameEn.split(' ')[0] === 'LOW' ? low.nameZh : low.nameZh,
  )
  await office.goto(`/office?status=college_endorsed&q=${encodeURIComponent(top.nameZh)}`)
  await expect(office.getByTestId('round-standing')).toHaveText(zh('round.queueStanding', { rank: 1, score: '97.50' }))
  await office.goto(`/rounds/${roundId}`)

  // The allocation: Top gets Alpha, Mid her second choice Beta, Low (Alpha only) goes to the reserve list.
  await office.getByRole('button', { name: zh('round.office.allocate') }).click()
  await expect(row(top.id).getByTestId('placement')).toHaveText(zh('round.office.placed', { program: alpha.titleZh, choice: 1 }))
  await expect(row(mid.id).getByTestId('placement')).toHaveText(zh('round.office.placed', { program: beta.titleZh, choice: 2 }))
  await expect(row(low.id).getByTestId('placement')).toHaveText(zh('round.office.reserve', { rank: 1 }))
  // A week of holiday starts tomorrow, as National Day does: the administrator enters it in the
  // working-day calendar (the journey cannot move the server's clock to 1 October).
  const holiday = Array.from({ length: 7 }, (_, i) => addDays(today, i + 1))
  const admin = await (await newContext()).newPage()
  await login(admin, 'admin@demo.edu.cn')
  try {
    for (const day of holiday) {
      await admin.goto(`/admin/calendar?year=${day.slice(0, 4)}`)
      const form = admin.getByRole('form', { name: zh('calendar.correct.title') })
      await form.getByLabel(zh('calendar.day')).fill(day)
      await form.getByRole('radio', { name: zh('calendar.off') }).check()
      await form.getByLabel(zh('calendar.note')).fill(`选拔公示旅程的假期 ${tag}`)
      await form.getByRole('button', { name: zh('calendar.correct.save') }).click()
      await expect(admin.getByRole('status')).toHaveText(zh('calendar.saved', { day }))
    }
    await office.getByRole('button', { name: zh('round.office.confirm') }).click()
    await expect(office.getByRole('status')).toHaveText(zh('round.done.confirm'))
  } finally {
    await db().calendarOverride.deleteMany({ where: { note: `选拔公示旅程的假期 ${tag}` } })
  }
  const { announcementEndsOn } = await db().selectionRound.findUniqueOrThrow({ where: { id: roundId } })
  // The five working days begin after the holiday week: at least five calendar days after it ends.
  expect(announcementEndsOn! >= addDays(holiday[6], 5)).toBe(true)
  await expect(office.getByTestId('announcement-ends')).toContainText(announcementEndsOn!)

  // Low reads the published list (names, colleges, programs) and objects.
  const lowPage = await (await newContext()).newPage()
  await login(lowPage, low.email)
  await lowPage.goto(`/rounds/${roundId}`)
  await expect(lowPage.getByTestId('published-list')).toContainText(top.nameZh)
  await expect(lowPage.getByTestId('published-list')).not.toContainText(top.studentNumber!)
  await lowPage.getByLabel(zh('round.objections.body')).fill('我的面试成绩没有计入。')
  await lowPage.getByRole('button', { name: zh('round.objections.submit') }).click()
  await expect(lowPage.getByRole('status')).toHaveText(zh('round.objections.sent'))

  // No offers while the announcement runs, nor, once it is over, while the objection waits.
  await office.reload()
  await office.getByRole('button', { name: zh('round.office.offers') }).click()
  await expect(office.getByRole('alert')).toHaveText(zh('round.error.announcementRunning'))
  await db().selectionRound.update({ where: { id: roundId }, data: { announcementEndsOn: addDays(today, -1) } })
  await office.getByRole('button', { name: zh('round.office.offers') }).click()
  await expect(office.getByRole('alert')).toHaveText(zh('round.error.objectionOpen'))
  await office.getByTestId('objections').getByLabel(zh('round.objections.answer')).fill('面试成绩已核对，本轮不计面试。')
  await office
    .getByTestId('objections')
    .getByRole('button', { name: zh('round.objections.answerSubmit') })
    .click()
  await expect(office.getByRole('status')).toHaveText(zh('round.done.answer'))
  await office.getByRole('button', { name: zh('round.office.offers') }).click()
  await expect(office.getByRole('status')).toHaveText(zh('round.office.offersSent', { offered: 2, reserve: 1 }))
  await waitForEmail(MAIL_CATCHER_URL, { to: top.email, subjectIncludes: alpha.titleZh, timeoutMs: 15_000 })
  await waitForEmail(MAIL_CATCHER_URL, { to: mid.email, subjectIncludes: beta.titleZh, timeoutMs: 15_000 })

  // Low reads the answer to the objection.
  await lowPage.reload()
  await expect(lowPage.getByTestId('objections')).toContainText('面试成绩已核对')

  // Top declines Alpha; Low, first on the reserve list and wanting Alpha, is offered it.
  await login(page, top.email)
  await page.goto(`/student/applications/${appOf(top.id).id}`)
  await page.getByRole('link', { name: zh('round.offer.link') }).click()
  await page.getByRole('button', { name: zh('round.offer.decline') }).click()
  await expect(page.getByRole('status')).toHaveText(zh('round.offer.declined'))
  await expect.poll(() => statusOf(appOf(low.id).id)).toBe('offered')
  await waitForEmail(MAIL_CATCHER_URL, { to: low.email, subjectIncludes: alpha.titleZh, timeoutMs: 15_000 })

  // Mid accepts Beta: approved (no university money asked), and on the partner's nomination list.
  const midPage = await (await newContext()).newPage()
  await login(midPage, mid.email)
  await midPage.goto(`/student/applications/${appOf(mid.id).id}/offer`)
  await midPage.getByRole('button', { name: zh('round.offer.accept') }).click()
  await expect(midPage.getByRole('status')).toHaveText(zh('round.offer.accepted'))
  expect(await statusOf(appOf(mid.id).id)).toBe('approved')

  await office.reload()
  const download = office.waitForEvent('download')
  await office.getByTestId('nomination-links').getByRole('button', { name: 'CSV' }).click()
  const file = await download
  const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'))
  expect(text).toContain(mid.nameEn)
  expect(text).toContain(beta.titleEn)
  expect(text).not.toContain(top.nameEn)
})
