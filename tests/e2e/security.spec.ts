import { DEMO_PASSWORD, expect, login, sessionCookie, test } from './fixtures'

test('GET /healthz reports every service ok', async ({ request }) => {
  const response = await request.get('/healthz')
  expect(response.status()).toBe(200)
  expect(response.headers()['content-type']).toContain('application/json')
  expect(response.headers()['cache-control']).toBe('no-store')
  expect(await response.json()).toEqual({ database: 'ok', storage: 'ok', mail: 'ok' })
})

test('the favicon and the built assets are served as files, pages whole with their length', async ({ request }) => {
  const icon = await request.get('/favicon.svg')
  expect(icon.status()).toBe(200)
  expect(icon.headers()['content-type']).toContain('image/svg+xml')
  // The address browsers ask for by themselves (for a PDF, say), which answered 404 before.
  const ico = await request.get('/favicon.ico')
  expect(ico.status()).toBe(200)
  expect(ico.headers()['content-type']).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/)
  const page = await request.get('/login', { headers: { 'accept-encoding': 'identity' } })
  const html = await page.text()
  // The page is sent whole (one body with its length), not streamed in chunks.
  expect(Number(page.headers()['content-length'])).toBe(Buffer.byteLength(html))
  const script = /"(\/assets\/[^"]+\.js)"/.exec(html)?.[1]
  expect(script, 'a built script in the page').toBeDefined()
  const asset = await request.get(script!)
  expect(asset.status()).toBe(200)
  expect(asset.headers()['cache-control']).toContain('immutable')
})

test('pages carry the security headers, with a fresh CSP nonce used by the scripts', async ({ page }) => {
  const response = await page.goto('/login')
  const headers = response!.headers()
  const csp = headers['content-security-policy']
  expect(csp).toBeDefined()
  const nonce = /script-src [^;]*'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1]
  expect(nonce, `a script nonce in: ${csp}`).toBeDefined()
  expect(csp).toMatch(/frame-ancestors '(self|none)'/)
  expect(csp).toMatch(/object-src 'none'/)
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/)
  expect(headers['x-content-type-options']).toBe('nosniff')
  expect(headers['referrer-policy']).toMatch(/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/)
  expect(headers['strict-transport-security']).toMatch(/max-age=(\d{8,}|3[1-9]\d{6})/) // a year or more
  expect(headers['x-powered-by']).toBeUndefined()

  // Every inline script carries this request's nonce (the app hydrated, so the policy let them run).
  const scriptNonces = await page.evaluate(() =>
    [...document.querySelectorAll('script:not([src])')].map((s) => (s as HTMLScriptElement).nonce),
  )
  expect(scriptNonces.length).toBeGreaterThan(0)
  for (const n of scriptNonces) expect(n).toBe(nonce)

  const next = await page.request.get('/login')
  expect(next.headers()['content-security-policy']).not.toContain(nonce!)
})

test('the session cookie is HttpOnly, SameSite=Lax and Secure', async ({ page }) => {
  await login(page, 'student@demo.edu.cn')
  const cookie = await sessionCookie(page)
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: true, path: '/' })
  expect(await page.evaluate(() => document.cookie)).not.toContain('mp_session')
})

test('a cross-site form post to /login is refused', async ({ request, baseURL }) => {
  const form = { email: 'student@demo.edu.cn', password: DEMO_PASSWORD }
  const refused = await request.post('/login', { form, headers: { Origin: 'http://evil.example' }, maxRedirects: 0 })
  expect(refused.status()).toBe(403)
  expect(refused.headers()['set-cookie']).toBeUndefined()

  // The same post from the portal's own origin signs in: the refusal was about the origin.
  const own = await request.post('/login', { form, headers: { Origin: new URL(baseURL!).origin }, maxRedirects: 0 })
  expect(own.status()).toBe(302)
  expect(own.headers()['set-cookie']).toContain('mp_session=')
})

test('no malformed input makes the server fail', async ({ request }) => {
  const huge = 'x'.repeat(200_000)
  const cases: [string, Record<string, string>][] = [
    ['/login', {}],
    ['/login', { email: huge, password: huge }],
    ['/login', { email: 'a@b.cn', password: '\u0000\u0001' }],
    ['/signup', {}],
    [
      '/signup',
      {
        nameZh: huge,
        nameEn: '\u202e',
        studentNumber: '😀'.repeat(30),
        collegeId: 'no-such-college',
        level: 'emperor',
        email: '@',
        password: 'x',
        confirmPassword: 'y',
      },
    ],
    [
      '/signup',
      {
        nameZh: '张三',
        nameEn: 'ZHANG San',
        studentNumber: 'ABC123456',
        collegeId: huge,
        level: 'master',
        email: 'a@example.edu.cn',
        password: 'Long-enough-1',
        confirmPassword: 'Long-enough-1',
      },
    ],
    ['/forgot-password', { email: huge }],
    ['/reset-password', { token: huge, password: 'Long-enough-1', confirmPassword: 'Long-enough-1' }],
    ['/reset-password', { token: 'made-up', password: 'Long-enough-1', confirmPassword: 'Long-enough-1' }],
    ['/set-locale', { locale: 'xx', redirectTo: 'https://evil.example' }],
    ['/logout', {}],
  ]
  for (const [path, form] of cases) {
    const response = await request.post(path, { form, maxRedirects: 0 })
    expect(response.status(), `POST ${path} ${JSON.stringify(form).slice(0, 80)}`).toBeLessThan(500)
  }
  for (const path of ['/reset-password?token=' + huge.slice(0, 5000), '/login?redirectTo=%00%ff', '/nope/%E0%A4%A']) {
    const response = await request.get(path, { maxRedirects: 0 })
    expect(response.status(), `GET ${path.slice(0, 60)}`).toBeLessThan(500)
  }
  const locale = await request.post('/set-locale', { form: { locale: 'en', redirectTo: 'https://evil.example' }, maxRedirects: 0 })
  expect(locale.headers()['location']).toBe('/')
})
