import type { Locator, Page } from '@playwright/test'
import { waitForEmail } from '../support/mail-catcher'
import {
  en,
  existingStudent,
  expect,
  fillSignUp,
  MAIL_CATCHER_URL,
  newStudent,
  sessionCookie,
  switchLanguage,
  test,
  zh,
  type T,
} from './fixtures'

// Malformed sign-ups get field errors in the visitor's language, both from the browser's own
// check (JavaScript on) and from the server (JavaScript off: what every request must survive).

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The field shows `message`, tied to it for screen readers, and is marked invalid. */
async function expectFieldError(field: Locator, message: string) {
  await expect(field).toHaveAttribute('aria-invalid', 'true')
  await expect(field).toHaveAccessibleDescription(new RegExp(escape(message)))
}

async function submitSignUp(page: Page, t: T) {
  await page.getByRole('button', { name: t('signup.submit') }).click()
}

/** Everything wrong at once; the college left unchosen. */
const badSignUp = (t: T) => ({
  nameZh: '张\u0007三', // a control character
  nameEn: 'A'.repeat(101), // over-long
  studentNumber: 'ab', // too short
  level: t('level.master'),
  email: 'not-an-email',
  password: 'short',
})

async function expectAllErrors(page: Page, t: T) {
  await expectFieldError(page.getByLabel(t('signup.nameZh')), t('form.controlChars'))
  await expectFieldError(page.getByLabel(t('signup.nameEn')), t('form.tooLong', { max: 100 }))
  await expectFieldError(page.getByLabel(t('signup.studentNumber')), t('signup.invalidStudentNumber'))
  await expectFieldError(page.getByLabel(t('signup.college')), t('signup.unknownCollege'))
  await expectFieldError(page.getByLabel(t('signup.email')), t('form.invalidEmail'))
  await expectFieldError(page.getByLabel(t('signup.password'), { exact: true }), t('form.tooShort', { min: 10 }))
  await expect(page).toHaveURL('/signup')
  expect(await sessionCookie(page)).toBeUndefined()
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'checked in the browser' : 'checked by the server (no JavaScript)', () => {
    test.use({ javaScriptEnabled })

    test('malformed sign-up shows field errors in Chinese, then in English', async ({ page, allowConsoleErrors }) => {
      allowConsoleErrors(/status of 400/)
      await page.goto('/signup')
      await fillSignUp(page, badSignUp(zh))
      await submitSignUp(page, zh)
      await expectAllErrors(page, zh)
      await expect(page.getByText('包含不允许的控制字符')).toBeVisible()

      await switchLanguage(page, 'en')
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(en('signup.title'))
      await fillSignUp(page, badSignUp(en), en)
      await submitSignUp(page, en)
      await expectAllErrors(page, en)
      await expect(page.getByText('Contains control characters that are not allowed')).toBeVisible()
    })

    test('mismatched password confirmation is refused', async ({ page, allowConsoleErrors }) => {
      allowConsoleErrors(/status of 400/)
      await page.goto('/signup')
      await fillSignUp(page, newStudent())
      await page.getByLabel(zh('signup.confirmPassword')).fill('Something-else-123')
      await submitSignUp(page, zh)
      await expectFieldError(page.getByLabel(zh('signup.confirmPassword')), zh('signup.passwordMismatch'))
      await expect(page).toHaveURL('/signup')
      expect(await sessionCookie(page)).toBeUndefined()
    })
  })
}

test('a taken email gets the same answer as a new one and its owner an email; a taken student number is refused clearly', async ({
  page,
  newContext,
  allowConsoleErrors,
}) => {
  allowConsoleErrors(/status of 400/)
  const first = await existingStudent(newContext)

  // Nothing on the page tells that the address has an account: its owner is told by email.
  await page.goto('/signup')
  await fillSignUp(page, newStudent({ email: first.email.toUpperCase() }))
  await submitSignUp(page, zh)
  await expect(page.getByRole('status')).toHaveText(zh('signup.checkEmail', { hours: 24 }))
  expect(await sessionCookie(page)).toBeUndefined()
  const notice = await waitForEmail(MAIL_CATCHER_URL, {
    to: first.email,
    subjectIncludes: zh('email.signupExisting.subject'),
    timeoutMs: 15_000,
  })
  expect(notice.text).toContain(first.nameZh)
  expect(notice.text).not.toContain('/signup/confirm')

  // The student number is the student's own: a taken one is refused on its field, whatever the email.
  await page.goto('/signup')
  await fillSignUp(page, newStudent({ studentNumber: first.studentNumber.toLowerCase() }))
  await submitSignUp(page, zh)
  await expectFieldError(page.getByLabel(zh('signup.studentNumber')), zh('signup.studentNumberTaken'))
  await expect(page).toHaveURL('/signup')
  expect(await sessionCookie(page)).toBeUndefined()
})

test('malformed login shows field errors', async ({ page }) => {
  await page.goto('/login')
  await page.getByLabel(zh('login.email')).fill('not-an-email')
  await page.getByLabel(zh('login.email')).press('Enter')
  await expectFieldError(page.getByLabel(zh('login.email')), zh('form.invalidEmail'))
  await expectFieldError(page.getByLabel(zh('login.password')), zh('form.required'))
  await expect(page).toHaveURL('/login')
})
