import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useT } from '~/components/i18n'
import { ColumnGuide } from '~/components/import/columns'
import { Preview, type StagedImport } from '~/components/import/preview'
import { ImportDone, UploadForm, useUploadForm } from '~/components/import/upload-form'
import { importKinds } from '~/domain/import/columns'
import { requireUser } from '~/lib/auth.server'
import { parseForm, readForm } from '~/lib/form.server'
import { MultipartLimitError, parseMultipart } from '~/lib/multipart.server'
import { confirmImport, IMPORT_MAX_BYTES, IMPORT_MAX_SIZE, IMPORT_MAX_ROWS, previewImport } from '~/models/import.server'
import { INVITATION_DAYS } from '~/models/user.server'
import { msg } from '~/schemas/fields'
import { importConfirmSchema, importFileName, importUploadSchema } from '~/schemas/import'
import { z } from 'zod'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['agreements', 'application', 'auth', 'campus', 'catalogue', 'imports'] }

// /admin/import: upload a file (multipart) → preview in the action's answer → confirm (a plain
// form naming the staged upload) → redirect here with the counts.

const doneSchema = z.object({
  imported: z.enum(importKinds),
  created: z.coerce.number().int().min(0),
  skipped: z.coerce.number().int().min(0).catch(0),
})

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: 'admin' })
  const done = doneSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams))
  return {
    done: done.success ? done.data : null,
    invitationDays: INVITATION_DAYS,
    limits: { maxSize: IMPORT_MAX_SIZE, maxRows: IMPORT_MAX_ROWS },
  }
}

type Staged = StagedImport

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'admin' })
  if (!request.headers.get('Content-Type')?.startsWith('multipart/form-data')) return confirm(request, user)

  // The form's fields are a few bytes: anything much larger than the file limit is refused unread.
  const tooLarge = msg('imports.file.tooLarge', { max: IMPORT_MAX_SIZE })
  if (Number(request.headers.get('Content-Length') ?? 0) > IMPORT_MAX_BYTES + 64 * 1024) {
    return data({ upload: { status: 'error' as const, error: { file: [tooLarge] } } }, { status: 413 })
  }
  const form = new FormData()
  try {
    await parseMultipart(request, {
      maxFields: 5,
      maxFileBytes: IMPORT_MAX_BYTES,
      maxBytes: IMPORT_MAX_BYTES + 64 * 1024,
      onField: (name, value) => form.append(name, value),
      async onFile({ name, fileName, stream }) {
        const chunks: Uint8Array<ArrayBuffer>[] = []
        for await (const chunk of stream) chunks.push(new Uint8Array(chunk as Buffer))
        form.append(name, new File(chunks, fileName))
      },
    })
  } catch (error) {
    const limit = error instanceof MultipartLimitError ? error.limit : undefined
    if (limit === 'bytes' || limit === 'fileBytes')
      return data({ upload: { status: 'error' as const, error: { file: [tooLarge] } } }, { status: 413 })
    return data({ upload: { status: 'error' as const, error: { '': [msg('form.badRequest')] } } }, { status: 400 })
  }
  const submission = parseForm(form, { schema: importUploadSchema })
  if (submission.status !== 'success') return data({ upload: submission.reply() }, { status: 400 })
  const { kind, file } = submission.value
  const fileName = importFileName(file.name)
  const result = await previewImport({ user, kind, bytes: new Uint8Array(await file.arrayBuffer()) })
  if (!result.ok) {
    return data({ upload: submission.reply({ formErrors: result.issues.map((i) => i.message) }) }, { status: 400 })
  }
  return { staged: { uploadId: result.uploadId, kind, fileName, preview: result.preview } satisfies Staged }
}

async function confirm(request: Request, user: Awaited<ReturnType<typeof requireUser>>) {
  const submission = parseForm(await readForm(request), { schema: importConfirmSchema })
  if (submission.status !== 'success') return data({ expired: true as const }, { status: 400 })
  const { kind, uploadId, fileName } = submission.value
  const result = await confirmImport({ user, ...submission.value })
  switch (result.status) {
    case 'imported':
      return redirect(
        `/admin/import?${new URLSearchParams({ imported: kind, created: String(result.created), skipped: String(result.skipped) })}`,
      )
    case 'expired':
      return data({ expired: true as const }, { status: 410 })
    case 'refused':
      return data(
        { staged: { uploadId, kind, fileName, preview: result.preview } satisfies Staged, refused: result.reason },
        { status: 409 },
      )
  }
}

export default function ImportPage() {
  const t = useT()
  const { done, invitationDays, limits } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const staged = result && 'staged' in result ? result.staged : undefined
  const [form, fields] = useUploadForm(result && 'upload' in result ? result.upload : undefined, staged?.kind)
  return (
    <section>
      <h1>{t('imports.title')}</h1>
      <p className="muted">{t('imports.intro')}</p>
      {done && <ImportDone done={done} />}
      {result && 'expired' in result && (
        <p className="alert alert-warn" role="alert">
          {t('imports.expired')}
        </p>
      )}
      <UploadForm form={form} fields={fields} limits={limits} />
      {staged && <Preview staged={staged} refused={result && 'refused' in result ? result.refused : undefined} />}
      <ColumnGuide open={staged?.kind ?? fields.kind.value} invitationDays={invitationDays} />
    </section>
  )
}
