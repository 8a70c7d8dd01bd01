import type { LoaderFunctionArgs } from '@remix-run/node'
import { importColumns, isImportKind } from '~/domain/import/columns'
import { formatCsv } from '~/domain/import/csv'
import { requestLocale, requireUser } from '~/lib/auth.server'
import { contentDisposition } from '~/lib/storage.server'

// GET /admin/import/template/<kind>.csv: a header row (Chinese or English names, in the admin's
// language; "*" marks required columns) and one example row, UTF-8 with a BOM for Excel.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'admin' })
  const kind = /^(\w+)\.csv$/.exec(params.file ?? '')?.[1]
  if (!isImportKind(kind)) throw new Response('Not found', { status: 404 })
  const locale = await requestLocale(request, user)
  const columns = importColumns[kind]
  const header = columns.map((c) => `${locale === 'en' ? c.key : c.zh}${c.required ? '*' : ''}`)
  return new Response(formatCsv([header, columns.map((c) => c.example)]), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': contentDisposition(`${kind}-template.csv`, 'attachment'),
      'Cache-Control': 'no-store',
    },
  })
}
