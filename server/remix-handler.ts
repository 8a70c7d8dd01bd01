import {
  createReadableStreamFromReadable,
  createRequestHandler as createRemixHandler,
  writeReadableStreamToWritable,
  type AppLoadContext,
  type ServerBuild,
} from '@remix-run/node'
import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from 'express'
import { inRequestScope } from '../app/lib/request-scope.server'
import { requestHost } from './same-origin'

// Remix behind Express, as @remix-run/express does it, with one difference: the body Remix's
// actions read is the one server/request-limits.ts has read and checked (a url-encoded form) or
// limited (a multipart stream), never the raw request.

export function remixHandler({
  build,
  getLoadContext,
}: {
  build: ServerBuild | (() => Promise<ServerBuild>)
  getLoadContext(req: ExpressRequest, res: ExpressResponse): AppLoadContext
}): RequestHandler {
  const handle = createRemixHandler(build)
  return async (req, res, next) => {
    try {
      const request = toFetchRequest(req, res)
      if (!request) return void res.status(400).type('text/plain').send('Bad Request') // a Host header that is no host
      // Data requests as Remix asked for them before single fetch (?_data=<route>): the browser build
      // never makes them, and answered they ran a page's loader outside single fetch (a 500 and an
      // error logged for a loader that returns data()).
      if (new URL(request.url).searchParams.has('_data')) return void res.status(404).type('text/plain').send('Not Found')
      const context = getLoadContext(req, res)
      // A read-only request's loaders share what they read once (the session: app/lib/request-scope.server.ts).
      const response =
        request.method === 'GET' || request.method === 'HEAD'
          ? await inRequestScope(() => handle(request, context))
          : await handle(request, context)
      await send(res, response)
    } catch (error) {
      next(error)
    }
  }
}

function toFetchRequest(req: ExpressRequest, res: ExpressResponse): Request | undefined {
  // The host as the client named it (a proxy's X-Forwarded-Host only from a proxy TRUST_PROXY
  // trusts): a host and a port, nothing that would move the path Remix routes away from the one
  // the request limits checked.
  const host = requestHost(req) ?? 'localhost'
  if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host)) return undefined
  const url = new URL(`${req.protocol}://${host}${req.originalUrl}`)

  // Abort loaders and actions when the client goes away before the answer is written.
  const controller = new AbortController()
  res.on('close', () => res.writableFinished || controller.abort())

  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v)
  }
  const body = res.locals.body
  return new Request(url, {
    method: req.method,
    headers,
    signal: controller.signal,
    ...(body && { body: Buffer.isBuffer(body) ? body : createReadableStreamFromReadable(body), duplex: 'half' }),
  } as RequestInit)
}

async function send(res: ExpressResponse, response: Response) {
  res.statusMessage = response.statusText
  res.status(response.status)
  for (const [name, value] of response.headers.entries()) res.append(name, value)
  if (response.body) await writeReadableStreamToWritable(response.body, res)
  else res.end()
}
