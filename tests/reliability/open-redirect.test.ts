// The return address after sign-in (/login) and after switching language (/set-locale) never leads
// off the site, whatever trick the address uses: a path the URL parser normalises into `//host`
// (`/.//`, `/..//`, `/%2e%2e//`), backslashes, tabs and newlines the parser drops, encoded slashes,
// other schemes. Checked over HTTP with a table of hostile addresses, and as a property of
// safeRedirect itself with many generated ones.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { safeRedirect } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { createUser, DEMO_PASSWORD } from '../factories'
import { startAppServer, type AppServer } from '../support/app-server'
import { resetDatabase } from '../support/db'

let app: AppServer
let email: string
beforeAll(async () => {
  await resetDatabase()
  app = await startAppServer({ production: true })
  email = (await createUser(prisma)).email
})
afterAll(() => app?.close())

const hostile = [
  '/.//evil.example',
  '/./\\evil.example',
  '/..//evil.example',
  '/../..//evil.example/x?y#z',
  '/a/..//evil.example',
  '/a/../..//evil.example',
  '/%2e//evil.example',
  '/%2e%2e//evil.example',
  '/%2E%2E/%2E%2E//evil.example',
  '/.%2e//evil.example',
  '//evil.example',
  '///evil.example',
  '/\\evil.example',
  '\\/evil.example',
  '\\\\evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '/\t\\evil.example',
  '\t//evil.example',
  ' //evil.example',
  '/ /evil.example',
  '/./%2F/evil.example',
  'https://evil.example/',
  'http:evil.example',
  'https:/evil.example',
  'javascript:alert(1)',
  '/\u0000/evil.example',
  '/.\t/\t/evil.example',
  '/.\\/evil.example',
  '/..\\\\evil.example',
]

/** Where a browser on the portal would land, following this Location header. */
const landing = (location: string) => new URL(location, 'https://portal.example.edu.cn/login')

function expectOnSite(location: string | null, input: string) {
  expect(location, input).not.toBeNull()
  expect(landing(location!).host, `${JSON.stringify(input)} → ${location}`).toBe('portal.example.edu.cn')
  expect(location!.startsWith('//') || location!.startsWith('/\\'), `${JSON.stringify(input)} → ${location}`).toBe(false)
  expect(location!.startsWith('/'), `${JSON.stringify(input)} → ${location}`).toBe(true)
}

/**
 * The answer to a form carrying a hostile return address: a redirect that stays on the site, or
 * (for an address with a NUL, refused before any action reads it) a 400 that goes nowhere.
 */
function expectStaysOnSite(res: Response, redirectTo: string) {
  if (redirectTo.includes('\0')) return expect(res.status).toBe(400)
  expect(res.status).toBe(302)
  expectOnSite(res.headers.get('location'), redirectTo)
}

describe('hostile return addresses over HTTP', () => {
  test.each(hostile)('/set-locale with redirectTo=%j stays on the site', async (redirectTo) => {
    const res = await app.request('/set-locale', { form: { locale: 'en', redirectTo } })
    await res.arrayBuffer()
    expectStaysOnSite(res, redirectTo)
  })

  test.each(hostile)('/login with redirectTo=%j stays on the site', async (redirectTo) => {
    const res = await app.request('/login', { form: { email, password: DEMO_PASSWORD, redirectTo } })
    await res.arrayBuffer()
    expectStaysOnSite(res, redirectTo)
  })

  test('same-site addresses are still followed, query and fragment kept', async () => {
    for (const [redirectTo, expected] of [
      ['/student/applications/abc?tab=documents#upload', '/student/applications/abc?tab=documents#upload'],
      ['/programs', '/programs'],
      ['/a/./b/../c', '/a/c'],
      ['/项目?q=交换', '/%E9%A1%B9%E7%9B%AE?q=%E4%BA%A4%E6%8D%A2'],
    ]) {
      const viaLocale = await app.request('/set-locale', { form: { locale: 'zh-CN', redirectTo } })
      await viaLocale.arrayBuffer()
      expect(viaLocale.headers.get('location'), redirectTo).toBe(expected)
      const viaLogin = await app.request('/login', { form: { email, password: DEMO_PASSWORD, redirectTo } })
      await viaLogin.arrayBuffer()
      expect(viaLogin.headers.get('location'), redirectTo).toBe(expected)
    }
  })
})

// Pieces that URL parsers treat specially; strings made of them find the tricks no table lists.
const pieces = [
  '/',
  '\\',
  '.',
  '..',
  '%2e',
  '%2E',
  '%2f',
  '%2F',
  '%5c',
  '%5C',
  '\t',
  '\n',
  '\r',
  ' ',
  '\u0000',
  '\u3002',
  '\uff0f',
  '\uff3c',
  'evil.example',
  '@',
  ':',
  '?',
  '#',
  'http:',
  'https:',
  'javascript:',
  'a',
  '%',
  '%25',
  '%09',
]
const tricky = fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((parts) => parts.join(''))
const anyAddress = fc.oneof(
  tricky,
  tricky.map((s) => `/${s}`),
  fc.string(),
  fc.string({ unit: 'binary' }).map((s) => `/${s}`),
)

describe('safeRedirect, as a property', () => {
  test('returns either the fallback or a path that a browser resolves to the same site', () => {
    fc.assert(
      fc.property(anyAddress, (input) => {
        const out = safeRedirect(input, '/fallback')
        expectOnSite(out, input)
        // Stable: what it returns, it returns unchanged (nothing left for a second parse to fold).
        expect(safeRedirect(out, '/other')).toBe(out)
      }),
      { numRuns: 5000 },
    )
  })

  test('/set-locale, over HTTP, with generated addresses', async () => {
    await fc.assert(
      fc.asyncProperty(anyAddress, async (redirectTo) => {
        const res = await app.request('/set-locale', { form: { locale: 'en', redirectTo } })
        await res.arrayBuffer()
        expectStaysOnSite(res, redirectTo)
      }),
      { numRuns: 150 },
    )
  })
})
