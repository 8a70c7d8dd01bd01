// Job: uploaded objects that no document row points at are deleted (document.server.ts owns the keys).
import { sweepOrphanObjects } from '~/models/document.server'
import { DAY_MS, type Job } from './job.server'

export const orphanObjects: Job = {
  name: 'orphan-objects',
  description: 'Deletes stored files older than a day that no document row points at (a crash between the object store and the database).',
  run: (now) => sweepOrphanObjects({ olderThanMs: DAY_MS, now }),
}
