// Drives the admin routes' loaders and actions as a signed-in user would: a session cookie on a
// Request, the form as URL-encoded fields. Used by tests/integration/admin-*.test.ts.
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import type { Role } from '~/domain/roles'
import { prisma } from '~/lib/db.server'
import { createSession } from '~/lib/session.server'
import { createUser } from '../factories'

export async function signIn(roles: Role[] = ['admin'], data: Parameters<typeof createUser>[1] = {}) {
  const user = await createUser(prisma, { roles, ...data })
  const cookie = (await createSession(user.id, new Request('http://localhost/login'))).split(';')[0]
  return { user, cookie }
}

export type Fields = Record<string, string | string[] | undefined>

export function postRequest(cookie: string | null, path: string, fields: Fields) {
  const body = new URLSearchParams()
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) body.append(name, v)
  }
  return new Request(`http://localhost${path}`, { method: 'POST', headers: cookie ? { Cookie: cookie } : {}, body })
}

export function getRequest(cookie: string | null, path: string) {
  return new Request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie } : {} })
}

export type Outcome = { status: number; location: string | null; body: unknown }

/** Runs a loader or action and reports what the browser would get: status, redirect, data. */
export async function run(
  fn: (args: LoaderFunctionArgs & ActionFunctionArgs) => unknown,
  request: Request,
  params: Record<string, string> = {},
): Promise<Outcome> {
  let result: unknown
  try {
    result = await fn({ request, params, context: {} as never })
  } catch (error) {
    if (error instanceof Response) return { status: error.status, location: error.headers.get('Location'), body: null }
    throw error
  }
  if (result instanceof Response) return { status: result.status, location: result.headers.get('Location'), body: null }
  if (result && typeof result === 'object' && (result as { type?: string }).type === 'DataWithResponseInit') {
    const { data, init } = result as { data: unknown; init: { status?: number } | null }
    return { status: init?.status ?? 200, location: null, body: data }
  }
  return { status: 200, location: null, body: result }
}

/** The field errors of a conform reply (message keys by field name). */
export function fieldErrors(outcome: Outcome): Record<string, string[]> {
  return ((outcome.body as { error?: Record<string, string[] | null> } | null)?.error ?? {}) as Record<string, string[]>
}

/** The id at the end of a redirect to an edit page, e.g. /admin/colleges/abc?saved=1 → abc. */
export function savedId(outcome: Outcome): string {
  const match = /\/([a-z0-9]+)\?saved=1$/.exec(outcome.location ?? '')
  if (!match) throw new Error(`Not a save redirect: ${outcome.status} ${outcome.location} ${JSON.stringify(outcome.body)}`)
  return match[1]
}
