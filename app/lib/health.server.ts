import { prisma } from './db.server'
import { checkMail } from './mailer.server'
import { checkStorage } from './storage.server'

type Check = (signal: AbortSignal) => Promise<unknown>
export type HealthPart = 'database' | 'storage' | 'mail'
export type HealthReport = Record<HealthPart, 'ok' | 'error'> & {
  errors?: Partial<Record<HealthPart, string>>
}

const liveChecks: Record<HealthPart, Check> = {
  database: () => prisma.$queryRaw`SELECT 1`,
  storage: (signal) => checkStorage(signal),
  mail: () => checkMail(),
}

/**
 * Checks every dependency at once, each with its own time limit. The errors name only a code
 * (ECONNREFUSED, NotFound, timeout…): the report is public, details go to the server log.
 */
export async function checkHealth({
  checks = liveChecks,
  timeoutMs = 3000,
}: { checks?: Record<HealthPart, Check>; timeoutMs?: number } = {}): Promise<{
  ok: boolean
  report: HealthReport
}> {
  const parts = Object.keys(checks) as HealthPart[]
  const results = await Promise.allSettled(parts.map((part) => withTimeout(checks[part], timeoutMs)))

  const report = {} as HealthReport
  const errors: HealthReport['errors'] = {}
  results.forEach((result, i) => {
    const part = parts[i]
    report[part] = result.status === 'fulfilled' ? 'ok' : 'error'
    if (result.status === 'rejected') {
      errors[part] = errorCode(result.reason)
      console.error(`[healthz] ${part} check failed:`, result.reason)
    }
  })
  const ok = Object.keys(errors).length === 0
  if (!ok) report.errors = errors
  return { ok, report }
}

async function withTimeout(check: Check, ms: number): Promise<void> {
  const signal = AbortSignal.timeout(ms)
  const timedOut = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new TimeoutError()), { once: true }))
  await Promise.race([check(signal), timedOut])
}

class TimeoutError extends Error {
  code = 'timeout'
}

function errorCode(error: unknown): string {
  if (error && typeof error === 'object') {
    const { code, name } = error as { code?: unknown; name?: unknown }
    if (typeof code === 'string' && code) return code
    if (typeof name === 'string' && name && name !== 'Error') return name
  }
  return 'unavailable'
}
