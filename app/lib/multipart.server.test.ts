import { describe, expect, test } from 'vitest'
import { MultipartError, MultipartLimitError, parseMultipart, unescapeFileName, type FilePart } from './multipart.server'

const BOUNDARY = 'b0undary'
const limits = { maxFiles: 10, maxFileBytes: 4 * 1024 * 1024, maxBytes: 8 * 1024 * 1024 }

/** A multipart body, sent in `chunkSize`-byte pieces as a network would. */
function request(body: string | Buffer, chunkSize = 7) {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body)
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += chunkSize) controller.enqueue(new Uint8Array(bytes.subarray(i, i + chunkSize)))
      controller.close()
    },
  })
  return new Request('http://localhost/upload', {
    method: 'POST',
    body: stream,
    headers: { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` },
    duplex: 'half',
  } as RequestInit)
}

const field = (name: string, value: string) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`
const file = (name: string, fileName: string, content: string) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n${content}\r\n`
const end = `--${BOUNDARY}--\r\n`

async function text(stream: AsyncIterable<Uint8Array>) {
  const chunks: Uint8Array[] = []
  for await (const chunk of stream) chunks.push(chunk)
  return Buffer.concat(chunks).toString('utf8')
}

describe('parseMultipart', () => {
  test('hands over fields and files in body order, a file only after the fields before it', async () => {
    const events: string[] = []
    await parseMultipart(
      request(
        field('kind', 'receipt') + file('file', '发票 一.pdf', '%PDF-1 one') + field('after', 'x') + file('file', 'b.png', 'two') + end,
      ),
      {
        ...limits,
        onField: (name, value) => void events.push(`field ${name}=${value}`),
        async onFile({ name, fileName, stream }) {
          await new Promise((resolve) => setTimeout(resolve, 20)) // a slow handler: later parts must wait
          events.push(`file ${name} ${fileName}: ${await text(stream)}`)
        },
      },
    )
    expect(events).toEqual(['field kind=receipt', 'file file 发票 一.pdf: %PDF-1 one', 'field after=x', 'file file b.png: two'])
  })

  test('what a handler leaves unread is skipped, and the next part still arrives', async () => {
    const big = 'x'.repeat(1024 * 1024)
    const seen: string[] = []
    await parseMultipart(request(file('file', 'big.pdf', big) + file('file', 'small.pdf', 'small') + end, 64 * 1024), {
      ...limits,
      onField: () => {},
      async onFile({ fileName, stream }) {
        if (fileName === 'small.pdf') seen.push(await text(stream))
      },
    })
    expect(seen).toEqual(['small'])
  })

  test('keeps the raw file name for the caller to judge, and cuts long field values', async () => {
    const names: string[] = []
    const values: string[] = []
    await parseMultipart(
      request(field('kind', 'k'.repeat(5000)) + file('file', '../../etc/passwd.pdf', 'x') + file('file', '', '') + end),
      {
        ...limits,
        onField: (_, value) => void values.push(value),
        onFile: ({ fileName }) => void names.push(fileName),
      },
    )
    expect(names).toEqual(['../../etc/passwd.pdf']) // the empty file input is not a file
    expect(values[0]).toHaveLength(1024)
  })

  test('a body cut off inside a file fails that file’s stream and the parse', async () => {
    let streamError: unknown
    const parsing = parseMultipart(
      request(
        field('kind', 'passport') + `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 cut`,
      ),
      {
        ...limits,
        onField: () => {},
        async onFile({ stream }) {
          await new Promise((resolve) => setTimeout(resolve, 20)) // busy while the body fails
          streamError = await text(stream).catch((e: unknown) => e)
        },
      },
    )
    await expect(parsing).rejects.toBeInstanceOf(MultipartError)
    expect(streamError).toBeInstanceOf(Error)
  })

  test('a request that is not multipart is refused', async () => {
    const plain = new Request('http://localhost/upload', { method: 'POST', body: 'a=1', headers: { 'Content-Type': 'text/plain' } })
    await expect(parseMultipart(plain, { ...limits, onField: () => {}, onFile: () => {} })).rejects.toBeInstanceOf(MultipartError)
  })
})

describe('parseMultipart stops reading at the first limit passed', () => {
  /** A body that never ends unless the parser stops reading it: how much of it was read, and the outcome. */
  async function readOf(
    head: string,
    limitsHere: Partial<typeof limits> & { maxFields?: number },
    onFile: (part: FilePart) => Promise<void> = async () => {},
    filler = file('file', 'x.pdf', 'y'.repeat(64 * 1024)),
  ) {
    let sent = 0
    let cancelled = false
    const more = Buffer.from(filler)
    const stream = new ReadableStream<Uint8Array>({
      start: (c) => c.enqueue(new Uint8Array(Buffer.from(head))),
      pull(c) {
        sent += more.length
        if (sent > 64 * 1024 * 1024) return c.close() // a safety net: the test fails long before
        c.enqueue(new Uint8Array(more))
      },
      cancel: () => void (cancelled = true),
    })
    const req = new Request('http://localhost/upload', {
      method: 'POST',
      body: stream,
      headers: { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` },
      duplex: 'half',
    } as RequestInit)
    const outcome = await parseMultipart(req, { ...limits, ...limitsHere, onField: () => {}, onFile }).catch((e: unknown) => e)
    return { sent, cancelled, outcome }
  }

  test('the whole body: bytes past maxBytes are not read', async () => {
    const { sent, cancelled, outcome } = await readOf('', { maxFiles: 10_000, maxBytes: 1024 * 1024 }, async () => {})
    expect(outcome).toBeInstanceOf(MultipartLimitError)
    expect((outcome as MultipartLimitError).limit).toBe('bytes')
    expect(sent).toBeLessThan(2 * 1024 * 1024)
    expect(cancelled).toBe(true)
  })

  test('files: thousands of tiny parts reach no handler past maxFiles', async () => {
    let handled = 0
    const { outcome, sent } = await readOf('', { maxFiles: 3 }, async () => void handled++)
    expect((outcome as MultipartLimitError).limit).toBe('files')
    expect(handled).toBe(3)
    expect(sent).toBeLessThan(1024 * 1024)
  })

  test('one file past maxFileBytes: its handler sees one byte more, then reading stops', async () => {
    let seen = 0
    const huge = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n\r\n`
    const onFile = async ({ stream }: FilePart) => {
      // As uploadDocument does: refuse as soon as the file passes the limit.
      for await (const chunk of stream) if ((seen += chunk.length) > 100 * 1024) throw new Error('too large')
    }
    const { outcome, sent } = await readOf(huge, { maxFileBytes: 100 * 1024 }, onFile, 'y'.repeat(16 * 1024))
    expect((outcome as MultipartLimitError).limit).toBe('fileBytes')
    expect(seen).toBe(100 * 1024 + 1)
    expect(sent).toBeLessThan(1024 * 1024)
  })

  test.each([
    ['an array index past the limit', 'x[4294967294]'],
    ['a name nested too deep', 'a' + '[b]'.repeat(50)],
    ['a long name', 'n'.repeat(500)],
  ])('a field of the wrong shape: %s', async (_, name) => {
    const { outcome } = await readOf(field(name, 'v'), {})
    expect((outcome as MultipartLimitError).limit).toBe('shape')
  })

  test('a NUL in a value', async () => {
    const { outcome } = await readOf(field('kind', 'a\0b'), {})
    expect((outcome as MultipartLimitError).limit).toBe('shape')
  })

  test('more fields than maxFields', async () => {
    const { outcome } = await readOf(field('a', '1').repeat(30), { maxFields: 20 })
    expect((outcome as MultipartLimitError).limit).toBe('fields')
  })
})

describe('unescapeFileName', () => {
  test('undoes the escapes browsers apply to a file name, and nothing else', () => {
    expect(unescapeFileName('the %22final%22 plan.pdf')).toBe('the "final" plan.pdf')
    expect(unescapeFileName('a%0D%0Ab.pdf')).toBe('a\r\nb.pdf')
    expect(unescapeFileName('100%25 成绩单 %E4%B8%AD.pdf')).toBe('100%25 成绩单 %E4%B8%AD.pdf')
  })
})
