import { useT } from '~/components/i18n'
import type { ReviewPageData } from '~/models/review-page.server'

/** The application's current documents, each to download or to preview in the page (a PDF in a frame, an image). */
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
              <details>
                <summary>{t('rv.preview')}</summary>
                {d.contentType === 'application/pdf' ? (
                  <iframe title={d.originalName} src={`/documents/${d.id}?inline=1`} className="preview" />
                ) : (
                  <img alt={d.originalName} src={`/documents/${d.id}?inline=1`} className="preview" loading="lazy" />
                )}
              </details>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
