// Development pre-bundling (vite.config.ts): every package app code imports on the server only is
// excluded from the browser's dependency optimiser. One left out is found on the first page that
// reaches it, re-optimised, and the page reloads under the user's click.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import config, { serverOnlyPackages } from '../../vite.config'

const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?!type\s)(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/g

function sources(dir: string) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.startsWith('generated'))
    .map((f) => path.join(dir, f))
}

/** The npm package an import names (`@scope/name`, `name`, or `react-dom/server`, which the browser build never loads). */
function packageOf(spec: string) {
  if (spec === 'react-dom/server') return spec
  const parts = spec.split('/')
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]
}

const browserPackages = new Set((config.optimizeDeps?.include ?? []).map(packageOf))

test('every package app code and emails import, other than the browser’s, is kept out of the browser’s optimiser', () => {
  const imported = new Set<string>()
  for (const file of [...sources(path.resolve('app')), ...sources(path.resolve('emails'))]) {
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      // virtual: modules are the config's own plugins (the message areas' chunks), no package.
      if (/^(\.|~\/|#|node:|virtual:|vitest$)/.test(spec) || spec.endsWith('.json')) continue
      imported.add(packageOf(spec))
    }
  }
  const unlisted = [...imported].filter(
    (p) => !browserPackages.has(p) && !serverOnlyPackages.includes(p) && p !== '@remix-run/react' && p !== 'react',
  )
  expect(unlisted, 'add these to serverOnlyPackages (server-only) or optimizeDeps.include (browser)').toEqual([])
  expect(config.optimizeDeps?.exclude).toEqual(serverOnlyPackages)
})

test('the browser’s packages are not excluded', () => {
  expect([...browserPackages].filter((p) => serverOnlyPackages.includes(p))).toEqual([])
})
