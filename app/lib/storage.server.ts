import type { Readable } from 'node:stream'
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  NotFound,
  paginateListObjectsV2,
  S3Client,
} from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
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
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`
}

/**
 * Uploads in parts as the stream is read (multipart above 5 MB), so memory stays at a few
 * parts whatever the file size. Pass `contentLength` when known: lib-storage then checks that
 * the stream delivered exactly that many bytes.
 */
export async function putObject(
  key: string,
  body: Readable | Buffer | Uint8Array,
  { contentType, contentLength }: { contentType: string; contentLength?: number },
): Promise<void> {
  await new Upload({
    client: s3(),
    params: {
      Bucket: bucket(),
      Key: key,
      Body: body,
      ContentType: contentType,
      ContentLength: contentLength,
    },
  }).done()
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
export async function headObject(
  key: string,
): Promise<{ contentLength: number | undefined; contentType: string | undefined } | null> {
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
    yield (page.Contents ?? [])
      .filter((o) => o.Key && o.LastModified)
      .map((o) => ({ key: o.Key!, lastModified: o.LastModified! }))
  }
}

export async function deleteObject(key: string): Promise<void> {
  await s3().send(new DeleteObjectCommand({ Bucket: bucket(), Key: key }))
}

/** A short-lived download link that makes the browser save the file under its original name. */
export function presignGetUrl(
  key: string,
  {
    expiresInSeconds,
    fileName,
    contentType,
  }: { expiresInSeconds: number; fileName: string; contentType: string },
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
