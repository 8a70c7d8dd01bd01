// `prisma generate`, offline. Runs as postinstall and as `npm run db:generate`.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

let prismaCli: string
try {
  prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js')
} catch {
  // `npm install --omit=dev` has no Prisma CLI; failing here would abort the whole install.
  console.warn('prisma-generate: the prisma package is not installed, skipping `prisma generate`.')
  process.exit(0)
}

const result = spawnSync(process.execPath, [prismaCli, 'generate'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    // generate only checks that a schema-engine binary exists (it never runs it); without one it
    // tries to download it from binaries.prisma.sh, which this network cannot reach. Any existing
    // file will do; a real engine configured by the caller is kept.
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    // No update check or telemetry requests either.
    CHECKPOINT_DISABLE: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  },
})
process.exit(result.status ?? 1)
