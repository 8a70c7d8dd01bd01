// The office sets up a kind's pre-departure education (decision 22, amendment): from /office/stays
// to the set-up page, a quiz block without its correct choice is refused naming its line (what was
// typed kept), then a good quiz saves and is shown back as text. The kind's row is put back after.
import { expect, login, test, zh } from './fixtures'
import { db } from './review-helpers'

const kind = 'joint_training' as const
let original: Awaited<ReturnType<ReturnType<typeof db>['departureEducation']['findUnique']>> = null

test.beforeAll(async () => {
  original = await db().departureEducation.findUnique({ where: { programKind: kind } })
})
test.afterAll(async () => {
  if (original) {
    const { programKind: _, updatedAt: __, ...data } = original
    await db().departureEducation.update({ where: { programKind: kind }, data: { ...data, questions: data.questions ?? [] } })
  } else await db().departureEducation.deleteMany({ where: { programKind: kind } })
})

test('the office writes the quiz as text: a malformed block refused naming its line, then saved', async ({ page, allowConsoleErrors }) => {
  allowConsoleErrors(/status of 400/) // the refusal is a 400 answer
  await login(page, 'office@demo.edu.cn')
  await page.goto('/office/stays')
  await page.getByRole('link', { name: zh('stay.setup.link') }).click()
  await expect(page.getByRole('heading', { name: zh('stay.setup.title') })).toBeVisible()
  await page.getByLabel(zh('stay.setup.kind')).selectOption(kind)
  await page.getByRole('button', { name: zh('stay.setup.show') }).click()
  await expect(page).toHaveURL(/kind=joint_training/)

  const education = page.getByTestId('education-form')
  await education.getByLabel(zh('stay.setup.materialZh')).fill('联合培养行前须知')
  await education.getByLabel(zh('stay.setup.materialEn')).fill('Before your joint training')
  await education.getByLabel(zh('stay.setup.passPercent')).fill('50')
  const bad = '? 护照应当？ | Your passport?\n- 交给他人 | Give it away\n- 妥善保管 | Keep it safe'
  await education.getByLabel(zh('stay.setup.quiz')).fill(bad)
  await education.getByRole('button', { name: zh('stay.setup.saveEducation') }).click()
  await expect(page.getByRole('alert').filter({ hasText: zh('stay.setup.quiz.correct', { line: 1 }) })).toBeVisible()
  await expect(page.getByTestId('education-form').getByLabel(zh('stay.setup.quiz'))).toHaveValue(bad)

  const good = '? 护照应当？ | Your passport?\n- 交给他人 | Give it away\n* 妥善保管 | Keep it safe'
  await page.getByTestId('education-form').getByLabel(zh('stay.setup.quiz')).fill(good)
  await page
    .getByTestId('education-form')
    .getByRole('button', { name: zh('stay.setup.saveEducation') })
    .click()
  await expect(page.getByRole('status')).toHaveText(zh('stay.setup.saved.education'))
  await expect(page.getByTestId('education-form').getByLabel(zh('stay.setup.quiz'))).toHaveValue(good)
  const saved = await db().departureEducation.findUniqueOrThrow({ where: { programKind: kind } })
  expect(saved).toMatchObject({ materialZh: '联合培养行前须知', passPercent: 50 })
  expect(saved.questions).toEqual([
    {
      promptZh: '护照应当？',
      promptEn: 'Your passport?',
      choicesZh: ['交给他人', '妥善保管'],
      choicesEn: ['Give it away', 'Keep it safe'],
      answer: 1,
    },
  ])
})
