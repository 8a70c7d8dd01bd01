// A client-side navigation renders a page only once its message areas are loaded: the browser
// build appends `await routeAreas(handle)` to each route module that declares them (vite.config.ts,
// decision 27). A route whose handle the transform missed would render keys instead of text.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { routeModuleAreas } from '../../vite.config'

const ROUTES = path.resolve('app/routes') + '/'
const plugin = routeModuleAreas(ROUTES, '/x/route-areas.ts')
const transform = (code: string, id: string, ssr = false) => {
  const hook = plugin.transform as unknown as (code: string, id: string, options: { ssr: boolean }) => { code: string } | null
  return hook(code, id, { ssr })?.code ?? null
}

test('every page route that declares message areas waits for them in the browser build, and only there', () => {
  const declaring = readdirSync(ROUTES).filter((f) => /\.tsx$/.test(f) && /\bhandle\b/.test(readFileSync(ROUTES + f, 'utf8')))
  expect(declaring.length).toBeGreaterThan(50)
  for (const file of declaring) {
    const source = readFileSync(ROUTES + file, 'utf8')
    expect(transform(source, ROUTES + file), file).toMatch(/\nawait __routeAreas\(handle\);\n$/)
    expect(transform(source, ROUTES + file, true), `${file} on the server`).toBeNull()
  }
})

test('modules that are not routes, or declare no areas, are left as they are', () => {
  expect(transform('export const handle = { messages: [] }', path.resolve('app/components/x.tsx'))).toBeNull()
  expect(transform('export default function Page() {}', `${ROUTES}x.tsx`)).toBeNull()
  expect(transform('export const handle = { messages: ["stay"] }', `${ROUTES}x.tsx?import`)).toContain('await __routeAreas(handle)')
})
