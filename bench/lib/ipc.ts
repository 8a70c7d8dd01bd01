import { fork, type ChildProcess } from 'node:child_process'

// Bench helpers run in child processes, so the client, the app and the services each have their
// own event loop (and the app's memory can be watched alone). They talk over the IPC channel:
// a child sends { ready } once, then answers { id, type, ... } requests with { id, result }.

export type Child = {
  process: ChildProcess
  ready: Record<string, unknown>
  request<T>(type: string, args?: Record<string, unknown>): Promise<T>
  stop(): Promise<void>
}

export async function startChild(file: string, env: Record<string, string> = {}, nodeFlags: string[] = []): Promise<Child> {
  // BENCH_CPU_PROF_DIR: each child (the app, the services) writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`] : []
  const child = fork(file, [], {
    execArgv: [...nodeFlags, '--import', 'tsx', ...profile],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  let next = 0
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>()
  child.on('message', (message: { id?: number; result?: unknown; error?: string }) => {
    const waiter = message.id === undefined ? undefined : pending.get(message.id)
    if (!waiter) return
    pending.delete(message.id!)
    if (message.error) waiter.reject(new Error(message.error))
    else waiter.resolve(message.result)
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
    child.once('message', (m: { ready?: Record<string, unknown>; error?: string }) =>
      m.ready ? resolve(m.ready) : reject(new Error(`${file}: ${m.error}`)),
    )
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code} before it was ready`)))
  })
  return {
    process: child,
    ready,
    request<T>(type: string, args: Record<string, unknown> = {}) {
      const id = next++
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
        child.send({ id, type, ...args })
      })
    },
    async stop() {
      if (child.exitCode === null) child.send({ type: 'stop' })
      await exited
    },
  }
}

/** The child's side: announce readiness, answer requests, stop on { type: 'stop' }. */
export function serveParent(
  ready: Record<string, unknown>,
  handlers: Record<string, (args: Record<string, unknown>) => unknown>,
  stop: () => Promise<void>,
) {
  process.on('message', async (message: { id?: number; type: string } & Record<string, unknown>) => {
    if (message.type === 'stop') {
      await stop().catch((e) => console.error(e))
      process.disconnect?.()
      process.exit(0)
    }
    try {
      const result = await handlers[message.type]!(message)
      process.send!({ id: message.id, result })
    } catch (error) {
      process.send!({ id: message.id, error: error instanceof Error ? error.stack : String(error) })
    }
  })
  process.send!({ ready })
}

/** In a child: report a start-up failure to the parent and exit. */
export function failStart(error: unknown): never {
  process.send?.({ error: error instanceof Error ? error.stack : String(error) })
  process.exit(1)
}
