import { Writable } from 'node:stream'
import { renderToPipeableStream } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import { withoutNulBytes } from './entry.server'

// React 18.3 leaves zero bytes where a Chinese character meets the end of its 2 KB buffer; a page
// must reach the browser without them (see withoutNulBytes).
describe('pages rendered with Chinese text', () => {
  test('carry no NUL byte, and every character arrives whole', async () => {
    const texts = Array.from({ length: 300 }, (_, i) => `国际处批准第${i}项 申请审核`)
    const raw = await new Promise<Buffer<ArrayBuffer>>((resolve) => {
      const chunks: Buffer[] = []
      const { pipe } = renderToPipeableStream(
        <div>
          {texts.map((t) => (
            <p key={t} title={t}>
              {t}
            </p>
          ))}
        </div>,
        {
          onAllReady: () =>
            pipe(
              new Writable({
                write: (chunk: Uint8Array, _encoding, done) => void (chunks.push(Buffer.from(chunk)), done()),
                final: (done) => void (resolve(Buffer.concat(chunks)), done()),
              }),
            ),
        },
      )
    })
    // The renderer alone shows the fault this guards against…
    expect(raw.indexOf(0)).toBeGreaterThan(-1)
    // …and what the page's entry sends has none, with every character whole.
    const html = withoutNulBytes(raw).toString('utf8')
    expect(html).not.toContain('\0')
    for (const t of texts) expect(html).toContain(`title="${t}">${t}</p>`)
  })

  test('only the zero bytes go, wherever they are', () => {
    const bytes = (...parts: (string | number)[]) =>
      Buffer.concat(parts.map((p) => (typeof p === 'number' ? Buffer.alloc(p) : Buffer.from(p))))
    expect(withoutNulBytes(bytes(2, '国际', 1, '处', 3)).toString()).toBe('国际处')
    expect(withoutNulBytes(bytes(1)).length).toBe(0)
    const clean = bytes('<p>审核</p>')
    expect(withoutNulBytes(clean)).toBe(clean)
  })
})
