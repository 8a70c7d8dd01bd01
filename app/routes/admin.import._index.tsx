import { getFormProps, useForm } from '@conform-to/react'
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { FormErrors, SelectField } from '~/components/field'
import { useErrorText, useT } from '~/components/i18n'
import { importColumns, importKinds, type ImportColumn, type ImportKind } from '~/domain/import/columns'
import { partnerTiers, regions } from '~/domain/policy'
import { programKinds } from '~/domain/program'
import { levels } from '~/domain/roles'
import type { MessageKey, Params } from '~/i18n'
import { requireUser } from '~/lib/auth.server'
import { parseForm, readForm } from '~/lib/form.server'
import { MultipartLimitError, parseMultipart } from '~/lib/multipart.server'
import { confirmImport, IMPORT_MAX_BYTES, IMPORT_MAX_SIZE, IMPORT_MAX_ROWS, previewImport, type ImportPreview } from '~/models/import.server'
import { INVITATION_DAYS } from '~/models/user.server'
import { msg } from '~/schemas/fields'
import { importConfirmSchema, importFileName, importUploadSchema } from '~/schemas/import'
import { z } from 'zod'

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
  return { done: done.success ? done.data : null, invitationDays: INVITATION_DAYS, limits: { maxSize: IMPORT_MAX_SIZE, maxRows: IMPORT_MAX_ROWS } }
}

type Staged = { uploadId: string; kind: ImportKind; fileName: string; preview: ImportPreview }

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
    if (limit === 'bytes' || limit === 'fileBytes') return data({ upload: { status: 'error' as const, error: { file: [tooLarge] } } }, { status: 413 })
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
      return redirect(`/admin/import?${new URLSearchParams({ imported: kind, created: String(result.created), skipped: String(result.skipped) })}`)
    case 'expired':
      return data({ expired: true as const }, { status: 410 })
    case 'refused':
      return data({ staged: { uploadId, kind, fileName, preview: result.preview } satisfies Staged, refused: result.reason }, { status: 409 })
  }
}

export default function ImportPage() {
  const t = useT()
  const { done, invitationDays, limits } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const staged = result && 'staged' in result ? result.staged : undefined
  const [form, fields] = useForm<z.input<typeof importUploadSchema>>({
    lastResult: result && 'upload' in result ? result.upload : undefined,
    defaultValue: { kind: staged?.kind ?? 'partners' },
    shouldValidate: 'onSubmit',
  })
  const errorText = useErrorText()
  const busy = useNavigation().state === 'submitting'
  return (
    <section>
      <h1>{t('imports.title')}</h1>
      <p className="muted">{t('imports.intro')}</p>
      {done && (
        <div className="alert alert-ok" role="status">
          <p>{t('imports.done', { count: done.created, kind: t(`imports.kind.${done.imported}`) })}</p>
          {done.skipped > 0 && <p>{t('imports.doneSkipped', { count: done.skipped })}</p>}
          {done.imported === 'students' && <p>{t('imports.doneStudents')}</p>}
        </div>
      )}
      {result && 'expired' in result && (
        <p className="alert alert-warn" role="alert">
          {t('imports.expired')}
        </p>
      )}

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
            <ul className="field-error" role="alert">
              {errorText(fields.file.errors)?.map((e) => <li key={e}>{e}</li>)}
            </ul>
          )}
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('imports.upload')}
          </button>
        </div>
      </Form>

      {staged && <Preview staged={staged} refused={result && 'refused' in result ? result.refused : undefined} />}

      <h2>{t('imports.columns')}</h2>
      <p className="muted">{t('imports.columnsIntro')}</p>
      {importKinds.map((kind) => (
        <details key={kind} className="card" open={kind === (staged?.kind ?? fields.kind.value)}>
          <summary>
            <strong>{t(`imports.kind.${kind}`)}</strong> ·{' '}
            <a href={`/admin/import/template/${kind}.csv`} download>
              {t('imports.template')}
            </a>
          </summary>
          {kind === 'students' && <p className="muted">{t('imports.studentsNote', { days: invitationDays })}</p>}
          <ColumnTable columns={importColumns[kind]} />
        </details>
      ))}
    </section>
  )
}

function Preview({ staged, refused }: { staged: Staged; refused?: 'hasBadRows' | 'changed' | 'nothingToImport' }) {
  const t = useT()
  const errorText = useErrorText()
  const { preview, uploadId, kind, fileName } = staged
  const columnLabel = (column: string) => (column ? t(`imports.col.${column}` as MessageKey) : t('imports.col.none'))
  const problems = preview.rows.flatMap((r) => r.issues.map((issue) => ({ row: r.row, ...issue })))
  // One confirmation at a time: a second click would only find the rows already imported.
  const busy = useNavigation().state !== 'idle'
  const confirmForm = (mode: 'all' | 'good', label: string) => (
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
        {preview.bad === 0 && preview.good > 0 && confirmForm('all', t('imports.importAll', { count: preview.good }))}
        {preview.bad > 0 && preview.good > 0 && confirmForm('good', t('imports.importGood', { count: preview.good }))}
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

const choices = (values: readonly string[]): [MessageKey, Params] => ['imports.hint.choice', { values: values.join(', ') }]
const date: [MessageKey] = ['imports.hint.date']
const integer: [MessageKey] = ['imports.hint.integer']
const columnHints: Record<string, [MessageKey, Params?]> = {
  countryCode: ['imports.hint.countryCode'],
  region: choices(regions),
  tier: choices(partnerTiers),
  beltAndRoad: ['imports.hint.yesNo'],
  agreementStart: date,
  agreementEnd: date,
  placesPerYear: integer,
  kind: choices(programKinds),
  partner: ['imports.hint.partner'],
  academicYear: ['imports.hint.academicYear'],
  levels: ['imports.hint.list', { values: levels.join('; ') }],
  quota: integer,
  opensAt: date,
  closesAt: date,
  startsOn: date,
  endsOn: date,
  fundId: ['imports.hint.fundId'],
  college: ['imports.hint.college'],
  level: choices(levels),
  locale: ['imports.hint.locale'],
}

function ColumnTable({ columns }: { columns: ImportColumn[] }) {
  const t = useT()
  return (
    <div className="table-wrap">
      <table className="data compact">
        <thead>
          <tr>
            <th>{t('imports.column.key')}</th>
            <th>{t('imports.column.zh')}</th>
            <th>{t('imports.column.format')}</th>
          </tr>
        </thead>
        <tbody>
          {columns.map((c) => {
            const [key, params] = columnHints[c.key] ?? ['imports.hint.text']
            return (
              <tr key={c.key}>
                <td>
                  <code>{c.key}</code>
                  {c.required && ' *'}
                </td>
                <td>
                  {c.zh}
                  {c.required && ' *'}
                </td>
                <td>{t(key, params)}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
