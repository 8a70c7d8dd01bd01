import { z } from 'zod'
import { levels } from '~/domain/roles'
import { withoutNul } from './fields'

// Catalogue filters come from the URL; a value that makes no sense is dropped rather than refused.
const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined)

const catalogueFiltersSchema = z.object({
  q: optional(z.string().trim().max(100).refine(withoutNul)),
  kind: optional(z.enum(['exchange', 'joint_training', 'conference'])),
  level: optional(z.enum(levels)),
  region: optional(z.string().regex(/^[a-z_]{2,30}$/)),
  country: optional(z.string().regex(/^[A-Z]{2}$/)),
  tier: optional(z.enum(['comprehensive', 'close', 'general'])),
  beltAndRoad: optional(z.literal('1').transform(() => true)),
  openNow: optional(z.literal('1').transform(() => true)),
})

export function parseCatalogueFilters(params: URLSearchParams) {
  const raw = Object.fromEntries([...params.entries()].filter(([, v]) => v !== ''))
  return catalogueFiltersSchema.parse(raw)
}
