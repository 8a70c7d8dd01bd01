import { readdirSync } from 'node:fs'

/** Route modules as Remix finds them in app/routes: files (without extension) and folders, tests left out. */
export function routeModules(): string[] {
  return readdirSync('app/routes', { withFileTypes: true })
    .filter((e) => e.isDirectory() || (/\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)))
    .map((e) => e.name.replace(/\.(ts|tsx)$/, ''))
    .sort()
}
