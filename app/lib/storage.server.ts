import type { Readable } from 'node:stream'
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  NotFound,
  paginateListObjectsV2,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { env } from './env.server'

// S3 adapter: the database keeps object keys, the bytes live here.

let client: S3Client | undefined
function s3(): S3Client {
  const e = env()
  client ??= new S3Client({
    endpoint: e.S3_ENDPOINT,
    region: e.S3_REGION,
    forcePathStyle: e.S3_FORCE_PATH_STYLE,
    credentials: { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY },
    // Otherwise the SDK adds CRC32 checksums that MinIO-style servers and presigned PUTs trip on.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
  return client
}

const bucket = () => env().S3_BUCKET

/**
 * A Content-Disposition value that keeps UTF-8 file names (RFC 6266 / 5987): an ASCII fallback
 * for old clients plus `filename*` with the percent-encoded name.
 */
export function contentDisposition(fileName: string, type: 'attachment' | 'inline'): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_')
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`
}

/**
 * Stores `body` under `key`. A stream goes up in parts as it is read (see uploadInParts), so
 * memory stays at a few parts whatever the file size. Pass `contentLength` when known: the upload
 * then fails unless the stream delivered exactly that many bytes.
 */
export async function putObject(
  key: string,
  body: AsyncIterable<Uint8Array> | Uint8Array,
  { contentType, contentLength }: { contentType: string; contentLength?: number },
): Promise<void> {
  if (body instanceof Uint8Array) {
    await s3().send(new PutObjectCommand({ Bucket: bucket(), Key: key, Body: body, ContentType: contentType }))
  } else {
    await uploadInParts(key, body, { contentType, contentLength })
  }
}

// Streamed uploads are cut into parts of PART_BYTES (S3's minimum for all but the last part).
// At most two are in flight: once a part is handed over, reading waits until fewer than two are,
// so one goes up while the next fills. That keeps S3 busy at the rate a client can send (bench/,
// upload); each part more would cost 5 MB of memory. Parts are copied into buffers kept for reuse:
// fresh 5 MB buffers for every part (what @aws-sdk/lib-storage does) cost the process far more in
// page faults and garbage collection than the copy does.
const PART_BYTES = 5 * 1024 * 1024
const PARTS_IN_FLIGHT = 2
const spareParts: Buffer[] = [] // at most one upload's worth (PARTS_IN_FLIGHT) is kept

function partBuffer(): Buffer {
  return spareParts.pop() ?? Buffer.allocUnsafe(PART_BYTES)
}

function releasePart(buffer: Buffer) {
  if (spareParts.length < PARTS_IN_FLIGHT) spareParts.push(buffer)
}

/**
 * A multipart upload fed by `source`: one PutObject when it all fits in one part. Whatever goes
 * wrong (the source fails, a part fails, the length is not `contentLength`), parts in flight are
 * cancelled and the multipart upload is aborted, so no object and no stray parts are left.
 */
async function uploadInParts(
  key: string,
  source: AsyncIterable<Uint8Array>,
  { contentType, contentLength }: { contentType: string; contentLength?: number },
) {
  const target = { Bucket: bucket(), Key: key }
  const cancel = new AbortController()
  let uploadId: string | undefined
  let parts = 0
  const uploaded: { PartNumber: number; ETag: string }[] = []
  const inFlight = new Set<Promise<void>>()
  let partFailure: { error: unknown } | undefined
  let buffer: Buffer | undefined // the part being filled
  let filled = 0
  let total = 0

  // Hands the filled buffer to an UploadPart request. It goes back to the spares only once S3 has
  // stored the part: after a failure, the socket might still be sending from it.
  async function sendPart() {
    uploadId ??= (await s3().send(new CreateMultipartUploadCommand({ ...target, ContentType: contentType }))).UploadId
    const PartNumber = ++parts
    const part = buffer!
    const sent = s3()
      .send(new UploadPartCommand({ ...target, UploadId: uploadId, PartNumber, Body: part.subarray(0, filled) }), {
        abortSignal: cancel.signal,
      })
      .then(
        ({ ETag }) => {
          uploaded.push({ PartNumber, ETag: ETag! })
          releasePart(part)
        },
        (error: unknown) => void (partFailure ??= { error }),
      )
      .finally(() => inFlight.delete(sent))
    inFlight.add(sent)
    buffer = undefined
    filled = 0
  }

  /** Waits until fewer than `limit` parts are in flight; throws if one has failed. */
  async function partsBelow(limit: number) {
    while (inFlight.size >= limit && !partFailure) await Promise.race(inFlight)
    if (partFailure) throw partFailure.error
  }

  try {
    for await (const chunk of source) {
      for (let offset = 0; offset < chunk.byteLength;) {
        // A full part goes only once more bytes follow: the last part must not be empty.
        if (filled === PART_BYTES) {
          await sendPart()
          await partsBelow(PARTS_IN_FLIGHT)
        }
        buffer ??= partBuffer()
        const length = Math.min(chunk.byteLength - offset, PART_BYTES - filled)
        buffer.set(chunk.subarray(offset, offset + length), filled)
        filled += length
        offset += length
      }
      total += chunk.byteLength
    }
    if (contentLength !== undefined && total !== contentLength) {
      throw new Error(`Expected ${contentLength} bytes for ${key}, the stream had ${total}`)
    }
    if (!uploadId) {
      const part = buffer
      buffer = undefined
      await s3().send(new PutObjectCommand({ ...target, Body: part?.subarray(0, filled) ?? Buffer.alloc(0), ContentType: contentType }))
      if (part) releasePart(part)
      return
    }
    await sendPart()
    await partsBelow(1)
    uploaded.sort((a, b) => a.PartNumber - b.PartNumber)
    await s3().send(new CompleteMultipartUploadCommand({ ...target, UploadId: uploadId, MultipartUpload: { Parts: uploaded } }))
  } catch (error) {
    cancel.abort()
    await Promise.all(inFlight)
    if (uploadId) {
      await s3()
        .send(new AbortMultipartUploadCommand({ ...target, UploadId: uploadId }))
        .catch((e: unknown) => console.error('[storage] could not abort the multipart upload of', key, e))
    }
    throw error
  } finally {
    if (buffer) releasePart(buffer) // never sent
  }
}

export async function getObject(
  key: string,
): Promise<{ body: Readable; contentLength: number | undefined; contentType: string | undefined }> {
  const res = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: key }))
  return {
    body: res.Body as Readable,
    contentLength: res.ContentLength,
    contentType: res.ContentType,
  }
}

/** Size and type of an object, or null when there is no such key. */
export async function headObject(key: string): Promise<{ contentLength: number | undefined; contentType: string | undefined } | null> {
  try {
    const res = await s3().send(new HeadObjectCommand({ Bucket: bucket(), Key: key }))
    return { contentLength: res.ContentLength, contentType: res.ContentType }
  } catch (error) {
    if (error instanceof NotFound) return null
    throw error
  }
}

/** Every object under a prefix, page by page (keys and last-modified times). */
export async function* listObjects(prefix: string): AsyncGenerator<{ key: string; lastModified: Date }[]> {
  for await (const page of paginateListObjectsV2({ client: s3() }, { Bucket: bucket(), Prefix: prefix })) {
    yield (page.Contents ?? []).filter((o) => o.Key && o.LastModified).map((o) => ({ key: o.Key!, lastModified: o.LastModified! }))
  }
}

export async function deleteObject(key: string): Promise<void> {
  await s3().send(new DeleteObjectCommand({ Bucket: bucket(), Key: key }))
}

/** A short-lived download link that makes the browser save the file under its original name. */
export function presignGetUrl(
  key: string,
  { expiresInSeconds, fileName, contentType }: { expiresInSeconds: number; fileName: string; contentType: string },
): Promise<string> {
  const command = new GetObjectCommand({
    Bucket: bucket(),
    Key: key,
    ResponseContentDisposition: contentDisposition(fileName, 'attachment'),
    ResponseContentType: contentType,
  })
  return getSignedUrl(s3(), command, { expiresIn: expiresInSeconds })
}

/** Throws unless the bucket is reachable with our credentials. */
export async function checkStorage(signal?: AbortSignal): Promise<void> {
  await s3().send(new HeadBucketCommand({ Bucket: bucket() }), { abortSignal: signal })
}
