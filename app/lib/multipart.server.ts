import { once } from 'node:events'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import busboy from 'busboy'
import { checkFieldName } from './form-limits'

// A streaming multipart/form-data parser (busboy) for routes that take files. Each file part
// arrives as a stream to read while the body is still coming in; nothing is buffered beyond the
// parser's high-water marks, so memory stays flat whatever the file size. Parts are handled one
// at a time and in order, as they appear in the body, so a handler sees only the fields sent
// before its file.

export type FilePart = { name: string; fileName: string; stream: Readable }

/** The body is not well-formed multipart data, or it ended (or the client went away) midway. */
export class MultipartError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('Malformed or incomplete multipart body', options)
    this.name = 'MultipartError'
  }
}

/**
 * The body passed one of the limits: `bytes` in all, one file's `fileBytes`, the number of
 * `files` or `fields`, or a field's `shape` (its name, a NUL). Reading stopped there.
 */
export class MultipartLimitError extends MultipartError {
  constructor(readonly limit: 'bytes' | 'fileBytes' | 'files' | 'fields' | 'shape') {
    super()
    this.message = `Multipart body over its limit of ${limit}`
    this.name = 'MultipartLimitError'
  }
}

/**
 * Reads a multipart/form-data request to its end. `onField` gets each text field (values are cut
 * at `maxFieldBytes`); `onFile` each file part with a name. Whatever a handler leaves unread of
 * its file is read and dropped afterwards, so the parser moves on to the next part. An error
 * thrown by a handler is passed on after the body has been read.
 *
 * Limits are checked as the body streams, and the first one passed stops the reading at once
 * (MultipartLimitError): `maxBytes` for the whole body, `maxFileBytes` for one file (its handler
 * sees one byte more, so it can refuse the file by its own rule first), `maxFiles`, `maxFields`,
 * and each field's name and value (see ~/lib/form-limits).
 */
export async function parseMultipart(
  request: Request,
  {
    onField,
    onFile,
    maxFieldBytes = 1024,
    maxFields = 20,
    maxFiles = 1,
    maxFileBytes,
    maxBytes,
  }: {
    onField(name: string, value: string): void | Promise<void>
    onFile(part: FilePart): void | Promise<void>
    maxFieldBytes?: number
    maxFields?: number
    maxFiles?: number
    maxFileBytes: number
    maxBytes: number
  },
): Promise<void> {
  let parser: busboy.Busboy
  try {
    parser = busboy({
      headers: { 'content-type': request.headers.get('Content-Type') ?? '' },
      // Browsers send file names as raw UTF-8 (e.g. 成绩单.pdf); busboy's default is Latin-1.
      defParamCharset: 'utf8',
      // The full name as sent: the caller's sanitizer judges it (busboy would quietly empty "..").
      preservePath: true,
      limits: { fieldSize: maxFieldBytes, fields: maxFields, files: maxFiles, parts: maxFields + maxFiles, fileSize: maxFileBytes + 1 },
    })
  } catch (cause) {
    throw new MultipartError({ cause }) // no boundary, or not multipart at all
  }
  if (!request.body) throw new MultipartError({ cause: new Error('No request body') })
  const source = Readable.fromWeb(request.body as import('node:stream/web').ReadableStream)

  // The first limit passed ends the reading: the source fails, and with it the parse.
  let limited: MultipartLimitError | undefined
  const stop = (limit: MultipartLimitError['limit']) => {
    limited ??= new MultipartLimitError(limit)
    source.destroy(limited)
    parser.destroy(limited) // the body may already be in the parser, which would wait on parts nobody reads
  }
  parser.on('filesLimit', () => stop('files'))
  parser.on('fieldsLimit', () => stop('fields'))
  parser.on('partsLimit', () => stop('fields'))
  let bytes = 0
  source.on('data', (chunk: Buffer) => {
    bytes += chunk.length
    if (bytes > maxBytes) stop('bytes')
  })

  // Handlers run one after another in body order, none after a limit was passed; the first error
  // is kept for the end.
  let handled = Promise.resolve()
  let handlerError: { error: unknown } | undefined
  const inTurn = (task: () => void | Promise<void>) => {
    handled = handled.then(() => (limited ? undefined : task())).catch((error: unknown) => void (handlerError ??= { error }))
  }
  parser.on('field', (name, value) => {
    if (checkFieldName(name) || value.includes('\0')) return stop('shape')
    inTurn(() => onField(name, value))
  })
  parser.on('file', (name, stream, { filename }) => {
    // A bad body fails the file stream, maybe while its handler is still busy elsewhere (or not
    // started): the error stays in the stream's state for its reader, and must not crash the process.
    stream.on('error', () => {})
    if (checkFieldName(name)) return stop('shape')
    inTurn(async () => {
      try {
        // An empty file input still sends a part, without a file name and without bytes.
        if (filename) await onFile({ name, fileName: unescapeFileName(filename), stream })
      } finally {
        await drain(stream)
        // Past its limit the rest of the file, and of the body, is not worth reading.
        if (stream.truncated) stop('fileBytes')
      }
    })
  })

  let parseError: unknown
  try {
    await pipeline(source, parser)
  } catch (error) {
    parseError = error // the parser has failed the file stream in progress, so handlers finish
  }
  await handled
  if (limited) throw limited
  if (parseError) throw new MultipartError({ cause: parseError })
  if (handlerError) throw handlerError.error
}

/**
 * Reads and discards the rest of a file part, up to its end or its size limit (past which busboy
 * discards the part itself, so waiting for its end would read on); a part cut off by a bad body
 * just ends here.
 */
async function drain(stream: Readable & { truncated?: boolean }): Promise<void> {
  if (stream.truncated) return
  const rest = (async () => {
    try {
      for await (const _ of stream) if (stream.truncated) return
    } catch {
      // The parse error itself is reported by parseMultipart.
    }
  })()
  await Promise.race([rest, once(stream, 'limit').catch(() => {})])
}

/**
 * Browsers send `"`, CR and LF in a file name as %22, %0D and %0A (HTML's multipart/form-data
 * encoding) and busboy leaves them so: undo exactly those. Control characters are then dropped
 * with the others when the name is cleaned (sanitizeFileName).
 */
export function unescapeFileName(sent: string): string {
  return sent.replace(/%(22|0D|0A)/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
}
