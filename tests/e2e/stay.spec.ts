// Before, during and after the stay (decision 22): an approved undergraduate works through the
// pre-departure checklist (the quiz failed once, then passed; the pledge signed; the guardian's
// consent through the emailed link, an expired and a reused link refused), departs; the office
// sees them on "where are our students" for a day within the stay and not after, and sends an
// incident message answered "safe" through its link (the other link then refused); the student
// confirms arrival and return and files the report. The approval form's text and QR code are read.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { addDays, shanghaiDate } from '../../app/domain/dates'
import { createApplication, createPartner, createProgram, createStudent } from '../factories'
import { pdf } from '../support/files'
import { listEmails, waitForEmail } from '../support/mail-catcher'
import { expect, login, MAIL_CATCHER_URL, test, zh } from './fixtures'
import { db, uniqueTag } from './review-helpers'
import { pdfFile } from './student-journey'

const questions = [
  {
    promptZh: '遇到紧急情况应首先联系？',
    promptEn: 'Whom first?',
    choicesZh: ['中国驻外使领馆', '陌生人'],
    choicesEn: ['The embassy', 'A stranger'],
    answer: 0,
  },
  {
    promptZh: '护照应当？',
    promptEn: 'Your passport?',
    choicesZh: ['交给他人保管', '妥善随身保管'],
    choicesEn: ['Give it away', 'Keep it safe'],
    answer: 1,
  },
]

async function approvedStudent() {
  const tag = uniqueTag()
  const today = shanghaiDate(new Date())
  const start = addDays(today, -20)
  const end = addDays(today, -1)
  const college = await db().college.findFirstOrThrow({ where: { retiredAt: null }, orderBy: { code: 'asc' } })
  const student = await createStudent(db(), {
    collegeId: college.id,
    email: `stay-${tag.toLowerCase()}@example.edu.cn`,
    nameZh: `行前${tag}`,
    nameEn: `Stay ${tag}`,
    level: 'undergraduate',
  })
  const partner = await createPartner(db(), { countryCode: 'DE', nameZh: `慕尼黑${tag}`, nameEn: `Munich ${tag}` })
  const program = await createProgram(db(), {
    kind: 'exchange',
    partnerId: partner.id,
    levels: ['undergraduate'],
    titleZh: `交换${tag}`,
    titleEn: `Exchange ${tag}`,
  })
  const application = await createApplication(db(), {
    applicantId: student.id,
    programId: program.id,
    status: 'approved',
    submittedAt: new Date(),
    details: { startDate: start, endDate: end },
  })
  await db().stay.create({
    data: {
      applicationId: application.id,
      startsOn: new Date(`${start}T00:00:00Z`),
      endsOn: new Date(`${end}T00:00:00Z`),
      countryCode: 'DE',
    },
  })
  await db().departureEducation.upsert({
    where: { programKind: 'exchange' },
    create: {
      programKind: 'exchange',
      materialZh: '出境前请熟悉当地法律。',
      materialEn: 'Learn the local laws.',
      questions,
      passPercent: 100,
    },
    update: { questions, passPercent: 100 },
  })
  return { student, application, tag, today, start, end }
}

const linkIn = (text: string, pathPrefix: string) => new URL(text.match(new RegExp(`https?://[^\\s)]+${pathPrefix}[\\w-]+`))![0]).pathname

test('an approved student prepares, departs, answers an incident message, returns and reports; the office follows', async ({
  page,
  newContext,
  allowConsoleErrors,
}) => {
  test.slow()
  // The departure refused while items are missing answers 400; a refused link's POST 410.
  allowConsoleErrors(/status of 410/, /status of 400 .*\/stay\.data/)
  const w = await approvedStudent()
  await login(page, w.student.email)
  await page.goto(`/student/applications/${w.application.id}/stay`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('stay.title'))
  await expect(page.getByTestId('stay-phase')).toHaveText(zh('stay.phase.preparing'))
  await expect(page.getByTestId('checklist').locator('li')).toHaveCount(7)

  // Departure is refused while items are missing.
  await page.getByRole('button', { name: zh('stay.depart') }).click()
  await expect(page.getByRole('alert')).toContainText(zh('stay.item.pledge'))

  const item = (id: string) => page.locator(`#item-${id}`)
  await item('itinerary').getByLabel(zh('stay.itinerary.flight')).fill('LH723')
  await item('itinerary').getByLabel(zh('stay.itinerary.departOn')).fill(w.start)
  await item('itinerary').getByLabel(zh('stay.itinerary.returnOn')).fill(w.end)
  await item('itinerary').getByLabel(zh('stay.itinerary.country')).selectOption('DE')
  await item('itinerary').getByLabel(zh('stay.itinerary.city')).fill('München')
  await item('itinerary').getByLabel(zh('stay.itinerary.address')).fill('Arcisstraße 21')
  await item('itinerary')
    .getByRole('button', { name: zh('stay.save') })
    .click()
  await expect(page.locator('li[data-item="itinerary"]')).toHaveAttribute('data-done', 'yes')

  await item('emergency_contact').getByLabel(zh('stay.contact.name')).fill('王大明')
  await item('emergency_contact').getByLabel(zh('stay.contact.relation')).fill('父亲')
  await item('emergency_contact').getByLabel(zh('stay.contact.phone')).fill('+86 139 0000 0000')
  await item('emergency_contact')
    .getByRole('button', { name: zh('stay.save') })
    .click()
  await expect(page.locator('li[data-item="emergency_contact"]')).toHaveAttribute('data-done', 'yes')

  await item('visa').getByLabel(zh('stay.visa.status')).selectOption('not_needed')
  await item('visa')
    .getByRole('button', { name: zh('stay.save') })
    .click()
  await expect(page.locator('li[data-item="visa"]')).toHaveAttribute('data-done', 'yes')

  await page
    .locator('section#documents-insurance_policy input[type=file]')
    .setInputFiles(pdfFile('insurance.pdf', pdf({ text: 'Insurance policy' })))
  await expect(page.locator('section#documents-insurance_policy').getByRole('link', { name: 'insurance.pdf', exact: true })).toBeVisible()
  await expect(page.locator('li[data-item="insurance"]')).toHaveAttribute('data-done', 'yes')

  // The quiz: failed once (one wrong answer), then passed.
  const quiz = page.getByTestId('quiz')
  await quiz.getByLabel('中国驻外使领馆').check()
  await quiz.getByLabel('交给他人保管').check()
  await quiz.getByRole('button', { name: zh('stay.education.submit') }).click()
  await expect(page.getByRole('status')).toHaveText(zh('stay.education.failed', { score: 50, pass: 100 }))
  await page.getByTestId('quiz').getByLabel('中国驻外使领馆').check()
  await page.getByTestId('quiz').getByLabel('妥善随身保管').check()
  await page
    .getByTestId('quiz')
    .getByRole('button', { name: zh('stay.education.submit') })
    .click()
  await expect(page.getByRole('status')).toHaveText(zh('stay.education.passed', { score: 100 }))
  await expect(page.locator('li[data-item="education"]')).toHaveAttribute('data-done', 'yes')

  await item('pledge').getByLabel(zh('stay.pledge.name')).fill(w.student.nameZh)
  await item('pledge')
    .getByRole('button', { name: zh('stay.pledge.sign') })
    .click()
  await expect(page.locator('li[data-item="pledge"]')).toHaveAttribute('data-done', 'yes')

  // The guardian's link: the first one expires unused, the second is used once.
  const guardianEmail = `guardian-${w.tag.toLowerCase()}@example.com`
  const sendGuardian = async () => {
    await item('guardian_consent').getByLabel(zh('stay.guardian.email')).fill(guardianEmail)
    await item('guardian_consent')
      .getByRole('button', { name: zh('stay.guardian.send') })
      .click()
    await expect(page.getByRole('status')).toHaveText(zh('stay.guardian.sent', { email: guardianEmail }))
  }
  await sendGuardian()
  const first = linkIn((await waitForEmail(MAIL_CATCHER_URL, { to: guardianEmail, timeoutMs: 15_000 })).text, '/guardian/')
  await db().stayLink.updateMany({
    where: { applicationId: w.application.id, purpose: 'guardian_consent' },
    data: { expiresAt: new Date(Date.now() - 1000) },
  })
  const guardian = await (await newContext()).newPage()
  await guardian.goto(first)
  await expect(guardian.getByRole('alert')).toHaveText(zh('stay.error.linkInvalid'))
  await sendGuardian()
  await expect
    .poll(async () => (await listEmails(MAIL_CATCHER_URL)).filter((e) => e.to.includes(guardianEmail)).length, { timeout: 15_000 })
    .toBe(2)
  const emails = (await listEmails(MAIL_CATCHER_URL)).filter((e) => e.to.includes(guardianEmail))
  const second = emails.map((e) => linkIn(e.text, '/guardian/')).find((l) => l !== first)!
  await guardian.goto(second)
  await expect(guardian.getByText(w.student.nameZh)).toBeVisible()
  await guardian.getByRole('button', { name: zh('stay.guardianPage.confirm') }).click()
  await expect(guardian.getByRole('status')).toHaveText(zh('stay.guardianPage.thanks'))
  await guardian.goto(second)
  await expect(guardian.getByRole('alert')).toHaveText(zh('stay.error.linkInvalid'))

  // Everything done: the student departs.
  await page.reload()
  await expect(page.locator('li[data-done="no"]')).toHaveCount(0)
  await page.getByRole('button', { name: zh('stay.depart') }).click()
  await expect(page.getByTestId('stay-phase')).toHaveText(zh('stay.phase.departed'))

  // The office: the student is abroad on a day within the stay, not the day after it ended.
  const office = await (await newContext()).newPage()
  await login(office, 'office@demo.edu.cn')
  const within = addDays(w.start, 5)
  await office.goto(`/office/stays?on=${within}`)
  await expect(office.getByTestId('where-list')).toContainText(w.student.nameZh)
  await expect(office.getByTestId('where-list')).toContainText('München')
  await office.goto(`/office/stays?on=${addDays(w.end, 1)}`)
  await expect(office.getByText(w.student.nameZh)).toHaveCount(0)

  // An incident message for Germany on a day within the stay; the student answers "safe".
  await office.goto(`/office/stays?on=${within}`)
  await office.getByLabel(zh('office.stays.incident.country')).selectOption('DE')
  await office.getByLabel(zh('office.stays.incident.on')).fill(within)
  await office.getByLabel(zh('office.stays.incident.messageZh')).fill(`慕尼黑突发事件${w.tag}，请报平安。`)
  await office.getByLabel(zh('office.stays.incident.messageEn')).fill(`Incident in Munich ${w.tag}: are you safe?`)
  await office.getByRole('button', { name: zh('office.stays.incident.send') }).click()
  await expect(office.getByRole('status')).toBeVisible()
  const incident = await waitForEmail(MAIL_CATCHER_URL, {
    to: w.student.email,
    subjectIncludes: zh('email.incident.subject'),
    timeoutMs: 15_000,
  })
  // The text version names each link twice (its label's link and the address).
  const links = [...new Set([...incident.text.matchAll(/https?:\/\/[^\s)]+\/incident\/[\w-]+/g)].map((m) => new URL(m[0]).pathname))]
  expect(links).toHaveLength(2)
  const [safe, help] = links as [string, string]
  const phone = await (await newContext()).newPage()
  await phone.goto(safe)
  await phone.getByRole('button', { name: zh('stay.incidentPage.safe') }).click()
  await expect(phone.getByRole('status')).toHaveText(zh('stay.incidentPage.thanks'))
  await phone.goto(help)
  await expect(phone.getByRole('alert')).toHaveText(zh('stay.error.linkInvalid'))
  await office.reload()
  await expect(office.getByTestId('incident').first()).toContainText(
    `${zh('office.stays.incident.answers', { safe: 1, help: 0, none: 0 }).split(' · ')[0]} ·`,
  )

  // Arrival, return, and the report (the stay ended yesterday).
  await page.reload()
  await page.getByRole('button', { name: zh('stay.arrive') }).click()
  await expect(page.getByTestId('stay-phase')).toHaveText(zh('stay.phase.arrived'))
  await page.getByRole('button', { name: zh('stay.return') }).click()
  await expect(page.getByTestId('stay-phase')).toHaveText(zh('stay.phase.returned'))
  await page.getByRole('link', { name: zh('stay.report') }).click()
  await page.getByLabel(zh('report.summary')).fill('在慕尼黑完成了一学期的交换学习。')
  await page.getByRole('button', { name: zh('report.submit') }).click()
  await expect(page.getByRole('status')).toHaveText(zh('report.submitted'))
  await expect.poll(async () => (await db().application.findUniqueOrThrow({ where: { id: w.application.id } })).status).toBe('completed')

  // The approval form: its Chinese text, and its QR code opening the verification page.
  const response = await page.request.get(`/applications/${w.application.id}/approval.pdf`)
  expect(response.status()).toBe(200)
  const dir = mkdtempSync(path.join(tmpdir(), 'stay-e2e-'))
  writeFileSync(path.join(dir, 'form.pdf'), await response.body())
  const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'form.pdf'), '-'], { encoding: 'utf8' })
  expect(text).toContain(zh('pdf.approval.title'))
  expect(text).toContain(w.student.nameZh)
  expect(text).toContain(`交换${w.tag}`)
  execFileSync('pdftoppm', ['-png', '-r', '150', '-singlefile', path.join(dir, 'form.pdf'), path.join(dir, 'form')])
  const png = PNG.sync.read(readFileSync(path.join(dir, 'form.png')))
  const url = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data
  expect(url).toMatch(/\/verify\/[\w-]{40,}$/)
  const verifier = await (await newContext()).newPage()
  await verifier.goto(new URL(url!).pathname)
  await expect(verifier.getByTestId('verification')).toContainText(w.student.nameZh)
  await expect(verifier.getByTestId('verification')).toContainText(zh('status.completed'))
})
