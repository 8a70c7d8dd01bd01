/** A short reference a student can quote on the phone, e.g. "2026-2027-7F3K9Q". */
export function applicationReference(applicationId: string, academicYear: string): string {
  return `${academicYear}-${applicationId.slice(-6).toUpperCase()}`
}
