// The CSV exports other systems import, each in the column order the admin configures to match
// the import: the payments-and-releases CSV for the university's accounting software (ADR 0028),
// each row with a voucher reference derived from the ledger row's number so that it never changes
// between exports, and the recognised courses for the academic affairs system (decision 26).
import { recognisedColumns } from './learning-agreement'

const movementColumns = [
  'reference',
  'day',
  'fiscalYear',
  'academicYear',
  'kind',
  'amount',
  'fund',
  'college',
  'studentNumber',
  'student',
  'application',
  'voucher',
] as const

/** Each export whose columns the admin orders, by its ExportLayout row's id: the columns it may have. */
export const exportLayouts = {
  'finance-movements': movementColumns,
  'recognised-courses': recognisedColumns,
} as const
export type ExportLayoutId = keyof typeof exportLayouts
export type ColumnOf<L extends ExportLayoutId> = (typeof exportLayouts)[L][number]
export const exportLayoutIds = Object.keys(exportLayouts) as ExportLayoutId[]

/** Whether a text names one of the layout's columns. */
export function isColumnOf<L extends ExportLayoutId>(layout: L, value: string): value is ColumnOf<L> {
  return (exportLayouts[layout] as readonly string[]).includes(value)
}

/** A layout as the admin sends it: every entry a known column, none twice, at least one. */
export function layoutProblem(layout: ExportLayoutId, columns: readonly string[]): 'empty' | 'unknown' | 'duplicate' | null {
  if (!columns.length) return 'empty'
  if (columns.some((c) => !isColumnOf(layout, c))) return 'unknown'
  return new Set(columns).size === columns.length ? null : 'duplicate'
}

/** The stable voucher reference of a ledger row: "MP" and its number, zero-padded. */
export const voucherReference = (no: number) => `MP${String(no).padStart(8, '0')}`
