import { Readable } from 'node:stream'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/lib/auth.server'
import { contentDisposition } from '~/lib/storage.server'
import { myDataArchive } from '~/models/my-data.server'

// GET /student/my-data.zip: the student's own copy of everything the portal holds about them
// (models/my-data.server.ts), streamed as one ZIP archive.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'student' })
  const archive = await myDataArchive(user)
  return new Response(Readable.toWeb(archive) as ReadableStream<Uint8Array>, {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Disposition': contentDisposition('my-data.zip', 'attachment'),
      'Cache-Control': 'private, no-store',
    },
  })
}
