import { expect, login, test, zh } from './fixtures'

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
