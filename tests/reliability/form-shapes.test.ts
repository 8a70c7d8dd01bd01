// Bodies of the wrong shape, sent to every form of the portal over HTTP while a second client keeps
// asking /healthz: each is refused with a 4xx in well under a second, and the health check never
// waits. The shapes come from a probe that stopped version 1 with one 57-byte request (an array
// index of 4294967294 that the form library turned into an array of that length): huge indexes,
// repeated and deep names, oversized and never-ending bodies, bodies that are not forms, NULs.
// The limits themselves: app/lib/form-limits.ts and server/request-limits.ts.
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { env } from '~/lib/env.server'
import { FORM_LIMITS } from '~/lib/form-limits'
import { prisma } from '~/lib/db.server'
import { createApplication, createProgram, createStudent, createUser, DEMO_PASSWORD } from '../factories'
import { sessionCookie, startAppServer, type AppServer } from '../support/app-server'
import { resetDatabase } from '../support/db'
import { routeModules } from './support/routes'

let app: AppServer
const cookies: Record<'student' | 'college' | 'office' | 'finance' | 'admin' | 'approver', string> = {} as never
let applicationId = ''
let programId = ''

beforeAll(async () => {
  await resetDatabase()
  app = await startAppServer({ production: true })
  const student = await createStudent(prisma)
  const program = await createProgram(prisma)
  programId = program.id
  applicationId = (await createApplication(prisma, { applicantId: student.id, programId: program.id })).id
  cookies.student = await sessionCookie(student.id)
  cookies.college = await sessionCookie((await createUser(prisma, { roles: ['college_reviewer'], collegeId: student.collegeId })).id)
  cookies.office = await sessionCookie((await createUser(prisma, { roles: ['office_reviewer'] })).id)
  cookies.finance = await sessionCookie((await createUser(prisma, { roles: ['finance'] })).id)
  cookies.admin = await sessionCookie((await createUser(prisma, { roles: ['admin'] })).id)
  cookies.approver = await sessionCookie((await createUser(prisma, { roles: ['academic_approver'], collegeId: student.collegeId })).id)
})
afterAll(() => app?.close())

// Every route module with an action: where it takes posts, and who may post there.
type Who = keyof typeof cookies | 'anonymous' | 'a new session'
const forms: Record<string, [path: () => string, who: Who]> = {
  login: [() => '/login', 'anonymous'],
  logout: [() => '/logout', 'a new session'], // signs out: the others' sessions must live on
  'set-locale': [() => '/set-locale', 'anonymous'],
  // The CAS server's single-logout request (CAS is on in the tests).
  'auth.cas': [() => '/auth/cas', 'anonymous'],
  signup: [() => '/signup', 'anonymous'],
  'signup_.confirm': [() => '/signup/confirm?token=x', 'anonymous'],
  'forgot-password': [() => '/forgot-password', 'anonymous'],
  'reset-password': [() => '/reset-password?token=x', 'anonymous'],
  'programs.$programId': [() => `/programs/${programId}`, 'student'],
  'student.applications.$applicationId._index': [() => `/student/applications/${applicationId}`, 'student'],
  'student.applications.$applicationId.documents': [() => `/student/applications/${applicationId}/documents`, 'student'],
  'student.applications.$applicationId.submit': [() => `/student/applications/${applicationId}/submit`, 'student'],
  'student.applications.$applicationId.report': [() => `/student/applications/${applicationId}/report`, 'student'],
  'review.$applicationId': [() => `/review/${applicationId}`, 'office'],
  'college._index': [() => '/college', 'college'],
  'office._index': [() => '/office', 'office'],
  'finance.awards.$awardId': [() => '/finance/awards/x', 'finance'],
  'finance.rates': [() => '/finance/rates', 'finance'],
  'finance.fiscal': [() => '/finance/fiscal', 'finance'],
  'admin.finance-export': [() => '/admin/finance-export', 'admin'],
  'admin.emails': [() => '/admin/emails', 'admin'],
  'admin.colleges.$collegeId': [() => '/admin/colleges/new', 'admin'],
  'admin.partners.$partnerId': [() => '/admin/partners/new', 'admin'],
  'admin.programs.$programId': [() => '/admin/programs/new', 'admin'],
  'admin.agreements.$agreementId': [() => '/admin/agreements/new', 'admin'],
  'admin.agreements.$agreementId.signed': [() => '/admin/agreements/nosuchagreement1/signed', 'admin'],
  'admin.funds.$fundId': [() => '/admin/funds/new', 'admin'],
  'admin.users.$userId': [() => '/admin/users/new', 'admin'],
  'admin.targets': [() => '/admin/targets', 'admin'],
  'admin.calendar': [() => '/admin/calendar', 'admin'],
  'admin.import._index': [() => '/admin/import', 'admin'],
  'rounds.new': [() => '/rounds/new', 'office'],
  'rounds.$roundId': [() => '/rounds/x', 'student'],
  'student.applications.$applicationId.offer': [() => `/student/applications/${applicationId}/offer`, 'student'],
  privacy: [() => '/privacy', 'student'],
  'student.privacy': [() => '/student/privacy', 'student'],
  'admin.privacy': [() => '/admin/privacy', 'admin'],
  'office.deletion-requests': [() => '/office/deletion-requests', 'office'],
  'student.applications.$applicationId.stay': [() => `/student/applications/${applicationId}/stay`, 'student'],
  'office.stays': [() => '/office/stays', 'office'],
  'office.stays_.setup': [() => '/office/stays/setup', 'office'],
  'student.applications.$applicationId.learning-agreement': [() => `/student/applications/${applicationId}/learning-agreement`, 'student'],
  'learning-agreements.$applicationId': [() => `/learning-agreements/${applicationId}`, 'approver'],
  'admin.grade-scales': [() => '/admin/grade-scales', 'admin'],
  'guardian.$token': [() => '/guardian/x', 'anonymous'],
  'incident.$token': [() => '/incident/x', 'anonymous'],
}

const form = 'application/x-www-form-urlencoded'
const valid = `email=a%40b.cn&password=x&intent=save&kind=exchange`
// Each shape: the body, its content type, and the answers it may get.
const shapes: Record<string, { body: () => string; type?: string; status: number[] }> = {
  'an array index of 2^32 - 2 (the 57-byte request)': { body: () => `${valid}&x%5B4294967294%5D=1`, status: [400] },
  'an array index of ten million': { body: () => `${valid}&x%5B10000000%5D=1`, status: [400] },
  'a course row ten thousand down': { body: () => `${valid}&courses%5B10000%5D.homeCourse=x`, status: [400] },
  'an index past the limit inside a known list': {
    body: () => `${valid}&courses%5B${FORM_LIMITS.index + 1}%5D.homeCourse=x`,
    status: [400],
  },
  '100,000 repeated fields (400 KB)': { body: () => `${valid}${'&z=1'.repeat(100_000)}`, status: [413] },
  'one name repeated past the limit': { body: () => `${valid}${'&ids=1'.repeat(FORM_LIMITS.repeats + 1)}`, status: [413] },
  'a name nested 10,000 levels deep': { body: () => `${valid}&a${'%5Bb%5D'.repeat(10_000)}=1`, status: [400] },
  'a name nested with dots': { body: () => `${valid}&${'a.'.repeat(20)}b=1`, status: [400] },
  'a name of 10,000 characters': { body: () => `${valid}&${'n'.repeat(10_000)}=1`, status: [400] },
  'a prototype name': { body: () => `${valid}&__proto__.admin=1`, status: [400] },
  'a body of 2 MB': { body: () => `${valid}&studyPlan=${'x'.repeat(2 * 1024 * 1024)}`, status: [413] },
  'a NUL in a value': { body: () => `${valid}&reason=a%00b&q=%00`, status: [400] },
  XML: { body: () => '<?xml version="1.0"?><a/>', type: 'text/xml', status: [415] },
  JSON: { body: () => JSON.stringify({ email: 'a@b.cn', 'x[4294967294]': 1 }), type: 'application/json', status: [415] },
  'plain text': { body: () => valid, type: 'text/plain', status: [415] },
  // A multipart body only where files are taken; the upload route reads it with its own limits.
  'multipart with a huge index': {
    body: () => `--b\r\nContent-Disposition: form-data; name="x[4294967294]"\r\n\r\n1\r\n--b--\r\n`,
    type: 'multipart/form-data; boundary=b',
    status: [400, 415],
  },
}

const cookieOf = async (who: Exclude<Who, 'anonymous'>) =>
  who === 'a new session' ? sessionCookie((await createStudent(prisma)).id) : cookies[who]

/** The longest /healthz took while `during` ran, polling one request after another. */
async function healthDuring<T>(during: () => Promise<T>): Promise<{ result: T; slowest: number; checks: number }> {
  let done = false
  let slowest = 0
  let checks = 0
  const poll = (async () => {
    while (!done) {
      const started = performance.now()
      const res = await app.request('/healthz')
      await res.arrayBuffer()
      expect(res.status).toBe(200)
      slowest = Math.max(slowest, performance.now() - started)
      checks++
    }
  })()
  try {
    const result = await during()
    return { result, slowest, checks }
  } finally {
    done = true
    await poll
  }
}

describe('every form refuses each malformed shape at once, and /healthz keeps answering', () => {
  const cases = Object.entries(forms).flatMap(([module, target]) =>
    Object.entries(shapes).map(([shape, s]) => [module, shape, target, s] as const),
  )
  test.each(cases)('%s: %s', async (_, shape, [path, who], { body, type, status }) => {
    const { result, slowest } = await healthDuring(async () => {
      const started = performance.now()
      const res = await app.request(path(), {
        method: 'POST',
        body: body(),
        // Script callers of the upload route get JSON instead of a redirect back with the outcome.
        headers: { Accept: 'application/json', 'Content-Type': type ?? form, ...(who !== 'anonymous' && { Cookie: await cookieOf(who) }) },
      })
      const text = await res.text()
      return { status: res.status, ms: performance.now() - started, text }
    })
    // The upload route takes multipart and answers it itself; everything else refuses it unread.
    expect(status, `${shape} answered ${result.status}: ${result.text.slice(0, 200)}`).toContain(result.status)
    expect(result.ms).toBeLessThan(1000)
    expect(slowest).toBeLessThan(1000)
  })

  test('every route module with an action is in the list above', async () => {
    const withAction = []
    for (const m of routeModules()) {
      const module = (await import(/* @vite-ignore */ `../../app/routes/${m}`)) as { action?: unknown }
      if (module.action) withAction.push(m)
    }
    expect(withAction.filter((m) => !(m in forms))).toEqual([])
  })
})

/** A raw POST, to control what is sent and when: resolves with the status as soon as it arrives. */
function rawPost(path: string, headers: Record<string, string>, send: (req: http.ClientRequest) => void) {
  return new Promise<{ status: number; sent: number }>((resolve, reject) => {
    let sent = 0
    const req = http.request(new URL(path, app.url), { method: 'POST', headers }, (res) => {
      res.resume()
      resolve({ status: res.statusCode ?? 0, sent })
    })
    req.on('error', (error) => (sent > 0 ? undefined : reject(error)))
    const write = req.write.bind(req)
    req.write = ((chunk: Buffer, ...rest: never[]) => {
      sent += chunk.length
      return write(chunk, ...rest)
    }) as typeof req.write
    send(req)
  })
}

describe('a body is not read past its limit', () => {
  test('a declared 300 MB form is refused before a byte of it is read', async () => {
    const { result } = await healthDuring(() =>
      rawPost('/login', { 'Content-Type': form, 'Content-Length': String(300 * 1024 * 1024) }, (req) => req.flushHeaders()),
    )
    expect(result.status).toBe(413)
    expect(result.sent).toBe(0)
  })

  test('a chunked form that never ends is refused soon after its first megabyte', async () => {
    const chunk = Buffer.from('a='.padEnd(64 * 1024, 'x'))
    const { result } = await healthDuring(() =>
      rawPost('/login', { 'Content-Type': form, 'Transfer-Encoding': 'chunked' }, (req) => {
        let answered = false
        let written = 0
        req.on('response', () => void (answered = true))
        const pump = () => {
          // Bounded: the test fails long before, if the server reads on.
          while (!answered && !req.destroyed && written < 64 * 1024 * 1024) {
            written += chunk.length
            if (!req.write(chunk)) return
          }
        }
        req.on('drain', pump)
        pump()
      }),
    )
    expect(result.status).toBe(413)
    expect(result.sent).toBeLessThan(FORM_LIMITS.bodyBytes * 8) // what was in flight when the answer came
  })

  test('a declared 300 MB upload is refused before it is read', async () => {
    const { result } = await healthDuring(() =>
      rawPost(
        `/student/applications/${applicationId}/documents`,
        { 'Content-Type': 'multipart/form-data; boundary=b', 'Content-Length': String(300 * 1024 * 1024), Cookie: cookies.student },
        (req) => req.flushHeaders(),
      ),
    )
    expect(result.status).toBe(413)
    expect(result.sent).toBe(0)
  })
})

/** A chunked multipart body that never ends: `part` over and over after `head`, until the answer comes. */
function endlessMultipart(path: string, head: string, part: Buffer, cookie?: string) {
  return rawPost(
    path,
    {
      'Content-Type': 'multipart/form-data; boundary=b',
      'Transfer-Encoding': 'chunked',
      Accept: 'application/json',
      ...(cookie && { Cookie: cookie }),
    },
    (req) => {
      let answered = false
      let written = 0
      req.on('response', () => void (answered = true))
      req.write(head)
      const pump = () => {
        // Bounded: the test fails long before, if the server reads on.
        while (!answered && !req.destroyed && written < 256 * 1024 * 1024) {
          written += part.length
          if (!req.write(part)) return
        }
      }
      req.on('drain', pump)
      pump()
    },
  )
}

describe('an upload is not read past its limits, whatever its headers say', () => {
  const uploadPath = () => `/student/applications/${applicationId}/documents`
  const filePart = (i: number) =>
    `--b\r\nContent-Disposition: form-data; name="file"; filename="f${i}.pdf"\r\nContent-Type: application/pdf\r\n\r\n%\r\n`

  test('a chunked upload whose file never ends is refused once the file passes UPLOAD_MAX_BYTES', async () => {
    const head = `--b\r\nContent-Disposition: form-data; name="kind"\r\n\r\ntranscript\r\n${filePart(0).slice(0, -3)}`
    const { result } = await healthDuring(() => endlessMultipart(uploadPath(), head, Buffer.alloc(256 * 1024, 0x25), cookies.student))
    expect(result.status).toBe(413)
    // What was in flight when the answer came: about one file's limit, not the 256 MB offered.
    expect(result.sent).toBeLessThan(env().UPLOAD_MAX_BYTES * 3)
    expect(await prisma.document.count({ where: { applicationId } })).toBe(0)
  })

  test('thousands of one-byte file parts stop at the number of files an upload takes, each costing nothing', async () => {
    const parts = Array.from({ length: 3000 }, (_, i) => filePart(i)).join('')
    const body = `--b\r\nContent-Disposition: form-data; name="kind"\r\n\r\nother\r\n${parts}--b--\r\n`
    const started = performance.now()
    const { result } = await healthDuring(() =>
      rawPost(
        uploadPath(),
        { 'Content-Type': 'multipart/form-data; boundary=b', Accept: 'application/json', Cookie: cookies.student },
        (req) => req.end(body),
      ),
    )
    expect(result.status).toBe(400)
    expect(performance.now() - started).toBeLessThan(5_000)
    // One-byte "PDFs" are refused by their content; none is stored, and the reading stopped at the
    // eleventh file (no more than ten refusals were looked at).
    expect(await prisma.document.count({ where: { applicationId } })).toBe(0)
  })

  test('a multipart body to a form that takes no files is refused unread, and its connection closed', async () => {
    const closed = new Promise<number>((resolve) => {
      const started = performance.now()
      const req = http.request(new URL('/login', app.url), {
        method: 'POST',
        headers: { 'Content-Type': 'multipart/form-data; boundary=b', 'Transfer-Encoding': 'chunked' },
      })
      req.on('response', (res) => {
        expect(res.statusCode).toBe(415)
        expect(res.headers.connection).toBe('close')
        res.resume()
      })
      req.on('socket', (socket) => socket.on('close', () => resolve(performance.now() - started)))
      req.on('error', () => {})
      req.write(`--b\r\nContent-Disposition: form-data; name="email"\r\n\r\n`)
      const timer = setInterval(() => (req.destroyed ? clearInterval(timer) : req.write('x'.repeat(1024))), 10)
      req.on('close', () => clearInterval(timer))
    })
    expect(await closed).toBeLessThan(2_000)
  })
})

describe('a reply sends back only the form’s own fields', () => {
  test('a stray field is not echoed by a refused sign-in, and the typed email is', async () => {
    const res = await app.request('/login', { form: { email: 'zhang@example.edu.cn', password: 'wrong', stray: 'STRAY-FIELD-VALUE' } })
    const html = await res.text()
    expect(res.status).toBe(400)
    expect(html).toContain('zhang@example.edu.cn')
    expect(html).not.toContain('STRAY-FIELD-VALUE')
  })

  test('a malformed conform control is ignored, not a 500', async () => {
    const res = await app.request('/login', { form: { email: 'zhang@example.edu.cn', password: DEMO_PASSWORD, __intent__: '{not json' } })
    await res.arrayBuffer()
    expect(res.status).toBe(400)
  })
})

describe('the query string', () => {
  test.each([
    '/admin/users?q=%00',
    '/admin/programs?q=a%00',
    '/admin/partners?q=%00',
    '/admin/colleges?q=%00',
    '/admin/funds?q=%00',
    '/office?q=%00',
  ])('%s: a NUL is a 400, not a 500', async (path) => {
    const res = await app.request(path, { cookie: path.startsWith('/office') ? cookies.office : cookies.admin })
    await res.arrayBuffer()
    expect(res.status).toBe(400)
  })

  test.each(['localhost/review/%00', 'localhost?x', 'evil.example/#', 'a b'])(
    'a Host header that is no host (%s) is a 400',
    async (host) => {
      const status = await new Promise<number>((resolve, reject) => {
        const req = http.request(new URL('/login', app.url), { headers: { Host: host } }, (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        })
        req.on('error', reject)
        req.end()
      })
      expect(status).toBe(400)
    },
  )

  test('a NUL in the path is no page', async () => {
    const res = await app.request(`/review/${applicationId}%00`, { cookie: cookies.office })
    await res.arrayBuffer()
    expect(res.status).toBe(404)
  })
})
