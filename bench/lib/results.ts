import os from 'node:os'

// What every benchmark reports: its figure, the baseline measured in the same run, and the goal.
export type BenchResult = {
  id: string
  title: string
  /** The goal, as people read it ("≥ 0.9× direct"). */
  goal: string
  met: boolean
  /** The headline figure and the baseline, as people read them. */
  measured: string
  baseline: string
  /** Every number behind them. */
  details: Record<string, unknown>
  notes?: string
}

export type Results = {
  date: string
  machine: { cpu: string; cores: number; memoryGiB: number; node: string; platform: string }
  durationSeconds: number
  benchmarks: BenchResult[]
}

export function machineInfo(): Results['machine'] {
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  }
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export const round = (value: number, digits = 2) => Number(value.toFixed(digits))

export const MB = 1024 * 1024

export function printResult(r: BenchResult) {
  console.log(`\n== ${r.title}: ${r.met ? 'goal met' : 'GOAL MISSED'} (${r.goal})`)
  console.log(`   measured: ${r.measured}`)
  console.log(`   baseline: ${r.baseline}`)
  if (r.notes) console.log(`   ${r.notes}`)
  if (process.env.BENCH_VERBOSE) console.log(JSON.stringify(r.details))
}
