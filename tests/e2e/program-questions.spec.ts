import { createPartner } from '../factories'
import { expect, login, logout, newStudent, signUp, test, zh } from './fixtures'
import { db, makeProgram, uniqueTag } from './review-helpers'
import { field, openAndApply, saveDraft } from './student-journey'

// An administrator gives a program a question of its own, required; a student applying to it
// finds the question on the form, cannot submit before answering, and finds the answer kept.
test("a program's own question: set by the administrator, answered by the student before submitting", async ({ page }) => {
  const tag = uniqueTag()
  const partner = await createPartner(db(), { nameZh: `问答大学${tag}`, nameEn: `Question University ${tag}` })
  const program = await makeProgram({ kind: 'exchange', partnerId: partner.id, levels: ['undergraduate'] })

  await login(page, 'admin@demo.edu.cn')
  await page.goto(`/admin/programs/${program.id}`)
  const questions = page.getByTestId('program-questions')
  await field(page, zh('adminConfig.field.questionZh', { n: 1 })).fill('你为什么选择问答大学？')
  await page.getByRole('button', { name: zh('adminConfig.save') }).click()
  // Written in one language only: refused beside the other, the text kept.
  await expect(questions.getByText(zh('adminConfig.error.questionBothLanguages'))).toBeVisible()
  await expect(field(page, zh('adminConfig.field.questionZh', { n: 1 }))).toHaveValue('你为什么选择问答大学？')
  await field(page, zh('adminConfig.field.questionEn', { n: 1 })).fill('Why Question University?')
  await questions.getByRole('checkbox', { name: zh('adminConfig.field.questionRequired', { n: 1 }) }).check()
  await page.getByRole('button', { name: zh('adminConfig.save') }).click()
  await expect(page.getByRole('status')).toHaveText(zh('adminConfig.notice.saved'))
  await expect(questions.getByRole('checkbox', { name: zh('adminConfig.field.questionRequired', { n: 1 }) })).toBeChecked()
  await logout(page)

  await signUp(page, newStudent({ level: zh('level.undergraduate') }))
  await page.goto('/programs')
  const applicationId = await openAndApply(page, program.titleZh)
  const answer = field(page, '你为什么选择问答大学？')
  await expect(page.getByTestId('program-questions')).toContainText(zh('application.questions.required'))

  // Unanswered, the check before submitting names it.
  await page.getByRole('button', { name: zh('app.next') }).click()
  await expect(page).toHaveURL(`/student/applications/${applicationId}/submit`)
  await expect(page.getByTestId('problems')).toContainText(zh('application.field.programAnswers'))

  await page.goto(`/student/applications/${applicationId}`)
  await answer.fill('这里的计算机系有我想学的分布式系统课程。')
  await saveDraft(page)
  await page.reload()
  await expect(answer).toHaveValue('这里的计算机系有我想学的分布式系统课程。')
  await page.getByRole('button', { name: zh('app.next') }).click()
  await expect(page).toHaveURL(`/student/applications/${applicationId}/submit`)
  await expect(page.getByTestId('problems')).not.toContainText(zh('application.field.programAnswers'))
  await expect(page.getByRole('main')).toContainText('这里的计算机系有我想学的分布式系统课程。')
})
