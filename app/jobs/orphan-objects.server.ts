// Job: uploaded objects that no document row points at are deleted (document.server.ts owns the keys).
import { sweepOrphanObjects } from '~/models/document.server'
import type { Job } from './job.server'

const DAY_MS = 24 * 3600 * 1000

export const orphanObjects: Job = {
  name: 'orphan-objects',
  description: 'Deletes stored files older than a day that no document row points at (a crash between the object store and the database).',
  run: (now) => sweepOrphanObjects({ olderThanMs: DAY_MS, now }),
}
