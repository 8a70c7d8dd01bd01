import http from 'node:http'
import type { Readable } from 'node:stream'

export type HttpResponse = { status: number; headers: http.IncomingHttpHeaders; body: string }

/** A plain HTTP request (the body streamed when it is a Readable), the answer read whole. */
export function request(
  url: string,
  { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string | number>; body?: string | Readable } = {},
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', reject)
    })
    req.on('error', reject)
    if (typeof body === 'string' || body === undefined) req.end(body)
    else body.pipe(req)
  })
}

/** Signs in through the login form and returns the session cookie ("name=value"). */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await request(`${baseUrl}/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password }).toString(),
  })
  const cookie = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('mp_session='))
  if (res.status !== 302 || !cookie) throw new Error(`sign-in as ${email} failed: HTTP ${res.status} ${res.body.slice(0, 200)}`)
  return cookie.split(';')[0]
}
