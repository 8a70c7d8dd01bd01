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

const known: ReadonlySet<string> = new Set(movementColumns)
export const isMovementColumn = (value: string): value is MovementColumn => known.has(value)

/** A layout as the admin sends it: every entry a known column, none twice, at least one. */
export function layoutProblem(columns: readonly string[]): 'empty' | 'unknown' | 'duplicate' | null {
  if (!columns.length) return 'empty'
  if (columns.some((c) => !isMovementColumn(c))) return 'unknown'
  return new Set(columns).size === columns.length ? null : 'duplicate'
}

/** The stable voucher reference of a ledger row: "MP" and its number, zero-padded. */
export const voucherReference = (no: number) => `MP${String(no).padStart(8, '0')}`
