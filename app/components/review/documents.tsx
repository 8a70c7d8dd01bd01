import { useState } from 'react'
import { useT } from '~/components/i18n'
import type { ReviewPageData } from '~/models/review-page.server'

type Doc = ReviewPageData['documents'][number]

/**
 * The application's current documents, each to download or to preview in the page (a PDF in a
 * frame, an image). Nothing is fetched until the reviewer opens a preview: a frame or image in a
 * closed <details> is still loaded by the browser, so it is mounted only on the first opening.
 * Without JavaScript the opened preview is a link to the document.
 */
export function DocumentsCard({ documents }: Pick<ReviewPageData, 'documents'>) {
  const t = useT()
  return (
    <div className="card">
      <h2>{t('rv.section.documents')}</h2>
      {documents.length === 0 ? (
        <p className="muted">{t('rv.noDocuments')}</p>
      ) : (
        <ul className="documents">
          {documents.map((d) => (
            <li key={d.id}>
              <div className="checklist-head">
                <span>
                  <strong>{t(`documents.kind.${d.kind}`)}</strong> · {d.originalName}
                </span>
                <a href={`/documents/${d.id}`}>{t('rv.download')}</a>
              </div>
              <Preview document={d} label={t('rv.preview')} />
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

function Preview({ document: d, label }: { document: Doc; label: string }) {
  const [opened, setOpened] = useState(false)
  const src = `/documents/${d.id}?inline=1`
  return (
    <details onToggle={(event) => event.currentTarget.open && setOpened(true)}>
      <summary>{label}</summary>
      {!opened ? (
        <a href={src} target="_blank" rel="noreferrer">
          {d.originalName}
        </a>
      ) : d.contentType === 'application/pdf' ? (
        <iframe title={d.originalName} src={src} className="preview" />
      ) : (
        <img alt={d.originalName} src={src} className="preview" />
      )}
    </details>
  )
}
