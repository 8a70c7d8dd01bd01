import { Writable } from 'node:stream'
import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { renderToPipeableStream } from 'react-dom/server'
import { NonceProvider } from './components/nonce'

const ABORT_DELAY = 5_000

// The page is sent whole, once rendered: no route defers data, so streaming would gain nothing,
// and React's stream arrives in 2 KB pieces, each its own write to the socket (under load the
// writes cost more than React's rendering of the queue page; bench/README.md).
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce ?? ''
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false
    const timeout = setTimeout(() => abort(), ABORT_DELAY)
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true
        },
        onAllReady() {
          const chunks: Uint8Array[] = []
          pipe(
            new Writable({
              write(chunk: Uint8Array, _encoding, done) {
                chunks.push(chunk)
                done()
              },
              final(done) {
                clearTimeout(timeout)
                const html = Buffer.concat(chunks)
                responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
                responseHeaders.set('Content-Length', String(html.byteLength))
                resolve(new Response(html, { headers: responseHeaders, status: responseStatusCode }))
                done()
              },
            }),
          )
        },
        onShellError(error: unknown) {
          clearTimeout(timeout)
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          if (shellRendered) console.error(error)
        },
      },
    )
  })
}

// Remix logs every error thrown while rendering; a 404 for a made-up URL or a 405 for a POST to a
// page without an action is the client's mistake, not one worth a stack.
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return
  if (isRouteErrorResponse(error) && error.status < 500) return
  console.error(error)
}
