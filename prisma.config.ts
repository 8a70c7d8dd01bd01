import { existsSync } from 'node:fs'
import { defineConfig } from 'prisma/config'

// Prisma 7 does not read .env itself. Variables already set in the environment win.
if (existsSync('.env')) process.loadEnvFile('.env')

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations', seed: 'tsx prisma/seed.ts' },
  // Not env('DATABASE_URL'): that throws when unset, and `prisma generate` (postinstall) needs no database.
  datasource: { url: process.env.DATABASE_URL },
})
