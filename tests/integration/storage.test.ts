import { createHash, randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import { beforeAll, describe, expect, test, vi } from 'vitest'

type Storage = typeof import('~/lib/storage.server')
let storage: Storage

beforeAll(async () => {
  storage = await import('~/lib/storage.server')
})

const key = (name: string) => `tests/storage/${Date.now()}-${name}`

/** `size` random bytes, produced 1 MB at a time, with a hash computed on the way. */
function randomStream(size: number) {
  const hash = createHash('sha256')
  let left = size
  const stream = Readable.from(
    (function* () {
      while (left > 0) {
        const chunk = randomBytes(Math.min(left, 1024 * 1024))
        left -= chunk.length
        hash.update(chunk)
        yield chunk
      }
    })(),
  )
  return { stream, digest: () => hash.digest('hex') }
}

async function digestOf(body: Readable) {
  const hash = createHash('sha256')
  let size = 0
  for await (const chunk of body) {
    hash.update(chunk)
    size += chunk.length
  }
  return { size, sha256: hash.digest('hex') }
}

describe('storage', () => {
  test('a 25 MB stream goes up in parts and comes back byte-identical', async () => {
    const size = 25 * 1024 * 1024
    const k = key('big.bin')
    const source = randomStream(size)
    await storage.putObject(k, source.stream, { contentType: 'application/octet-stream', contentLength: size })

    expect(await storage.headObject(k)).toEqual({ contentLength: size, contentType: 'application/octet-stream' })
    const got = await storage.getObject(k)
    expect(got.contentLength).toBe(size)
    expect(await digestOf(got.body)).toEqual({ size, sha256: source.digest() })
  })

  test('a stream of unknown length and a small buffer are stored too', async () => {
    const streamed = randomStream(6 * 1024 * 1024 + 123)
    const k1 = key('unknown-length.bin')
    await storage.putObject(k1, streamed.stream, { contentType: 'application/pdf' })
    expect(await digestOf((await storage.getObject(k1)).body)).toEqual({
      size: 6 * 1024 * 1024 + 123,
      sha256: streamed.digest(),
    })

    const k2 = key('small.txt')
    await storage.putObject(k2, Buffer.from('你好'), { contentType: 'text/plain; charset=utf-8' })
    const small = await storage.getObject(k2)
    expect(small.contentType).toBe('text/plain; charset=utf-8')
    expect((await digestOf(small.body)).size).toBe(6)
  })

  test('streams that end on or next to a part boundary (5 MB) come back byte-identical', { timeout: 60_000 }, async () => {
    const part = 5 * 1024 * 1024
    // One part exactly, two parts exactly (the last part is not empty), and one byte into a third.
    for (const size of [part, 2 * part, 2 * part + 1]) {
      const k = key(`boundary-${size}.bin`)
      const source = randomStream(size)
      await storage.putObject(k, source.stream, { contentType: 'application/octet-stream' })
      expect(await digestOf((await storage.getObject(k)).body)).toEqual({ size, sha256: source.digest() })
    }
  })

  test('a stream that fails after some parts, or is shorter than its contentLength, leaves no object', { timeout: 60_000 }, async () => {
    // s3rver cannot abort a multipart upload (405): the app logs that and keeps the first error.
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const failing = key('cut.bin')
      async function* cutOff() {
        yield* randomStream(12 * 1024 * 1024).stream
        throw new Error('client went away')
      }
      await expect(storage.putObject(failing, cutOff(), { contentType: 'application/pdf' })).rejects.toThrow('client went away')
      expect(await storage.headObject(failing)).toBeNull()
      expect(error).toHaveBeenCalledWith('[storage] could not abort the multipart upload of', failing, expect.anything())

      const short = key('short.bin')
      const source = randomStream(6 * 1024 * 1024)
      await expect(
        storage.putObject(short, source.stream, { contentType: 'application/pdf', contentLength: 7 * 1024 * 1024 }),
      ).rejects.toThrow(/Expected 7340032 bytes/)
      expect(await storage.headObject(short)).toBeNull()
    } finally {
      error.mockRestore()
    }
  })

  test('a presigned download keeps a Chinese file name', async () => {
    const k = key('transcript')
    await storage.putObject(k, Buffer.from('%PDF-1.7 test'), { contentType: 'application/pdf' })
    const fileName = '成绩单（2026 春）"final".pdf'
    const url = await storage.presignGetUrl(k, { expiresInSeconds: 60, fileName, contentType: 'application/pdf' })

    const res = await fetch(url)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    const disposition = res.headers.get('content-disposition')!
    expect(disposition).toBe(storage.contentDisposition(fileName, 'attachment'))
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/)
    const encoded = /filename\*=UTF-8''(.+)$/.exec(disposition)![1]
    expect(decodeURIComponent(encoded)).toBe(fileName)
    expect(await res.text()).toBe('%PDF-1.7 test')
  })

  test('delete removes the object', async () => {
    const k = key('gone.txt')
    await storage.putObject(k, Buffer.from('x'), { contentType: 'text/plain' })
    await storage.deleteObject(k)
    expect(await storage.headObject(k)).toBeNull()
    await expect(storage.getObject(k)).rejects.toMatchObject({ name: 'NoSuchKey' })
  })

  test('checkStorage reaches the bucket', async () => {
    await expect(storage.checkStorage()).resolves.toBeUndefined()
  })
})

describe('contentDisposition', () => {
  test('has an ASCII fallback and an RFC 5987 UTF-8 name', () => {
    expect(storage.contentDisposition('report.pdf', 'inline')).toBe(`inline; filename="report.pdf"; filename*=UTF-8''report.pdf`)
    expect(storage.contentDisposition("护照 (copy)'s.jpg", 'attachment')).toBe(
      `attachment; filename="__ (copy)'s.jpg"; filename*=UTF-8''%E6%8A%A4%E7%85%A7%20%28copy%29%27s.jpg`,
    )
    expect(storage.contentDisposition('a"b\\c\r\n.txt', 'attachment')).toMatch(/^attachment; filename="a_b_c__.txt";/)
  })
})
