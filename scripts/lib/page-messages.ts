// Which message areas each page needs, read from the sources: a route module, the browser code it
// imports (components, schemas, domain helpers; transitively) and the server modules it imports
// itself (their refusals and errors come back to the page as keys), scanned for message keys
// written as string literals ('review.decide') and key prefixes in template literals
// (`status.${s}`: every key with that prefix). Compared with what the route declares in
// `handle.messages` (tests/structure/page-messages.test.ts) and reported by the benchmark.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { areas, type Area } from '../../app/i18n/dictionaries'

const APP = path.resolve('app')
const files = new Set(
  readdirSync(APP, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.startsWith('generated'))
    .map((f) => path.join(APP, f)),
)

/** The area of each key. */
const areaOfKey = new Map<string, Area>(
  (Object.keys(areas) as Area[]).flatMap((area) => Object.keys(areas[area]['zh-CN']).map((key) => [key, area] as const)),
)

// Runtime imports (`import type` is erased), static or dynamic.
const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?!type\s)(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g
const LITERAL = /'([A-Za-z][\w-]*(?:\.[\w-]+)+)'|"([A-Za-z][\w-]*(?:\.[\w-]+)+)"/g
const PREFIX = /`([A-Za-z][\w-]*(?:\.[\w-]+)*\.)\$\{/g

function resolve(from: string, spec: string): string | undefined {
  const base = spec.startsWith('~/')
    ? path.join(APP, spec.slice(2))
    : spec.startsWith('.')
      ? path.resolve(path.dirname(from), spec)
      : undefined
  if (!base) return undefined
  return [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')].find((c) => files.has(c))
}

const isServer = (file: string) => /\.server(\/|\.tsx?$)/.test(file)
// The message modules themselves hold every key; the i18n helpers name none a page shows.
const isI18n = (file: string) => file.startsWith(path.join(APP, 'i18n') + path.sep)

function imports(file: string): string[] {
  const source = readFileSync(file, 'utf8')
  return [...source.matchAll(IMPORT)].flatMap((m) => resolve(file, m[1] ?? m[2]) ?? [])
}

/** The message keys a file names, literally or by prefix. */
function keysIn(file: string): Set<string> {
  const source = readFileSync(file, 'utf8')
  const keys = new Set<string>()
  for (const m of source.matchAll(LITERAL)) {
    const key = m[1] ?? m[2]
    if (areaOfKey.has(key)) keys.add(key)
  }
  for (const [, prefix] of source.matchAll(PREFIX)) for (const key of areaOfKey.keys()) if (key.startsWith(prefix)) keys.add(key)
  return keys
}

/** The files whose keys a page can show: the module, its browser imports (transitively), and the server modules it imports itself. */
function pageFiles(module: string, { server = true } = {}): string[] {
  const seen = new Set<string>([module])
  const queue = [module]
  while (queue.length) {
    const file = queue.pop()!
    for (const next of imports(file)) {
      if (seen.has(next) || isI18n(next) || (!server && isServer(next))) continue
      seen.add(next)
      // A server module's own keys reach the page (refusals, errors); what it imports does not.
      if (!isServer(next)) queue.push(next)
    }
  }
  return [...seen]
}

/**
 * The areas a module's page needs, with one key that shows why for each. `server: false` leaves
 * out the server modules (the root layout's loader data carries no message keys).
 */
export function neededAreas(module: string, options: { server?: boolean } = {}): Map<Area, string> {
  const needed = new Map<Area, string>()
  for (const file of pageFiles(module, options))
    for (const key of keysIn(file)) {
      const area = areaOfKey.get(key)!
      if (!needed.has(area)) needed.set(area, `${key} (${path.relative(process.cwd(), file)})`)
    }
  return needed
}

const HANDLE = /export const handle\b[^=]*=\s*\{[^}]*?\bmessages:\s*\[([^\]]*)\]/

/** The areas a route module declares in `handle.messages` (read from its source). */
export function declaredAreas(module: string): Area[] {
  const list = HANDLE.exec(readFileSync(module, 'utf8'))?.[1] ?? ''
  return [...list.matchAll(/['"]([\w-]+)['"]/g)].map((m) => m[1] as Area)
}

/** The route modules that render a page (a default export), by file. */
export function pageModules(): string[] {
  const routes = path.join(APP, 'routes')
  return readdirSync(routes)
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\./.test(f))
    .map((f) => path.join(routes, f))
    .filter((f) => /^export default /m.test(readFileSync(f, 'utf8')))
}
