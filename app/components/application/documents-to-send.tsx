import { useT } from '~/components/i18n'
import type { ChecklistItem, DocumentKind } from '~/domain/documents'
import { formatBytes } from '~/domain/file-type'

type Sent = { id: string; kind: DocumentKind; originalName: string; size: number }

/** The documents an application will be sent with, item by item of its checklist: what to check before submitting. */
export function DocumentsToSend({ checklist, documents }: { checklist: readonly ChecklistItem[]; documents: readonly Sent[] }) {
  const t = useT()
  const listed = new Set(checklist.map((i) => i.kind))
  // Documents of a kind the checklist no longer asks for (the answers changed) are still sent.
  const items = [
    ...checklist,
    ...[...new Set(documents.map((d) => d.kind))].filter((k) => !listed.has(k)).map((kind) => ({ kind, required: false })),
  ]
  return (
    <div className="card" data-testid="documents-to-send">
      <h2>{t('submit.documents')}</h2>
      <dl className="facts">
        {items.map((item) => {
          const files = documents.filter((d) => d.kind === item.kind)
          return (
            <div key={item.kind}>
              <dt>
                {t(`documents.kind.${item.kind}`)} {!item.required && <span className="muted">{t('program.optional')}</span>}
              </dt>
              <dd>
                {files.length ? (
                  <ul className="plain">
                    {files.map((f) => (
                      <li key={f.id}>
                        <a href={`/documents/${f.id}?inline=1`} target="_blank" rel="noreferrer">
                          {f.originalName}
                        </a>{' '}
                        <span className="muted">({formatBytes(f.size)})</span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className={item.required ? 'text-danger' : 'muted'}>{t('submit.notUploaded')}</span>
                )}
              </dd>
            </div>
          )
        })}
      </dl>
    </div>
  )
}
