// Job: import workbooks previewed but never confirmed are deleted (import.server.ts owns the keys).
import { sweepStagedImports } from '~/models/import.server'
import type { Job } from './job.server'

const DAY_MS = 24 * 3600 * 1000

export const stagedImports: Job = {
  name: 'staged-imports',
  description: 'Deletes import workbooks staged for a preview more than a day ago and never confirmed.',
  run: (now) => sweepStagedImports({ olderThanMs: DAY_MS, now }),
}
