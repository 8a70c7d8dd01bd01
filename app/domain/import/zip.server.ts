// Reads the parts of a zip file held in memory (an uploaded xlsx workbook) one at a time, in any
// order, each unpacked as a stream with a cap on the bytes it unpacks to. The sizes a zip declares
// are not trusted: a part that says 1 KB may unpack to gigabytes (a "zip bomb"), so the cap counts
// what really comes out and stops the unpacking there.
import { PassThrough, pipeline, Readable, Transform } from 'node:stream'
import { createInflateRaw } from 'node:zlib'

export type ZipPart = {
  name: string
  method: number
  flags: number
  compressedSize: number
  /** As declared: a hint, never a bound. */
  size: number
  headerOffset: number
}

/** Thrown (as a stream error) when the parts read through one budget unpack to more than it allows. */
export class UnpackedTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`zip: unpacks to more than ${maxBytes} bytes`)
    this.name = 'UnpackedTooLarge'
  }
}

const END_OF_DIRECTORY = 0x06054b50
const DIRECTORY_ENTRY = 0x02014b50
const LOCAL_HEADER = 0x04034b50

/**
 * The parts of a zip by name, from its central directory; null when the bytes are no zip this
 * reader understands (zip64, split archives, a directory pointing outside the file).
 */
export function zipParts(bytes: Buffer): Map<string, ZipPart> | null {
  // The end-of-directory record is the last 22 bytes, unless a comment (up to 64 KB) follows it.
  let end = -1
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (bytes.readUInt32LE(at) === END_OF_DIRECTORY) {
      end = at
      break
    }
  }
  if (end < 0) return null
  const count = bytes.readUInt16LE(end + 10)
  const directorySize = bytes.readUInt32LE(end + 12)
  const directoryOffset = bytes.readUInt32LE(end + 16)
  if (bytes.readUInt16LE(end + 4) !== 0 || count === 0xffff || directoryOffset === 0xffffffff) return null
  if (directoryOffset + directorySize > end) return null

  const parts = new Map<string, ZipPart>()
  let at = directoryOffset
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || bytes.readUInt32LE(at) !== DIRECTORY_ENTRY) return null
    const nameLength = bytes.readUInt16LE(at + 28)
    const next = at + 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32)
    if (next > end) return null
    const part: ZipPart = {
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
      flags: bytes.readUInt16LE(at + 8),
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      size: bytes.readUInt32LE(at + 24),
      headerOffset: bytes.readUInt32LE(at + 42),
    }
    if (part.compressedSize === 0xffffffff || part.headerOffset === 0xffffffff) return null
    parts.set(part.name, part)
    at = next
  }
  return parts
}

/** A count of unpacked bytes shared by the parts read with it. */
export type UnpackBudget = { maxBytes: number; used: number }

/**
 * The part's content as a stream of UTF-8 text, unpacked as it is read. The stream fails with
 * UnpackedTooLarge as soon as the parts read with this budget pass its limit, and with another
 * error when the part is encrypted, packed with a method other than deflate, or corrupt.
 * Destroying the stream stops the unpacking.
 */
export function readPart(bytes: Buffer, part: ZipPart, budget: UnpackBudget): Readable {
  const failed = (error: Error) => {
    const stream = new PassThrough()
    process.nextTick(() => stream.destroy(error))
    return stream
  }
  const at = part.headerOffset
  if (part.flags & 1) return failed(new Error('zip: encrypted part'))
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL_HEADER) return failed(new Error('zip: no local header'))
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28)
  if (start + part.compressedSize > bytes.length) return failed(new Error('zip: part outside the file'))
  const packed = Readable.from([bytes.subarray(start, start + part.compressedSize)])
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      budget.used += chunk.length
      if (budget.used > budget.maxBytes) done(new UnpackedTooLarge(budget.maxBytes))
      else done(null, chunk)
    },
  })
  if (part.method !== 0 && part.method !== 8) return failed(new Error(`zip: packing method ${part.method}`))
  // pipeline destroys every stage when one fails or the reader destroys the last; errors reach the reader.
  const ignore = () => {}
  const out = part.method === 0 ? pipeline(packed, counter, ignore) : pipeline(packed, createInflateRaw(), counter, ignore)
  // Text, decoded across chunk boundaries (a chunk may end inside a character).
  out.setEncoding('utf8')
  return out
}
