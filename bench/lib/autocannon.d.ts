// The few parts of autocannon's API the benchmarks use (the package ships no types).
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events'
  type Options = {
    url: string
    connections?: number
    duration?: number
    headers?: Record<string, string>
    requests?: { method?: string; path: string }[]
  }
  type Result = { requests: { total: number; average: number }; duration: number; non2xx: number; errors: number; timeouts: number }
  type Instance = EventEmitter & Promise<Result>
  export default function autocannon(options: Options): Instance
}
