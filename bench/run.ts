// `npm run bench`: starts its own services on free ports, seeds a separate database, runs the
// production build of the app in a child process, and runs each benchmark against a baseline
// measured in the same run. Writes bench/results.json and the tables in bench/README.md and
// README.md. BENCH_ONLY=upload,queue,finance,emails,import,js,lighthouse,allocation,scale runs a subset (and writes
// nothing), building the app and starting the services only when the subset needs them;
// BENCH_SKIP_BUILD=1 reuses build/.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import pg from 'pg'
import { applyMigrations } from '../scripts/lib/migrations'
import { prepareDatabase } from '../scripts/lib/prepare-database'
import { benchAllocation } from './allocation'
import { benchEmails } from './emails'
import { benchFinance } from './finance'
import { benchImport } from './import'
import { benchJsSize } from './js-size'
import { benchLighthouse } from './lighthouse'
import { startChild, type Child } from './lib/ipc'
import { cpuSecondsOf } from './lib/memory'
import { freePort } from './lib/ports'
import { machineInfo, printResult, type BenchResult, type Results } from './lib/results'
import { seedBenchDatabase } from './lib/seed'
import { benchQueue, filterValues, queueParts } from './queue'
import { renderTables } from './render'
import { benchScale } from './scale'
import { benchUpload, UPLOAD_LIMIT_FOR_BENCH } from './upload'

// The SDK's notice that later releases will need Node 22 (package.json pins one that runs on 20).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'

const started = performance.now()
const only = process.env.BENCH_ONLY?.split(',')
const wanted = (id: string) => !only || only.includes(id)
const results: BenchResult[] = []
const record = (...rs: BenchResult[]) => {
  for (const r of rs) {
    printResult(r)
    results.push(r)
  }
}
const phase = (label: string) => console.log(`[bench] ${label} (${Math.round((performance.now() - started) / 1000)} s)`)

// Pure computation first, on a machine not yet busy with the services.
if (wanted('allocation')) {
  phase('allocation of a selection round')
  record(benchAllocation())
}

let services: Child | undefined
let app: Child | undefined
try {
  // Only the upload, the queue, Lighthouse and the JavaScript sizes use the production build.
  if (process.env.BENCH_SKIP_BUILD !== '1' && ['js', 'upload', 'queue', 'lighthouse'].some(wanted)) {
    phase('building the app (npm run build)')
    execFileSync('npm', ['run', 'build'], { stdio: 'pipe' }) // its output is shown only if it fails
  }
  if (wanted('js')) record(...(await benchJsSize()))
  // The rest needs PostgreSQL, S3 and SMTP.
  if (['upload', 'queue', 'lighthouse', 'finance', 'emails', 'import', 'scale'].some(wanted)) await servicesBenches()
} finally {
  await app?.stop()
  await services?.stop()
}

async function servicesBenches() {
  phase('starting PostgreSQL, S3 and an SMTP sink')
  services = await startChild(new URL('./services-process.ts', import.meta.url).pathname)
  const port = await freePort()
  const appEnv: Record<string, string> = {
    ...(services.ready.env as Record<string, string>),
    PORT: String(port),
    APP_URL: `http://localhost:${port}`,
    SESSION_SECRET: 'bench-only-session-secret-0123456789abcdefghij',
    UPLOAD_MAX_BYTES: String(UPLOAD_LIMIT_FOR_BENCH),
    LOGIN_MAX_FAILURES_PER_IP: '10000',
  }
  phase('migrating and seeding the benchmark database')
  await applyMigrations(appEnv.DATABASE_URL)
  // Lighthouse alone needs only the demo accounts and their applications.
  if (['upload', 'queue', 'finance', 'emails', 'import', 'scale'].some(wanted))
    phase(`seeded ${JSON.stringify(await seedBenchDatabase(appEnv.DATABASE_URL))}`)
  else await prepareDatabase(appEnv.DATABASE_URL)

  if (wanted('upload') || wanted('queue') || wanted('lighthouse')) {
    app = await startChild(new URL('./app-process.ts', import.meta.url).pathname, appEnv, productionNodeFlags())
    const appUrl = `http://127.0.0.1:${port}`
    phase(`app (production build) on ${appUrl}, pid ${app.process.pid}`)
    // On start the app's scheduled jobs (app/jobs) run their reminders and digests over the whole database:
    // let that finish and the outbox drain, so it does not compete with what is measured.
    // The jobs may enqueue their emails after the first look finds the outbox empty (a run whose
    // start-up "sent 0 emails" then sent them while Lighthouse and the queue were measured): look
    // again after the app is idle, until both hold at once.
    for (let round = 1; ; round++) {
      const sent = await outboxDrained(appEnv.DATABASE_URL)
      const used = await idle(app.process.pid!)
      if ((await outboxPending(appEnv.DATABASE_URL)) === 0) {
        phase(`app settled: its start-up sent ${sent} emails; idle after ${used} (${round} round${round > 1 ? 's' : ''})`)
        break
      }
    }
    if (wanted('lighthouse')) {
      phase('Lighthouse, signed in as each role')
      record(...(await benchLighthouse({ appUrl, env: appEnv })))
    }
    if (wanted('upload')) {
      phase('upload')
      record(await benchUpload({ appUrl, appPid: app.process.pid!, servicesPid: services.process.pid!, env: appEnv }))
    }
    if (wanted('queue')) {
      phase('reviewer queue')
      record(...(await benchQueue({ appUrl, env: appEnv, appPid: app.process.pid!, servicesPid: services.process.pid! })))
    }
    await app.stop()
    app = undefined
  }

  // The rest calls app modules in this process, configured like the app.
  Object.assign(process.env, appEnv)
  if (wanted('finance')) {
    phase('finance summary')
    record(await benchFinance({ databaseUrl: appEnv.DATABASE_URL }))
  }
  if (wanted('queue')) {
    phase('reviewer queue, one call at a time')
    const parts = await queueParts((await filterValues(appEnv.DATABASE_URL)).surname)
    console.log(`   serial milliseconds: ${JSON.stringify(parts)}`)
    for (const r of results.filter((r) => r.id.startsWith('queue'))) r.details.serialMs = parts
  }
  if (wanted('emails')) {
    phase('emails')
    record(await benchEmails({ services }))
  }
  if (wanted('import')) {
    phase('import of 5,000 students')
    record(await benchImport())
  }
  if (wanted('finance') || wanted('emails') || wanted('import')) await (await import('../app/lib/db.server')).prisma.$disconnect()
  // Last: it seeds a second database ten times as large beside the first.
  if (wanted('scale')) {
    phase('scale: 100k and 1M applications')
    record(...(await benchScale({ env: appEnv, phase })))
  }
}

const output: Results = {
  date: new Date().toISOString(),
  machine: machineInfo(),
  durationSeconds: Math.round((performance.now() - started) / 1000),
  benchmarks: results,
}
if (!only) {
  await writeFile(new URL('./results.json', import.meta.url), `${JSON.stringify(output, null, 2)}\n`)
  await renderTables()
}
phase(`done: ${results.filter((r) => r.met).length} of ${results.length} goals met`)

/** Waits until the outbox has nothing pending; returns how many messages it has sent. */
async function outboxDrained(databaseUrl: string): Promise<number> {
  const db = new pg.Client({ connectionString: databaseUrl })
  await db.connect()
  try {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 1000))
      const { rows } = await db.query<{ pending: number; sent: number }>(
        `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending, count(*) FILTER (WHERE status = 'sent')::int AS sent FROM "OutboxMessage"`,
      )
      if (rows[0].pending === 0) return rows[0].sent
    }
  } finally {
    await db.end()
  }
}

/** Emails still waiting in the outbox. */
async function outboxPending(databaseUrl: string): Promise<number> {
  const db = new pg.Client({ connectionString: databaseUrl })
  await db.connect()
  try {
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "OutboxMessage" WHERE status = 'pending'`)
    return rows[0].n
  } finally {
    await db.end()
  }
}

/** Waits until the process uses under 5% of a core over 2 s; returns what it used meanwhile. */
async function idle(pid: number): Promise<string> {
  const first = cpuSecondsOf(pid)
  for (let i = 0; i < 90; i++) {
    const before = cpuSecondsOf(pid)
    await new Promise((resolve) => setTimeout(resolve, 2000))
    if (cpuSecondsOf(pid) - before < 0.1) return `${(cpuSecondsOf(pid) - first).toFixed(1)} CPU s used before`
  }
  return 'never idle for 2 s within 3 minutes'
}

/** The Node flags `npm start` gives production (package.json), so that the app measured runs as it does. */
function productionNodeFlags(): string[] {
  const start: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).scripts.start
  const flag = start.match(/NODE_OPTIONS=(\S+)/)?.[1]
  return flag ? [flag] : []
}
