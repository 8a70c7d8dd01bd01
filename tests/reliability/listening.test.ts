// Who can reach the server: outside production it answers this machine only (the development server
// also serves the project's files through Vite), in production every interface; and Vite never
// serves the development services' data under .data/ (uploaded documents, caught emails, the
// campus sign-on's accounts), whatever the path.
import { mkdir, rm, writeFile } from 'node:fs/promises'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { startAppServer } from '../support/app-server'

/** An address of this machine other than loopback: what another machine on the network would connect to. */
function externalAddress(): string {
  const address = Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address
  if (!address) throw new Error('this machine has no network interface besides loopback')
  return address
}

/** 'open' when a TCP connection to host:port is accepted, else the error's code. */
function connect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port })
    socket.once('connect', () => {
      socket.destroy()
      resolve('open')
    })
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'))
  })
}

test('outside production the server answers this machine only; in production every interface', async () => {
  const local = await startAppServer()
  const production = await startAppServer({ production: true })
  try {
    const localPort = Number(new URL(local.url).port)
    expect(await connect('127.0.0.1', localPort)).toBe('open')
    expect(await connect(externalAddress(), localPort)).toBe('ECONNREFUSED')
    expect((await local.request('/login')).status).toBe(200)
    expect(await connect(externalAddress(), Number(new URL(production.url).port))).toBe('open')
  } finally {
    await local.close()
    await production.close()
  }
})

const dataDir = path.resolve('.data')
const planted = path.join(dataDir, 'listening-test', 'secret.txt')
afterAll(() => rm(path.dirname(planted), { recursive: true, force: true }))

test('the development server never serves what is under .data/', async () => {
  await mkdir(path.dirname(planted), { recursive: true })
  await writeFile(planted, 'a caught email')
  const { createServer } = await import('vite')
  const vite = await createServer({ server: { middlewareMode: true, hmr: false }, logLevel: 'silent' })
  const server = http.createServer(vite.middlewares)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`
  try {
    for (const target of ['/.data/listening-test/secret.txt', '/%2edata/listening-test/secret.txt', `/@fs${planted}`]) {
      const res = await fetch(`${base}${target}`)
      expect({ target, status: res.status, body: (await res.text()).includes('a caught email') }).toEqual({
        target,
        status: 403,
        body: false,
      })
    }
  } finally {
    await new Promise((resolve) => server.close(resolve))
    await vite.close()
  }
})
