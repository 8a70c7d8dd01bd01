import { vitePlugin as remix } from '@remix-run/dev'
import { defineConfig } from 'vitest/config'
import tsconfigPaths from 'vite-tsconfig-paths'
import { fileURLToPath } from 'node:url'
import type { Plugin } from 'vite'

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

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}

export default defineConfig({
  server: { port: Number(process.env.PORT ?? 3000) },
  // Pre-bundled up front, so the first visit to a page does not trigger a re-optimisation and reload.
  // argon2 is server-only (a native module); its browser entry points at a package we do not install.
  optimizeDeps: {
    include: ['@conform-to/react', '@conform-to/zod/v4', 'zod', 'react', 'react-dom', 'react-dom/client'],
    exclude: ['@node-rs/argon2'],
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
    browserDictionaries(),
  ],
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
