import { readdirSync, readFileSync } from 'node:fs'

/** Resident set size of a process in bytes, read from /proc (Linux). */
export function rssOf(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
  return Number(kb) * 1024
}

/** Samples a process's RSS every `everyMs` until stopped; returns the highest value seen. */
export function watchRss(pid: number, everyMs = 5) {
  let peak = rssOf(pid)
  const timer = setInterval(() => (peak = Math.max(peak, rssOf(pid))), everyMs)
  return () => {
    clearInterval(timer)
    return Math.max(peak, rssOf(pid))
  }
}

/** CPU time (user + system) a process has used so far, in seconds, read from /proc (Linux). */
export function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100 // utime, stime in clock ticks (100 Hz)
}

/** CPU seconds used so far by a process and all its descendants (e.g. PostgreSQL's backends under the services process). */
export function cpuSecondsOfTree(root: number): number {
  const parents = new Map<number, number>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      parents.set(Number(entry), Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]))
    } catch {
      // The process ended while the list was read.
    }
  }
  const inTree = (pid: number): boolean => pid === root || (pid > 1 && parents.has(pid) && inTree(parents.get(pid)!))
  let seconds = 0
  for (const pid of parents.keys()) {
    if (!inTree(pid)) continue
    try {
      seconds += cpuSecondsOf(pid)
    } catch {
      // Ended meanwhile.
    }
  }
  return seconds
}
