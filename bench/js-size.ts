// Benchmark 5: the JavaScript a page makes the browser load, gzipped, read from the production
// build's Remix manifest: the manifest itself, the client entry, and every route module from root
// to the page with their static imports (what Remix's <Scripts> preloads and imports). The
// messages of the page's language are not JavaScript but JSON in the HTML (app/root.tsx), only the
// areas the page's routes declare (handle.messages): their size is reported beside the figure, so
// nothing the page needs is left out of view.
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { existsSync } from 'node:fs'
import { locales, pageAreas, pageMessages } from '../app/i18n'
import { declaredAreas } from '../scripts/lib/page-messages'
import { areas, type Area } from '../app/i18n/dictionaries'
import type { BenchResult } from './lib/results'

type Manifest = {
  entry: { module: string; imports: string[] }
  routes: Record<string, { module: string; imports?: string[]; parentId?: string }>
}

const CLIENT = 'build/client'
const GOAL_KB = 150
const PAGES = [
  { routeId: 'routes/login', label: 'Sign-in page' },
  { routeId: 'routes/student._index', label: 'Student home' },
  { routeId: 'routes/programs._index', label: 'Catalogue' },
  { routeId: 'routes/student.applications.$applicationId._index', label: 'Student application page' },
  { routeId: 'routes/office._index', label: 'Office queue' },
  { routeId: 'routes/review.$applicationId', label: 'Review page' },
  { routeId: 'routes/finance._index', label: 'Finance dashboard' },
]

export async function benchJsSize(): Promise<BenchResult[]> {
  const assets = await readdir(path.join(CLIENT, 'assets'))
  const manifestFile = `/assets/${assets.find((f) => /^manifest-.*\.js$/.test(f))}`
  const manifest = JSON.parse(
    (await readFile(path.join(CLIENT, manifestFile), 'utf8')).replace(/^window\.__remixManifest=/, '').replace(/;\s*$/, ''),
  ) as Manifest
  const gzipKB = async (file: string) => gzipSync(await readFile(path.join(CLIENT, file))).length / 1024
  const rawKB = async (file: string) => (await readFile(path.join(CLIENT, file))).length / 1024

  const entryFiles = new Set([manifestFile, manifest.entry.module, ...manifest.entry.imports])
  const entryKB = await sum([...entryFiles], gzipKB)
  const allAreas = pageAreas(Object.keys(areas) as Area[])
  const messagesKB = (list: Area[]) =>
    Object.fromEntries(locales.map((l) => [l, Number((gzipSync(pageMessages(l, list).json).length / 1024).toFixed(1))]))
  return Promise.all(
    PAGES.map(async ({ routeId, label }): Promise<BenchResult> => {
      const chain: string[] = []
      for (let id: string | undefined = routeId; id; id = manifest.routes[id]?.parentId) {
        if (!manifest.routes[id]) throw new Error(`${id} is not in the build's manifest`)
        chain.unshift(id)
      }
      const files = new Set(entryFiles)
      for (const id of chain) for (const f of [manifest.routes[id].module, ...(manifest.routes[id].imports ?? [])]) files.add(f)
      const kb = await sum([...files], gzipKB)
      const chainAreas = pageAreas(chain.flatMap((id) => declaredAreas(routeFile(id))))
      const messages = messagesKB(chainAreas)
      const all = messagesKB(allAreas)
      return {
        id: `js-${routeId.replace(/^routes\//, '').replace(/\W+/g, '-')}`,
        title: `JavaScript of the ${label.toLowerCase()} (gzip)`,
        goal: `< ${GOAL_KB} KB gzip`,
        met: kb < GOAL_KB,
        measured: `${kb.toFixed(1)} KB gzip in ${files.size} files (${(await sum([...files], rawKB)).toFixed(0)} KB raw); messages in the HTML ${messages['zh-CN']} KB gzip (${chainAreas.length} of ${allAreas.length} areas)`,
        baseline: `${entryKB.toFixed(1)} KB gzip: what every page loads (manifest, entry, shared chunks)`,
        details: {
          routes: chain,
          files: Object.fromEntries(await Promise.all([...files].map(async (f) => [f, Number((await gzipKB(f)).toFixed(1))]))),
          messageAreas: chainAreas,
          messagesInHtmlKB: messages,
          allMessagesKB: all,
        },
        notes: `Besides the JavaScript, the HTML carries the page's message areas (${chainAreas.join(', ')}) as JSON: ${locales.map((l) => `${l} ${messages[l]} KB`).join(', ')} gzip, of ${locales.map((l) => `${all[l]} KB`).join(' and ')} for every area.`,
      }
    }),
  )
}

/** The source file of a route module of the manifest (`root` or `routes/…`). */
function routeFile(id: string): string {
  const base = id === 'root' ? 'app/root' : `app/${id}`
  return [`${base}.tsx`, `${base}.ts`].find((f) => existsSync(f)) ?? `${base}.tsx`
}

async function sum(files: string[], size: (file: string) => Promise<number>) {
  let total = 0
  for (const f of files) total += await size(f)
  return total
}
