// Job: import workbooks previewed but never confirmed are deleted (import.server.ts owns the keys).
import { sweepStagedImports } from '~/models/import.server'
import { DAY_MS, type Job } from './job.server'

export const stagedImports: Job = {
  name: 'staged-imports',
  description: 'Deletes import workbooks staged for a preview more than a day ago and never confirmed.',
  run: (now) => sweepStagedImports({ olderThanMs: DAY_MS, now }),
}
