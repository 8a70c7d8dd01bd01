// The shape of the code, checked: no import circle anywhere in app/ (a model that imports another
// which imports it back is two halves of one thing, or a rule in the wrong place), and the layers
// of ARCHITECTURE.md (domain imports nothing of the app; routes never import Prisma's client).
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'

const APP = path.resolve('app')
const files = readdirSync(APP, { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.startsWith('generated'))
  .map((f) => path.join(APP, f))

const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/g

function resolve(from: string, spec: string): string | undefined {
  const base = spec.startsWith('~/')
    ? path.join(APP, spec.slice(2))
    : spec.startsWith('.')
      ? path.resolve(path.dirname(from), spec)
      : undefined
  if (!base) return undefined
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (files.includes(candidate)) return candidate
  }
  return undefined
}

/** Runtime imports only: `import type` is erased and makes no circle at run time. */
const graph = new Map(
  files.map((file) => {
    const text = readFileSync(file, 'utf8')
    const targets = [...text.matchAll(IMPORT)]
      .filter((m) => !/^\s*(import|export)\s+type\s/.test(m[0].trimStart()))
      .map((m) => resolve(file, m[1]!))
      .filter((t): t is string => t !== undefined)
    return [file, [...new Set(targets)]]
  }),
)
const rel = (f: string) => path.relative(path.dirname(APP), f)

/** Every import circle, each once, as the list of files around it. */
function circles(): string[][] {
  const found = new Map<string, string[]>()
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (file: string) => {
    state.set(file, 'open')
    stack.push(file)
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') {
        const circle = stack.slice(stack.indexOf(next)).map(rel)
        found.set([...circle].sort().join(' '), circle)
      } else if (!state.has(next)) visit(next)
    }
    stack.pop()
    state.set(file, 'done')
  }
  for (const file of files) if (!state.has(file)) visit(file)
  return [...found.values()]
}

describe('the structure of app/', () => {
  test('no import circles', () => {
    expect(circles()).toEqual([])
  })

  test('app/domain imports nothing of the app outside app/domain (pure rules, no I/O)', () => {
    const outside = files
      .filter((f) => f.startsWith(path.join(APP, 'domain')))
      .flatMap((f) => (graph.get(f) ?? []).filter((t) => !t.startsWith(path.join(APP, 'domain'))).map((t) => `${rel(f)} → ${rel(t)}`))
    expect(outside).toEqual([])
  })

  test("every action reads its form through readForm (the body the server's limits checked, 415 for multipart), never request.formData()", () => {
    const direct = files
      .filter((f) => !f.endsWith(path.join('lib', 'form.server.ts')))
      .filter((f) => /request\.formData\(/.test(readFileSync(f, 'utf8')))
      .map(rel)
    expect(direct).toEqual([])
  })

  test('routes reach the database through models, never through the Prisma client', () => {
    const direct = files
      .filter((f) => f.startsWith(path.join(APP, 'routes')))
      .filter((f) => /from ['"]~\/lib\/db\.server['"]/.test(readFileSync(f, 'utf8')))
      .map(rel)
    expect(direct).toEqual([])
  })
})
