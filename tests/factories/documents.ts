// Documents as a test needs them: uploaded through the model (the bytes checked and stored in S3
// like a student's), failing the test when the model refuses. Not in index.ts: the seed imports
// that, and needs no S3.
import { Readable } from 'node:stream'
import type { DocumentKind } from '~/domain/documents'
import { uploadDocument } from '~/models/document.server'
import { pdf } from '../support/files'

/** Uploads a small PDF of `kind` as `user`; its document, or the test fails with the refusal. */
export async function uploadPdf(user: { id: string }, applicationId: string, kind: DocumentKind, text?: string) {
  const uploaded = await uploadDocument({
    user,
    applicationId,
    kind,
    fileName: `${kind}.pdf`,
    stream: Readable.from([pdf(text === undefined ? {} : { text })]),
  })
  if (!uploaded.ok) throw new Error(`The upload of ${kind} was refused: ${uploaded.error}`)
  return uploaded.document
}
