import { vitePlugin as remix } from '@remix-run/dev'
import { defineConfig } from 'vitest/config'
import tsconfigPaths from 'vite-tsconfig-paths'
import { fileURLToPath } from 'node:url'
import type { Plugin } from 'vite'
import { areas } from './app/i18n/dictionaries'

/**
 * The browser build gets only the page's language (app/i18n/dictionaries.browser.ts) in place
 * of every message in both languages (app/i18n/dictionaries.ts), which the server keeps.
 */
function browserDictionaries(): Plugin {
  const browser = fileURLToPath(new URL('./app/i18n/dictionaries.browser.ts', import.meta.url))
  return {
    name: 'i18n-browser-dictionaries',
    enforce: 'pre',
    resolveId(source, importer, options) {
      if (options?.ssr || source !== './dictionaries' || !importer?.includes('/app/i18n/index.ts')) return null
      return browser
    },
  }
}

/**
 * `virtual:i18n-area-loaders`: for each language and message area, a loader of a chunk holding that
 * area in that language only, which dictionaries.browser.ts calls when a client-side navigation
 * reaches a page that declares areas the browser does not have yet. The build writes the
 * messages as JSON (read from the area files when this config loads); the dev server imports the
 * area's module, so edits to messages reach the page without a restart.
 */
function messageAreaChunks(): Plugin {
  const LOADERS = 'virtual:i18n-area-loaders'
  const AREA = 'virtual:i18n-area/'
  let serve = false
  return {
    name: 'i18n-area-chunks',
    configResolved(config) {
      serve = config.command === 'serve'
    },
    resolveId: (id) => (id === LOADERS || id.startsWith(AREA) ? `\0${id}` : null),
    load(id) {
      if (id === `\0${LOADERS}`) {
        const perLocale = (['zh-CN', 'en'] as const).map(
          (locale) =>
            `${JSON.stringify(locale)}: {${Object.keys(areas)
              .map((area) => `${JSON.stringify(area)}: () => import(${JSON.stringify(`${AREA}${locale}/${area}`)})`)
              .join(',')}}`,
        )
        return `export const areaLoaders = {${perLocale.join(',')}}`
      }
      if (!id.startsWith(`\0${AREA}`)) return null
      const [locale, area] = id.slice(AREA.length + 1).split('/') as ['zh-CN' | 'en', keyof typeof areas]
      if (!(area in areas)) throw new Error(`no message area ${area}`)
      if (serve) {
        const file = fileURLToPath(new URL(`./app/i18n/messages/${area}.ts`, import.meta.url))
        return `import * as m from ${JSON.stringify(file)}\nexport default Object.values(m)[0][${JSON.stringify(locale)}]`
      }
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(areas[area][locale]))})`
    },
  }
}

/**
 * Each route module of the browser build that declares message areas (`export const handle`) ends
 * with `await routeAreas(handle)` (app/i18n/route-areas.ts): the router loads a route's module
 * before rendering it, so on a client-side navigation the page's areas arrive with its code, in
 * parallel with its data, and nothing renders without them. Top-level await needs ES2022 (build.target).
 */
export function routeModuleAreas(routesDir: string, routeAreasModule: string): Plugin {
  return {
    name: 'i18n-route-module-areas',
    enforce: 'post',
    transform(code, id, options) {
      const file = id.split('?')[0]
      if (options?.ssr || !file.startsWith(routesDir) || !/^export const handle\b/m.test(code)) return null
      return {
        code: `${code}\nimport { routeAreas as __routeAreas } from ${JSON.stringify(routeAreasModule)};\nawait __routeAreas(handle);\n`,
        map: null,
      }
    },
  }
}

/**
 * Every chunk of the browser build starts with V8's compile hint `//# allFunctionsCalledOnLoad`
 * (decision 45): Chromium 136 and later then compile the chunk's functions as it arrives, off the
 * main thread, where it compiled each function on its first call, on the main thread, while the
 * modules ran and the page hydrated. Other browsers read a comment. Added after minification,
 * which would drop it; the server build is left alone.
 */
const COMPILE_HINT = '//# allFunctionsCalledOnLoad'
function compileHint(): Plugin {
  let ssr = false
  return {
    name: 'v8-compile-hint',
    apply: 'build',
    configResolved(config) {
      ssr = Boolean(config.build.ssr)
    },
    // Last, after Vite's own plugins, which may still put code at the top of a chunk (__vite__mapDeps).
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        if (ssr) return
        for (const chunk of Object.values(bundle)) if (chunk.type === 'chunk') chunk.code = `${COMPILE_HINT}\n${chunk.code}`
      },
    },
  }
}

/** Packages app code imports on the server only (in `.server` modules, resource routes and emails). */
export const serverOnlyPackages = [
  '@aws-sdk/client-s3',
  '@aws-sdk/lib-storage',
  '@aws-sdk/s3-request-presigner',
  '@node-rs/argon2',
  '@pdf-lib/fontkit',
  '@prisma/adapter-pg',
  '@prisma/client',
  '@react-email/components',
  '@react-email/render',
  '@remix-run/node',
  'archiver',
  'busboy',
  'chinese-days',
  'exceljs',
  'nodemailer',
  'openid-client',
  'pdf-lib',
  'pg',
  'pinyin-pro',
  'qrcode',
  'react-dom/server',
]

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}

export default defineConfig({
  server: {
    port: Number(process.env.PORT ?? 3000),
    // The development services keep their data under .data/ (uploaded documents, caught emails, the
    // campus sign-on's accounts): never served, whatever the path (Vite's own denials kept).
    fs: { deny: ['.env', '.env.*', '*.{crt,pem}', '**/.git/**', '**/.data/**'] },
  },
  // The browser's dependencies are pre-bundled up front, and the server's are never looked at, so
  // no page view finds a "new" dependency, re-optimises and reloads the page (which lost a
  // newcomer's first sign-in, upload or export click in development). In development the Remix
  // plugin also passes the server modules of the page it renders through the browser's pipeline,
  // so every package app code imports on the server only is listed in `exclude`
  // (tests/structure/vite-deps.test.ts keeps the list complete).
  optimizeDeps: {
    include: ['@conform-to/react', '@conform-to/zod/v4', 'zod', 'react', 'react-dom', 'react-dom/client'],
    exclude: serverOnlyPackages,
  },
  plugins: [
    // Vitest runs plain modules; the Remix plugin only gets in its way.
    !process.env.VITEST &&
      remix({
        ignoredRouteFiles: ['**/*.test.{ts,tsx}'],
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_singleFetch: true,
          v3_lazyRouteDiscovery: true,
        },
      }),
    tsconfigPaths(),
    compileHint(),
    browserDictionaries(),
    messageAreaChunks(),
    routeModuleAreas(
      fileURLToPath(new URL('./app/routes/', import.meta.url)),
      fileURLToPath(new URL('./app/i18n/route-areas.ts', import.meta.url)),
    ),
  ],
  // Browsers with top-level await (routeModuleAreas): Chromium 89, Safari 15, Firefox 89.
  build: { target: 'es2022' },
  test: {
    include: [
      'app/**/*.test.{ts,tsx}',
      'emails/**/*.test.{ts,tsx}',
      'tests/integration/**/*.test.ts',
      'tests/reliability/**/*.test.ts',
      'tests/structure/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    globalSetup: ['tests/setup/global-setup.ts'],
    setupFiles: ['tests/setup/worker-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
})
