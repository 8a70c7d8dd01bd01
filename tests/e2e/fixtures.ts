// Playwright's `test`, extended for the portal's journeys:
// - a test fails when its page logs a console error or warning or throws (unless the test declares it);
// - a test fails when a page it visits has an accessibility violation (axe-core, see `checkAccessibility`);
// - `login`, `signUp`, `logout` drive the real forms; `newStudent()` makes unique sign-up data;
// - `zh` / `en` are the app's own translators, so locators follow app/i18n/messages.
import { createRequire } from 'node:module'
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test'
import { translator } from '../../app/i18n'
import { waitForEmail } from '../support/mail-catcher'
import { APP_URL, DEMO_PASSWORD, MAIL_CATCHER_URL } from './config'

export { expect }
export { DEMO_PASSWORD, MAIL_CATCHER_URL }

/** zh-CN (the default language) and English texts, by message key. */
export const zh = translator('zh-CN')
export const en = translator('en')
export type T = typeof zh

export const viewports = {
  phone: { width: 375, height: 740 },
  desktop: { width: 1280, height: 800 },
} as const

/** A 375 px wide phone (the narrowest screen the shell supports). */
export async function usePhone(page: Page) {
  await page.setViewportSize(viewports.phone)
}

export async function useDesktop(page: Page) {
  await page.setViewportSize(viewports.desktop)
}

export type NewStudent = {
  nameZh: string
  nameEn: string
  studentNumber: string
  college: string
  level: string
  email: string
  password: string
}

let counter = 0
/** Sign-up data nobody has used yet: unique email and student number per call and per run. */
export function newStudent(overrides: Partial<NewStudent> = {}): NewStudent {
  const id = `${Date.now().toString(36)}${process.pid.toString(36)}${(counter++).toString(36)}`.toUpperCase()
  return {
    nameZh: '测试学生',
    nameEn: 'CESHI Xuesheng',
    studentNumber: `E2E${id}`.slice(0, 20),
    college: '计算机学院',
    level: zh('level.master'),
    email: `e2e.${id.toLowerCase()}@example.edu.cn`,
    password: 'Correct-horse-42',
    ...overrides,
  }
}
/** Fills the sign-up form (the page must be on /signup) in the language `t`, without submitting. */
export async function fillSignUp(page: Page, s: Partial<NewStudent>, t: T = zh) {
  if (s.nameZh !== undefined) await page.getByLabel(t('signup.nameZh')).fill(s.nameZh)
  if (s.nameEn !== undefined) await page.getByLabel(t('signup.nameEn')).fill(s.nameEn)
  if (s.studentNumber !== undefined) await page.getByLabel(t('signup.studentNumber')).fill(s.studentNumber)
  if (s.college !== undefined) await page.getByLabel(t('signup.college')).selectOption({ label: s.college })
  if (s.level !== undefined) await page.getByLabel(t('signup.level')).selectOption({ label: s.level })
  if (s.email !== undefined) await page.getByLabel(t('signup.email')).fill(s.email)
  if (s.password !== undefined) {
    await page.getByLabel(t('signup.password'), { exact: true }).fill(s.password)
    await page.getByLabel(t('signup.confirmPassword')).fill(s.password)
  }
}

/** The link in the email that finishes a sign-up (the only email a new address gets). */
export async function signUpLink(email: string): Promise<string> {
  const message = await waitForEmail(MAIL_CATCHER_URL, { to: email, timeoutMs: 15_000 })
  const link = /https?:\/\/[^\s"<>]+\/signup\/confirm\?token=[^\s"<>&]+/.exec(message.text)?.[0]
  expect(link, 'sign-up link in the email text').toBeDefined()
  return link!
}

/**
 * Signs a new student up through the form, follows the emailed link, finishes and waits for their
 * home page. The sign-up page itself only says to check the email (it answers a taken address
 * alike, so it tells nobody who has an account).
 */
export async function signUp(page: Page, student: NewStudent = newStudent()): Promise<NewStudent> {
  await page.goto('/signup')
  await fillSignUp(page, student)
  await page.getByRole('button', { name: zh('signup.submit') }).click()
  await expect(page.getByRole('status')).toHaveText(zh('signup.checkEmail', { hours: 24 }))
  await page.goto(await signUpLink(student.email))
  await page.getByRole('button', { name: zh('signupConfirm.submit') }).click()
  await consentToNotice(page)
  await expect(page).toHaveURL('/student')
  return student
}

/**
 * On the processing notice a new student is sent to (PIPL: after sign-up, at the first campus
 * sign-on, when the notice changes): ticks both consents and goes on.
 */
export async function consentToNotice(page: Page, t: T = zh) {
  await expect(page).toHaveURL(/\/privacy\?redirectTo=/)
  await page.getByLabel(t('privacy.consent.notice')).check()
  await page.getByLabel(t('privacy.consent.sensitive')).check()
  await page.getByRole('button', { name: t('privacy.consent.submit') }).click()
}

/** A student account made through the sign-up form in another browser (`newContext`). */
export async function existingStudent(newContext: () => Promise<BrowserContext>): Promise<NewStudent> {
  const context = await newContext()
  return signUp(await context.newPage())
}

/** Signs in through the login form (in the page's current language) and waits to leave /login. */
export async function login(page: Page, email: string, password = DEMO_PASSWORD, t: T = zh) {
  if (!new URL(page.url(), 'http://x').pathname.startsWith('/login')) await page.goto('/login')
  await page.getByLabel(t('login.email')).fill(email)
  await page.getByLabel(t('login.password')).fill(password)
  await page.getByRole('button', { name: t('login.submit') }).click()
  await expect(page).not.toHaveURL(/\/login/)
}

/** Submits the login form and expects to stay on it (wrong password, locked account…). */
export async function attemptLogin(page: Page, email: string, password: string, t: T = zh) {
  await page.getByLabel(t('login.email')).fill(email)
  await page.getByLabel(t('login.password')).fill(password)
  const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.startsWith('/login'))
  await page.getByRole('button', { name: t('login.submit') }).click()
  return (await answer).status()
}

export async function logout(page: Page, t: T = zh) {
  await page.getByRole('button', { name: t('nav.signOut') }).click()
  await expect(page).toHaveURL('/login')
}

/**
 * Clicks the language switch in the header. It reads "English" on Chinese pages and "中文" on
 * English ones; its accessible name is "切换语言" / "Switch language".
 */
export async function switchLanguage(page: Page, to: 'en' | 'zh-CN') {
  const from = to === 'en' ? zh : en
  const button = page.getByRole('button', { name: from('nav.language'), exact: true })
  await button.click()
  await expect(page.locator('html')).toHaveAttribute('lang', to)
}

/** The session cookie as the browser holds it, if any. */
export async function sessionCookie(page: Page) {
  return (await page.context().cookies()).find((c) => c.name === 'mp_session' && c.value !== '')
}

/** One round trip to each open page, so errors logged just before the test ended arrive too. */
async function settle(context: BrowserContext) {
  await Promise.all(context.pages().map((p) => p.evaluate(() => 0).catch(() => {})))
}

/**
 * The accessibility rules every page is held to (docs/decisions/0030-accessibility-checks.md):
 * WCAG 2.0, 2.1 and 2.2 levels A and AA, and axe's best practices.
 */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']

/**
 * An analysis that lost its page to a navigation (axe injected into the page before it, run in the
 * one after) or to the end of the test: the next page is checked instead.
 */
const GONE =
  /Execution context was destroyed|Target (page, context or browser )?(has been )?closed|navigat|frame was detached|Cannot find context|reading 'run(Partial)?'|axe is not defined/i

/** axe-core's source, the release @axe-core/playwright ships with. */
const axeSource: string = (
  createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright')) as (id: string) => { source: string }
)('axe-core').source

type AxeViolation = { id: string; help: string; nodes: { target: string[]; failureSummary?: string }[] }

/**
 * Runs axe-core on the page's own document as it is now and returns its violations, one line per
 * rule and page. Frames are not portal pages (sandboxed email previews, document previews) and
 * are neither analysed nor injected into (a sandboxed frame never answers).
 */
export async function checkAccessibility(page: Page): Promise<string[]> {
  await page.evaluate(axeSource)
  const results = await page.evaluate(
    (tags) =>
      (
        window as unknown as { axe: { run(context: Document, options: object): Promise<{ url: string; violations: AxeViolation[] }> } }
      ).axe.run(document, { runOnly: { type: 'tag', values: tags }, iframes: false, resultTypes: ['violations'] }),
    AXE_TAGS,
  )
  const { origin, pathname, search } = new URL(results.url)
  // The page may have gone on to a campus sign-on stand-in (CAS, the OpenID provider) between the
  // watcher's look at its address and axe's run: only the portal's own pages are judged.
  if (origin !== new URL(APP_URL).origin) return []
  return results.violations.map(
    (v) =>
      `axe ${v.id} on ${pathname}${search}: ${v.help} (${v.nodes
        .slice(0, 5)
        .map((n) => `${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`)
        .join('; ')})`,
  )
}

/**
 * Checks every page of a browser context with axe: after each navigation (a full page load, a form
 * posted without JavaScript, a client-side navigation) once the page is loaded and quiet, and at
 * the end of the test. One check at a time per page; a navigation during a check asks for one more.
 */
function accessibilityWatch(report: (problem: string) => void) {
  const running = new Set<Promise<void>>()
  const state = new WeakMap<Page, { busy: boolean; again: boolean }>()

  // Pages without JavaScript (`javaScriptEnabled: false`) run no script, axe's included: their
  // HTML, scripts removed, is checked in a page of a separate browser context at the same address.
  const scripted = new WeakMap<BrowserContext, boolean>()
  let scratch: Promise<BrowserContext> | undefined

  /** Whether the page's context runs scripts: a timer fires in it, or not within 5 s. */
  async function runsScripts(page: Page) {
    const known = scripted.get(page.context())
    if (known !== undefined) return known
    const timer = page.evaluate(() => new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 0))).catch(() => undefined)
    const answer = await Promise.race([timer, new Promise<false>((resolve) => setTimeout(() => resolve(false), 5000))])
    if (answer === undefined) throw new Error('the page navigated')
    scripted.set(page.context(), answer)
    return answer
  }

  async function checkWithoutScripts(page: Page) {
    const [url, html] = [page.url(), await page.content()]
    // Explicitly: a test's options (`javaScriptEnabled: false`) are every new context's defaults.
    scratch ??= page.context().browser()!.newContext({ javaScriptEnabled: true })
    const copy = await (await scratch).newPage()
    try {
      await copy.route(
        (u) => u.href === url,
        (route) => route.fulfill({ contentType: 'text/html', body: html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '') }),
      )
      await copy.goto(url)
      return await checkAccessibility(copy)
    } finally {
      await copy.close()
    }
  }

  async function checkOnce(page: Page) {
    // The portal's pages only: not the campus sign-on's stand-ins (CAS, the OpenID provider).
    const ours = () => !page.isClosed() && new URL(page.url()).origin === new URL(APP_URL).origin
    if (!ours()) return
    await page.waitForLoadState('load', { timeout: 15_000 })
    if (!(await runsScripts(page))) {
      if ((await page.evaluate(() => document.contentType)) !== 'text/html' || !ours()) return
      for (const violation of await checkWithoutScripts(page)) report(violation)
      return
    }
    // Quiet: no change to the document for 300 ms (at most 3 s), so a client-side navigation has rendered.
    const isHtml = await page.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          if (document.contentType !== 'text/html') return resolve(false)
          let timer = setTimeout(done, 300)
          const observer = new MutationObserver(() => {
            clearTimeout(timer)
            timer = setTimeout(done, 300)
          })
          const cap = setTimeout(done, 3000)
          function done() {
            observer.disconnect()
            clearTimeout(cap)
            resolve(true)
          }
          observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true })
        }),
    )
    if (!isHtml || !ours()) return
    for (const violation of await checkAccessibility(page)) report(violation)
  }

  function schedule(page: Page) {
    const s = state.get(page) ?? { busy: false, again: false }
    state.set(page, s)
    if (s.busy) {
      s.again = true
      return
    }
    s.busy = true
    const run = (async () => {
      do {
        s.again = false
        try {
          await checkOnce(page)
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error)
          if (!GONE.test(message) && !page.isClosed()) report(`accessibility check on ${page.url()} failed: ${message}`)
        }
      } while (s.again && !page.isClosed())
      s.busy = false
    })()
    running.add(run)
    void run.finally(() => running.delete(run))
  }

  return {
    watch(page: Page) {
      // A main-frame navigation: a new document (a link, a form posted without JavaScript) or a
      // client-side one (Remix); the check waits for the load and for the page to be quiet.
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame() && frame.url() !== 'about:blank') schedule(page)
      })
    },
    /** Waits for the checks under way, then checks each open page as the test left it. */
    async finish(context: BrowserContext) {
      while (running.size > 0) await Promise.all(running)
      for (const page of context.pages()) if (page.url().startsWith('http')) schedule(page)
      while (running.size > 0) await Promise.all(running)
    },
    /** Closes the context that checks pages without JavaScript, if one was opened. */
    async close() {
      if (scratch) await (await scratch).close()
    },
  }
}

type Fixtures = {
  /**
   * Console errors and warnings (regular expressions) this test expects, e.g. the browser's own
   * "Failed to load resource: … 403" line when a page answers 403 on purpose. Anything else fails the test.
   */
  allowConsoleErrors: (...patterns: RegExp[]) => void
  /** A second, separate browser (own cookies), watched like `page` and closed after the test. */
  newContext: () => Promise<BrowserContext>
  _pageWatch: {
    watch(context: BrowserContext): void
    finish(context: BrowserContext): Promise<void>
    allowed: RegExp[]
    /** What the pages did lately, printed when a test fails: CI keeps only the printed output. */
    journal(): Promise<string>
  }
}

/**
 * The last steps of each page a test opened (its navigations, its document and data requests with
 * their answers), and how each open page stands: printed beside a failure, since CI keeps the
 * printed output and not the traces. A flake nobody could reproduce then says what the page did.
 */
function pageJournal() {
  const started = Date.now()
  const lines: string[] = []
  const note = (page: Page, text: string) => {
    lines.push(`${String(Date.now() - started).padStart(6)} ms  page ${pageNumbers.get(page)}  ${text}`)
    if (lines.length > 60) lines.shift()
  }
  const pageNumbers = new WeakMap<Page, number>()
  let pages = 0
  const open: Page[] = []
  const path = (url: string) => {
    const u = new URL(url)
    const whole = `${u.pathname}${u.search}`
    return whole.length > 100 ? `${whole.slice(0, 100)}…` : whole
  }
  return {
    watch(page: Page) {
      pageNumbers.set(page, ++pages)
      open.push(page)
      page.on('framenavigated', (frame) => frame === page.mainFrame() && note(page, `at ${path(frame.url())}`))
      page.on('request', (r) => {
        if (['document', 'fetch', 'xhr'].includes(r.resourceType())) note(page, `${r.method()} ${path(r.url())} (${r.resourceType()})`)
      })
      page.on('requestfinished', async (r) => {
        if (!['document', 'fetch', 'xhr'].includes(r.resourceType())) return
        const status = (await r.response().catch(() => null))?.status()
        note(page, `  ${status ?? '?'} ← ${r.method()} ${path(r.url())}`)
      })
      page.on('requestfailed', (r) => note(page, `  failed (${r.failure()?.errorText}) ← ${r.method()} ${path(r.url())}`))
    },
    async print(): Promise<string> {
      const states = await Promise.all(
        open
          .filter((page) => !page.isClosed())
          .map(async (page) => {
            // A page whose main thread is stuck never answers: its state is then said to be unknown.
            const within = <T>(ms: number, read: Promise<T>, otherwise: string) =>
              Promise.race([
                read.catch((error: unknown) => String(error)),
                new Promise<string>((resolve) => setTimeout(() => resolve(otherwise), ms)),
              ])
            const state = await within(
              2000,
              page.evaluate(() => ({
                hydrated: '__remixRouter' in window && !!(window as { __remixRouter?: unknown }).__remixRouter,
                focused: document.activeElement?.outerHTML.slice(0, 160) ?? '',
                status: document.querySelector('[role=status]')?.textContent ?? '',
                main: (document.querySelector('main')?.innerText ?? '').replace(/\s+/g, ' ').slice(0, 600),
              })),
              'no answer within 2 s',
            )
            // Playwright waits for animation frames before it clicks: a page the browser stopped
            // drawing fails a click as not stable (seen once, on the consent page after CAS).
            const frames = await within(
              1000,
              page.evaluate(() => new Promise<string>((resolve) => requestAnimationFrame(() => resolve('drawn')))),
              'none within 1 s',
            )
            return `page ${pageNumbers.get(page)} at ${page.url()}: ${JSON.stringify(state)}, frames: ${frames}`
          }),
      )
      return ['What the pages did last:', ...lines, ...states].join('\n')
    },
  }
}

export const test = base.extend<Fixtures>({
  // Every page of the test's browser contexts fails it on a console error or warning, an uncaught
  // exception or an accessibility violation.
  _pageWatch: async ({}, use) => {
    const problems: string[] = []
    // Remix's route discovery fetches /__manifest for the links a page shows; a test that goes to
    // another address at once (page.goto) aborts that fetch, which the page reports as an error.
    // Remix's single fetch logs the same abort as a console error when a navigation interrupts a
    // revalidation it is decoding (node_modules/@remix-run/react/dist/esm/single-fetch.js).
    const allowed: RegExp[] = [
      /^page error: signal is aborted without reason$/,
      /^console\.error: AbortError: signal is aborted without reason\n/,
    ]
    // A form posted before the page's JavaScript runs (or without it) gets the page back with its
    // field errors and status 400, and the browser logs "Failed to load resource" for that page: the
    // portal's designed answer, allowed for a posted document only (a fetch's 400 still fails).
    const postedDocuments400 = new Set<string>()
    const axe = accessibilityWatch((problem) => problems.push(problem))
    const journal = pageJournal()
    const watchPage = (page: Page) => {
      journal.watch(page)
      page.on('response', (r) => {
        const request = r.request()
        if (r.status() === 400 && request.isNavigationRequest() && request.method() === 'POST') postedDocuments400.add(r.url())
      })
      page.on('console', (m) => {
        if (m.type() !== 'error' && m.type() !== 'warning') return
        const where = m.location().url ? ` (${m.location().url})` : ''
        problems.push(`console.${m.type() === 'warning' ? 'warn' : 'error'}: ${m.text()}${where}`)
      })
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
      // A Content-Security-Policy violation is a DevTools issue, not a console message (Zod's
      // probe for eval was one on every page with a form: app/lib/zod-csp.ts).
      void page
        .context()
        .newCDPSession(page)
        .then(async (cdp) => {
          cdp.on('Audits.issueAdded', ({ issue }) => {
            if (issue.code !== 'ContentSecurityPolicyIssue') return
            const details = issue.details.contentSecurityPolicyIssueDetails
            problems.push(
              `CSP violation: ${details?.violatedDirective} ${details?.contentSecurityPolicyViolationType} (${details?.sourceCodeLocation?.url ?? details?.blockedURL ?? ''})`,
            )
          })
          await cdp.send('Audits.enable')
        })
        .catch(() => {}) // the page closed first
      axe.watch(page)
    }
    await use({
      allowed,
      watch(context) {
        context.pages().forEach(watchPage)
        context.on('page', watchPage)
      },
      finish: (context) => axe.finish(context),
      journal: () => journal.print(),
    })
    await axe.close()
    const answered = [...postedDocuments400].map(
      (url) => `console.error: Failed to load resource: the server responded with a status of 400 (Bad Request) (${url})`,
    )
    const unexpected = [...new Set(problems)].filter((p) => !answered.includes(p) && !allowed.some((re) => re.test(p)))
    expect(unexpected, 'the page logged errors or warnings, or failed an accessibility check').toEqual([])
  },
  allowConsoleErrors: async ({ _pageWatch }, use) => use((...patterns) => void _pageWatch.allowed.push(...patterns)),
  context: async ({ context, _pageWatch }, use, testInfo) => {
    _pageWatch.watch(context)
    await use(context)
    if (testInfo.status !== testInfo.expectedStatus) console.log(await _pageWatch.journal())
    // The last accessibility checks have their own time, not the journey's.
    testInfo.setTimeout(testInfo.timeout + 30_000)
    await _pageWatch.finish(context)
    await settle(context)
  },
  newContext: async ({ browser, _pageWatch }, use, testInfo) => {
    const made: BrowserContext[] = []
    await use(async () => {
      const context = await browser.newContext()
      _pageWatch.watch(context)
      made.push(context)
      return context
    })
    if (made.length > 0) testInfo.setTimeout(testInfo.timeout + 30_000)
    for (const context of made) {
      await _pageWatch.finish(context)
      await settle(context)
      await context.close()
    }
  },
})
