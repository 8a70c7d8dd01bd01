// `npm test`: every test, in the order that fails fastest. Static checks (TypeScript, ESLint,
// Prettier, knip), Vitest (unit + integration), then the production build, then the Playwright
// journeys against it. Stops at the first failure with its exit code and ends with one line
// `N passed, N failed` over both runners.
import { spawn } from 'node:child_process'
import { accessSync, constants, existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
try {
  accessSync(chromium, constants.X_OK)
} catch {
  console.error(`npm test: no Chromium at ${chromium}, so the browser tests cannot run.
Fix it with one of:
  apt-get install -y chromium               (Debian/Ubuntu; .ci/run does this)
  npx playwright install chromium           (where downloads work), then set CHROMIUM_PATH to the
                                            chrome binary it prints (~/.cache/ms-playwright/…)
  CHROMIUM_PATH=/path/to/chromium npm test  (any Chromium or Chrome already installed)`)
  process.exit(1)
}

const bin = (name: string) => {
  const file = path.resolve('node_modules/.bin', name)
  if (!existsSync(file)) {
    console.error(`npm test: ${file} is missing. Run \`npm ci\` (or \`npm install\`) first.`)
    process.exit(1)
  }
  return file
}

function run(title: string, command: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  console.log(`\n▶ ${title}: ${path.basename(command)} ${args.join(' ')}\n`)
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } })
    child.on('error', (error) => {
      console.error(`npm test: could not start ${command}:`, error.message)
      resolve(1)
    })
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1)))
  })
}

type Counts = { passed: number; failed: number; skipped: number; reported: boolean }
const none = (): Counts => ({ passed: 0, failed: 0, skipped: 0, reported: false })

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T
  } catch {
    return undefined
  }
}

async function vitestCounts(file: string): Promise<Counts> {
  const r = await readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(file)
  if (!r) return none()
  return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests, reported: true }
}

async function playwrightCounts(file: string): Promise<Counts> {
  const r = await readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(file)
  if (!r) return none()
  const { expected, unexpected, flaky, skipped } = r.stats
  return { passed: expected, failed: unexpected + flaky, skipped, reported: true }
}

const reports = await mkdtemp(path.join(os.tmpdir(), 'mp-test-reports-'))
const vitestJson = path.join(reports, 'vitest.json')
const playwrightJson = path.join(reports, 'playwright.json')
const totals = { passed: 0, failed: 0, skipped: 0 }
const add = (c: Counts) => {
  totals.passed += c.passed
  totals.failed += c.failed
  totals.skipped += c.skipped
}

async function finish(code: number, failedStep?: string, unreported?: string): Promise<never> {
  await rm(reports, { recursive: true, force: true })
  if (unreported) console.log(`\n${unreported} ended without a report (exit code ${code}); its tests are not counted.`)
  if (totals.skipped) console.log(`${totals.skipped} skipped`)
  if (failedStep) console.log(`\nnpm test stopped: ${failedStep} failed (exit code ${code}).`)
  // A step that failed without a failing test (a crash, a build error) still counts as one failure.
  const failed = totals.failed || (code !== 0 ? 1 : 0)
  console.log(`\n${totals.passed} passed, ${failed} failed`)
  process.exit(code)
}

// 0. Static checks, the fastest failures first: types, lint, formatting, dead code (knip).
const checks: [title: string, command: string, args: string[]][] = [
  ['TypeScript', bin('tsc'), ['--noEmit']],
  ['ESLint', bin('eslint'), ['.']],
  ['Prettier', bin('prettier'), ['--check', '.']],
  ['knip', bin('knip'), []],
]
for (const [title, command, args] of checks) {
  const code = await run(title, command, args)
  if (code !== 0) await finish(code, title)
}

// 1. Vitest: domain, model and integration tests against real PostgreSQL, S3 and SMTP.
let code = await run('Vitest', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`])
const vitest = await vitestCounts(vitestJson)
add(vitest)
if (code !== 0) await finish(code, 'Vitest', vitest.reported ? undefined : 'Vitest')

// 2. The production build that the browser tests run against.
code = await run('Build', bin('remix'), ['vite:build'])
if (code !== 0) await finish(code, 'build')

// 3. Playwright journeys (playwright.config.ts starts tests/e2e/server.ts).
code = await run('Playwright', bin('playwright'), ['test'], { E2E_JSON_REPORT: playwrightJson })
const playwright = await playwrightCounts(playwrightJson)
add(playwright)
await finish(code, code === 0 ? undefined : 'Playwright', playwright.reported ? undefined : 'Playwright')
