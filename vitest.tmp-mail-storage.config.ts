import { defineConfig } from 'vitest/config'
import tsconfigPaths from 'vite-tsconfig-paths'
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    testTimeout: 20_000, hookTimeout: 60_000,
    env: { DATABASE_URL: 'postgresql://x@127.0.0.1:1/x', SESSION_SECRET: 'x'.repeat(32), SMTP_HOST: '127.0.0.1', SMTP_PORT: '1', NODE_ENV: 'test' },
  },
})
