import { parseWithZod } from '@conform-to/zod/v4'
import type { z } from 'zod'

// How every action reads its form. The server has already limited and checked a url-encoded body
// (server/request-limits.ts); here a body the action cannot read is refused with a 4xx instead of
// failing inside it, and conform only ever sees the fields of the form's own schema, so a reply
// that sends the submission back echoes nothing else.

const refuse = (status: 400 | 415) =>
  new Response(status === 415 ? 'Unsupported Media Type' : 'Bad Request', { status, headers: { 'Content-Type': 'text/plain' } })

/**
 * The url-encoded form of a POST (an empty one when the request has no body). A multipart body
 * is for the routes that take files (parseMultipart) and is refused unread, with 415.
 */
export async function readForm(request: Request): Promise<FormData> {
  if (!request.body) return new FormData()
  const type = request.headers.get('Content-Type')?.split(';')[0]?.trim().toLowerCase()
  if (type !== 'application/x-www-form-urlencoded') throw refuse(415)
  try {
    return await request.formData()
  } catch {
    throw refuse(400) // the client went away midway
  }
}

/** Conform's names for its own controls (validate, insert, remove buttons). */
const CONFORM_FIELDS = ['__intent__', '__state__']

/**
 * parseWithZod over the fields the schema names (by the first segment of each name: `courses`
 * for `courses[2].title`); any other field is dropped before conform reads it. A conform control
 * that is not conform's JSON is dropped too, instead of throwing.
 */
export function parseForm<Schema extends z.ZodType>(formData: FormData, { schema }: { schema: Schema }) {
  const known = new Set([...topLevelKeys(schema), ...CONFORM_FIELDS])
  const kept = new FormData()
  for (const [name, value] of formData) if (known.has(name.split(/[.[]/, 1)[0]!)) kept.append(name, value)
  try {
    return parseWithZod(kept, { schema })
  } catch {
    for (const name of CONFORM_FIELDS) kept.delete(name)
    return parseWithZod(kept, { schema })
  }
}

type Def = {
  type: string
  shape?: Record<string, unknown>
  options?: z.ZodType[]
  in?: z.ZodType
  innerType?: z.ZodType
  left?: z.ZodType
  right?: z.ZodType
  /** z.lazy: the schema it builds when first used. */
  getter?: () => z.ZodType
}

/** The field names an object schema accepts, through unions, pipes, defaults and the like. */
function topLevelKeys(schema: z.ZodType): string[] {
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def
  if (def.shape) return Object.keys(def.shape)
  if (def.options) return def.options.flatMap(topLevelKeys)
  if (def.in) return topLevelKeys(def.in)
  if (def.innerType) return topLevelKeys(def.innerType)
  if (def.left && def.right) return [...topLevelKeys(def.left), ...topLevelKeys(def.right)]
  if (def.getter) return topLevelKeys(def.getter())
  throw new Error(`parseForm: cannot tell the fields of a ${def.type} schema`)
}
