import { Form, Link, useNavigation } from '@remix-run/react'
import { useErrorText, useT } from '~/components/i18n'
import { isImportColumn, type ImportKind } from '~/domain/import/columns'
import type { ConfirmResult, ImportPreview } from '~/models/import.server'

/** An uploaded file waiting for confirmation, and what it would import. */
export type StagedImport = { uploadId: string; kind: ImportKind; fileName: string; preview: ImportPreview }
/** Why a confirmation wrote nothing. */
export type ImportRefusal = Extract<ConfirmResult, { status: 'refused' }>['reason']

/** The staged file's rows and problems, and the buttons that import it. */
export function Preview({ staged, refused }: { staged: StagedImport; refused?: ImportRefusal }) {
  const t = useT()
  const errorText = useErrorText()
  const { preview, fileName } = staged
  const columnLabel = (column: string) => (isImportColumn(column) ? t(`imports.col.${column}`) : t('imports.col.none'))
  const problems = preview.rows.flatMap((r) => r.issues.map((issue) => ({ row: r.row, ...issue })))
  return (
    <section className="card" aria-labelledby="import-preview" data-testid="import-preview">
      <h2 id="import-preview">{t('imports.preview.title', { fileName })}</h2>
      {refused && (
        <p className="alert alert-warn" role="alert">
          {t(`imports.refused.${refused}`)}
        </p>
      )}
      <p>
        {t('imports.preview.summary', { total: preview.rows.length, good: preview.good, bad: preview.bad })}{' '}
        <span className="muted">{t('imports.preview.nothingWritten')}</span>
      </p>
      {problems.length > 0 && (
        <>
          <h3>{t('imports.preview.errors')}</h3>
          <div className="table-wrap">
            <table className="data compact" data-testid="import-errors">
              <thead>
                <tr>
                  <th>{t('imports.preview.row')}</th>
                  <th>{t('imports.preview.column')}</th>
                  <th>{t('imports.preview.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((p, i) => (
                  <tr key={i}>
                    <td>{p.row}</td>
                    <td>{columnLabel(p.column)}</td>
                    <td>{errorText([p.message])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <div className="form-actions">
        {preview.bad === 0 && preview.good > 0 && (
          <ConfirmForm staged={staged} mode="all" label={t('imports.importAll', { count: preview.good })} />
        )}
        {preview.bad > 0 && preview.good > 0 && (
          <ConfirmForm staged={staged} mode="good" label={t('imports.importGood', { count: preview.good })} />
        )}
        <Link to="/admin/import">{t('imports.cancel')}</Link>
      </div>
      {preview.bad > 0 && preview.good > 0 && <p className="muted small">{t('imports.importGoodNote')}</p>}

      <h3>{t('imports.preview.rows')}</h3>
      <div className="table-wrap">
        <table className="data compact" data-testid="import-rows">
          <thead>
            <tr>
              <th>{t('imports.preview.row')}</th>
              <th>{t('imports.preview.status')}</th>
              {preview.columns.map((c) => (
                <th key={c}>{columnLabel(c)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((r) => (
              <tr key={r.row} data-status={r.issues.length ? 'bad' : 'good'}>
                <td>{r.row}</td>
                <td>
                  <span className={`badge ${r.issues.length ? 'badge-rejected' : 'badge-approved'}`}>
                    {t(r.issues.length ? 'imports.preview.bad' : 'imports.preview.ok')}
                  </span>
                </td>
                {preview.columns.map((c) => (
                  <td key={c} className="pre-wrap" aria-invalid={r.issues.some((i) => i.column === c) || undefined}>
                    {r.values[c]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

/** A plain form naming the staged upload: import every row, or only the good ones. */
function ConfirmForm({ staged, mode, label }: { staged: StagedImport; mode: 'all' | 'good'; label: string }) {
  const { preview, uploadId, kind, fileName } = staged
  // One confirmation at a time: a second click would only find the rows already imported.
  const busy = useNavigation().state !== 'idle'
  return (
    <Form method="post">
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="uploadId" value={uploadId} />
      <input type="hidden" name="fileName" value={fileName} />
      <input type="hidden" name="mode" value={mode} />
      <input type="hidden" name="expectedGood" value={preview.good} />
      <button type="submit" className="primary" disabled={busy}>
        {label}
      </button>
    </Form>
  )
}
