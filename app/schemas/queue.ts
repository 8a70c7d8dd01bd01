import { z } from 'zod'
import { levels } from '~/domain/roles'
import { queueSorts } from '~/domain/queue'
import { statuses } from '~/domain/workflow'
import { withoutNul } from './fields'

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined)

// The reviewer queue's filters come from the URL; values that make no sense are dropped.
const queueFiltersSchema = z.object({
  q: optional(z.string().trim().min(1).max(100).refine(withoutNul)),
  // 'all' shows every status; without a status the page shows the reviewer's own pending work.
  status: optional(z.enum(['all', ...statuses.filter((s) => s !== 'draft')] as [string, ...string[]])),
  kind: optional(z.enum(['exchange', 'joint_training', 'conference'])),
  level: optional(z.enum(levels)),
  // Part of a program's title, in either language: hundreds of programs make a poor drop-down.
  program: optional(z.string().trim().min(1).max(100).refine(withoutNul)),
  collegeId: optional(z.string().regex(/^[a-z0-9]{10,40}$/)),
  closesWithinDays: optional(z.coerce.number().int().min(0).max(365)),
  sort: z.enum(queueSorts).catch('waiting'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
})

export type QueueFilters = z.output<typeof queueFiltersSchema>

export function parseQueueFilters(params: URLSearchParams, pendingStatus: string): QueueFilters {
  const filters = queueFiltersSchema.parse(Object.fromEntries([...params.entries()].filter(([, v]) => v !== '')))
  return { ...filters, status: filters.status ?? pendingStatus }
}
