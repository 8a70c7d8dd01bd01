// server/request-limits.ts on its own, in front of a handler that reads the body as a route does:
// what happens to the body when the client goes away midway.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { limitRequests } from '../../server/request-limits'

let server: http.Server
let url: URL
const outcomes: Promise<string>[] = []

beforeAll(async () => {
  const app = express()
  app.use(limitRequests({ formMaxBytes: 1024 * 1024, multipartMaxBytes: 64 * 1024 * 1024 }))
  app.post('/upload', (_req, res) => {
    const body = res.locals.body
    // How the route's reading of the body ends: the parser of an upload waits for exactly this.
    outcomes.push(
      new Promise((resolve) => {
        if (!body || Buffer.isBuffer(body)) return resolve('no stream')
        body.on('data', () => {})
        body.once('end', () => resolve('ended'))
        body.once('error', (error) => resolve(`failed: ${error.message}`))
      }),
    )
  })
  server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/upload`)
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

test('an upload the client abandons midway fails its body, so its reader and its upload to S3 stop', async () => {
  const req = http.request(url, {
    method: 'POST',
    headers: { 'Content-Type': 'multipart/form-data; boundary=b', 'Content-Length': String(20 * 1024 * 1024) },
  })
  req.on('error', () => {})
  req.write(`--b\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 ${'x'.repeat(256 * 1024)}`)
  await new Promise((resolve) => setTimeout(resolve, 200))
  req.destroy() // the student's train goes into a tunnel
  const outcome = await Promise.race([
    outcomes.at(-1)!,
    new Promise((resolve) => setTimeout(() => resolve('still waiting after 2 s'), 2000)),
  ])
  expect(outcome).toMatch(/^failed: /)
})
