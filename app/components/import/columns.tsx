import { useT } from '~/components/i18n'
import { gpaScales } from '~/domain/eligibility'
import { importColumns, importKinds, type ImportColumn } from '~/domain/import/columns'
import { partnerTiers, regions } from '~/domain/policy'
import { programKinds } from '~/domain/program'
import { levels } from '~/domain/roles'
import type { MessageKey, Params } from '~/i18n'

// What each import kind's columns hold: a template to download and, per column, its format.

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
  gpa: ['imports.hint.gpa'],
  gpaScale: choices(gpaScales),
  enrolmentYear: ['imports.hint.enrolmentYear'],
}

/** Every kind's columns, the one being imported (`open`) unfolded. */
export function ColumnGuide({ open, invitationDays }: { open: string | undefined; invitationDays: number }) {
  const t = useT()
  return (
    <>
      <h2>{t('imports.columns')}</h2>
      <p className="muted">{t('imports.columnsIntro')}</p>
      {importKinds.map((kind) => (
        <details key={kind} className="card" open={kind === open}>
          {/* The template link sits under the summary: a link inside it would be a control in a control. */}
          <summary>
            <strong>{t(`imports.kind.${kind}`)}</strong>
          </summary>
          <p>
            <a href={`/admin/import/template/${kind}.csv`} download>
              {t('imports.template')}
            </a>
          </p>
          {kind === 'students' && <p className="muted">{t('imports.studentsNote', { days: invitationDays })}</p>}
          {kind === 'records' && <p className="muted">{t('imports.recordsNote')}</p>}
          <ColumnTable columns={importColumns[kind]} />
        </details>
      ))}
    </>
  )
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
