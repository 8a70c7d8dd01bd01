// What a request for changes opens, and nothing else. The reviewer names answers and document
// kinds; while the application is changes_requested only those may change. The models check
// every save, upload and delete against it and compare the resubmission with the application as
// it was when the changes were requested; the form opens only the named inputs. No I/O.
//
// A name is a field of the form ("motivation", "courses", "budget") or a dotted path into one
// ("budget.registration", "courses.0"). It covers every path of the details under it: "courses"
// covers courses[*].*, "budget" every budget line. A few answers only make sense together and open
// together (companions): a GPA is read on its scale, a language score against its test.
import { z } from 'zod'
import { isDocumentKind, type DocumentKind } from './documents'
import type { ChangeRequester } from './workflow'

/** A place in the details: object keys and array indexes, e.g. ['courses', 0, 'credits']. */
export type Path = readonly (string | number)[]

/** A stored request for changes (Application.requestedChanges). */
export interface ChangeRequest {
  fields: string[]
  documents: DocumentKind[]
  by: ChangeRequester
  /** The application when the changes were requested: what the resubmission is compared with. */
  baseline?: Baseline
}

interface Baseline {
  details: Record<string, unknown>
  /** The documents on file then (current versions, not deleted). */
  documents: { id: string; kind: DocumentKind }[]
}

/** Answers that open together: naming one names the others. */
const companions: readonly (readonly string[])[] = [
  ['gpa', 'gpaScale'],
  ['languageTest', 'languageScore'],
]

/** Set by the server on every save, never the student's to change. */
const FIXED = new Set(['kind', 'programId'])

// Built when first read, not when the module loads: the browser imports this module for the
// helpers below and never reads a stored request.
const storedSchema = z.lazy(() =>
  z.object({
    fields: z.array(z.string()).catch([]),
    documents: z
      .array(z.unknown())
      .catch([])
      .transform((list) => list.filter(isDocumentKind)),
    by: z.enum(['college', 'office']).catch('college'),
    baseline: z
      .object({
        details: z.record(z.string(), z.unknown()),
        documents: z.array(z.object({ id: z.string(), kind: z.string().refine(isDocumentKind) })),
      })
      .optional()
      .catch(undefined),
  }),
)

/**
 * Reads a stored request. Whatever is missing or malformed opens nothing (an unreadable request
 * leaves the student only the resubmission as it is) and sends the resubmission to the college.
 */
export function readChangeRequest(stored: unknown): ChangeRequest {
  const parsed = storedSchema.safeParse(stored ?? {})
  if (!parsed.success) return { fields: [], documents: [], by: 'college' }
  const { baseline, ...request } = parsed.data
  return baseline ? { ...request, baseline: baseline as Baseline } : request
}

/** What the student's page may know of a request: the names and who asked, not the stored copy. */
export function changeRequestView({ fields, documents, by }: ChangeRequest) {
  return { fields, documents, by }
}

/** "budget.registration" → ['budget', 'registration']; "courses[0]" and "courses.0" → ['courses', 0]. */
export function pathOf(name: string): Path {
  return name
    .split(/[.[\]]+/)
    .filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s))
}

/** The paths a list of names opens, companions included. */
function openedPaths(fields: readonly string[]): Path[] {
  const paths = fields.map(pathOf).filter((p) => p.length > 0)
  for (const path of [...paths]) {
    if (path.length !== 1) continue
    const group = companions.find((g) => g.includes(String(path[0])))
    for (const other of group ?? []) if (other !== path[0]) paths.push([other])
  }
  return paths
}

const isPrefix = (prefix: Path, path: Path) => prefix.length <= path.length && prefix.every((s, i) => String(s) === String(path[i]))

/** Whether the named fields let the student change this place of the details (a path or a form name). */
export function covers(fields: readonly string[], path: Path | string): boolean {
  const target = typeof path === 'string' ? pathOf(path) : path
  return openedPaths(fields).some((opened) => isPrefix(opened, target))
}

// ---- comparing details --------------------------------------------------------------------------

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isAbsent = (v: unknown) => v === undefined || v === null

/**
 * The places where two versions of the details differ, down to single values: ['courses', 1,
 * 'credits'], ['budget', 'visa']. A missing value and an empty list or object are the same; a
 * value that changed shape (a text become a list) is reported where it changed.
 */
export function differences(before: unknown, after: unknown, at: Path = []): Path[] {
  const a = isAbsent(before) ? undefined : before
  const b = isAbsent(after) ? undefined : after
  if (isRecord(a) || isRecord(b)) {
    if ((a !== undefined && !isRecord(a)) || (b !== undefined && !isRecord(b))) return [at]
    const ra = (a ?? {}) as Record<string, unknown>
    const rb = (b ?? {}) as Record<string, unknown>
    const keys = [...new Set([...Object.keys(ra), ...Object.keys(rb)])]
    return keys.filter((k) => at.length > 0 || !FIXED.has(k)).flatMap((k) => differences(ra[k], rb[k], [...at, k]))
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if ((a !== undefined && !Array.isArray(a)) || (b !== undefined && !Array.isArray(b))) return [at]
    const la = (a ?? []) as unknown[]
    const lb = (b ?? []) as unknown[]
    return Array.from({ length: Math.max(la.length, lb.length) }, (_, i) => differences(la[i], lb[i], [...at, i])).flat()
  }
  return a === b ? [] : [at]
}

/**
 * The answer a place belongs to, as a reviewer names it and the student reads it: the field, or
 * the member of a group of answers (a budget line). A list's rows belong to the list: "courses".
 */
export function answerOf(path: Path): string {
  const [field, member] = path
  return typeof member === 'string' ? `${field}.${member}` : String(field)
}

const answersOf = (paths: Path[]) => [...new Set(paths.map(answerOf))]

function valueAt(value: unknown, path: Path): unknown {
  let here = value
  for (const segment of path) {
    if (isRecord(here) || Array.isArray(here)) here = (here as Record<string | number, unknown>)[segment]
    else return undefined
  }
  return here
}

/**
 * The answers a save would change that were not asked for, by answer name. An answer the save
 * leaves out is not a change: it keeps its stored value (withRequestedAnswers), so a form whose
 * read-only inputs are not sent loses nothing.
 */
export function unrequestedAnswers(stored: unknown, incoming: unknown, fields: readonly string[]): string[] {
  return answersOf(differences(stored, incoming).filter((p) => !covers(fields, p) && !isAbsent(valueAt(incoming, p))))
}

/**
 * The details to save: the stored ones, with every named answer as the save has it (left out:
 * cleared, as in a draft). Everything else keeps its stored value.
 */
export function withRequestedAnswers(
  stored: Record<string, unknown>,
  incoming: Record<string, unknown>,
  fields: readonly string[],
): Record<string, unknown> {
  const result = structuredClone(stored)
  for (const path of openedPaths(fields)) setAt(result, path, valueAt(incoming, path))
  return result
}

function setAt(root: Record<string, unknown>, path: Path, value: unknown) {
  let here: Record<string | number, unknown> = root
  for (const [i, segment] of path.slice(0, -1).entries()) {
    const next = here[segment]
    if (!isRecord(next) && !Array.isArray(next)) {
      if (value === undefined) return // nothing there to clear
      here[segment] = typeof path[i + 1] === 'number' ? [] : {}
    }
    here = here[segment] as Record<string | number, unknown>
  }
  const last = path[path.length - 1]!
  if (value !== undefined) here[last] = structuredClone(value)
  else if (Array.isArray(here)) here.splice(Number(last), 1)
  else delete here[last]
}

/** The answers changed since the request that it did not name (at the resubmission). */
export function answersOutsideRequest(baseline: unknown, current: unknown, fields: readonly string[]): string[] {
  return answersOf(differences(baseline, current).filter((p) => !covers(fields, p)))
}

// ---- documents ----------------------------------------------------------------------------------

/**
 * The document kinds whose files changed since the request (added, replaced or deleted) that it
 * did not name, in the order they first appear.
 */
export function documentsOutsideRequest(
  baseline: readonly { id: string; kind: DocumentKind }[],
  current: readonly { id: string; kind: DocumentKind }[],
  kinds: readonly DocumentKind[],
): DocumentKind[] {
  const ids = (list: readonly { id: string; kind: DocumentKind }[], kind: DocumentKind) =>
    list
      .filter((d) => d.kind === kind)
      .map((d) => d.id)
      .sort()
      .join(' ')
  const all = [...new Set([...baseline, ...current].map((d) => d.kind))]
  return all.filter((kind) => !kinds.includes(kind) && ids(baseline, kind) !== ids(current, kind))
}
