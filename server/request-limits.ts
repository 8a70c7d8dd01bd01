import type { Readable } from 'node:stream'
import { Transform } from 'node:stream'
import type { RequestHandler, Response } from 'express'
import { checkFormShape, FORM_LIMITS, type FormShapeProblem } from '../app/lib/form-limits'

// What a request may send, checked before Remix or any form library sees it (see
// docs/decisions/0007-request-limits-before-parsing.md):
// - a NUL anywhere in the URL: 404 in the path (no such page), 400 in the query;
// - a body must be a form: url-encoded or multipart, else 415 (an action cannot read it);
// - a url-encoded body is read here, at most `formMaxBytes` (413 past it, whatever Content-Length
//   said), and its fields checked (count, repeats, array index, nesting, NUL: 400);
// - a multipart body streams on to the route (uploads go to S3 as they arrive), cut off at
//   `multipartMaxBytes`; parseMultipart applies the route's own, smaller limits while streaming.
// The route then gets the body as checked here: `remixBody` below.

export type BodyLimits = { formMaxBytes: number; multipartMaxBytes: number }

declare module 'express-serve-static-core' {
  interface Locals {
    /** The request body for Remix: the url-encoded bytes read and checked here, or a limited multipart stream. */
    body?: Buffer | Readable
  }
}

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS'])

const messages: Record<number, string> = {
  400: '请求格式有误。Bad request: the form is not one this site sends.',
  413: '提交的内容过大。Request too large.',
  415: '无法读取所提交的内容：请通过页面上的表单提交。Unsupported content type: submit the form on the page.',
}

/** A short plain answer that also closes the connection, so an unread body is not read on. */
function refuse(res: Response, status: 400 | 413 | 415, detail?: FormShapeProblem) {
  if (res.headersSent) return
  res.set('Connection', 'close')
  if (detail) res.set('X-Refused-Because', detail)
  res.status(status).type('text/plain; charset=utf-8').send(messages[status])
}

export function limitRequests({ formMaxBytes, multipartMaxBytes }: BodyLimits): RequestHandler {
  return (req, res, next) => {
    const url = req.originalUrl
    if (/%00|\0/i.test(url)) {
      const query = url.indexOf('?')
      // A NUL in the path would reach the database in an id: no page has such a name.
      if (query === -1 || /%00|\0/i.test(url.slice(0, query))) return void res.status(404).type('text/plain').send('Not Found')
      return refuse(res, 400, 'nul')
    }
    if (BODYLESS.has(req.method)) return next()

    const declared = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length'])
    const hasBody = req.headers['transfer-encoding'] !== undefined || (declared ?? 0) > 0
    if (!hasBody) return next()
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()

    if (type === 'multipart/form-data') {
      if (declared !== undefined && declared > multipartMaxBytes) return refuse(res, 413)
      // The connection ends with the answer: a route that takes no files refuses the body unread
      // (415), and a reader that stops at a limit leaves the rest; neither is read on, nor kept
      // open for the next request.
      res.set('Connection', 'close')
      const body = byteLimit(multipartMaxBytes)
      // The route's reader fails the stream when it stops reading at a limit of its own, and so
      // does this limit: the error is the reader's to handle, and what is left of the request is
      // not read (the connection closes after the answer).
      body.on('error', () => req.unpipe(body))
      // A client gone midway ends nothing that pipe() passes on: fail the body, so that its reader
      // (and an upload to S3 in progress) stops instead of waiting for ever.
      req.once('close', () => req.complete || body.destroy(new Error('Request aborted by the client')))
      res.locals.body = req.pipe(body)
      return next()
    }
    if (type !== 'application/x-www-form-urlencoded') return refuse(res, 415)
    if (declared !== undefined && declared > formMaxBytes) return refuse(res, 413)

    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > formMaxBytes) {
        req.off('data', onData).off('end', onEnd)
        req.pause()
        return refuse(res, 413)
      }
      chunks.push(chunk)
    }
    const onEnd = () => {
      const body = Buffer.concat(chunks, size)
      // Counted in the bytes before any parsing: a body of half a million empty fields is refused
      // without building them.
      if (countFields(body) > FORM_LIMITS.fields) return refuse(res, 413, 'fields')
      const problem = checkFormShape(new URLSearchParams(body.toString('utf8')))
      if (problem) return refuse(res, problem === 'fields' || problem === 'repeats' ? 413 : 400, problem)
      res.locals.body = body
      next()
    }
    req
      .on('data', onData)
      .on('end', onEnd)
      .on('error', () => req.off('data', onData).off('end', onEnd))
  }
}

/** The fields of a url-encoded body: one more than its separators (none when it is empty). */
function countFields(body: Buffer): number {
  let count = body.length ? 1 : 0
  for (let i = body.indexOf(0x26); i !== -1; i = body.indexOf(0x26, i + 1)) count++
  return count
}

/** Passes at most `max` bytes on; past that the stream fails, which ends the reading of the body. */
function byteLimit(max: number): Transform {
  let seen = 0
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length
      done(seen > max ? new BodyTooLargeError(max) : null, chunk)
    },
  })
}

class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body larger than ${limit} bytes`)
    this.name = 'BodyTooLargeError'
  }
}
