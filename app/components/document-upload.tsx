import { useRevalidator, useSearchParams } from '@remix-run/react'
import { useEffect, useId, useRef, useState, type CSSProperties, type DragEvent, type FormEvent } from 'react'
import { allowsSeveralFiles, type DocumentKind } from '~/domain/documents'
import { checkHead, checkTail, formatBytes, HEAD_BYTES, sanitizeFileName, TAIL_BYTES } from '~/domain/file-type'
import { formatDateTime, isMessageKey, translateError, type MessageKey, type Params } from '~/i18n'
import { useLocale, useT } from './i18n'

/** A document as the loader (Date) or the upload route's JSON (string) gives it. */
export type DocumentItem = {
  id: string
  kind: DocumentKind
  originalName: string
  size: number
  contentType: string
  version: number
  supersededAt: Date | string | null
  createdAt: Date | string
}

type UploadResponse = {
  ok: boolean
  documents: DocumentItem[]
  errors: { fileName: string; code: MessageKey; params?: Params; message: string }[]
}

type Pending = { key: number; name: string; size: number; progress: number; error?: string }

/**
 * Upload widget for one document kind: pick or drop files, a progress bar per file, the files
 * uploaded so far with download, preview and delete. Without JavaScript it is a plain multipart
 * form posting to the same route, which redirects back with the outcome in the query string.
 */
export function DocumentUpload({
  applicationId,
  kind,
  documents,
  editable,
  maxBytes,
}: {
  applicationId: string
  kind: DocumentKind
  /** The application's documents (other kinds are ignored). */
  documents: DocumentItem[]
  editable: boolean
  maxBytes: number
}) {
  const t = useT()
  const locale = useLocale()
  const inputId = useId()
  const revalidator = useRevalidator()
  const [items, setItems] = useState(() => documents.filter((d) => d.kind === kind))
  const [pending, setPending] = useState<Pending[]>([])
  const [scripted, setScripted] = useState(false)
  const [dragging, setDragging] = useState(false)
  const fileInput = useRef<HTMLInputElement>(null)
  useEffect(() => setItems(documents.filter((d) => d.kind === kind)), [documents, kind])

  const action = `/student/applications/${applicationId}/documents`
  const several = allowsSeveralFiles(kind)
  const update = (key: number, change: Partial<Pending>) => setPending((list) => list.map((p) => (p.key === key ? { ...p, ...change } : p)))
  const received = (response: UploadResponse | null) => {
    if (response?.documents) setItems(response.documents.filter((d) => d.kind === kind))
  }

  async function uploadOne(file: File) {
    const key = nextKey++
    setPending((list) => [...list, { key, name: file.name, size: file.size, progress: 0 }])
    const refusal = await precheck(file, maxBytes)
    if (refusal) return update(key, { error: t(refusal.key, refusal.params) })

    const body = new FormData()
    body.set('kind', kind) // before the file: the server streams the file as it arrives
    body.append('file', file)
    const { status, json } = await send(action, body, (progress) => update(key, { progress }))
    received(json)
    const error =
      json?.errors[0]?.message ?? (status === 0 ? t('documents.error.network') : json ? undefined : t('documents.error.unexpected'))
    if (error) update(key, { error })
    else setPending((list) => list.filter((p) => p.key !== key))
  }

  async function uploadAll(files: File[]) {
    for (const file of several ? files : files.slice(0, 1)) await uploadOne(file)
    revalidator.revalidate() // the page's checklist ticks off
  }

  async function remove(event: FormEvent<HTMLFormElement>, item: DocumentItem) {
    event.preventDefault()
    if (!window.confirm(t('documents.list.confirmDelete', { name: item.originalName }))) return
    const { json } = await send(action, new FormData(event.currentTarget))
    received(json)
    if (json?.errors[0]) window.alert(json.errors[0].message)
    revalidator.revalidate()
  }

  useEffect(() => {
    setScripted(true)
    // A file chosen before the page hydrated (a slow phone) sits in the field, and its change was
    // heard by nobody: it is uploaded now, as one chosen after would be.
    const input = fileInput.current
    if (input?.files?.length) {
      void uploadAll([...input.files])
      input.value = ''
    }
  }, []) // eslint-disable-line react-hooks/exhaustive-deps -- once, when the page hydrates

  function onDrop(event: DragEvent) {
    event.preventDefault()
    setDragging(false)
    if (editable) void uploadAll([...event.dataTransfer.files])
  }

  const current = items.filter((d) => !d.supersededAt)
  const older = items.filter((d) => d.supersededAt)
  const row = (item: DocumentItem) => (
    <li key={item.id} style={styles.item}>
      <div style={styles.name}>
        <a href={`/documents/${item.id}`}>{item.originalName}</a>
      </div>
      <div className="muted" style={styles.meta}>
        <span>{formatBytes(item.size)}</span>
        <span>{t('documents.list.version', { version: item.version })}</span>
        <span>{formatDateTime(locale, item.createdAt)}</span>
        <a href={`/documents/${item.id}?inline=1`} target="_blank" rel="noreferrer">
          {t('documents.list.preview')}
        </a>
        {editable && (
          <form method="post" action={action} onSubmit={scripted ? (e) => remove(e, item) : undefined} style={styles.inline}>
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="documentId" value={item.id} />
            <input type="hidden" name="kind" value={kind} />
            <input type="hidden" name="fileName" value={item.originalName} />
            <button type="submit" className="link-button">
              {t('documents.list.delete')}
            </button>
          </form>
        )}
      </div>
    </li>
  )

  return (
    // The checklist line around it names the kind.
    <section id={`documents-${kind}`} aria-label={t(`documents.kind.${kind}`)}>
      <Outcome kind={kind} />

      {current.length ? <ul style={styles.list}>{current.map(row)}</ul> : <p className="muted">{t('documents.list.empty')}</p>}
      {older.length > 0 && (
        <details style={styles.older}>
          <summary className="muted">{t('documents.list.olderVersions', { count: older.length })}</summary>
          <ul style={styles.list}>{older.map(row)}</ul>
        </details>
      )}

      {pending.length > 0 && (
        <ul style={styles.list} aria-live="polite">
          {pending.map((p) => (
            <li key={p.key} style={styles.item}>
              <div style={styles.name}>
                {p.name} <span className="muted">({formatBytes(p.size)})</span>
              </div>
              {p.error ? (
                <p className="field-error" role="alert" style={styles.error}>
                  {t('documents.upload.failed', { message: p.error })}{' '}
                  <button type="button" className="link-button" onClick={() => setPending((l) => l.filter((x) => x.key !== p.key))}>
                    {t('documents.upload.dismiss')}
                  </button>
                </p>
              ) : (
                <progress value={p.progress} max={1} style={styles.progress} aria-label={`${t('documents.upload.uploading')} ${p.name}`}>
                  {Math.round(p.progress * 100)}%
                </progress>
              )}
            </li>
          ))}
        </ul>
      )}

      {editable && (
        <form
          method="post"
          action={action}
          encType="multipart/form-data"
          onSubmit={(e) => {
            if (!scripted) return
            e.preventDefault()
            const input = e.currentTarget.elements.namedItem('file') as HTMLInputElement
            void uploadAll([...(input.files ?? [])])
            input.value = ''
          }}
          onDragOver={(e) => {
            e.preventDefault()
            setDragging(true)
          }}
          onDragLeave={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false)
          }}
          onDrop={onDrop}
          style={{ ...styles.dropzone, ...(dragging ? styles.dragging : null) }}
        >
          <input type="hidden" name="kind" value={kind} />
          <label htmlFor={inputId}>{scripted ? t('documents.upload.drop') : t('documents.upload.choose')}</label>
          <input
            id={inputId}
            ref={fileInput}
            type="file"
            name="file"
            accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
            multiple={several}
            required
            style={styles.input}
            onChange={
              scripted
                ? (e) => {
                    void uploadAll([...(e.currentTarget.files ?? [])])
                    e.currentTarget.value = '' // the same file may be picked again
                  }
                : undefined
            }
          />
          <p className="muted" style={styles.hint}>
            {t('documents.upload.rules', { max: formatBytes(maxBytes) })}{' '}
            {several ? t('documents.upload.several') : t('documents.upload.replaces')}
          </p>
          {!scripted && (
            <button type="submit" className="button">
              {t('documents.upload.submit')}
            </button>
          )}
        </form>
      )}
    </section>
  )
}

/** What the upload route reported after a plain form post (no JavaScript), for this kind. */
function Outcome({ kind }: { kind: DocumentKind }) {
  const t = useT()
  const [params] = useSearchParams()
  if (params.get('docKind') !== kind) return null
  const error = params.get('docError')
  if (error && isMessageKey(error.split('|')[0])) {
    return (
      <p className="alert alert-error" role="alert">
        {params.get('docFile') ? `${params.get('docFile')}: ` : ''}
        {translateError(t, error)}
      </p>
    )
  }
  const uploaded = Number(params.get('docUploaded') ?? 0)
  const text = uploaded
    ? t('documents.upload.uploaded', { count: uploaded })
    : params.get('docDeleted')
      ? t('documents.upload.removed')
      : null
  return text ? (
    <p className="alert alert-ok" role="status">
      {text}
    </p>
  ) : null
}

let nextKey = 1

/** The checks the server makes, run on the file's first and last kilobyte before sending it. */
async function precheck(file: File, maxBytes: number): Promise<{ key: MessageKey; params?: Params } | null> {
  const name = sanitizeFileName(file.name)
  if (!name.ok) return { key: `documents.error.${name.error}`, params: name.error === 'nameTooLong' ? { max: name.max } : undefined }
  if (file.size === 0) return { key: 'documents.error.emptyFile' }
  if (file.size > maxBytes) return { key: 'documents.error.tooLarge', params: { max: formatBytes(maxBytes) } }
  const head = checkHead(new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer()))
  if (!head.ok) return { key: `documents.error.${head.error}` }
  const tail = checkTail(head.type, new Uint8Array(await file.slice(-TAIL_BYTES).arrayBuffer()))
  return tail.ok ? null : { key: `documents.error.${tail.error}` }
}

/** POST with XMLHttpRequest: unlike fetch, it reports upload progress. Status 0: no answer. */
function send(url: string, body: FormData, onProgress?: (fraction: number) => void) {
  return new Promise<{ status: number; json: UploadResponse | null }>((resolve) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', url)
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.responseType = 'json'
    if (onProgress) xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total)
    xhr.onload = () => resolve({ status: xhr.status, json: isUploadResponse(xhr.response) ? xhr.response : null })
    xhr.onerror = xhr.onabort = () => resolve({ status: 0, json: null })
    xhr.send(body)
  })
}

const isUploadResponse = (value: unknown): value is UploadResponse =>
  typeof value === 'object' && value !== null && Array.isArray((value as UploadResponse).errors)

const styles = {
  list: { listStyle: 'none', margin: '0 0 0.75rem', padding: 0 },
  item: { padding: '0.5rem 0', borderBottom: '1px solid var(--line)' },
  name: { overflowWrap: 'anywhere' },
  meta: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '0.25rem 0.9rem', fontSize: '0.85rem' },
  inline: { display: 'inline', margin: 0 },
  error: { margin: '0.25rem 0 0' },
  older: { marginBottom: '0.75rem' },
  progress: { width: '100%', height: '0.6rem' },
  dropzone: {
    display: 'flex',
    flexDirection: 'column',
    gap: '0.5rem',
    padding: '1rem',
    border: '2px dashed var(--line)',
    borderRadius: 'var(--radius)',
  },
  dragging: { borderColor: 'var(--brand)', background: '#fdf3f6' },
  input: { maxWidth: '100%' },
  hint: { margin: 0, fontSize: '0.85rem' },
} satisfies Record<string, CSSProperties>
