// Which applications ask the university for money: those go through finance's check after the
// office approves (workflow: office_approve → funding_check).
import type { ProgramKind } from './program'

export function requestsUniversityMoney(
  kind: ProgramKind,
  details: { budget?: Partial<Record<string, number>>; fundingSource?: string },
  program: { fundId: string | null },
): boolean {
  if (!program.fundId) return false
  if (kind === 'conference') return Object.values(details.budget ?? {}).some((fen) => (fen ?? 0) > 0)
  if (kind === 'joint_training') return details.fundingSource === 'university'
  // A funded exchange program pays every exchange student its scholarship.
  return true
}
