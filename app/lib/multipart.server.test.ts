import { describe, expect, test } from 'vitest'
import { MultipartError, parseMultipart, unescapeFileName } from './multipart.server'

const BOUNDARY = 'b0undary'

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
    await parseMultipart(request(field('kind', 'receipt') + file('file', '发票 一.pdf', '%PDF-1 one') + field('after', 'x') + file('file', 'b.png', 'two') + end), {
      onField: (name, value) => void events.push(`field ${name}=${value}`),
      async onFile({ name, fileName, stream }) {
        await new Promise((resolve) => setTimeout(resolve, 20)) // a slow handler: later parts must wait
        events.push(`file ${name} ${fileName}: ${await text(stream)}`)
      },
    })
    expect(events).toEqual(['field kind=receipt', 'file file 发票 一.pdf: %PDF-1 one', 'field after=x', 'file file b.png: two'])
  })

  test('what a handler leaves unread is skipped, and the next part still arrives', async () => {
    const big = 'x'.repeat(1024 * 1024)
    const seen: string[] = []
    await parseMultipart(request(file('file', 'big.pdf', big) + file('file', 'small.pdf', 'small') + end, 64 * 1024), {
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
    await parseMultipart(request(field('kind', 'k'.repeat(5000)) + file('file', '../../etc/passwd.pdf', 'x') + file('file', '', '') + end), {
      onField: (_, value) => void values.push(value),
      onFile: ({ fileName }) => void names.push(fileName),
    })
    expect(names).toEqual(['../../etc/passwd.pdf']) // the empty file input is not a file
    expect(values[0]).toHaveLength(1024)
  })

  test('a body cut off inside a file fails that file’s stream and the parse', async () => {
    let streamError: unknown
    const parsing = parseMultipart(request(field('kind', 'passport') + `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 cut`), {
      onField: () => {},
      async onFile({ stream }) {
        await new Promise((resolve) => setTimeout(resolve, 20)) // busy while the body fails
        streamError = await text(stream).catch((e: unknown) => e)
      },
    })
    await expect(parsing).rejects.toBeInstanceOf(MultipartError)
    expect(streamError).toBeInstanceOf(Error)
  })

  test('a request that is not multipart is refused', async () => {
    const plain = new Request('http://localhost/upload', { method: 'POST', body: 'a=1', headers: { 'Content-Type': 'text/plain' } })
    await expect(parseMultipart(plain, { onField: () => {}, onFile: () => {} })).rejects.toBeInstanceOf(MultipartError)
  })
})

describe('unescapeFileName', () => {
  test('undoes the escapes browsers apply to a file name, and nothing else', () => {
    expect(unescapeFileName('the %22final%22 plan.pdf')).toBe('the "final" plan.pdf')
    expect(unescapeFileName('a%0D%0Ab.pdf')).toBe('a\r\nb.pdf')
    expect(unescapeFileName('100%25 成绩单 %E4%B8%AD.pdf')).toBe('100%25 成绩单 %E4%B8%AD.pdf')
  })
})
