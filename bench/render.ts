// Renders bench/results.json as the tables in bench/README.md and README.md's "Benchmarks"
// section (between the bench:table markers). `npx tsx bench/render.ts` re-renders by hand.
import { readFile, writeFile } from 'node:fs/promises'
import type { Results } from './lib/results'

const START = '<!-- bench:table:start -->'
const END = '<!-- bench:table:end -->'

export function table(results: Results): string {
  const m = results.machine
  const cell = (text: string) => text.replace(/\|/g, '\\|')
  return [
    `Run of ${results.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node} (${m.platform}); ${results.durationSeconds} s in all.`,
    '',
    '| Benchmark | Goal | Measured | Baseline (same run) | Met |',
    '| --- | --- | --- | --- | --- |',
    ...results.benchmarks.map(
      (b) => `| ${cell(b.title)} | ${cell(b.goal)} | ${cell(b.measured)} | ${cell(b.baseline)} | ${b.met ? 'yes' : '**no**'} |`,
    ),
  ].join('\n')
}

export async function renderTables() {
  const results = JSON.parse(await readFile(new URL('./results.json', import.meta.url), 'utf8')) as Results
  const rendered = `${START}\n${table(results)}\n${END}`
  for (const file of ['./README.md', '../README.md']) {
    const url = new URL(file, import.meta.url)
    const text = await readFile(url, 'utf8')
    const from = text.indexOf(START)
    const to = text.indexOf(END)
    if (from === -1 || to === -1) throw new Error(`${url.pathname} has no ${START} … ${END} markers`)
    await writeFile(url, text.slice(0, from) + rendered + text.slice(to + END.length))
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await renderTables()
