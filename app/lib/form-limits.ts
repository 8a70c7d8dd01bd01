// The shape a form body may have, checked on the raw request before any form library builds
// objects from it (server/request-limits.ts for url-encoded bodies, parseMultipart for multipart
// ones). Conform turns `name[n]` into an array of n + 1 slots and re-copies an array for every
// repeated field, and deep names recurse: unchecked, one small request could exhaust the heap or
// hold the event loop for minutes. The limits sit far above what any of the portal's forms sends
// (the largest, the targets form, sends a few hundred fields; no list has more than 30 rows).
// No I/O here: the server and the app share it.

export const FORM_LIMITS = {
  /** Bytes of a url-encoded body (FORM_MAX_BYTES overrides it). */
  bodyBytes: 1024 * 1024,
  /** Fields in one body, all names together. */
  fields: 1000,
  /** Times one name may repeat (a bulk decision sends one `ids` per selected row). */
  repeats: 500,
  /** Highest array index in a name, e.g. `courses[99].title`. */
  index: 99,
  /** Segments in a name: `lines[2].amount` has three. */
  depth: 4,
  /** Characters in a name. */
  nameLength: 100,
} as const

/**
 * The most a multipart body may carry in all: ten files (the most one upload takes) and a form.
 * Routes that take files set their own, smaller limits while the body streams (parseMultipart).
 */
export const multipartMaxBytes = (uploadMaxBytes: number) => 10 * uploadMaxBytes + FORM_LIMITS.bodyBytes

export type FormShapeProblem = 'fields' | 'repeats' | 'index' | 'depth' | 'name' | 'nul'

const SEGMENT = /[^.[\]]+|\[(\d*)\]/g

/** What is wrong with one field name, or null when it is fine. */
export function checkFieldName(name: string): FormShapeProblem | null {
  if (name.length > FORM_LIMITS.nameLength) return 'name'
  if (name.includes('\0')) return 'nul'
  let depth = 0
  for (const [segment, index] of name.matchAll(SEGMENT)) {
    if (++depth > FORM_LIMITS.depth) return 'depth'
    if (index !== undefined && index !== '' && (index.length > 3 || Number(index) > FORM_LIMITS.index)) return 'index'
    if (segment === '__proto__' || segment === 'constructor' || segment === 'prototype') return 'name'
  }
  return null
}

/** What is wrong with a form's fields, or null, from the first problem met. */
export function checkFormShape(fields: Iterable<[name: string, value: string]>): FormShapeProblem | null {
  const seen = new Map<string, number>()
  let count = 0
  for (const [name, value] of fields) {
    if (++count > FORM_LIMITS.fields) return 'fields'
    const times = (seen.get(name) ?? 0) + 1
    if (times > FORM_LIMITS.repeats) return 'repeats'
    if (times === 1) {
      const problem = checkFieldName(name)
      if (problem) return problem
    }
    seen.set(name, times)
    // PostgreSQL text cannot hold a NUL, and no person types one.
    if (value.includes('\0')) return 'nul'
  }
  return null
}
