import S3rver from 's3rver'

// s3rver checks only the access key id, never the signature (see STACK.md).
export const S3RVER_ACCESS_KEY_ID = 'S3RVER'
export const S3RVER_SECRET_ACCESS_KEY = 'S3RVER'

/** Starts an in-process S3 server on 127.0.0.1 with `bucket` created. */
export async function startS3({
  directory,
  port,
  bucket,
}: {
  directory: string
  port: number
  bucket: string
}): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const server = new S3rver({
    address: '127.0.0.1',
    port,
    directory,
    silent: true,
    configureBuckets: [{ name: bucket }],
  })
  const address = await server.run()
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    stop: () => server.close(),
  }
}
