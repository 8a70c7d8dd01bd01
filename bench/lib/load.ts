import autocannon from 'autocannon'
import { round } from './results'

export type LoadFigures = { requests: number; rps: number; p50: number; p95: number; p99: number; non2xx: number; errors: number }

/**
 * `connections` concurrent keep-alive connections for `seconds`, cycling through `paths`.
 * Percentiles come from every response's own latency (autocannon's summary has no p95).
 */
export async function load(
  baseUrl: string,
  paths: string[],
  { connections = 16, seconds = 10, headers = {} }: { connections?: number; seconds?: number; headers?: Record<string, string> } = {},
): Promise<LoadFigures> {
  const latencies: number[] = []
  const instance = autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    headers,
    requests: paths.map((path) => ({ method: 'GET', path })),
  })
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms))
  const result = await instance
  latencies.sort((a, b) => a - b)
  const at = (p: number) => round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN, 1)
  return {
    requests: result.requests.total,
    rps: round(result.requests.total / result.duration, 1),
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  }
}
