// sqlmap against the real server (tests/support/app-server.ts): the login form and the reviewers'
// queue search (signed in with a session cookie) must not be injectable. Bounded: level 1, risk
// 1, boolean/error/union/time techniques with a 1 s delay, named parameters only.
// sqlmap is a Debian package (.ci/run installs it); without it this test fails, never skips.
import { execFile, spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, test, vi } from 'vitest'

vi.hoisted(() => {
  // sqlmap sends a few hundred failing sign-ins from 127.0.0.1: the per-address limit would
  // answer 429 to most of them and hide what the form does with the input.
  process.env.LOGIN_MAX_FAILURES_PER_IP = '100000'
})

import { prisma } from '~/lib/db.server'
import { createApplication, createProgram, createStudent, createUser } from '../factories'
import { sessionCookie, startAppServer, type AppServer } from '../support/app-server'
import { resetDatabase } from '../support/db'

let app: AppServer
let outputDir: string
let office: string
beforeAll(async () => {
  await resetDatabase()
  app = await startAppServer()
  outputDir = await mkdtemp(path.join(os.tmpdir(), 'mp-sqlmap-'))
  const student = await createStudent(prisma)
  const program = await createProgram(prisma, { titleEn: 'Injection test program' })
  await createApplication(prisma, {
    applicantId: student.id,
    programId: program.id,
    status: 'college_endorsed',
    submittedAt: new Date(),
    details: { kind: 'exchange', programId: program.id },
  })
  office = await sessionCookie((await createUser(prisma, { roles: ['office_reviewer'] })).id)
})
afterAll(async () => {
  await app?.close()
  await rm(outputDir, { recursive: true, force: true })
  delete process.env.LOGIN_MAX_FAILURES_PER_IP
})

function sqlmap(args: string[]): Promise<string> {
  const common = ['--batch', '--level=1', '--risk=1', '--technique=BEUT', '--time-sec=1', '--timeout=10', '--retries=0', '--threads=4']
  return new Promise((resolve, reject) => {
    // Asynchronous: the server answering sqlmap runs in this very process.
    execFile(
      'sqlmap',
      [...common, '--flush-session', '--disable-coloring', `--output-dir=${outputDir}`, ...args],
      { timeout: 240_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => (error && !stdout ? reject(new Error(`sqlmap failed: ${error.message}\n${stderr}`)) : resolve(stdout)),
    )
  })
}

function expectNotInjectable(output: string, params: string[]) {
  // sqlmap may report a candidate ("appears to be … injectable") and then drop it as a false
  // positive: its verdicts are the lines below, and the injection points it would list.
  expect(output, output).not.toMatch(/identified the following injection point|is vulnerable/i)
  for (const p of params) expect(output, output).toMatch(new RegExp(`parameter '${p}' does not seem to be injectable`, 'i'))
  expect(output, output).toMatch(/all tested parameters do not appear to be injectable/i)
}

test('sqlmap is installed', () => {
  const found = spawnSync('sqlmap', ['--version'], { encoding: 'utf8' })
  expect(found.error, 'sqlmap is missing: apt-get install -y sqlmap (as root; .ci/run does it)').toBeUndefined()
})

test('the login form is not injectable', { timeout: 300_000 }, async () => {
  const started = Date.now()
  const output = await sqlmap([
    '-u',
    `${app.url}/login`,
    '--data=email=someone%40example.edu.cn&password=secret-password',
    '-p',
    'email,password',
  ])
  console.info(`[sqlmap] login form: ${Math.round((Date.now() - started) / 1000)} s`)
  expectNotInjectable(output, ['email', 'password'])
})

test('the queue search, signed in as a reviewer, is not injectable', { timeout: 300_000 }, async () => {
  const started = Date.now()
  const output = await sqlmap(['-u', `${app.url}/office?q=Injection&status=all`, `--cookie=${office}`, '-p', 'q'])
  console.info(`[sqlmap] queue search: ${Math.round((Date.now() - started) / 1000)} s`)
  expectNotInjectable(output, ['q'])
  // sqlmap really was signed in: it would have been sent to the sign-in page otherwise.
  expect(output).not.toMatch(/redirect.*\/login/i)
})
