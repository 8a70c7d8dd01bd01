import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import busboy from 'busboy'

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
 * Reads a multipart/form-data request to its end. `onField` gets each text field (values are cut
 * at `maxFieldBytes`); `onFile` each file part with a name. Whatever a handler leaves unread of
 * its file is read and dropped afterwards, so the parser moves on to the next part. An error
 * thrown by a handler is passed on after the body has been read.
 */
export async function parseMultipart(
  request: Request,
  {
    onField,
    onFile,
    maxFieldBytes = 1024,
    maxFields = 20,
  }: {
    onField(name: string, value: string): void | Promise<void>
    onFile(part: FilePart): void | Promise<void>
    maxFieldBytes?: number
    maxFields?: number
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
      limits: { fieldSize: maxFieldBytes, fields: maxFields },
    })
  } catch (cause) {
    throw new MultipartError({ cause }) // no boundary, or not multipart at all
  }

  // Handlers run one after another in body order; the first error is kept for the end.
  let handled = Promise.resolve()
  let handlerError: { error: unknown } | undefined
  const inTurn = (task: () => void | Promise<void>) => {
    handled = handled.then(task).catch((error: unknown) => void (handlerError ??= { error }))
  }
  parser.on('field', (name, value) => inTurn(() => onField(name, value)))
  parser.on('file', (name, stream, { filename }) => {
    // A bad body fails the file stream, maybe while its handler is still busy elsewhere (or not
    // started): the error stays in the stream's state for its reader, and must not crash the process.
    stream.on('error', () => {})
    inTurn(async () => {
      try {
        // An empty file input still sends a part, without a file name and without bytes.
        if (filename) await onFile({ name, fileName: unescapeFileName(filename), stream })
      } finally {
        await drain(stream)
      }
    })
  })

  let parseError: unknown
  try {
    if (!request.body) throw new Error('No request body')
    await pipeline(Readable.fromWeb(request.body as import('node:stream/web').ReadableStream), parser)
  } catch (error) {
    parseError = error // the parser has failed the file stream in progress, so handlers finish
  }
  await handled
  if (parseError) throw new MultipartError({ cause: parseError })
  if (handlerError) throw handlerError.error
}

/** Reads and discards the rest of a file part; a part cut off by a bad body just ends here. */
async function drain(stream: Readable) {
  try {
    for await (const _ of stream);
  } catch {
    // The parse error itself is reported by parseMultipart.
  }
}

/**
 * Browsers send `"`, CR and LF in a file name as %22, %0D and %0A (HTML's multipart/form-data
 * encoding) and busboy leaves them so: undo exactly those. Control characters are then dropped
 * with the others when the name is cleaned (sanitizeFileName).
 */
export function unescapeFileName(sent: string): string {
  return sent.replace(/%(22|0D|0A)/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
}
