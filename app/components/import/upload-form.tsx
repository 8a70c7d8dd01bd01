import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { Form, useNavigation } from '@remix-run/react'
import type { z } from 'zod'
import { FormErrors, SelectField } from '~/components/field'
import { useErrorText, useT } from '~/components/i18n'
import { importKinds, type ImportKind } from '~/domain/import/columns'
import type { importUploadSchema } from '~/schemas/import'

/** The upload form's state: the action's last reply, and the kind chosen (that of a staged file, or partners). */
export function useUploadForm(lastResult: SubmissionResult<string[]> | undefined, kind: ImportKind | undefined) {
  return useForm<z.input<typeof importUploadSchema>>({
    lastResult,
    defaultValue: { kind: kind ?? 'partners' },
    shouldValidate: 'onSubmit',
  })
}

type UploadFormState = ReturnType<typeof useUploadForm>

/** What the last confirmed import did. */
export function ImportDone({ done }: { done: { imported: ImportKind; created: number; skipped: number } }) {
  const t = useT()
  return (
    <div className="alert alert-ok" role="status">
      <p>{t('imports.done', { count: done.created, kind: t(`imports.kind.${done.imported}`) })}</p>
      {done.skipped > 0 && <p>{t('imports.doneSkipped', { count: done.skipped })}</p>}
      {done.imported === 'students' && <p>{t('imports.doneStudents')}</p>}
    </div>
  )
}

/** The kind and the file (multipart), answered by a preview. */
export function UploadForm({
  form,
  fields,
  limits,
}: {
  form: UploadFormState[0]
  fields: UploadFormState[1]
  limits: { maxSize: string; maxRows: number }
}) {
  const t = useT()
  const errorText = useErrorText()
  const busy = useNavigation().state === 'submitting'
  return (
    <Form method="post" encType="multipart/form-data" className="card stack" {...getFormProps(form)}>
      <FormErrors errors={form.errors} />
      <SelectField
        label={t('imports.kind')}
        field={fields.kind}
        options={importKinds.map((k) => ({ value: k, label: t(`imports.kind.${k}`) }))}
      />
      <div className="field">
        <label htmlFor="import-file">{t('imports.file')}</label>
        <input
          id="import-file"
          type="file"
          name="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-invalid={fields.file.errors ? true : undefined}
          aria-describedby="import-file-hint"
        />
        <span className="hint" id="import-file-hint">
          {t('imports.fileHint', limits)}
        </span>
        {fields.file.errors && (
          <div role="alert">
            <ul className="field-error">
              {errorText(fields.file.errors)?.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('imports.upload')}
        </button>
      </div>
    </Form>
  )
}
