import { createApplication, createProgram, createStudent } from '../factories'
import { pdf } from '../support/files'
import { expect, login, test, zh } from './fixtures'
import { collegeId, db, uniqueTag } from './review-helpers'
import { pdfFile } from './student-journey'

// Clicks while the page hydrates (a user who does not wait for the scripts). Remix suspends the
// first render while it decodes the page's data; a click reaching React then made it hydrate the
// page at once, which failed with "Root did not complete" (React error 345, a page error the
// fixture fails on) and could leave the page never hydrated. Clicks here come from the first
// parsed page on, every few milliseconds, and in the very moment Remix starts decoding.
test('clicks during hydration: no error, and the page still hydrates and works', async ({ page }) => {
  await page.addInitScript(() => {
    const field = () => document.querySelector('input')
    const hydrated = () => Object.keys(field() ?? {}).some((key) => key.startsWith('__reactFiber'))
    const click = () => field()?.dispatchEvent(new MouseEvent('click', { bubbles: true }))
    let clicks = 0
    const everyFewMs = () => {
      if (hydrated() || clicks++ > 2_000) return
      click()
      setTimeout(everyFewMs, 0)
    }
    document.addEventListener('DOMContentLoaded', everyFewMs)
    // The moment Remix takes the page's data stream (window.__remixContext.stream) to decode it.
    let context: Record<string, unknown> | undefined
    Object.defineProperty(window, '__remixContext', {
      configurable: true,
      get: () => context,
      set(value: Record<string, unknown>) {
        let stream: unknown
        Object.defineProperty(value, 'stream', {
          configurable: true,
          get: () => stream,
          set(next: unknown) {
            stream = next
            if (next === undefined) queueMicrotask(click)
          },
        })
        context = value
      },
    })
  })
  for (let i = 0; i < 10; i++) {
    await page.goto('/login')
    await page.waitForFunction(() => '__remixRouter' in window, null, { timeout: 10_000 })
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('login.title'))
  }
  await login(page, 'office@demo.edu.cn')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh('office.home.title'))
})

// A student on a slow phone chooses a file before the page has hydrated. The upload widget needs
// JavaScript: the file used to sit in the field, its choice heard by nobody, until the student
// noticed nothing had been uploaded.
test('a file chosen before the page hydrates is uploaded once it has', async ({ page }) => {
  const tag = uniqueTag()
  const program = await createProgram(db(), { kind: 'exchange', titleZh: `早选文件${tag}` })
  const email = `early.${tag.toLowerCase()}@example.edu.cn`
  const student = await createStudent(db(), { email, studentNumber: `E${tag}`.slice(0, 20), collegeId: await collegeId('CS') })
  const application = await createApplication(db(), { applicantId: student.id, programId: program.id, status: 'draft' })
  await login(page, email)

  // The page's scripts wait until the file is chosen.
  let release = () => {}
  const released = new Promise<void>((resolve) => (release = resolve))
  await page.route(/\/assets\/.*\.js$/, async (route) => {
    await released
    await route.continue()
  })
  await page.goto(`/student/applications/${application.id}`, { waitUntil: 'domcontentloaded' })
  const section = page.locator('section#documents-transcript')
  await section.locator('input[type=file]').setInputFiles(pdfFile('early-transcript.pdf', pdf({ text: 'Transcript' })))
  expect(await page.evaluate(() => '__remixRouter' in window)).toBe(false)
  release()

  await page.waitForFunction(() => '__remixRouter' in window)
  await expect(section.getByRole('link', { name: 'early-transcript.pdf', exact: true })).toBeVisible()
  expect(await db().document.count({ where: { applicationId: application.id, kind: 'transcript' } })).toBe(1)
})

// Every script a page loads begins with V8's compile hint (decision 45, vite.config.ts), so that
// Chromium compiles it off the main thread as it arrives rather than function by function while
// the page hydrates. The first line of a file is the only place V8 reads it.
test('the scripts a page loads start with the compile hint, and the page hydrates', async ({ page }) => {
  const scripts: Promise<string>[] = []
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push(response.text())
  })
  await page.goto('/login')
  await page.waitForFunction(() => (window as { __remixRouter?: unknown }).__remixRouter !== undefined)
  const texts = await Promise.all(scripts)
  expect(texts.length).toBeGreaterThan(3)
  for (const text of texts) expect(text.split('\n')[0]).toBe('//# allFunctionsCalledOnLoad')
})
