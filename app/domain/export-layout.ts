import { recognisedColumns } from './learning-agreement'

// The payments-and-releases CSV for the university's accounting software (ADR 0028): the columns
// it may have, the order the admin configures (to match the software's import), and each row's
// voucher reference, derived from the ledger row's number so that it never changes between exports.

export const movementColumns = [
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
export type MovementColumn = (typeof movementColumns)[number]

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
