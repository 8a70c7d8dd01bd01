import { Writable } from 'node:stream'
import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { renderToPipeableStream } from 'react-dom/server'
import { InlineStylesProvider } from './components/inline-styles'
import { NonceProvider } from './components/nonce'
import { scriptsAfterPaint } from './lib/scripts-after-paint.server'
import styles from './styles/app.css?inline'

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
        <InlineStylesProvider value={styles}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </InlineStylesProvider>
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
                const html = scriptsAfterPaint(withoutNulBytes(Buffer.concat(chunks)))
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

/**
 * React 18.3's Node renderer leaves zero bytes in its output where a multi-byte character (most
 * Chinese text) does not fit at the end of one of its 2 KB buffers: "国际处批准第21项 \0\0申请审核".
 * Browsers show them as U+FFFD in attributes and input values, and a form sent back would store
 * it. The bytes are extra (nothing around them is lost), and no page has a NUL of its own (no
 * request may send one, PostgreSQL text cannot hold one, JSON escapes it): drop them all.
 */
export function withoutNulBytes(html: Buffer<ArrayBuffer>): Buffer<ArrayBuffer> {
  // Found with indexOf (memchr) and cut around: filtering byte by byte cost a Chinese page of 100
  // KB about 2 ms, a quarter of the reviewer queue's time on the server.
  let nul = html.indexOf(0)
  if (nul === -1) return html
  const parts: Buffer[] = []
  let from = 0
  for (; nul !== -1; from = nul + 1, nul = html.indexOf(0, from)) parts.push(html.subarray(from, nul))
  parts.push(html.subarray(from))
  return Buffer.concat(parts)
}

// Remix logs every error thrown while rendering; a 404 for a made-up URL or a 405 for a POST to a
// page without an action is the client's mistake, not one worth a stack.
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return
  if (isRouteErrorResponse(error) && error.status < 500) return
  console.error(error)
}
